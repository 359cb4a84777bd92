package org.smoltcp4j.wire;

/**
 * The meaning of a DNS message's header and single question, as smoltcp's DNS socket uses it: it
 * emits queries of this form and parses the header and question of responses, whose records are
 * then read in place with {@link DnsRecordCursor}. A reusable holder; setters reject values that
 * cannot be emitted, so a holder can always be emitted.
 *
 * <p>The question name is held uncompressed in wire form in a preallocated buffer of
 * {@link DnsName#MAX_LENGTH} bytes. For mDNS (RFC 6762) the question's unicast-response bit (the
 * top bit of the class) is kept apart from the class, which must be IN.
 */
public final class DnsRepr {

    private final byte[] name = new byte[DnsName.MAX_LENGTH];
    private final byte[] scratch = new byte[DnsName.MAX_LENGTH];
    private final DnsNameReader names = new DnsNameReader();
    private final DnsRecordCursor records = new DnsRecordCursor();

    private int transactionId;
    private int flags = DnsPacket.FLAG_RECURSION_DESIRED;
    private int opcode = DnsPacket.OPCODE_QUERY;
    private int rcode = DnsPacket.RCODE_NO_ERROR;
    private int nameLength = 1;
    private int questionType = DnsPacket.TYPE_A;
    private boolean unicastResponse;

    /**
     * Fills this holder from the header and first question of {@code packet}, after validating
     * every question and record (see {@link DnsRecordCursor}). TRUNCATED or MALFORMED as the
     * cursor reports them; UNSUPPORTED for a message without a question (read mDNS announcements,
     * which have none, with {@link DnsRecordCursor} directly) or a first question of a class other
     * than IN.
     */
    public int parse(DnsPacket packet) {
        int status = records.start(packet);
        if (status != WireStatus.OK) {
            return status;
        }
        while ((status = records.next()) == WireStatus.OK) {
            // each record is validated as the cursor loads it
        }
        if (status != DnsRecordCursor.END) {
            return status;
        }
        if (packet.questionCount() == 0) {
            return WireStatus.UNSUPPORTED;
        }
        int end = names.skip(packet, packet.bodyOffset());
        int questionClass = NetworkBytes.getU16(packet.buffer(), end + 2);
        if ((questionClass & ~DnsPacket.CLASS_TOP_BIT) != DnsPacket.CLASS_IN) {
            return WireStatus.UNSUPPORTED;
        }
        transactionId = packet.transactionId();
        flags = packet.flags();
        opcode = packet.opcode();
        rcode = packet.rcode();
        nameLength = names.copyTo(packet, packet.bodyOffset(), name, 0);
        questionType = NetworkBytes.getU16(packet.buffer(), end);
        unicastResponse = (questionClass & DnsPacket.CLASS_TOP_BIT) != 0;
        return WireStatus.OK;
    }

    /** Bytes {@link #emit} writes: header and one uncompressed question. */
    public int bufferLen() {
        return DnsPacket.HEADER_LEN + nameLength + 4;
    }

    /**
     * Writes the header (one question, no records) and the question into {@code packet}, which
     * must be at least {@link #bufferLen()} long.
     */
    public void emit(DnsPacket packet) {
        int len = bufferLen();
        if (packet.length() < len) {
            throw new IllegalArgumentException("DNS packet of " + packet.length() + " bytes is shorter than the "
                    + len + " bytes of this message");
        }
        packet.setTransactionId(transactionId);
        packet.setFlagsWord(flags, opcode, rcode);
        packet.setCounts(1, 0, 0, 0);
        byte[] buf = packet.buffer();
        int at = packet.bodyOffset();
        System.arraycopy(name, 0, buf, at, nameLength);
        NetworkBytes.setU16(buf, at + nameLength, questionType);
        NetworkBytes.setU16(buf, at + nameLength + 2, DnsPacket.CLASS_IN | (unicastResponse ? DnsPacket.CLASS_TOP_BIT : 0));
    }

    public int transactionId() {
        return transactionId;
    }

    /** The header's flag bits ({@code DnsPacket.FLAG_} constants). */
    public int flags() {
        return flags;
    }

    public boolean isResponse() {
        return (flags & DnsPacket.FLAG_RESPONSE) != 0;
    }

    public int opcode() {
        return opcode;
    }

    public int rcode() {
        return rcode;
    }

    public int questionType() {
        return questionType;
    }

    /** The mDNS "QU" bit of the question class. */
    public boolean unicastResponse() {
        return unicastResponse;
    }

    /** Length of the question name in wire form, root label included. */
    public int questionNameLength() {
        return nameLength;
    }

    /** Copies the question name in wire form into {@code out[off..]} and returns its length. */
    public int copyQuestionName(byte[] out, int off) {
        NetworkBytes.checkBounds(out, off, nameLength);
        System.arraycopy(name, 0, out, off, nameLength);
        return nameLength;
    }

    /** True when the question name equals the wire-form name {@code wire[off, off+len)}, ignoring case. */
    public boolean questionNameEquals(byte[] wire, int off, int len) {
        NetworkBytes.checkBounds(wire, off, len);
        return len == nameLength && DnsName.labelEquals(name, 0, wire, off, len);
    }

    /** True when {@code packet}'s name at {@code at} (compressed or not) equals the question name. */
    public boolean questionNameMatches(DnsPacket packet, int at) {
        return names.matches(packet, at, name, 0, nameLength);
    }

    public DnsRepr setTransactionId(int id) {
        transactionId = requireRange("transaction id", id, 0xffff);
        return this;
    }

    /** An OR of {@code DnsPacket.FLAG_} constants. */
    public DnsRepr setFlags(int value) {
        if ((value & ~DnsPacket.FLAGS_MASK) != 0) {
            throw new IllegalArgumentException("DNS flags must be within 0x" + Integer.toHexString(DnsPacket.FLAGS_MASK)
                    + ", got 0x" + Integer.toHexString(value));
        }
        flags = value;
        return this;
    }

    public DnsRepr setOpcode(int value) {
        opcode = requireRange("opcode", value, 15);
        return this;
    }

    public DnsRepr setRcode(int value) {
        rcode = requireRange("rcode", value, 15);
        return this;
    }

    /**
     * Sets the question from dotted text ({@code rust-lang.org}) and a record type; throws
     * IllegalArgumentException for an invalid name (see {@link DnsName#fromDotted}), leaving the
     * holder unchanged.
     */
    public DnsRepr setQuestion(byte[] dottedName, int off, int len, int type) {
        requireRange("question type", type, 0xffff);
        int length = DnsName.fromDotted(dottedName, off, len, scratch, 0);
        System.arraycopy(scratch, 0, name, 0, length);
        nameLength = length;
        questionType = type;
        return this;
    }

    /** Sets the question from an uncompressed wire-form name (length-prefixed labels ending with 0). */
    public DnsRepr setQuestionLabels(byte[] wireName, int off, int len, int type) {
        requireRange("question type", type, 0xffff);
        DnsName.requireWireForm(wireName, off, len);
        System.arraycopy(wireName, off, name, 0, len);
        nameLength = len;
        questionType = type;
        return this;
    }

    /** Sets the mDNS unicast-response ("QU") bit of the question. */
    public DnsRepr setUnicastResponse(boolean value) {
        unicastResponse = value;
        return this;
    }

    private static int requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("DNS " + what + " must be 0.." + max + ", got " + value);
        }
        return value;
    }

    /**
     * tcpdump-style: {@code DNS 0x1234 query rd A? rust-lang.org} or
     * {@code DNS 0x5184 response rd ra NoError A? google.com}.
     */
    public StringBuilder appendTo(StringBuilder out) {
        Hex.appendCompact(out.append("DNS 0x"), transactionId);
        out.append(isResponse() ? " response" : " query");
        if (opcode != DnsPacket.OPCODE_QUERY) {
            out.append(" opcode=").append(opcode);
        }
        appendFlag(out, DnsPacket.FLAG_AUTHORITATIVE, " aa");
        appendFlag(out, DnsPacket.FLAG_TRUNCATED, " tc");
        appendFlag(out, DnsPacket.FLAG_RECURSION_DESIRED, " rd");
        appendFlag(out, DnsPacket.FLAG_RECURSION_AVAILABLE, " ra");
        appendFlag(out, DnsPacket.FLAG_AUTHENTIC_DATA, " ad");
        appendFlag(out, DnsPacket.FLAG_CHECKING_DISABLED, " cd");
        if (isResponse()) {
            DnsPacket.appendRcode(out.append(' '), rcode);
        }
        DnsPacket.appendType(out.append(' '), questionType).append("? ");
        DnsName.appendWireForm(out, name, 0);
        return unicastResponse ? out.append(" (QU)") : out;
    }

    private void appendFlag(StringBuilder out, int flag, String text) {
        if ((flags & flag) != 0) {
            out.append(text);
        }
    }
}
