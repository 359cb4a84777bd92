package org.smoltcp4j.wire;

/**
 * The meaning of an ICMPv4 message: echo request/reply, or one of the errors that quote the
 * offending datagram (destination unreachable, redirect, time exceeded, parameter problem).
 * Other types (timestamps, router discovery, source quench, information) are UNSUPPORTED.
 *
 * <p>Echo data and the quoted payload bytes stay in the packet buffer: {@link #parse} records where
 * they are ({@link #dataOffset()}, {@link #embeddedDataOffset()}); {@link #emit} writes the 8-byte
 * header and, for errors, the quoted IPv4 header, which this holder owns ({@link #embeddedHeader()}),
 * and the caller copies the data after them. The quoted payload holds the transport ports the
 * interface needs to find the socket an error concerns.
 */
public final class Icmpv4Repr {

    /** RFC 792: an error quotes the original header and at least 64 bits of its payload. */
    public static final int MIN_QUOTED_PAYLOAD = 8;
    /** Largest message an IPv4 packet can carry. */
    public static final int MAX_MESSAGE_LEN = Ipv4Repr.MAX_PAYLOAD_LEN;

    private static final int EMBEDDED_HEADER_LEN = Ipv4Packet.HEADER_LEN;

    private final Ipv4Repr embeddedHeader = new Ipv4Repr();
    private final Ipv4Packet embeddedView = new Ipv4Packet();
    private int type = Icmpv4Packet.TYPE_ECHO_REQUEST;
    private int code;
    private int identifier;
    private int sequence;
    private int dataOffset = -1;
    private int dataLength;
    private int pointer;
    private int gateway;
    private int nextHopMtu;
    private int embeddedDataOffset = -1;
    private int embeddedDataLength;

    /**
     * Fills this holder from {@code packet}, which must wrap exactly the ICMP message. TRUNCATED
     * below 8 bytes; BAD_CHECKSUM when {@code verifyChecksum} is set and the checksum fails;
     * UNSUPPORTED for other types and for codes this stack does not know; MALFORMED for an echo
     * with a non-zero code, or an error whose quoted datagram is not an IPv4 header followed by
     * 8 payload bytes (fewer only when the original payload was shorter), or whose parameter
     * problem pointer lies outside the quoted header.
     */
    public int parse(Icmpv4Packet packet, boolean verifyChecksum) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.verifyChecksum()) {
            return WireStatus.BAD_CHECKSUM;
        }
        int t = packet.type();
        int c = packet.code();
        if (t == Icmpv4Packet.TYPE_ECHO_REQUEST || t == Icmpv4Packet.TYPE_ECHO_REPLY) {
            if (c != 0) {
                return WireStatus.MALFORMED;
            }
            identifier = packet.echoIdentifier();
            sequence = packet.echoSequence();
            dataOffset = packet.dataOffset();
            dataLength = packet.dataLength();
            type = t;
            code = 0;
            return WireStatus.OK;
        }
        if (!isError(t)) {
            return WireStatus.UNSUPPORTED;
        }
        if (c > maxCode(t)) {
            return WireStatus.UNSUPPORTED;
        }
        return parseError(packet, t, c);
    }

    private int parseError(Icmpv4Packet packet, int t, int c) {
        Ipv4Packet quoted = embeddedView.wrap(packet.buffer(), packet.dataOffset(), packet.dataLength());
        if (quoted.checkHeader() != WireStatus.OK) {
            return WireStatus.MALFORMED;
        }
        int available = packet.dataLength() - quoted.headerLength();
        int originalPayload = quoted.payloadLength();
        if (available < Math.min(MIN_QUOTED_PAYLOAD, originalPayload)) {
            return WireStatus.MALFORMED;
        }
        if (t == Icmpv4Packet.TYPE_PARAMETER_PROBLEM && c == Icmpv4Packet.PARAMETER_POINTER
                && packet.pointer() >= quoted.headerLength()) {
            return WireStatus.MALFORMED;
        }
        type = t;
        code = c;
        pointer = t == Icmpv4Packet.TYPE_PARAMETER_PROBLEM ? packet.pointer() : 0;
        gateway = t == Icmpv4Packet.TYPE_REDIRECT ? packet.gateway() : 0;
        nextHopMtu = carriesMtu(t, c) ? packet.nextHopMtu() : 0;
        embeddedHeader.fillFrom(quoted);
        embeddedDataOffset = quoted.payloadOffset();
        // Bytes past the original payload are padding or RFC 4884 extensions, not the datagram.
        embeddedDataLength = Math.min(available, originalPayload);
        return WireStatus.OK;
    }

    /** Bytes {@link #emit} needs: the 8-byte header plus echo data, or plus quoted header and payload. */
    public int bufferLen() {
        if (isError(type)) {
            return Icmpv4Packet.HEADER_LEN + EMBEDDED_HEADER_LEN + embeddedDataLength;
        }
        return Icmpv4Packet.HEADER_LEN + dataLength;
    }

    /**
     * Writes the header and, for errors, the quoted IPv4 header (20 bytes, its own checksum filled)
     * into {@code packet}, exactly {@link #bufferLen()} long (its length is the message's). The caller copies the echo data to
     * {@link Icmpv4Packet#dataOffset()}, or the quoted payload 20 bytes after it. With
     * {@code fillChecksum} the checksum is computed over the whole wrapped message, so only when the
     * data is already in place; otherwise it is written 0, for the caller to fill with
     * {@link Icmpv4Packet#fillChecksum()} after copying the data, or for checksum offload.
     */
    public void emit(Icmpv4Packet packet, boolean fillChecksum) {
        int needed = bufferLen();
        if (packet.length() != needed) {
            throw new IllegalArgumentException("ICMPv4 packet of " + packet.length() + " bytes must be exactly the "
                    + needed + " bytes of this message");
        }
        packet.setType(type);
        packet.setCode(code);
        packet.setChecksum(0);
        if (isError(type)) {
            packet.setRestOfHeader(restOfHeader());
            embeddedHeader.emit(embeddedView.wrap(packet.buffer(), packet.dataOffset(), EMBEDDED_HEADER_LEN), true);
        } else {
            packet.setEcho(identifier, sequence);
        }
        if (fillChecksum) {
            packet.fillChecksum();
        }
    }

    private int restOfHeader() {
        switch (type) {
            case Icmpv4Packet.TYPE_REDIRECT:
                return gateway;
            case Icmpv4Packet.TYPE_PARAMETER_PROBLEM:
                return pointer << 24;
            default:
                return nextHopMtu;
        }
    }

    /** An echo request of {@code dataLength} data bytes. */
    public Icmpv4Repr setEchoRequest(int identifier, int sequence, int dataLength) {
        return setEcho(Icmpv4Packet.TYPE_ECHO_REQUEST, identifier, sequence, dataLength);
    }

    /** An echo reply of {@code dataLength} data bytes. */
    public Icmpv4Repr setEchoReply(int identifier, int sequence, int dataLength) {
        return setEcho(Icmpv4Packet.TYPE_ECHO_REPLY, identifier, sequence, dataLength);
    }

    private Icmpv4Repr setEcho(int echoType, int identifier, int sequence, int dataLength) {
        Ipv4Repr.requireRange("echo identifier", identifier, 0xffff);
        Ipv4Repr.requireRange("echo sequence", sequence, 0xffff);
        Ipv4Repr.requireRange("echo data length", dataLength, MAX_MESSAGE_LEN - Icmpv4Packet.HEADER_LEN);
        this.type = echoType;
        this.code = 0;
        this.identifier = identifier;
        this.sequence = sequence;
        this.dataLength = dataLength;
        this.dataOffset = -1;
        return this;
    }

    /**
     * A destination unreachable (code 0..15) quoting {@code original} and {@code quotedLength} of
     * its payload bytes; {@code nextHopMtu} (0..65535) only for code 4, fragmentation needed, else 0.
     */
    public Icmpv4Repr setDestinationUnreachable(int code, int nextHopMtu, Ipv4Repr original, int quotedLength) {
        int unreachable = Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE;
        requireCode(unreachable, code);
        int mtuLimit = carriesMtu(unreachable, code) ? 0xffff : 0;
        Ipv4Repr.requireRange("next-hop MTU (non-zero only for code 4)", nextHopMtu, mtuLimit);
        setError(unreachable, code, original, quotedLength);
        this.nextHopMtu = nextHopMtu;
        return this;
    }

    /** A time exceeded (0 TTL, 1 reassembly) quoting {@code original}. */
    public Icmpv4Repr setTimeExceeded(int code, Ipv4Repr original, int quotedLength) {
        requireCode(Icmpv4Packet.TYPE_TIME_EXCEEDED, code);
        return setError(Icmpv4Packet.TYPE_TIME_EXCEEDED, code, original, quotedLength);
    }

    /**
     * A parameter problem (code 0..2) quoting {@code original}; for code 0 the pointer must lie in
     * the 20-byte header that is emitted, for the others it is 0..255.
     */
    public Icmpv4Repr setParameterProblem(int code, int pointer, Ipv4Repr original, int quotedLength) {
        requireCode(Icmpv4Packet.TYPE_PARAMETER_PROBLEM, code);
        int limit = code == Icmpv4Packet.PARAMETER_POINTER ? EMBEDDED_HEADER_LEN - 1 : 0xff;
        Ipv4Repr.requireRange("parameter problem pointer", pointer, limit);
        setError(Icmpv4Packet.TYPE_PARAMETER_PROBLEM, code, original, quotedLength);
        this.pointer = pointer;
        return this;
    }

    /** A redirect (code 0..3) to {@code gateway}, quoting {@code original}. */
    public Icmpv4Repr setRedirect(int code, int gateway, Ipv4Repr original, int quotedLength) {
        requireCode(Icmpv4Packet.TYPE_REDIRECT, code);
        setError(Icmpv4Packet.TYPE_REDIRECT, code, original, quotedLength);
        this.gateway = gateway;
        return this;
    }

    private Icmpv4Repr setError(int errorType, int errorCode, Ipv4Repr original, int quotedLength) {
        if (original == null) {
            throw new IllegalArgumentException("the quoted original IPv4 header is null");
        }
        int fits = Math.min(original.payloadLength(), MAX_MESSAGE_LEN - Icmpv4Packet.HEADER_LEN - EMBEDDED_HEADER_LEN);
        int least = Math.min(MIN_QUOTED_PAYLOAD, original.payloadLength());
        if (quotedLength < least || quotedLength > fits) {
            throw new IllegalArgumentException("quoted payload length must be " + least + ".." + fits
                    + " for an original payload of " + original.payloadLength() + " bytes, got " + quotedLength);
        }
        embeddedHeader.copyFrom(original);
        type = errorType;
        code = errorCode;
        pointer = 0;
        gateway = 0;
        nextHopMtu = 0;
        embeddedDataLength = quotedLength;
        embeddedDataOffset = -1;
        return this;
    }

    private static void requireCode(int errorType, int code) {
        if (code < 0 || code > maxCode(errorType)) {
            throw new IllegalArgumentException("ICMPv4 type " + errorType + " code must be 0.." + maxCode(errorType)
                    + ", got " + code);
        }
    }

    private static boolean isError(int type) {
        return maxCode(type) >= 0;
    }

    /** Highest code of an error type this stack knows, or -1 when the type is not an error it handles. */
    private static int maxCode(int type) {
        switch (type) {
            case Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE:
                return 15;
            case Icmpv4Packet.TYPE_REDIRECT:
                return 3;
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
                return 1;
            case Icmpv4Packet.TYPE_PARAMETER_PROBLEM:
                return 2;
            default:
                return -1;
        }
    }

    private static boolean carriesMtu(int type, int code) {
        return type == Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE && code == Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }

    /** True for the error messages that quote a datagram. */
    public boolean isError() {
        return isError(type);
    }

    public int identifier() {
        return identifier;
    }

    public int sequence() {
        return sequence;
    }

    /** Index of the echo data in the buffer last parsed (-1 after a setter). */
    public int dataOffset() {
        return dataOffset;
    }

    /** Echo data bytes. */
    public int dataLength() {
        return dataLength;
    }

    public int pointer() {
        return pointer;
    }

    public int gateway() {
        return gateway;
    }

    public int nextHopMtu() {
        return nextHopMtu;
    }

    /** The quoted original header of an error (fields of the datagram that caused it). */
    public Ipv4Repr embeddedHeader() {
        return embeddedHeader;
    }

    /** Index of the quoted payload (the transport header's first bytes) in the buffer last parsed (-1 after a setter). */
    public int embeddedDataOffset() {
        return embeddedDataOffset;
    }

    /** Quoted payload bytes of an error, at most the original payload length. */
    public int embeddedDataLength() {
        return embeddedDataLength;
    }

    /** True when every field that is emitted equals {@code other}'s. */
    public boolean sameAs(Icmpv4Repr other) {
        if (type != other.type || code != other.code) {
            return false;
        }
        if (!isError(type)) {
            return identifier == other.identifier && sequence == other.sequence && dataLength == other.dataLength;
        }
        return pointer == other.pointer && gateway == other.gateway && nextHopMtu == other.nextHopMtu
                && embeddedDataLength == other.embeddedDataLength && embeddedHeader.sameAs(other.embeddedHeader);
    }

    /**
     * tcpdump-style: {@code ICMPv4 echo request id 4660 seq 43981 len 4}, or
     * {@code ICMPv4 destination unreachable code 3 for (IPv4 ...)}.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("ICMPv4 ");
        switch (type) {
            case Icmpv4Packet.TYPE_ECHO_REQUEST:
                return out.append("echo request id ").append(identifier).append(" seq ").append(sequence)
                        .append(" len ").append(dataLength);
            case Icmpv4Packet.TYPE_ECHO_REPLY:
                return out.append("echo reply id ").append(identifier).append(" seq ").append(sequence)
                        .append(" len ").append(dataLength);
            case Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE:
                out.append("destination unreachable code ").append(code);
                if (nextHopMtu != 0) {
                    out.append(" mtu ").append(nextHopMtu);
                }
                break;
            case Icmpv4Packet.TYPE_REDIRECT:
                Ipv4Address.append(out.append("redirect code ").append(code).append(" to "), gateway);
                break;
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
                out.append("time exceeded code ").append(code);
                break;
            default:
                out.append("parameter problem code ").append(code).append(" pointer ").append(pointer);
                break;
        }
        return embeddedHeader.appendTo(out.append(" for (")).append(')');
    }
}
