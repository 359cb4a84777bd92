package org.smoltcp4j.wire;

/**
 * The meaning of an ICMPv6 echo or error message (RFC 4443). NDISC messages are read by
 * {@link NdiscRepr}, MLDv2 by {@link MldRepr}; this holder reports their types UNSUPPORTED.
 *
 * <p>Echo data stays in the caller's buffer ({@link #dataOffset()}/{@link #dataLength()}). An
 * error carries the invoking packet: its IPv6 header is parsed into {@link #invokingHeader()} and
 * the rest of the quote is again at {@link #dataOffset()}. {@link #emit} writes the 8-byte ICMPv6
 * header and, for errors, the quoted IPv6 header; the caller copies the data after it and then
 * calls {@link Icmpv6Packet#fillChecksum} (or leaves the checksum to offload).
 */
public final class Icmpv6Repr {

    /** {@link #icmpv4Equivalent()}: the message has no ICMPv4 counterpart (an echo, an unassigned code). */
    public static final int NO_ICMPV4_EQUIVALENT = -1;

    /** {@link #icmpv4Equivalent()}'s ICMPv4 codes for Destination Unreachable codes 0..6. */
    private static final int[] UNREACHABLE_CODES = {
        Icmpv4Packet.UNREACHABLE_HOST, Icmpv4Packet.UNREACHABLE_ADMINISTRATIVELY_PROHIBITED, Icmpv4Packet.UNREACHABLE_HOST,
        Icmpv4Packet.UNREACHABLE_HOST, Icmpv4Packet.UNREACHABLE_PORT, Icmpv4Packet.UNREACHABLE_ADMINISTRATIVELY_PROHIBITED,
        Icmpv4Packet.UNREACHABLE_ADMINISTRATIVELY_PROHIBITED,
    };

    private final Ipv6Repr invoking = new Ipv6Repr();
    private final Ipv6Packet quoted = new Ipv6Packet();
    private int type = Icmpv6Packet.TYPE_ECHO_REQUEST;
    private int code;
    private int identifier;
    private int sequence;
    private long word;
    private int dataOffset;
    private int dataLength;

    /**
     * Fills this holder. TRUNCATED when short (an error whose quote is shorter than an IPv6
     * header included); BAD_CHECKSUM when {@code verifyChecksum} and it fails; MALFORMED for a
     * quoted packet that is not IPv6; UNSUPPORTED for other types.
     */
    public int parse(Icmpv6Packet packet, boolean verifyChecksum, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        int t = packet.type();
        boolean error = t >= Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE && t <= Icmpv6Packet.TYPE_PARAMETER_PROBLEM;
        if (!error && t != Icmpv6Packet.TYPE_ECHO_REQUEST && t != Icmpv6Packet.TYPE_ECHO_REPLY) {
            return WireStatus.UNSUPPORTED;
        }
        if (verifyChecksum && !packet.verifyChecksum(srcHigh, srcLow, dstHigh, dstLow)) {
            return WireStatus.BAD_CHECKSUM;
        }
        int payloadAt = packet.payloadOffset();
        int payloadLen = packet.payloadLength();
        if (error) {
            status = invoking.parseQuoted(quoted.wrap(packet.buffer(), payloadAt, payloadLen));
            if (status != WireStatus.OK) {
                return status;
            }
            payloadAt += Ipv6Packet.HEADER_LEN;
            payloadLen -= Ipv6Packet.HEADER_LEN;
        }
        type = t;
        code = packet.code();
        identifier = error ? 0 : packet.echoIdentifier();
        sequence = error ? 0 : packet.echoSequence();
        word = error ? packet.word() : 0;
        dataOffset = payloadAt;
        dataLength = payloadLen;
        return WireStatus.OK;
    }

    /** Header bytes {@link #emit} writes: 8, plus 40 for the quoted header of an error. */
    public int bufferLen() {
        return Icmpv6Packet.isError(type) ? 8 + Ipv6Packet.HEADER_LEN : 8;
    }

    /** Writes the header (and an error's quoted IPv6 header); the checksum is left 0. */
    public void emit(Icmpv6Packet packet) {
        if (packet.length() < bufferLen()) {
            throw new IllegalArgumentException("ICMPv6 packet of " + packet.length() + " bytes cannot hold " + bufferLen());
        }
        packet.setTypeAndCode(type, code);
        if (Icmpv6Packet.isError(type)) {
            packet.setWord(word);
            invoking.emit(quoted.wrap(packet.buffer(), packet.offset() + 8, Ipv6Packet.HEADER_LEN));
        } else {
            packet.setEcho(identifier, sequence);
        }
    }

    /** An echo request or reply; {@code dataLength} is the caller's data, recorded for printing. */
    public Icmpv6Repr setEcho(boolean request, int identifier, int sequence, int dataLength) {
        this.identifier = Ipv6Repr.requireRange("echo identifier", identifier, 0xffff);
        this.sequence = Ipv6Repr.requireRange("echo sequence", sequence, 0xffff);
        this.dataLength = requireNonNegative(dataLength);
        this.type = request ? Icmpv6Packet.TYPE_ECHO_REQUEST : Icmpv6Packet.TYPE_ECHO_REPLY;
        this.code = 0;
        this.word = 0;
        this.dataOffset = 0;
        return this;
    }

    /**
     * An error of {@code type} 1..4 with its code, the MTU (type 2) or pointer (type 4) or 0, and
     * the quoted packet's header taken from {@code header}; {@code dataLength} quoted bytes follow.
     */
    public Icmpv6Repr setError(int type, int code, long mtuOrPointer, Ipv6Repr header, int dataLength) {
        if (type < Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE || type > Icmpv6Packet.TYPE_PARAMETER_PROBLEM) {
            throw new IllegalArgumentException("ICMPv6 error type must be 1..4, got " + type);
        }
        Ipv6Repr.requireRange("ICMPv6 code", code, 0xff);
        if (mtuOrPointer < 0 || mtuOrPointer > 0xffffffffL
                || mtuOrPointer != 0 && type != Icmpv6Packet.TYPE_PACKET_TOO_BIG && type != Icmpv6Packet.TYPE_PARAMETER_PROBLEM) {
            throw new IllegalArgumentException("ICMPv6 error word (MTU/pointer) for type " + type + " is invalid: " + mtuOrPointer);
        }
        this.dataLength = requireNonNegative(dataLength);
        invoking.set(header.sourceHigh(), header.sourceLow(), header.destinationHigh(), header.destinationLow(),
                header.nextHeader(), header.payloadLength(), header.hopLimit());
        invoking.setTrafficClass(header.trafficClass()).setFlowLabel(header.flowLabel());
        this.type = type;
        this.code = code;
        this.word = mtuOrPointer;
        this.identifier = 0;
        this.sequence = 0;
        this.dataOffset = 0;
        return this;
    }

    private static int requireNonNegative(int dataLength) {
        if (dataLength < 0) {
            throw new IllegalArgumentException("data length must be >= 0, got " + dataLength);
        }
        return dataLength;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }

    public int echoIdentifier() {
        return identifier;
    }

    public int echoSequence() {
        return sequence;
    }

    /** MTU of Packet Too Big. */
    public long mtu() {
        return type == Icmpv6Packet.TYPE_PACKET_TOO_BIG ? word : 0;
    }

    /** Pointer of Parameter Problem. */
    public long pointer() {
        return type == Icmpv6Packet.TYPE_PARAMETER_PROBLEM ? word : 0;
    }

    /**
     * The ICMPv4 error with this error's meaning, as {@code type << 8 | code}, so sockets report
     * errors of both IP versions in one vocabulary (RFC 7915 section 5.2's translation): no route,
     * beyond scope and address unreachable are host unreachable; administratively prohibited and
     * its subsets 5 (source address failed policy) and 6 (reject route, RFC 4443 3.1) are
     * "communication administratively prohibited" (13, RFC 1812; RFC 7915 picks 10, its host-only
     * form); port unreachable is port unreachable; Packet Too Big is "fragmentation needed";
     * Time Exceeded keeps its code; Parameter Problem code 1 (unrecognised next header) is protocol
     * unreachable, any other is the pointer form (12/0).
     *
     * @return {@link #NO_ICMPV4_EQUIVALENT} for an echo, a Destination Unreachable code above 6 or
     *         a Time Exceeded code above 1 (unassigned)
     */
    public int icmpv4Equivalent() {
        switch (type) {
            case Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE:
                return code > 6 ? NO_ICMPV4_EQUIVALENT : Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | UNREACHABLE_CODES[code];
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG:
                return Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED;
            case Icmpv6Packet.TYPE_TIME_EXCEEDED:
                return code > 1 ? NO_ICMPV4_EQUIVALENT : Icmpv4Packet.TYPE_TIME_EXCEEDED << 8 | code;
            case Icmpv6Packet.TYPE_PARAMETER_PROBLEM:
                return code == 1 ? Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_PROTOCOL
                        : Icmpv4Packet.TYPE_PARAMETER_PROBLEM << 8 | Icmpv4Packet.PARAMETER_POINTER;
            default:
                return NO_ICMPV4_EQUIVALENT;
        }
    }

    /** An error's quoted IPv6 header (meaningless for echo). */
    public Ipv6Repr invokingHeader() {
        return invoking;
    }

    /** Absolute index of echo data, or of the quote after its IPv6 header, in the parsed buffer. */
    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** {@code ICMPv6 echo request id=4660 seq=43981 len=4} / {@code ICMPv6 packet too big mtu=1500 (IPv6 ..)}. */
    public StringBuilder appendTo(StringBuilder out) {
        switch (type) {
            case Icmpv6Packet.TYPE_ECHO_REQUEST:
            case Icmpv6Packet.TYPE_ECHO_REPLY:
                out.append(type == Icmpv6Packet.TYPE_ECHO_REQUEST ? "ICMPv6 echo request id=" : "ICMPv6 echo reply id=");
                return out.append(identifier).append(" seq=").append(sequence).append(" len=").append(dataLength);
            case Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE:
                out.append("ICMPv6 destination unreachable code=").append(code);
                break;
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG:
                out.append("ICMPv6 packet too big mtu=").append(word);
                break;
            case Icmpv6Packet.TYPE_TIME_EXCEEDED:
                out.append("ICMPv6 time exceeded code=").append(code);
                break;
            default:
                out.append("ICMPv6 parameter problem code=").append(code).append(" pointer=").append(word);
        }
        return invoking.appendTo(out.append(" (")).append(')');
    }
}
