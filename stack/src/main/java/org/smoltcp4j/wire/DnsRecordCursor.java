package org.smoltcp4j.wire;

/**
 * Steps through the resource records of a {@link DnsPacket} (answer, authority, then additional
 * section) without allocation; one reusable instance serves every message. {@link #start}
 * validates the header and skips the questions; each {@link #next} validates and loads one
 * record, after which its accessors cannot fail.
 *
 * <p>Validation: owner names (and the target names of CNAME, NS and PTR records) are walked with
 * loop protection ({@link DnsNameReader}); the record data must fit in the message; for class IN,
 * A data must be 4 bytes, AAAA data 16 (RFC 3596) and a target name must fill its data exactly.
 * Records of other types are skipped by their data length. The class's top bit (mDNS cache flush)
 * is reported apart from the class. Bytes after the last record are ignored.
 */
public final class DnsRecordCursor {

    /** Returned by {@link #next} and {@link #moveTo} when there are no more records. */
    public static final int END = 1;
    public static final int SECTION_ANSWER = 1;
    public static final int SECTION_AUTHORITY = 2;
    public static final int SECTION_ADDITIONAL = 3;

    private final DnsNameReader names = new DnsNameReader();
    private DnsPacket packet = new DnsPacket();
    private int state = END;
    private int position;
    private int limit;
    private int section;
    private int leftInSection;
    private int index = -1;
    private int nameOffset;
    private int type;
    private int recordClass;
    private int ttl;
    private int dataOffset;
    private int dataLength;

    /**
     * Validates {@code packet}'s header and questions and positions the cursor before the first
     * record: OK, or a negative {@link WireStatus} (then {@link #next} keeps returning it).
     */
    public int start(DnsPacket packet) {
        this.packet = packet;
        index = -1;
        section = SECTION_ANSWER;
        state = packet.check();
        if (state != WireStatus.OK) {
            return state;
        }
        limit = packet.offset() + packet.length();
        leftInSection = packet.answerCount();
        position = packet.bodyOffset();
        for (int i = packet.questionCount(); i > 0; i--) {
            int end = names.skip(packet, position);
            if (end < 0) {
                state = end;
                return state;
            }
            if (end + 4 > limit) {
                state = WireStatus.TRUNCATED;
                return state;
            }
            position = end + 4;
        }
        return state;
    }

    /**
     * Loads the next record: OK when loaded, {@link #END} after the last one, or a negative
     * {@link WireStatus}. END and errors are sticky until the next {@link #start}.
     */
    public int next() {
        if (state != WireStatus.OK) {
            return state;
        }
        while (leftInSection == 0) {
            if (section == SECTION_ADDITIONAL) {
                state = END;
                return state;
            }
            section++;
            leftInSection = section == SECTION_AUTHORITY ? packet.authorityCount() : packet.additionalCount();
        }
        state = load();
        if (state == WireStatus.OK) {
            leftInSection--;
            index++;
        }
        return state;
    }

    private int load() {
        int end = names.skip(packet, position);
        if (end < 0) {
            return end;
        }
        if (end + 10 > limit) {
            return WireStatus.TRUNCATED;
        }
        byte[] buf = packet.buffer();
        int dataStart = end + 10;
        int length = NetworkBytes.getU16(buf, end + 8);
        if (dataStart + length > limit) {
            return WireStatus.TRUNCATED;
        }
        int recordType = NetworkBytes.getU16(buf, end);
        int classWord = NetworkBytes.getU16(buf, end + 2);
        if ((classWord & ~DnsPacket.CLASS_TOP_BIT) == DnsPacket.CLASS_IN) {
            int status = checkInternetData(recordType, dataStart, length);
            if (status != WireStatus.OK) {
                return status;
            }
        }
        nameOffset = position;
        type = recordType;
        recordClass = classWord;
        ttl = NetworkBytes.getU32(buf, end + 4);
        dataOffset = dataStart;
        dataLength = length;
        position = dataStart + length;
        return WireStatus.OK;
    }

    private int checkInternetData(int recordType, int dataStart, int length) {
        switch (recordType) {
            case DnsPacket.TYPE_A:
                return length == 4 ? WireStatus.OK : WireStatus.MALFORMED;
            case DnsPacket.TYPE_AAAA:
                return length == 16 ? WireStatus.OK : WireStatus.MALFORMED;
            case DnsPacket.TYPE_CNAME:
            case DnsPacket.TYPE_NS:
            case DnsPacket.TYPE_PTR:
                int end = names.skip(packet, dataStart);
                if (end < 0) {
                    return end;
                }
                return end == dataStart + length ? WireStatus.OK : WireStatus.MALFORMED;
            default:
                return WireStatus.OK;
        }
    }

    /**
     * Restarts and loads the record at {@code index} (0-based, counted over all three sections):
     * OK, {@link #END} when there are fewer records, or a negative {@link WireStatus}.
     */
    public int moveTo(DnsPacket packet, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("record index must be >= 0, got " + index);
        }
        int status = start(packet);
        for (int i = 0; i <= index && status == WireStatus.OK; i++) {
            status = next();
        }
        return status;
    }

    /** Position of the loaded record over all sections, from 0. */
    public int index() {
        return index;
    }

    /** {@link #SECTION_ANSWER}, {@link #SECTION_AUTHORITY} or {@link #SECTION_ADDITIONAL}. */
    public int section() {
        return section;
    }

    /** Index in the packet's buffer of the owner name (read it with {@link DnsNameReader}). */
    public int nameOffset() {
        return nameOffset;
    }

    public int type() {
        return type;
    }

    /** The class without its top bit (1 is IN). */
    public int recordClass() {
        return recordClass & ~DnsPacket.CLASS_TOP_BIT;
    }

    /** The class's top bit: the mDNS cache-flush bit. */
    public boolean cacheFlush() {
        return (recordClass & DnsPacket.CLASS_TOP_BIT) != 0;
    }

    /** Time to live in seconds, 0..2^32-1. */
    public long ttl() {
        return ttl & 0xffff_ffffL;
    }

    /** Index in the packet's buffer of the record data. */
    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** The address of an A record of class IN. */
    public int a() {
        requireData(DnsPacket.TYPE_A, 4);
        return NetworkBytes.getU32(packet.buffer(), dataOffset);
    }

    /** The high half of the address of an AAAA record of class IN. */
    public long aaaaHigh() {
        requireData(DnsPacket.TYPE_AAAA, 16);
        return Ipv6Address.readHigh(packet.buffer(), dataOffset);
    }

    /** The low half of the address of an AAAA record of class IN. */
    public long aaaaLow() {
        requireData(DnsPacket.TYPE_AAAA, 16);
        return Ipv6Address.readLow(packet.buffer(), dataOffset);
    }

    /**
     * Index in the packet's buffer of a CNAME record's target name, to read with
     * {@link DnsNameReader}.
     */
    public int cnameOffset() {
        if (type != DnsPacket.TYPE_CNAME || index < 0) {
            throw new IllegalStateException("the loaded record is not a CNAME record (type " + type + ")");
        }
        return dataOffset;
    }

    private void requireData(int wantedType, int wantedLength) {
        if (type != wantedType || dataLength != wantedLength || index < 0) {
            throw new IllegalStateException("the loaded record is type " + type + " with " + dataLength
                    + " data bytes, not type " + wantedType + " with " + wantedLength);
        }
    }

    /** tcpdump-style: {@code A 172.217.168.174 ttl=202}, {@code CNAME star-mini.c10r.facebook.com ttl=1523}, {@code SOA (61 bytes) ttl=899}. */
    public StringBuilder appendTo(StringBuilder out) {
        if (index < 0) {
            return out.append("<no record>");
        }
        names.appendTo(packet, nameOffset, out).append(' ');
        DnsPacket.appendType(out, type);
        if (type == DnsPacket.TYPE_A && dataLength == 4 && recordClass() == DnsPacket.CLASS_IN) {
            Ipv4Address.append(out.append(' '), a());
        } else if (type == DnsPacket.TYPE_AAAA && dataLength == 16 && recordClass() == DnsPacket.CLASS_IN) {
            Ipv6Address.append(out.append(' '), aaaaHigh(), aaaaLow());
        } else if (type == DnsPacket.TYPE_CNAME && recordClass() == DnsPacket.CLASS_IN) {
            names.appendTo(packet, dataOffset, out.append(' '));
        } else {
            out.append(" (").append(dataLength).append(" bytes)");
        }
        return out.append(" ttl=").append(ttl());
    }
}
