package org.smoltcp4j.wire;

/**
 * A view of an IGMP message over {@code buf[off, off+len)}: the 8-byte IGMPv1/v2 format (RFC 1112,
 * RFC 2236) and the IGMPv3 membership query (RFC 3376 section 4.1), which is a query of 12 bytes
 * or more. Like ICMP, the message is the whole IPv4 payload: wrap exactly
 * {@link Ipv4Packet#payloadLength()} bytes, since the length tells the query versions apart and the
 * checksum covers every wrapped byte.
 */
public final class IgmpPacket extends PacketView {

    /** IGMPv1/v2 message, and the fixed part every message starts with. */
    public static final int HEADER_LEN = 8;
    /** IGMPv3 query without sources. */
    public static final int V3_QUERY_HEADER_LEN = 12;

    public static final int TYPE_MEMBERSHIP_QUERY = 0x11;
    public static final int TYPE_V1_MEMBERSHIP_REPORT = 0x12;
    public static final int TYPE_V2_MEMBERSHIP_REPORT = 0x16;
    public static final int TYPE_LEAVE_GROUP = 0x17;
    public static final int TYPE_V3_MEMBERSHIP_REPORT = 0x22;

    private static final int TYPE = 0;
    private static final int MAX_RESP_CODE = 1;
    private static final int CHECKSUM = 2;
    private static final int GROUP = 4;
    private static final int S_QRV = 8;
    private static final int QQIC = 9;
    private static final int SOURCE_COUNT = 10;
    private static final int SOURCES = 12;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public IgmpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * TRUNCATED when shorter than 8 bytes, or for an IGMPv3 query shorter than its fixed part plus
     * the sources it announces. After OK the v3 accessors work on any {@link #isV3Query()} packet.
     */
    @Override
    public int check() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        if (isV3Query() && len < V3_QUERY_HEADER_LEN + 4 * numberOfSources()) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    public int type() {
        return NetworkBytes.getU8(buf, off + TYPE);
    }

    /** Max Resp Time (v2, tenths of a second) or Max Resp Code (v3, RFC 3376 section 4.1.1). */
    public int maxRespCode() {
        return NetworkBytes.getU8(buf, off + MAX_RESP_CODE);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + CHECKSUM);
    }

    public int groupAddress() {
        return NetworkBytes.getU32(buf, off + GROUP);
    }

    /** RFC 3376 section 7.1: a query of 12 bytes or more is an IGMPv3 query. */
    public boolean isV3Query() {
        return type() == TYPE_MEMBERSHIP_QUERY && len >= V3_QUERY_HEADER_LEN;
    }

    /** v3 query: the S flag (suppress router-side processing). */
    public boolean suppressRouterProcessing() {
        return (NetworkBytes.getU8(buf, off + S_QRV) & 0x08) != 0;
    }

    /** v3 query: Querier's Robustness Variable, 0..7. */
    public int querierRobustness() {
        return NetworkBytes.getU8(buf, off + S_QRV) & 0x07;
    }

    /** v3 query: Querier's Query Interval Code (same encoding as the Max Resp Code). */
    public int querierQueryIntervalCode() {
        return NetworkBytes.getU8(buf, off + QQIC);
    }

    /** v3 query: Number of Sources. */
    public int numberOfSources() {
        return NetworkBytes.getU16(buf, off + SOURCE_COUNT);
    }

    /** v3 query: source address {@code index}, 0 &lt;= index &lt; {@link #numberOfSources()}. */
    public int source(int index) {
        return NetworkBytes.getU32(buf, off + SOURCES + 4 * index);
    }

    /** True when the checksum over the whole wrapped message verifies. */
    public boolean verifyChecksum() {
        return Checksum.verifies(Checksum.accumulate(0, buf, off, len));
    }

    public void setType(int type) {
        NetworkBytes.setU8(buf, off + TYPE, type);
    }

    public void setMaxRespCode(int code) {
        NetworkBytes.setU8(buf, off + MAX_RESP_CODE, code);
    }

    public void setChecksum(int checksum) {
        NetworkBytes.setU16(buf, off + CHECKSUM, checksum);
    }

    public void setGroupAddress(int group) {
        NetworkBytes.setU32(buf, off + GROUP, group);
    }

    /** v3 query: writes the Resv/S/QRV byte, QQIC and Number of Sources. */
    public void setV3QueryFields(boolean suppressRouterProcessing, int robustness, int queryIntervalCode, int numberOfSources) {
        NetworkBytes.setU8(buf, off + S_QRV, (suppressRouterProcessing ? 0x08 : 0) | (robustness & 0x07));
        NetworkBytes.setU8(buf, off + QQIC, queryIntervalCode);
        NetworkBytes.setU16(buf, off + SOURCE_COUNT, numberOfSources);
    }

    public void setSource(int index, int address) {
        NetworkBytes.setU32(buf, off + SOURCES + 4 * index, address);
    }

    /** Computes the checksum over the whole wrapped message and writes it. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(Checksum.compute(buf, off, len));
    }
}
