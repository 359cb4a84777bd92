package org.smoltcp4j.wire;

/**
 * Walks the multicast address records of an MLDv2 report (RFC 3810 section 5.2.4) without
 * allocating. Each record: type, aux data length (32-bit words), number of sources, multicast
 * address, sources, aux data. {@link #next} validates that the record fits the message.
 */
public final class MldRecordCursor {

    public static final int MODE_IS_INCLUDE = 1;
    public static final int MODE_IS_EXCLUDE = 2;
    public static final int CHANGE_TO_INCLUDE = 3;
    public static final int CHANGE_TO_EXCLUDE = 4;
    public static final int ALLOW_NEW_SOURCES = 5;
    public static final int BLOCK_OLD_SOURCES = 6;
    /** Fixed part of a record. */
    public static final int RECORD_HEADER_LEN = 20;
    /** {@link #next} result after the announced number of records. */
    public static final int END = 1;

    private byte[] buf = new byte[0];
    private int position;
    private int end;
    private int remaining;
    private int current = -1;

    /** Points the cursor at the records of a checked report. */
    public MldRecordCursor reset(Icmpv6Packet report) {
        this.buf = report.buffer();
        this.position = report.payloadOffset();
        this.end = report.offset() + report.length();
        this.remaining = report.mldRecordCount();
        this.current = -1;
        return this;
    }

    /** OK and moves to the next record, {@link #END} after the last, TRUNCATED when a record does not fit. */
    public int next() {
        if (remaining == 0) {
            current = -1;
            return END;
        }
        int at = position;
        if (end - at < RECORD_HEADER_LEN
                || end - at - RECORD_HEADER_LEN < 16 * NetworkBytes.getU16(buf, at + 2) + 4 * NetworkBytes.getU8(buf, at + 1)) {
            remaining = 0;
            current = -1;
            return WireStatus.TRUNCATED;
        }
        current = at;
        position = at + recordLength();
        remaining--;
        return WireStatus.OK;
    }

    public int recordType() {
        return NetworkBytes.getU8(buf, current);
    }

    /** Aux data length in 32-bit words. */
    public int auxDataLength() {
        return NetworkBytes.getU8(buf, current + 1);
    }

    public int sourceCount() {
        return NetworkBytes.getU16(buf, current + 2);
    }

    public long multicastHigh() {
        return Ipv6Address.readHigh(buf, current + 4);
    }

    public long multicastLow() {
        return Ipv6Address.readLow(buf, current + 4);
    }

    public long sourceHigh(int index) {
        return Ipv6Address.readHigh(buf, current + RECORD_HEADER_LEN + 16 * index);
    }

    public long sourceLow(int index) {
        return Ipv6Address.readLow(buf, current + RECORD_HEADER_LEN + 16 * index);
    }

    /** Absolute index of the current record. */
    public int recordOffset() {
        return current;
    }

    /** Bytes of the current record, sources and aux data included. */
    public int recordLength() {
        return RECORD_HEADER_LEN + 16 * sourceCount() + 4 * auxDataLength();
    }

    /** Writes a record header with no aux data at {@code at}; the caller writes the sources after it. */
    public static int writeRecordHeader(byte[] buf, int at, int type, int sources, long groupHigh, long groupLow) {
        NetworkBytes.setU8(buf, at, type);
        NetworkBytes.setU8(buf, at + 1, 0);
        NetworkBytes.setU16(buf, at + 2, sources);
        Ipv6Address.write(buf, at + 4, groupHigh, groupLow);
        return at + RECORD_HEADER_LEN;
    }
}
