package org.smoltcp4j.wire;

/**
 * The meaning of an MLDv2 query or report (RFC 3810). A query keeps up to {@link #MAX_SOURCES}
 * sources; a report keeps up to {@link #MAX_RECORDS} records whose sources share a pool of
 * {@link #MAX_SOURCES}. Exceeding either is UNSUPPORTED. Aux data is skipped on parse (receivers
 * ignore it, RFC 3810 section 5.2.10) and never emitted. Emit writes the whole message with
 * checksum 0; then call {@link Icmpv6Packet#fillChecksum} or leave it to offload.
 */
public final class MldRepr {

    public static final int MAX_RECORDS = 4;
    public static final int MAX_SOURCES = 8;

    private final long[] sourceHighs = new long[MAX_SOURCES];
    private final long[] sourceLows = new long[MAX_SOURCES];
    private final int[] recordTypes = new int[MAX_RECORDS];
    private final long[] recordGroupHighs = new long[MAX_RECORDS];
    private final long[] recordGroupLows = new long[MAX_RECORDS];
    private final int[] recordFirstSource = new int[MAX_RECORDS];
    private final int[] recordSourceCounts = new int[MAX_RECORDS];
    private final MldRecordCursor cursor = new MldRecordCursor();

    private int type = Icmpv6Packet.TYPE_MLDV2_REPORT;
    private int maxResponseCode;
    private long groupHigh;
    private long groupLow;
    private boolean suppress;
    private int qrv;
    private int qqic;
    private int sourceCount;
    private int recordCount;

    /**
     * Fills this holder. TRUNCATED when the sources or records run past the message;
     * BAD_CHECKSUM; MALFORMED for a code other than 0; UNSUPPORTED for other types, MLDv1 queries
     * and more records or sources than the limits.
     */
    public int parse(Icmpv6Packet packet, boolean verifyChecksum, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (!Icmpv6Packet.isMld(packet.type())) {
            return WireStatus.UNSUPPORTED;
        }
        if (packet.code() != 0) {
            return WireStatus.MALFORMED;
        }
        if (verifyChecksum && !packet.verifyChecksum(srcHigh, srcLow, dstHigh, dstLow)) {
            return WireStatus.BAD_CHECKSUM;
        }
        if (packet.type() == Icmpv6Packet.TYPE_MLD_QUERY) {
            return parseQuery(packet);
        }
        status = readRecords(packet, false);
        if (status != WireStatus.OK) {
            return status;
        }
        type = Icmpv6Packet.TYPE_MLDV2_REPORT;
        return readRecords(packet, true);
    }

    private int parseQuery(Icmpv6Packet packet) {
        int n = packet.mldSourceCount();
        if (n > MAX_SOURCES) {
            return WireStatus.UNSUPPORTED;
        }
        type = Icmpv6Packet.TYPE_MLD_QUERY;
        maxResponseCode = packet.mldMaxResponseCode();
        groupHigh = packet.mldMulticastHigh();
        groupLow = packet.mldMulticastLow();
        suppress = packet.mldSuppress();
        qrv = packet.mldQrv();
        qqic = packet.mldQqic();
        for (int i = 0; i < n; i++) {
            sourceHighs[i] = packet.mldSourceHigh(i);
            sourceLows[i] = packet.mldSourceLow(i);
        }
        sourceCount = n;
        recordCount = 0;
        return WireStatus.OK;
    }

    private int readRecords(Icmpv6Packet packet, boolean fill) {
        cursor.reset(packet);
        int records = 0;
        int sources = 0;
        int status;
        while ((status = cursor.next()) == WireStatus.OK) {
            int n = cursor.sourceCount();
            if (records == MAX_RECORDS || sources + n > MAX_SOURCES) {
                return WireStatus.UNSUPPORTED;
            }
            if (fill) {
                recordTypes[records] = cursor.recordType();
                recordGroupHighs[records] = cursor.multicastHigh();
                recordGroupLows[records] = cursor.multicastLow();
                recordFirstSource[records] = sources;
                recordSourceCounts[records] = n;
                for (int i = 0; i < n; i++) {
                    sourceHighs[sources + i] = cursor.sourceHigh(i);
                    sourceLows[sources + i] = cursor.sourceLow(i);
                }
            }
            records++;
            sources += n;
        }
        if (status != MldRecordCursor.END) {
            return status;
        }
        if (fill) {
            recordCount = records;
            sourceCount = sources;
        }
        return WireStatus.OK;
    }

    public int bufferLen() {
        if (type == Icmpv6Packet.TYPE_MLD_QUERY) {
            return Icmpv6Packet.MLD_QUERY_LEN + 16 * sourceCount;
        }
        return 8 + MldRecordCursor.RECORD_HEADER_LEN * recordCount + 16 * sourceCount;
    }

    /** Writes the whole message into {@code packet} (at least {@link #bufferLen()} long), checksum 0. */
    public void emit(Icmpv6Packet packet) {
        int total = bufferLen();
        if (packet.length() < total) {
            throw new IllegalArgumentException("MLDv2 message of " + packet.length() + " bytes cannot hold " + total);
        }
        packet.setTypeAndCode(type, 0);
        if (type == Icmpv6Packet.TYPE_MLD_QUERY) {
            packet.setMldQuery(maxResponseCode, groupHigh, groupLow, suppress, qrv, qqic, sourceCount);
            for (int i = 0; i < sourceCount; i++) {
                packet.setMldSource(i, sourceHighs[i], sourceLows[i]);
            }
            return;
        }
        packet.setMldRecordCount(recordCount);
        byte[] out = packet.buffer();
        int at = packet.offset() + 8;
        for (int r = 0; r < recordCount; r++) {
            at = MldRecordCursor.writeRecordHeader(out, at, recordTypes[r], recordSourceCounts[r], recordGroupHighs[r], recordGroupLows[r]);
            for (int i = 0; i < recordSourceCounts[r]; i++, at += 16) {
                Ipv6Address.write(out, at, sourceHighs[recordFirstSource[r] + i], sourceLows[recordFirstSource[r] + i]);
            }
        }
    }

    /** A query with no sources yet (add them with {@link #addSource}); group :: for a general query. */
    public MldRepr setQuery(int maxResponseCode, long groupHigh, long groupLow, boolean suppress, int qrv, int qqic) {
        this.maxResponseCode = Ipv6Repr.requireRange("maximum response code", maxResponseCode, 0xffff);
        this.qrv = Ipv6Repr.requireRange("QRV", qrv, 7);
        this.qqic = Ipv6Repr.requireRange("QQIC", qqic, 0xff);
        this.type = Icmpv6Packet.TYPE_MLD_QUERY;
        this.groupHigh = groupHigh;
        this.groupLow = groupLow;
        this.suppress = suppress;
        this.sourceCount = 0;
        this.recordCount = 0;
        return this;
    }

    /** A report with no records yet (add them with {@link #addRecord}). */
    public MldRepr setReport() {
        this.type = Icmpv6Packet.TYPE_MLDV2_REPORT;
        this.sourceCount = 0;
        this.recordCount = 0;
        return this;
    }

    /** Adds a source to a query, or to the last record of a report; false when the pool is full. */
    public boolean addSource(long high, long low) {
        if (type == Icmpv6Packet.TYPE_MLDV2_REPORT && recordCount == 0) {
            throw new IllegalStateException("a report's sources belong to a record: add a record first");
        }
        if (sourceCount == MAX_SOURCES) {
            return false;
        }
        sourceHighs[sourceCount] = high;
        sourceLows[sourceCount] = low;
        sourceCount++;
        if (type == Icmpv6Packet.TYPE_MLDV2_REPORT) {
            recordSourceCounts[recordCount - 1]++;
        }
        return true;
    }

    /** Adds a record (type 1..6) to a report; false when {@link #MAX_RECORDS} are set. */
    public boolean addRecord(int recordType, long groupHigh, long groupLow) {
        if (type != Icmpv6Packet.TYPE_MLDV2_REPORT) {
            throw new IllegalStateException("records belong to reports, this is a query");
        }
        if (recordType < MldRecordCursor.MODE_IS_INCLUDE || recordType > MldRecordCursor.BLOCK_OLD_SOURCES) {
            throw new IllegalArgumentException("MLDv2 record type must be 1..6, got " + recordType);
        }
        if (recordCount == MAX_RECORDS) {
            return false;
        }
        recordTypes[recordCount] = recordType;
        recordGroupHighs[recordCount] = groupHigh;
        recordGroupLows[recordCount] = groupLow;
        recordFirstSource[recordCount] = sourceCount;
        recordSourceCounts[recordCount] = 0;
        recordCount++;
        return true;
    }

    public int type() {
        return type;
    }

    public boolean isQuery() {
        return type == Icmpv6Packet.TYPE_MLD_QUERY;
    }

    public int maxResponseCode() {
        return maxResponseCode;
    }

    /** Query's multicast address (:: for a general query). */
    public long groupHigh() {
        return groupHigh;
    }

    public long groupLow() {
        return groupLow;
    }

    public boolean suppress() {
        return suppress;
    }

    public int qrv() {
        return qrv;
    }

    public int qqic() {
        return qqic;
    }

    /** A query's sources, or all sources of a report's records. */
    public int sourceCount() {
        return sourceCount;
    }

    public long sourceHigh(int i) {
        return sourceHighs[NdiscRepr.requireIndex(i, sourceCount)];
    }

    public long sourceLow(int i) {
        return sourceLows[NdiscRepr.requireIndex(i, sourceCount)];
    }

    public int recordCount() {
        return recordCount;
    }

    public int recordType(int r) {
        return recordTypes[NdiscRepr.requireIndex(r, recordCount)];
    }

    public long recordGroupHigh(int r) {
        return recordGroupHighs[NdiscRepr.requireIndex(r, recordCount)];
    }

    public long recordGroupLow(int r) {
        return recordGroupLows[NdiscRepr.requireIndex(r, recordCount)];
    }

    public int recordSourceCount(int r) {
        return recordSourceCounts[NdiscRepr.requireIndex(r, recordCount)];
    }

    /** Index into {@link #sourceHigh}/{@link #sourceLow} of record {@code r}'s first source. */
    public int recordFirstSource(int r) {
        return recordFirstSource[NdiscRepr.requireIndex(r, recordCount)];
    }

    /** {@code MLDv2 query group=ff02::1 mrc=1024 s=1 qrv=2 qqic=18 sources=1} / {@code MLDv2 report records=[1:ff02::1/1]}. */
    public StringBuilder appendTo(StringBuilder out) {
        if (type == Icmpv6Packet.TYPE_MLD_QUERY) {
            Ipv6Address.append(out.append("MLDv2 query group="), groupHigh, groupLow);
            return out.append(" mrc=").append(maxResponseCode).append(" s=").append(suppress ? 1 : 0).append(" qrv=").append(qrv)
                    .append(" qqic=").append(qqic).append(" sources=").append(sourceCount);
        }
        out.append("MLDv2 report records=[");
        for (int r = 0; r < recordCount; r++) {
            if (r > 0) {
                out.append(' ');
            }
            Ipv6Address.append(out.append(recordTypes[r]).append(':'), recordGroupHighs[r], recordGroupLows[r]);
            out.append('/').append(recordSourceCounts[r]);
        }
        return out.append(']');
    }
}
