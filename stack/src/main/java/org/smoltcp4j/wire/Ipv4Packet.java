package org.smoltcp4j.wire;

/**
 * A view of an IPv4 packet (RFC 791) over {@code buf[off, off+len)}. {@link #check} validates
 * version, header length and total length once; after it returns OK no accessor fails.
 *
 * <p>The buffer may be longer than the total length (Ethernet pads short frames to 60 bytes):
 * {@link #payloadLength()} comes from the total length field, never from the buffer. Options are
 * not interpreted but are counted in {@link #headerLength()}. The fragmentation fields are exposed
 * so the interface can reassemble ({@link #isFragment}) and fragment.
 */
public final class Ipv4Packet extends PacketView {

    /** Header without options; the smallest legal IHL (5 words). */
    public static final int HEADER_LEN = 20;
    /** Largest header: IHL 15 words. */
    public static final int MAX_HEADER_LEN = 60;
    public static final int MAX_TOTAL_LEN = 0xffff;

    private static final int VERSION_IHL = 0;
    private static final int DSCP_ECN = 1;
    private static final int TOTAL_LENGTH = 2;
    private static final int IDENTIFICATION = 4;
    private static final int FLAGS_FRAGMENT = 6;
    private static final int TTL = 8;
    private static final int PROTOCOL = 9;
    private static final int CHECKSUM = 10;
    private static final int SOURCE = 12;
    private static final int DESTINATION = 16;
    private static final int FLAG_DONT_FRAGMENT = 0x4000;
    private static final int FLAG_MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public Ipv4Packet wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * Validates the whole packet: {@link #checkHeader()}, then TRUNCATED when the buffer is shorter
     * than the total length.
     */
    @Override
    public int check() {
        int status = checkHeader();
        if (status != WireStatus.OK) {
            return status;
        }
        return len < totalLength() ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /**
     * Validates the header alone, for headers quoted in ICMP errors whose payload was cut short:
     * TRUNCATED when shorter than 20 bytes or than the IHL says; MALFORMED for a version other than
     * 4, an IHL below 5, or a total length below the header length. After OK every header accessor
     * works; the payload accessors need {@link #check}.
     */
    public int checkHeader() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        if (version() != 4 || headerLength() < HEADER_LEN) {
            return WireStatus.MALFORMED;
        }
        if (len < headerLength()) {
            return WireStatus.TRUNCATED;
        }
        return totalLength() < headerLength() ? WireStatus.MALFORMED : WireStatus.OK;
    }

    public int version() {
        return NetworkBytes.getU8(buf, off + VERSION_IHL) >>> 4;
    }

    /** Header length in bytes (IHL times 4), options included. */
    public int headerLength() {
        return (NetworkBytes.getU8(buf, off + VERSION_IHL) & 0x0f) * 4;
    }

    /** Differentiated Services Code Point, 0..63. */
    public int dscp() {
        return NetworkBytes.getU8(buf, off + DSCP_ECN) >>> 2;
    }

    /** Explicit Congestion Notification, 0..3. */
    public int ecn() {
        return NetworkBytes.getU8(buf, off + DSCP_ECN) & 0x03;
    }

    public int totalLength() {
        return NetworkBytes.getU16(buf, off + TOTAL_LENGTH);
    }

    public int identification() {
        return NetworkBytes.getU16(buf, off + IDENTIFICATION);
    }

    public boolean dontFragment() {
        return (NetworkBytes.getU16(buf, off + FLAGS_FRAGMENT) & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (NetworkBytes.getU16(buf, off + FLAGS_FRAGMENT) & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** The fragment offset field as sent: units of 8 bytes, 0..8191. */
    public int fragmentOffsetUnits() {
        return NetworkBytes.getU16(buf, off + FLAGS_FRAGMENT) & FRAGMENT_OFFSET_MASK;
    }

    /** Where this fragment's payload belongs in the original payload, in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffsetUnits() * 8;
    }

    /** True for a fragment of a larger datagram (more to come, or not the first piece). */
    public boolean isFragment() {
        return moreFragments() || fragmentOffsetUnits() != 0;
    }

    public int ttl() {
        return NetworkBytes.getU8(buf, off + TTL);
    }

    public int protocol() {
        return NetworkBytes.getU8(buf, off + PROTOCOL);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + CHECKSUM);
    }

    public int source() {
        return NetworkBytes.getU32(buf, off + SOURCE);
    }

    public int destination() {
        return NetworkBytes.getU32(buf, off + DESTINATION);
    }

    /** True when the header checksum (over the header with its options) verifies. */
    public boolean verifyChecksum() {
        return Checksum.verifies(Checksum.accumulate(0, buf, off, headerLength()));
    }

    /** Index in {@link #buffer()} where the payload starts (after any options). */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Payload bytes according to the total length field (padding after it is not payload). */
    public int payloadLength() {
        return totalLength() - headerLength();
    }

    public void setVersion(int version) {
        buf[off + VERSION_IHL] = (byte) ((buf[off + VERSION_IHL] & 0x0f) | (version << 4));
    }

    /** Sets the IHL from a length in bytes (a multiple of 4, 20..60). */
    public void setHeaderLength(int bytes) {
        buf[off + VERSION_IHL] = (byte) ((buf[off + VERSION_IHL] & 0xf0) | ((bytes / 4) & 0x0f));
    }

    public void setDscp(int dscp) {
        buf[off + DSCP_ECN] = (byte) ((buf[off + DSCP_ECN] & 0x03) | (dscp << 2));
    }

    public void setEcn(int ecn) {
        buf[off + DSCP_ECN] = (byte) ((buf[off + DSCP_ECN] & 0xfc) | (ecn & 0x03));
    }

    public void setTotalLength(int length) {
        NetworkBytes.setU16(buf, off + TOTAL_LENGTH, length);
    }

    public void setIdentification(int identification) {
        NetworkBytes.setU16(buf, off + IDENTIFICATION, identification);
    }

    /** Writes the flags (reserved bit clear) and the fragment offset given in bytes (a multiple of 8). */
    public void setFlagsAndFragmentOffset(boolean dontFragment, boolean moreFragments, int offsetBytes) {
        int value = (offsetBytes >>> 3) & FRAGMENT_OFFSET_MASK;
        if (dontFragment) {
            value |= FLAG_DONT_FRAGMENT;
        }
        if (moreFragments) {
            value |= FLAG_MORE_FRAGMENTS;
        }
        NetworkBytes.setU16(buf, off + FLAGS_FRAGMENT, value);
    }

    public void setTtl(int ttl) {
        NetworkBytes.setU8(buf, off + TTL, ttl);
    }

    public void setProtocol(int protocol) {
        NetworkBytes.setU8(buf, off + PROTOCOL, protocol);
    }

    public void setChecksum(int checksum) {
        NetworkBytes.setU16(buf, off + CHECKSUM, checksum);
    }

    public void setSource(int address) {
        NetworkBytes.setU32(buf, off + SOURCE, address);
    }

    public void setDestination(int address) {
        NetworkBytes.setU32(buf, off + DESTINATION, address);
    }

    /** Computes the header checksum over {@link #headerLength()} bytes and writes it. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(Checksum.compute(buf, off, headerLength()));
    }
}
