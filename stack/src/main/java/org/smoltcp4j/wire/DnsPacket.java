package org.smoltcp4j.wire;

/**
 * A view of a DNS message (RFC 1035 section 4.1) over {@code buf[off, off+len)}: the 12-byte
 * header here; names are read with {@link DnsNameReader}, records with {@link DnsRecordCursor}.
 * Multicast DNS (RFC 6762) uses the same format on port {@link #MDNS_PORT}. After {@link #check}
 * returns OK no header accessor fails.
 */
public final class DnsPacket extends PacketView {

    public static final int HEADER_LEN = 12;
    public static final int PORT = 53;
    /** Multicast DNS port and groups 224.0.0.251 and ff02::fb. */
    public static final int MDNS_PORT = 5353;
    public static final int MDNS_IPV4_GROUP = 0xe000_00fb;
    public static final long MDNS_IPV6_GROUP_HIGH = 0xff02_0000_0000_0000L;
    public static final long MDNS_IPV6_GROUP_LOW = 0xfbL;

    /** Header flag bits (RFC 1035 section 4.1.1, RFC 4035 for AD and CD). */
    public static final int FLAG_RESPONSE = 0x8000;
    public static final int FLAG_AUTHORITATIVE = 0x0400;
    public static final int FLAG_TRUNCATED = 0x0200;
    public static final int FLAG_RECURSION_DESIRED = 0x0100;
    public static final int FLAG_RECURSION_AVAILABLE = 0x0080;
    public static final int FLAG_AUTHENTIC_DATA = 0x0020;
    public static final int FLAG_CHECKING_DISABLED = 0x0010;
    /** Every flag bit above; the Z bit, the opcode and the rcode are not flags. */
    public static final int FLAGS_MASK = 0x87b0;

    public static final int OPCODE_QUERY = 0;
    public static final int OPCODE_IQUERY = 1;
    public static final int OPCODE_STATUS = 2;

    public static final int RCODE_NO_ERROR = 0;
    public static final int RCODE_FORMAT_ERROR = 1;
    public static final int RCODE_SERVER_FAILURE = 2;
    public static final int RCODE_NAME_ERROR = 3;
    public static final int RCODE_NOT_IMPLEMENTED = 4;
    public static final int RCODE_REFUSED = 5;

    public static final int TYPE_A = 1;
    public static final int TYPE_NS = 2;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_OPT = 41;
    public static final int TYPE_ANY = 255;

    public static final int CLASS_IN = 1;
    /**
     * The top bit of a class: in an mDNS question "unicast response requested" (QU), in an mDNS
     * record "cache flush" (RFC 6762 sections 5.4 and 10.2).
     */
    public static final int CLASS_TOP_BIT = 0x8000;

    private static final int ID = 0;
    private static final int FLAGS = 2;
    private static final int QDCOUNT = 4;
    private static final int ANCOUNT = 6;
    private static final int NSCOUNT = 8;
    private static final int ARCOUNT = 10;

    public DnsPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when shorter than the header; the body is checked as it is read. */
    @Override
    public int check() {
        return len < HEADER_LEN ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /** Index in {@link #buffer()} of the first question. */
    public int bodyOffset() {
        return off + HEADER_LEN;
    }

    public int transactionId() {
        return NetworkBytes.getU16(buf, off + ID);
    }

    /** The whole second header word: flags, opcode and rcode. */
    public int flagsWord() {
        return NetworkBytes.getU16(buf, off + FLAGS);
    }

    /** The flag bits only ({@link #FLAGS_MASK}). */
    public int flags() {
        return flagsWord() & FLAGS_MASK;
    }

    public boolean isResponse() {
        return (flagsWord() & FLAG_RESPONSE) != 0;
    }

    public int opcode() {
        return (flagsWord() >>> 11) & 0xf;
    }

    public int rcode() {
        return flagsWord() & 0xf;
    }

    public int questionCount() {
        return NetworkBytes.getU16(buf, off + QDCOUNT);
    }

    public int answerCount() {
        return NetworkBytes.getU16(buf, off + ANCOUNT);
    }

    public int authorityCount() {
        return NetworkBytes.getU16(buf, off + NSCOUNT);
    }

    public int additionalCount() {
        return NetworkBytes.getU16(buf, off + ARCOUNT);
    }

    public void setTransactionId(int id) {
        NetworkBytes.setU16(buf, off + ID, id);
    }

    /** Writes flags, opcode and rcode; the Z bit is written as zero. */
    public void setFlagsWord(int flags, int opcode, int rcode) {
        NetworkBytes.setU16(buf, off + FLAGS, (flags & FLAGS_MASK) | (opcode & 0xf) << 11 | (rcode & 0xf));
    }

    public void setCounts(int questions, int answers, int authorities, int additionals) {
        NetworkBytes.setU16(buf, off + QDCOUNT, questions);
        NetworkBytes.setU16(buf, off + ANCOUNT, answers);
        NetworkBytes.setU16(buf, off + NSCOUNT, authorities);
        NetworkBytes.setU16(buf, off + ARCOUNT, additionals);
    }

    /** Appends a record type's mnemonic (A, AAAA, CNAME, ...) or {@code TYPEn} (RFC 3597). */
    public static StringBuilder appendType(StringBuilder out, int type) {
        switch (type) {
            case TYPE_A:
                return out.append('A');
            case TYPE_NS:
                return out.append("NS");
            case TYPE_CNAME:
                return out.append("CNAME");
            case TYPE_SOA:
                return out.append("SOA");
            case TYPE_PTR:
                return out.append("PTR");
            case TYPE_TXT:
                return out.append("TXT");
            case TYPE_AAAA:
                return out.append("AAAA");
            case TYPE_SRV:
                return out.append("SRV");
            case TYPE_OPT:
                return out.append("OPT");
            case TYPE_ANY:
                return out.append("ANY");
            default:
                return out.append("TYPE").append(type);
        }
    }

    /** Appends an rcode's mnemonic (NoError, NXDomain, ...) or {@code rcode-n}. */
    public static StringBuilder appendRcode(StringBuilder out, int rcode) {
        switch (rcode) {
            case RCODE_NO_ERROR:
                return out.append("NoError");
            case RCODE_FORMAT_ERROR:
                return out.append("FormErr");
            case RCODE_SERVER_FAILURE:
                return out.append("ServFail");
            case RCODE_NAME_ERROR:
                return out.append("NXDomain");
            case RCODE_NOT_IMPLEMENTED:
                return out.append("NotImp");
            case RCODE_REFUSED:
                return out.append("Refused");
            default:
                return out.append("rcode-").append(rcode);
        }
    }
}
