package org.smoltcp4j.wire;

/**
 * The meaning of a TCP segment: ports, sequence and acknowledgment numbers, flags, window, urgent
 * pointer, the options MSS, window scale, SACK-permitted, SACK blocks and timestamps, and the
 * payload length (the payload stays in the caller's buffer).
 *
 * <p>Parsing follows smoltcp: port 0 on either side, or two of SYN/FIN/RST together, is
 * MALFORMED; a window scale above 14 is clamped to 14 (RFC 7323 section 2.3); unknown options are
 * skipped; the acknowledgment number and urgent pointer are kept only when ACK / URG is set
 * (0 otherwise). Up to {@link TcpOptionCursor#MAX_SACK_BLOCKS} SACK blocks are held; blocks that
 * do not fit beside the other options in the aligned layout {@link #emit} uses are dropped from
 * the end, as smoltcp drops a fourth block (RFC 2018 puts the most recent block first).
 *
 * <p>{@link #emit} writes options in the layout Linux uses, each multi-byte field 4-byte aligned
 * by NOPs: MSS; SACK-permitted with timestamps (or NOP NOP before either alone); NOP and window
 * scale; NOP NOP and SACK blocks. The setters refuse anything that would not fit 40 bytes.
 */
public final class TcpRepr {

    /** Value of {@link #maxSegmentSize()} and {@link #windowScale()} when the option is absent. */
    public static final int NONE = -1;
    /** The largest shift count RFC 7323 allows. */
    public static final int MAX_WINDOW_SCALE = 14;
    /**
     * Largest payload that fits an IPv4 packet beside the smallest IPv4 and TCP headers (options
     * make the real limit smaller; the IP layer refuses a packet over its MTU). A full-sized segment
     * of a 65535-byte MTU with timestamps, 65483 bytes, must be representable.
     */
    public static final int MAX_PAYLOAD_LEN = 0xffff - Ipv4Packet.HEADER_LEN - TcpPacket.HEADER_LEN;

    private static final int CONTROL_FLAGS = TcpPacket.FLAG_SYN | TcpPacket.FLAG_FIN | TcpPacket.FLAG_RST;
    private static final int MSS_LEN = 4;
    private static final int TIMESTAMP_LEN = 12;
    private static final int SACK_PERMITTED_LEN = 4;
    private static final int WINDOW_SCALE_LEN = 4;
    private static final int SACK_HEADER_LEN = 4;
    private static final int SACK_BLOCK_LEN = 8;

    private final int[] sackLeft = new int[TcpOptionCursor.MAX_SACK_BLOCKS];
    private final int[] sackRight = new int[TcpOptionCursor.MAX_SACK_BLOCKS];
    private final TcpOptionCursor cursor = new TcpOptionCursor();

    private int sourcePort = 1;
    private int destinationPort = 1;
    private int sequenceNumber;
    private int ackNumber;
    private int flags;
    private int window;
    private int urgentPointer;
    private int maxSegmentSize = NONE;
    private int windowScale = NONE;
    private boolean sackPermitted;
    private int sackBlockCount;
    private boolean hasTimestamp;
    private int timestampValue;
    private int timestampEchoReply;
    private int payloadLength;

    /** Fills this holder from a segment carried over IPv4 between {@code source} and {@code destination}. */
    public int parseIpv4(TcpPacket packet, int source, int destination, boolean verifyChecksum) {
        int status = checkPorts(packet);
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.verifyChecksumIpv4(source, destination)) {
            return WireStatus.BAD_CHECKSUM;
        }
        return parseChecked(packet);
    }

    /** Fills this holder from a segment carried over IPv6 between the given addresses. */
    public int parseIpv6(TcpPacket packet, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
            boolean verifyChecksum) {
        int status = checkPorts(packet);
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.verifyChecksumIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow)) {
            return WireStatus.BAD_CHECKSUM;
        }
        return parseChecked(packet);
    }

    private static int checkPorts(TcpPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        return packet.sourcePort() == 0 || packet.destinationPort() == 0 ? WireStatus.MALFORMED : WireStatus.OK;
    }

    /** Validates flags and options before touching any field, so a failed parse leaves the holder as it was. */
    private int parseChecked(TcpPacket packet) {
        if (!isValidControl(packet.flags())) {
            return WireStatus.MALFORMED;
        }
        cursor.reset(packet);
        int status;
        do {
            status = cursor.next();
        } while (status == WireStatus.OK);
        if (status != TcpOptionCursor.DONE) {
            return status;
        }
        fillHeader(packet);
        fillOptions(packet);
        return WireStatus.OK;
    }

    private void fillHeader(TcpPacket packet) {
        sourcePort = packet.sourcePort();
        destinationPort = packet.destinationPort();
        sequenceNumber = packet.sequenceNumber();
        flags = packet.flags();
        ackNumber = (flags & TcpPacket.FLAG_ACK) != 0 ? packet.ackNumber() : 0;
        urgentPointer = (flags & TcpPacket.FLAG_URG) != 0 ? packet.urgentPointer() : 0;
        window = packet.window();
        payloadLength = packet.payloadLength();
    }

    private void fillOptions(TcpPacket packet) {
        clearOptions();
        cursor.reset(packet);
        while (cursor.next() == WireStatus.OK) {
            switch (cursor.kind()) {
                case TcpOptionCursor.KIND_MSS:
                    maxSegmentSize = cursor.maxSegmentSize();
                    break;
                case TcpOptionCursor.KIND_WINDOW_SCALE:
                    windowScale = Math.min(cursor.windowScale(), MAX_WINDOW_SCALE);
                    break;
                case TcpOptionCursor.KIND_SACK_PERMITTED:
                    sackPermitted = true;
                    break;
                case TcpOptionCursor.KIND_SACK:
                    // 40 option bytes hold at most 4 blocks, so the arrays always suffice.
                    sackBlockCount = cursor.sackBlockCount();
                    for (int i = 0; i < sackBlockCount; i++) {
                        sackLeft[i] = cursor.sackLeft(i);
                        sackRight[i] = cursor.sackRight(i);
                    }
                    break;
                case TcpOptionCursor.KIND_TIMESTAMP:
                    hasTimestamp = true;
                    timestampValue = cursor.timestampValue();
                    timestampEchoReply = cursor.timestampEchoReply();
                    break;
                default:
                    break;
            }
        }
        // Only now are the other options known, and with them the room left for SACK blocks.
        sackBlockCount = Math.min(sackBlockCount, sackBlocksThatFit());
    }

    private static boolean isValidControl(int flags) {
        int control = flags & CONTROL_FLAGS;
        return (control & (control - 1)) == 0;
    }

    /** Header bytes {@link #emit} writes: the fixed header and the options. */
    public int bufferLen() {
        return TcpPacket.HEADER_LEN + optionsLength();
    }

    /** Length of the options in the aligned layout, a multiple of 4. */
    public int optionsLength() {
        return optionsLengthWithoutSack() + sackLength(sackBlockCount);
    }

    private int optionsLengthWithoutSack() {
        int length = 0;
        if (maxSegmentSize != NONE) {
            length += MSS_LEN;
        }
        if (hasTimestamp) {
            length += TIMESTAMP_LEN;
        } else if (sackPermitted) {
            length += SACK_PERMITTED_LEN;
        }
        if (windowScale != NONE) {
            length += WINDOW_SCALE_LEN;
        }
        return length;
    }

    private static int sackLength(int blocks) {
        return blocks == 0 ? 0 : SACK_HEADER_LEN + blocks * SACK_BLOCK_LEN;
    }

    private int sackBlocksThatFit() {
        int room = TcpPacket.MAX_OPTIONS_LEN - optionsLengthWithoutSack() - SACK_HEADER_LEN;
        return Math.max(0, Math.min(TcpOptionCursor.MAX_SACK_BLOCKS, room / SACK_BLOCK_LEN));
    }

    /** Payload bytes plus one for SYN and one for FIN: the sequence space the segment occupies. */
    public int segmentLength() {
        int length = payloadLength;
        if ((flags & TcpPacket.FLAG_SYN) != 0) {
            length++;
        }
        if ((flags & TcpPacket.FLAG_FIN) != 0) {
            length++;
        }
        return length;
    }

    /**
     * Writes the header and options with a zero checksum into {@code packet}, whose length must
     * be the whole segment ({@link #bufferLen()} plus {@link #payloadLength()}). Put the payload at
     * {@link TcpPacket#payloadOffset()}, then call {@link TcpPacket#fillChecksumIpv4} /
     * {@code fillChecksumIpv6}, or leave the zero for checksum offload.
     */
    public void emit(TcpPacket packet) {
        int header = bufferLen();
        if (packet.length() != header + payloadLength) {
            throw new IllegalArgumentException("TCP packet of " + packet.length() + " bytes is not the "
                    + (header + payloadLength) + "-byte segment (" + header + " header + " + payloadLength + " payload)");
        }
        packet.setSourcePort(sourcePort);
        packet.setDestinationPort(destinationPort);
        packet.setSequenceNumber(sequenceNumber);
        packet.setAckNumber(ackNumber);
        packet.setHeaderLengthAndFlags(header, flags);
        packet.setWindow(window);
        packet.setChecksum(0);
        packet.setUrgentPointer(urgentPointer);
        emitOptions(packet.buffer(), packet.optionsOffset());
    }

    private void emitOptions(byte[] buf, int at) {
        if (maxSegmentSize != NONE) {
            at = kindAndLength(buf, at, TcpOptionCursor.KIND_MSS, 4);
            NetworkBytes.setU16(buf, at, maxSegmentSize);
            at += 2;
        }
        if (hasTimestamp) {
            if (sackPermitted) {
                at = kindAndLength(buf, at, TcpOptionCursor.KIND_SACK_PERMITTED, 2);
            } else {
                at = nops(buf, at, 2);
            }
            at = kindAndLength(buf, at, TcpOptionCursor.KIND_TIMESTAMP, 10);
            NetworkBytes.setU32(buf, at, timestampValue);
            NetworkBytes.setU32(buf, at + 4, timestampEchoReply);
            at += 8;
        } else if (sackPermitted) {
            at = kindAndLength(buf, nops(buf, at, 2), TcpOptionCursor.KIND_SACK_PERMITTED, 2);
        }
        if (windowScale != NONE) {
            at = kindAndLength(buf, nops(buf, at, 1), TcpOptionCursor.KIND_WINDOW_SCALE, 3);
            NetworkBytes.setU8(buf, at++, windowScale);
        }
        if (sackBlockCount > 0) {
            at = kindAndLength(buf, nops(buf, at, 2), TcpOptionCursor.KIND_SACK, 2 + sackBlockCount * SACK_BLOCK_LEN);
            for (int i = 0; i < sackBlockCount; i++) {
                NetworkBytes.setU32(buf, at, sackLeft[i]);
                NetworkBytes.setU32(buf, at + 4, sackRight[i]);
                at += SACK_BLOCK_LEN;
            }
        }
    }

    private static int nops(byte[] buf, int at, int count) {
        NetworkBytes.fill(buf, at, count, (byte) TcpOptionCursor.KIND_NOP);
        return at + count;
    }

    private static int kindAndLength(byte[] buf, int at, int kind, int length) {
        NetworkBytes.setU8(buf, at, kind);
        NetworkBytes.setU8(buf, at + 1, length);
        return at + 2;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The acknowledgment number; 0 unless the ACK flag is set. */
    public int ackNumber() {
        return ackNumber;
    }

    /** The {@code TcpPacket.FLAG_*} bits. */
    public int flags() {
        return flags;
    }

    /** True when every flag of {@code mask} is set. */
    public boolean hasFlags(int mask) {
        return (flags & mask) == mask;
    }

    public int window() {
        return window;
    }

    /** The urgent pointer; 0 unless the URG flag is set. */
    public int urgentPointer() {
        return urgentPointer;
    }

    /** The MSS option's value, or {@link #NONE}. */
    public int maxSegmentSize() {
        return maxSegmentSize;
    }

    /** The window scale shift (0..14), or {@link #NONE}. */
    public int windowScale() {
        return windowScale;
    }

    public boolean sackPermitted() {
        return sackPermitted;
    }

    public int sackBlockCount() {
        return sackBlockCount;
    }

    public int sackLeft(int index) {
        return sackLeft[requireSackIndex(index)];
    }

    public int sackRight(int index) {
        return sackRight[requireSackIndex(index)];
    }

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** TSval, an {@code int} bit pattern; 0 without the option. */
    public int timestampValue() {
        return timestampValue;
    }

    /** TSecr, an {@code int} bit pattern; 0 without the option. */
    public int timestampEchoReply() {
        return timestampEchoReply;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public TcpRepr setSourcePort(int port) {
        sourcePort = UdpRepr.requirePort("TCP source port", port, 1);
        return this;
    }

    public TcpRepr setDestinationPort(int port) {
        destinationPort = UdpRepr.requirePort("TCP destination port", port, 1);
        return this;
    }

    public TcpRepr setSequenceNumber(int seq) {
        sequenceNumber = seq;
        return this;
    }

    /** Sets the acknowledgment number and the ACK flag. */
    public TcpRepr setAckNumber(int ack) {
        ackNumber = ack;
        flags |= TcpPacket.FLAG_ACK;
        return this;
    }

    /**
     * Sets all eight flags; at most one of SYN, FIN and RST. Clearing ACK or URG zeroes the
     * acknowledgment number or urgent pointer.
     */
    public TcpRepr setFlags(int flags) {
        if ((flags & ~TcpPacket.ALL_FLAGS) != 0 || !isValidControl(flags)) {
            throw new IllegalArgumentException("TCP flags must be 8 bits with at most one of SYN, FIN, RST, got 0x"
                    + Integer.toHexString(flags));
        }
        this.flags = flags;
        if ((flags & TcpPacket.FLAG_ACK) == 0) {
            ackNumber = 0;
        }
        if ((flags & TcpPacket.FLAG_URG) == 0) {
            urgentPointer = 0;
        }
        return this;
    }

    public TcpRepr setWindow(int window) {
        this.window = requireU16("TCP window", window);
        return this;
    }

    /** Sets the urgent pointer and the URG flag. */
    public TcpRepr setUrgentPointer(int pointer) {
        urgentPointer = requireU16("TCP urgent pointer", pointer);
        flags |= TcpPacket.FLAG_URG;
        return this;
    }

    public TcpRepr setPayloadLength(int length) {
        if (length < 0 || length > MAX_PAYLOAD_LEN) {
            throw new IllegalArgumentException("TCP payload length must be 0.." + MAX_PAYLOAD_LEN + ", got " + length);
        }
        payloadLength = length;
        return this;
    }

    /** Sets the MSS option (0..65535). */
    public TcpRepr setMaxSegmentSize(int mss) {
        requireU16("TCP MSS", mss);
        requireRoom("MSS", maxSegmentSize != NONE ? 0 : MSS_LEN);
        maxSegmentSize = mss;
        return this;
    }

    /** Sets the window scale option, a shift of 0..14. */
    public TcpRepr setWindowScale(int shift) {
        if (shift < 0 || shift > MAX_WINDOW_SCALE) {
            throw new IllegalArgumentException("TCP window scale must be 0.." + MAX_WINDOW_SCALE + ", got " + shift);
        }
        requireRoom("window scale", windowScale != NONE ? 0 : WINDOW_SCALE_LEN);
        windowScale = shift;
        return this;
    }

    public TcpRepr setSackPermitted(boolean permitted) {
        requireRoom("SACK-permitted", permitted && !sackPermitted && !hasTimestamp ? SACK_PERMITTED_LEN : 0);
        sackPermitted = permitted;
        return this;
    }

    /** Sets the timestamp option's TSval and TSecr (int bit patterns). */
    public TcpRepr setTimestamp(int value, int echoReply) {
        requireRoom("timestamp", hasTimestamp ? 0 : sackPermitted ? TIMESTAMP_LEN - SACK_PERMITTED_LEN : TIMESTAMP_LEN);
        hasTimestamp = true;
        timestampValue = value;
        timestampEchoReply = echoReply;
        return this;
    }

    /** Appends a SACK block {@code [left, right)}, most recent first (RFC 2018). */
    public TcpRepr addSackBlock(int left, int right) {
        if (sackBlockCount == TcpOptionCursor.MAX_SACK_BLOCKS) {
            throw new IllegalArgumentException("at most " + TcpOptionCursor.MAX_SACK_BLOCKS + " SACK blocks");
        }
        requireRoom("SACK block", sackLength(sackBlockCount + 1) - sackLength(sackBlockCount));
        sackLeft[sackBlockCount] = left;
        sackRight[sackBlockCount] = right;
        sackBlockCount++;
        return this;
    }

    public TcpRepr clearMaxSegmentSize() {
        maxSegmentSize = NONE;
        return this;
    }

    public TcpRepr clearWindowScale() {
        windowScale = NONE;
        return this;
    }

    public TcpRepr clearTimestamp() {
        hasTimestamp = false;
        timestampValue = 0;
        timestampEchoReply = 0;
        return this;
    }

    public TcpRepr clearSackBlocks() {
        sackBlockCount = 0;
        return this;
    }

    /** Removes every option. */
    public TcpRepr clearOptions() {
        sackPermitted = false;
        return clearMaxSegmentSize().clearWindowScale().clearTimestamp().clearSackBlocks();
    }

    private void requireRoom(String option, int extra) {
        if (optionsLength() + extra > TcpPacket.MAX_OPTIONS_LEN) {
            throw new IllegalArgumentException("TCP " + option + " option does not fit: " + optionsLength() + " + "
                    + extra + " bytes exceed " + TcpPacket.MAX_OPTIONS_LEN);
        }
    }

    private int requireSackIndex(int index) {
        if (index < 0 || index >= sackBlockCount) {
            throw new IndexOutOfBoundsException("SACK block " + index + " of " + sackBlockCount);
        }
        return index;
    }

    private static int requireU16(String what, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + value);
        }
        return value;
    }

    /**
     * tcpdump-style, after smoltcp:
     * {@code TCP src=49500 dst=80 syn seq=1 win=64240 len=0 mss=1460 sackOK ts=1/0 ws=7}.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("TCP src=").append(sourcePort).append(" dst=").append(destinationPort);
        appendFlag(out, TcpPacket.FLAG_SYN, " syn");
        appendFlag(out, TcpPacket.FLAG_FIN, " fin");
        appendFlag(out, TcpPacket.FLAG_RST, " rst");
        appendFlag(out, TcpPacket.FLAG_PSH, " psh");
        appendFlag(out, TcpPacket.FLAG_ECE, " ece");
        appendFlag(out, TcpPacket.FLAG_CWR, " cwr");
        TcpSeqNumber.append(out.append(" seq="), sequenceNumber);
        if ((flags & TcpPacket.FLAG_ACK) != 0) {
            TcpSeqNumber.append(out.append(" ack="), ackNumber);
        }
        out.append(" win=").append(window);
        if ((flags & TcpPacket.FLAG_URG) != 0) {
            out.append(" urg=").append(urgentPointer);
        }
        out.append(" len=").append(payloadLength);
        if (maxSegmentSize != NONE) {
            out.append(" mss=").append(maxSegmentSize);
        }
        if (windowScale != NONE) {
            out.append(" ws=").append(windowScale);
        }
        if (sackPermitted) {
            out.append(" sackOK");
        }
        for (int i = 0; i < sackBlockCount; i++) {
            TcpSeqNumber.append(out.append(i == 0 ? " sack=" : ","), sackLeft[i]);
            TcpSeqNumber.append(out.append('-'), sackRight[i]);
        }
        if (hasTimestamp) {
            TcpSeqNumber.append(out.append(" ts="), timestampValue);
            TcpSeqNumber.append(out.append('/'), timestampEchoReply);
        }
        return out;
    }

    private void appendFlag(StringBuilder out, int flag, String name) {
        if ((flags & flag) != 0) {
            out.append(name);
        }
    }
}
