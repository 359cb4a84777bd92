package org.smoltcp4j.wire;

/**
 * A view of an ICMPv6 message (RFC 4443) over {@code buf[off, off+len)}, with the fields of the
 * messages the stack handles: echo, the four errors, NDISC (RFC 4861) and MLDv2 (RFC 3810).
 * {@link #check} validates the length against the fixed part of the message's type (and an MLDv2
 * query's source list); after it returns OK the accessors of that type do not fail.
 * {@link #payloadOffset()} is where the variable part starts: echo data, the invoking packet,
 * NDISC options, MLDv2 report records.
 */
public final class Icmpv6Packet extends PacketView {

    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAMETER_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_MLD_QUERY = 130;
    public static final int TYPE_ROUTER_SOLICITATION = 133;
    public static final int TYPE_ROUTER_ADVERTISEMENT = 134;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int TYPE_REDIRECT = 137;
    public static final int TYPE_MLDV2_REPORT = 143;

    /** Type, code, checksum. */
    public static final int MIN_LEN = 4;
    /** Fixed part of an MLDv2 query, before its sources. */
    public static final int MLD_QUERY_LEN = 28;
    /** An MLDv1 query (RFC 2710) is this long; {@link #check} reports it UNSUPPORTED. */
    public static final int MLDV1_QUERY_LEN = 24;

    public Icmpv6Packet wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * TRUNCATED when shorter than the fixed part of its type (or an MLDv2 query than its sources);
     * UNSUPPORTED for an MLDv1 query.
     */
    @Override
    public int check() {
        if (len < MIN_LEN) {
            return WireStatus.TRUNCATED;
        }
        if (type() == TYPE_MLD_QUERY) {
            if (len < MLD_QUERY_LEN) {
                return len >= MLDV1_QUERY_LEN ? WireStatus.UNSUPPORTED : WireStatus.TRUNCATED;
            }
            return len - MLD_QUERY_LEN < 16 * mldSourceCount() ? WireStatus.TRUNCATED : WireStatus.OK;
        }
        return len < headerLength() ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /** The fixed part of the message's type: where {@link #payloadOffset()} starts, relative to the message. */
    public int headerLength() {
        switch (type()) {
            case TYPE_ROUTER_ADVERTISEMENT:
                return 16;
            case TYPE_NEIGHBOR_SOLICITATION:
            case TYPE_NEIGHBOR_ADVERTISEMENT:
                return 24;
            case TYPE_REDIRECT:
                return 40;
            case TYPE_MLD_QUERY:
                return MLD_QUERY_LEN + 16 * mldSourceCount();
            case TYPE_DESTINATION_UNREACHABLE:
            case TYPE_PACKET_TOO_BIG:
            case TYPE_TIME_EXCEEDED:
            case TYPE_PARAMETER_PROBLEM:
            case TYPE_ECHO_REQUEST:
            case TYPE_ECHO_REPLY:
            case TYPE_ROUTER_SOLICITATION:
            case TYPE_MLDV2_REPORT:
                return 8;
            default:
                return MIN_LEN;
        }
    }

    /** Error messages have types below 128 (RFC 4443 section 2.1). */
    public static boolean isError(int type) {
        return type < 128;
    }

    /** Router/neighbor solicitation/advertisement and redirect. */
    public static boolean isNdisc(int type) {
        return type >= TYPE_ROUTER_SOLICITATION && type <= TYPE_REDIRECT;
    }

    /** MLDv2 query or report. */
    public static boolean isMld(int type) {
        return type == TYPE_MLD_QUERY || type == TYPE_MLDV2_REPORT;
    }

    public int type() {
        return NetworkBytes.getU8(buf, off);
    }

    public int code() {
        return NetworkBytes.getU8(buf, off + 1);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + 2);
    }

    /** Absolute index of the variable part (see the class comment). */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    // Echo (RFC 4443 section 4)

    public int echoIdentifier() {
        return NetworkBytes.getU16(buf, off + 4);
    }

    public int echoSequence() {
        return NetworkBytes.getU16(buf, off + 6);
    }

    /** Bytes 4..7 as an unsigned value: the MTU of Packet Too Big, the pointer of Parameter Problem. */
    public long word() {
        return NetworkBytes.getU32AsLong(buf, off + 4);
    }

    // NDISC (RFC 4861 section 4)

    public int currentHopLimit() {
        return NetworkBytes.getU8(buf, off + 4);
    }

    /** Router advertisement flags byte: M = 0x80, O = 0x40. */
    public int routerFlags() {
        return NetworkBytes.getU8(buf, off + 5);
    }

    /** Seconds. */
    public int routerLifetime() {
        return NetworkBytes.getU16(buf, off + 6);
    }

    /** Milliseconds. */
    public long reachableTime() {
        return NetworkBytes.getU32AsLong(buf, off + 8);
    }

    /** Milliseconds. */
    public long retransTimer() {
        return NetworkBytes.getU32AsLong(buf, off + 12);
    }

    /** Neighbor advertisement flags byte: R = 0x80, S = 0x40, O = 0x20. */
    public int neighborFlags() {
        return NetworkBytes.getU8(buf, off + 4);
    }

    /** Target address of neighbor solicitation/advertisement and redirect. */
    public long targetHigh() {
        return Ipv6Address.readHigh(buf, off + 8);
    }

    public long targetLow() {
        return Ipv6Address.readLow(buf, off + 8);
    }

    /** Destination address of a redirect. */
    public long redirectDestinationHigh() {
        return Ipv6Address.readHigh(buf, off + 24);
    }

    public long redirectDestinationLow() {
        return Ipv6Address.readLow(buf, off + 24);
    }

    // MLDv2 (RFC 3810 sections 5.1 and 5.2)

    public int mldMaxResponseCode() {
        return NetworkBytes.getU16(buf, off + 4);
    }

    /** Multicast address of a query (bytes 8..23). */
    public long mldMulticastHigh() {
        return Ipv6Address.readHigh(buf, off + 8);
    }

    public long mldMulticastLow() {
        return Ipv6Address.readLow(buf, off + 8);
    }

    /** S flag: suppress router-side processing. */
    public boolean mldSuppress() {
        return (NetworkBytes.getU8(buf, off + 24) & 0x08) != 0;
    }

    /** Querier's robustness variable. */
    public int mldQrv() {
        return NetworkBytes.getU8(buf, off + 24) & 0x07;
    }

    /** Querier's query interval code. */
    public int mldQqic() {
        return NetworkBytes.getU8(buf, off + 25);
    }

    /** Number of sources of a query. */
    public int mldSourceCount() {
        return NetworkBytes.getU16(buf, off + 26);
    }

    public long mldSourceHigh(int index) {
        return Ipv6Address.readHigh(buf, off + MLD_QUERY_LEN + 16 * index);
    }

    public long mldSourceLow(int index) {
        return Ipv6Address.readLow(buf, off + MLD_QUERY_LEN + 16 * index);
    }

    /** Number of multicast address records of a report (bytes 6..7). */
    public int mldRecordCount() {
        return NetworkBytes.getU16(buf, off + 6);
    }

    // Checksum (RFC 4443 section 2.3): over the pseudo-header and the whole message.

    /** True when the checksum verifies for the given pseudo-header addresses. */
    public boolean verifyChecksum(long srcHigh, long srcLow, long dstHigh, long dstLow) {
        long sum = Checksum.ipv6PseudoHeader(srcHigh, srcLow, dstHigh, dstLow, IpProtocol.ICMPV6, len);
        return Checksum.verifies(Checksum.accumulate(sum, buf, off, len));
    }

    /** Computes and writes the checksum; call once the whole message (payload too) is in place. */
    public void fillChecksum(long srcHigh, long srcLow, long dstHigh, long dstLow) {
        setChecksum(0);
        long sum = Checksum.ipv6PseudoHeader(srcHigh, srcLow, dstHigh, dstLow, IpProtocol.ICMPV6, len);
        setChecksum(Checksum.finish(Checksum.accumulate(sum, buf, off, len)));
    }

    /** Writes type and code and zeroes the checksum and bytes 4..7 (reserved in most types). */
    public void setTypeAndCode(int type, int code) {
        NetworkBytes.setU8(buf, off, type);
        NetworkBytes.setU8(buf, off + 1, code);
        NetworkBytes.setU16(buf, off + 2, 0);
        NetworkBytes.setU32(buf, off + 4, 0);
    }

    public void setChecksum(int value) {
        NetworkBytes.setU16(buf, off + 2, value);
    }

    public void setEcho(int identifier, int sequence) {
        NetworkBytes.setU16(buf, off + 4, identifier);
        NetworkBytes.setU16(buf, off + 6, sequence);
    }

    public void setWord(long value) {
        NetworkBytes.setU32(buf, off + 4, (int) value);
    }

    public void setRouterAdvertisement(int hopLimit, int flags, int lifetime, long reachable, long retrans) {
        NetworkBytes.setU8(buf, off + 4, hopLimit);
        NetworkBytes.setU8(buf, off + 5, flags);
        NetworkBytes.setU16(buf, off + 6, lifetime);
        NetworkBytes.setU32(buf, off + 8, (int) reachable);
        NetworkBytes.setU32(buf, off + 12, (int) retrans);
    }

    public void setNeighborFlags(int flags) {
        NetworkBytes.setU8(buf, off + 4, flags);
    }

    public void setTarget(long high, long low) {
        Ipv6Address.write(buf, off + 8, high, low);
    }

    public void setRedirectDestination(long high, long low) {
        Ipv6Address.write(buf, off + 24, high, low);
    }

    /** Writes the fixed part of an MLDv2 query after {@link #setTypeAndCode}. */
    public void setMldQuery(int maxResponseCode, long groupHigh, long groupLow, boolean suppress, int qrv, int qqic, int sources) {
        NetworkBytes.setU16(buf, off + 4, maxResponseCode);
        Ipv6Address.write(buf, off + 8, groupHigh, groupLow);
        NetworkBytes.setU8(buf, off + 24, (suppress ? 0x08 : 0) | (qrv & 7));
        NetworkBytes.setU8(buf, off + 25, qqic);
        NetworkBytes.setU16(buf, off + 26, sources);
    }

    public void setMldSource(int index, long high, long low) {
        Ipv6Address.write(buf, off + MLD_QUERY_LEN + 16 * index, high, low);
    }

    public void setMldRecordCount(int count) {
        NetworkBytes.setU16(buf, off + 6, count);
    }
}
