package org.smoltcp4j.wire;

/**
 * The meaning of an IGMP message: membership query (v1, v2, or v3 with its source list), v1/v2
 * membership report, or leave group. IGMPv3 reports are UNSUPPORTED (a host parses queries; it
 * does not listen to other hosts' v3 reports).
 *
 * <p>A v3 query's sources are kept in an array allocated at construction ({@link #maxSources()},
 * {@link #DEFAULT_MAX_SOURCES} by default); a query with more sources parses as UNSUPPORTED.
 */
public final class IgmpRepr {

    public static final int DEFAULT_MAX_SOURCES = 16;
    /** RFC 2236 section 4: an IGMPv1 query (code 0) means a 10-second maximum response time. */
    public static final long V1_MAX_RESPONSE_TIME_MICROS = 10_000_000L;
    /** Largest value the RFC 3376 floating-point code can express (code 0xff). */
    public static final int MAX_CODED_VALUE = 31744;

    private static final long DECISECOND_MICROS = 100_000L;

    private final int[] sources;
    private int type = IgmpPacket.TYPE_MEMBERSHIP_QUERY;
    private int version = 1;
    private int maxRespCode;
    private int group;
    private boolean suppressRouterProcessing;
    private int querierRobustness;
    private int querierQueryIntervalCode;
    private int sourceCount;

    /** A holder for v3 queries of up to {@link #DEFAULT_MAX_SOURCES} sources. */
    public IgmpRepr() {
        this(DEFAULT_MAX_SOURCES);
    }

    /** A holder for v3 queries of up to {@code maxSources} (0..366, what fits a 1500-byte MTU) sources. */
    public IgmpRepr(int maxSources) {
        Ipv4Repr.requireRange("maximum number of IGMPv3 query sources", maxSources, 366);
        sources = new int[maxSources];
    }

    /**
     * Fills this holder from {@code packet}, which must wrap exactly the IGMP message. TRUNCATED as
     * {@link IgmpPacket#check}; BAD_CHECKSUM when {@code verifyChecksum} is set and the checksum
     * fails; UNSUPPORTED for v3 reports, unknown types, and v3 queries with more sources than this
     * holder keeps; MALFORMED for a query of 9 to 11 bytes (RFC 3376 section 7.1), a query group
     * that is neither 0.0.0.0 nor multicast, or a report or leave whose group is not multicast.
     */
    public int parse(IgmpPacket packet, boolean verifyChecksum) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.verifyChecksum()) {
            return WireStatus.BAD_CHECKSUM;
        }
        int t = packet.type();
        int g = packet.groupAddress();
        if (t == IgmpPacket.TYPE_MEMBERSHIP_QUERY) {
            return parseQuery(packet, g);
        }
        if (t != IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT && t != IgmpPacket.TYPE_V2_MEMBERSHIP_REPORT
                && t != IgmpPacket.TYPE_LEAVE_GROUP) {
            return WireStatus.UNSUPPORTED;
        }
        if (!Ipv4Address.isMulticast(g)) {
            return WireStatus.MALFORMED;
        }
        fill(t, t == IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT ? 1 : 2, 0, g);
        return WireStatus.OK;
    }

    private int parseQuery(IgmpPacket packet, int g) {
        if (packet.length() > IgmpPacket.HEADER_LEN && !packet.isV3Query()) {
            return WireStatus.MALFORMED;
        }
        if (g != Ipv4Address.UNSPECIFIED && !Ipv4Address.isMulticast(g)) {
            return WireStatus.MALFORMED;
        }
        int code = packet.maxRespCode();
        if (!packet.isV3Query()) {
            // RFC 3376 section 7.1: an 8-byte query with code 0 comes from an IGMPv1 router.
            fill(IgmpPacket.TYPE_MEMBERSHIP_QUERY, code == 0 ? 1 : 2, code, g);
            return WireStatus.OK;
        }
        int count = packet.numberOfSources();
        if (count > sources.length) {
            return WireStatus.UNSUPPORTED;
        }
        fill(IgmpPacket.TYPE_MEMBERSHIP_QUERY, 3, code, g);
        suppressRouterProcessing = packet.suppressRouterProcessing();
        querierRobustness = packet.querierRobustness();
        querierQueryIntervalCode = packet.querierQueryIntervalCode();
        for (int i = 0; i < count; i++) {
            sources[i] = packet.source(i);
        }
        sourceCount = count;
        return WireStatus.OK;
    }

    private void fill(int messageType, int messageVersion, int code, int groupAddress) {
        type = messageType;
        version = messageVersion;
        maxRespCode = code;
        group = groupAddress;
        suppressRouterProcessing = false;
        querierRobustness = 0;
        querierQueryIntervalCode = 0;
        sourceCount = 0;
    }

    /** Bytes of the message {@link #emit} writes: 8, or 12 plus 4 per source for a v3 query. */
    public int bufferLen() {
        if (type == IgmpPacket.TYPE_MEMBERSHIP_QUERY && version == 3) {
            return IgmpPacket.V3_QUERY_HEADER_LEN + 4 * sourceCount;
        }
        return IgmpPacket.HEADER_LEN;
    }

    /**
     * Writes the whole message into {@code packet}, which must be exactly {@link #bufferLen()} long
     * (its length is the message's), with the checksum computed when {@code fillChecksum} is set
     * or left 0 for checksum offload.
     */
    public void emit(IgmpPacket packet, boolean fillChecksum) {
        int needed = bufferLen();
        if (packet.length() != needed) {
            throw new IllegalArgumentException("IGMP packet of " + packet.length() + " bytes must be exactly the "
                    + needed + " bytes of this message");
        }
        packet.setType(type);
        packet.setMaxRespCode(maxRespCode);
        packet.setChecksum(0);
        packet.setGroupAddress(group);
        if (needed > IgmpPacket.HEADER_LEN) {
            packet.setV3QueryFields(suppressRouterProcessing, querierRobustness, querierQueryIntervalCode, sourceCount);
            for (int i = 0; i < sourceCount; i++) {
                packet.setSource(i, sources[i]);
            }
        }
        if (fillChecksum) {
            packet.fillChecksum();
        }
    }

    /**
     * An IGMPv1 (code 0) or IGMPv2 (Max Resp Time 1..255 tenths of a second) query for
     * {@code group}: 0.0.0.0 for a general query, or a multicast group.
     */
    public IgmpRepr setQuery(int queryVersion, int maxRespTime, int group) {
        if (queryVersion == 1) {
            Ipv4Repr.requireRange("IGMPv1 query max response time", maxRespTime, 0);
        } else if (queryVersion == 2) {
            if (maxRespTime < 1 || maxRespTime > 0xff) {
                throw new IllegalArgumentException("IGMPv2 query max response time must be 1..255, got " + maxRespTime);
            }
        } else {
            throw new IllegalArgumentException("IGMP query version must be 1 or 2 (setV3Query for 3), got " + queryVersion);
        }
        fill(IgmpPacket.TYPE_MEMBERSHIP_QUERY, queryVersion, maxRespTime, requireQueryGroup(group));
        return this;
    }

    /**
     * An IGMPv3 query without sources (add them with {@link #addSource}): Max Resp Code and QQIC
     * 0..255 in the RFC 3376 encoding ({@link #encodeCode}), robustness 0..7.
     */
    public IgmpRepr setV3Query(int maxRespCode, int group, boolean suppressRouterProcessing, int robustness,
            int queryIntervalCode) {
        Ipv4Repr.requireRange("IGMPv3 max response code", maxRespCode, 0xff);
        Ipv4Repr.requireRange("IGMPv3 querier robustness", robustness, 7);
        Ipv4Repr.requireRange("IGMPv3 querier query interval code", queryIntervalCode, 0xff);
        fill(IgmpPacket.TYPE_MEMBERSHIP_QUERY, 3, maxRespCode, requireQueryGroup(group));
        this.suppressRouterProcessing = suppressRouterProcessing;
        this.querierRobustness = robustness;
        this.querierQueryIntervalCode = queryIntervalCode;
        return this;
    }

    /**
     * Appends a source to a v3 query; false when {@link #maxSources()} are already there.
     * Throws IllegalStateException when this holder is not a v3 query.
     */
    public boolean addSource(int source) {
        if (type != IgmpPacket.TYPE_MEMBERSHIP_QUERY || version != 3) {
            throw new IllegalStateException("sources belong to IGMPv3 queries only");
        }
        if (sourceCount == sources.length) {
            return false;
        }
        sources[sourceCount++] = source;
        return true;
    }

    /** A version 1 or 2 membership report for a multicast {@code group}. */
    public IgmpRepr setReport(int reportVersion, int group) {
        if (reportVersion != 1 && reportVersion != 2) {
            throw new IllegalArgumentException("IGMP report version must be 1 or 2, got " + reportVersion);
        }
        int reportType = reportVersion == 1 ? IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT : IgmpPacket.TYPE_V2_MEMBERSHIP_REPORT;
        fill(reportType, reportVersion, 0, requireMulticast(group));
        return this;
    }

    /** An IGMPv2 leave group for a multicast {@code group}. */
    public IgmpRepr setLeave(int group) {
        fill(IgmpPacket.TYPE_LEAVE_GROUP, 2, 0, requireMulticast(group));
        return this;
    }

    private static int requireMulticast(int group) {
        if (!Ipv4Address.isMulticast(group)) {
            throw new IllegalArgumentException("IGMP group must be a multicast address, got 0x" + Integer.toHexString(group));
        }
        return group;
    }

    private static int requireQueryGroup(int group) {
        return group == Ipv4Address.UNSPECIFIED ? group : requireMulticast(group);
    }

    /**
     * The value of an RFC 3376 Max Resp Code or QQIC (section 4.1.1/4.1.7): codes below 128 are the
     * value; above, 1|exp|mant means (mant | 0x10) &lt;&lt; (exp + 3).
     */
    public static int decodeCode(int code) {
        Ipv4Repr.requireRange("IGMPv3 code", code, 0xff);
        if (code < 128) {
            return code;
        }
        return ((code & 0x0f) | 0x10) << (((code >>> 4) & 0x07) + 3);
    }

    /** The RFC 3376 code for {@code value} (non-negative), rounded down; 0xff from {@link #MAX_CODED_VALUE} up. */
    public static int encodeCode(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("IGMPv3 coded value must not be negative, got " + value);
        }
        if (value < 128) {
            return value;
        }
        if (value >= MAX_CODED_VALUE) {
            return 0xff;
        }
        int mantissa = value >>> 3;
        int exponent = 0;
        while (mantissa > 0x1f) {
            mantissa >>>= 1;
            exponent++;
        }
        return 0x80 | exponent << 4 | (mantissa & 0x0f);
    }

    /** Wire type: {@link IgmpPacket#TYPE_MEMBERSHIP_QUERY}, a report type, or leave. */
    public int type() {
        return type;
    }

    /** 1, 2 or 3: for queries as RFC 3376 section 7.1 distinguishes them; 2 for leave. */
    public int version() {
        return version;
    }

    public boolean isQuery() {
        return type == IgmpPacket.TYPE_MEMBERSHIP_QUERY;
    }

    public int maxRespCode() {
        return maxRespCode;
    }

    /** A query's maximum response time: 10 s for v1, the code in tenths for v2, decoded for v3. */
    public long maxResponseTimeMicros() {
        if (version == 1) {
            return V1_MAX_RESPONSE_TIME_MICROS;
        }
        int tenths = version == 3 ? decodeCode(maxRespCode) : maxRespCode;
        return tenths * DECISECOND_MICROS;
    }

    public int group() {
        return group;
    }

    public boolean suppressRouterProcessing() {
        return suppressRouterProcessing;
    }

    public int querierRobustness() {
        return querierRobustness;
    }

    public int querierQueryIntervalCode() {
        return querierQueryIntervalCode;
    }

    /** The querier's query interval in seconds (QQIC decoded). */
    public int querierQueryIntervalSeconds() {
        return decodeCode(querierQueryIntervalCode);
    }

    public int sourceCount() {
        return sourceCount;
    }

    public int source(int index) {
        if (index < 0 || index >= sourceCount) {
            throw new IndexOutOfBoundsException("IGMP source index " + index + " outside 0.." + (sourceCount - 1));
        }
        return sources[index];
    }

    public int maxSources() {
        return sources.length;
    }

    /** True when every emitted field equals {@code other}'s. */
    public boolean sameAs(IgmpRepr other) {
        if (type != other.type || version != other.version || maxRespCode != other.maxRespCode || group != other.group
                || suppressRouterProcessing != other.suppressRouterProcessing
                || querierRobustness != other.querierRobustness
                || querierQueryIntervalCode != other.querierQueryIntervalCode || sourceCount != other.sourceCount) {
            return false;
        }
        for (int i = 0; i < sourceCount; i++) {
            if (sources[i] != other.sources[i]) {
                return false;
            }
        }
        return true;
    }

    /** tcpdump-style: {@code IGMPv2 query group 0.0.0.0 max resp 100}, {@code IGMPv2 report group 224.0.0.251}. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("IGMPv").append(version);
        if (type == IgmpPacket.TYPE_LEAVE_GROUP) {
            return Ipv4Address.append(out.append(" leave group "), group);
        }
        if (type != IgmpPacket.TYPE_MEMBERSHIP_QUERY) {
            return Ipv4Address.append(out.append(" report group "), group);
        }
        Ipv4Address.append(out.append(" query group "), group).append(" max resp ").append(maxRespCode);
        if (version == 3) {
            out.append(" qrv ").append(querierRobustness).append(" qqic ").append(querierQueryIntervalCode);
            if (suppressRouterProcessing) {
                out.append(" S");
            }
            for (int i = 0; i < sourceCount; i++) {
                Ipv4Address.append(out.append(i == 0 ? " sources " : ","), sources[i]);
            }
        }
        return out;
    }
}
