package org.smoltcp4j.wire;

/**
 * A view of an ICMPv4 message (RFC 792) over {@code buf[off, off+len)}. The message has no length
 * field: it is the whole IPv4 payload, so wrap exactly {@link Ipv4Packet#payloadLength()} bytes
 * (not the Ethernet padding after them), since the checksum covers every wrapped byte.
 *
 * <p>Every message starts with type, code, checksum and a 4-byte type-specific word; what follows
 * ({@link #dataOffset()}) is echo data or, for errors, the quoted original IPv4 header and at least
 * 8 bytes of its payload.
 */
public final class Icmpv4Packet extends PacketView {

    /** Type, code, checksum and the 4-byte rest-of-header word. */
    public static final int HEADER_LEN = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DESTINATION_UNREACHABLE = 3;
    public static final int TYPE_REDIRECT = 5;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    public static final int TYPE_PARAMETER_PROBLEM = 12;

    /** Destination unreachable codes 0..15 (RFC 792, RFC 1122, RFC 1812); the ones the stack names. */
    public static final int UNREACHABLE_NET = 0;
    public static final int UNREACHABLE_HOST = 1;
    public static final int UNREACHABLE_PROTOCOL = 2;
    public static final int UNREACHABLE_PORT = 3;
    /** Fragmentation needed and DF set; carries the next-hop MTU (RFC 1191). */
    public static final int UNREACHABLE_FRAGMENTATION_NEEDED = 4;
    public static final int UNREACHABLE_SOURCE_ROUTE_FAILED = 5;
    public static final int UNREACHABLE_ADMINISTRATIVELY_PROHIBITED = 13;
    public static final int UNREACHABLE_PRECEDENCE_CUTOFF = 15;
    /** Redirect codes 0..3: network, host, ToS and network, ToS and host. */
    public static final int REDIRECT_NETWORK = 0;
    public static final int REDIRECT_HOST = 1;
    public static final int REDIRECT_TOS_HOST = 3;
    public static final int TIME_EXCEEDED_TTL = 0;
    public static final int TIME_EXCEEDED_REASSEMBLY = 1;
    /** Parameter problem codes: the pointer locates the error, a required option is missing, bad length. */
    public static final int PARAMETER_POINTER = 0;
    public static final int PARAMETER_MISSING_OPTION = 1;
    public static final int PARAMETER_BAD_LENGTH = 2;

    private static final int TYPE = 0;
    private static final int CODE = 1;
    private static final int CHECKSUM = 2;
    private static final int REST = 4;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public Icmpv4Packet wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when shorter than the 8-byte header. */
    @Override
    public int check() {
        return len < HEADER_LEN ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    public int type() {
        return NetworkBytes.getU8(buf, off + TYPE);
    }

    public int code() {
        return NetworkBytes.getU8(buf, off + CODE);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + CHECKSUM);
    }

    /** Echo identifier (first half of the rest-of-header word). */
    public int echoIdentifier() {
        return NetworkBytes.getU16(buf, off + REST);
    }

    /** Echo sequence number (second half of the rest-of-header word). */
    public int echoSequence() {
        return NetworkBytes.getU16(buf, off + REST + 2);
    }

    /** Parameter problem pointer: the octet of the original header in error. */
    public int pointer() {
        return NetworkBytes.getU8(buf, off + REST);
    }

    /** Redirect gateway address. */
    public int gateway() {
        return NetworkBytes.getU32(buf, off + REST);
    }

    /** Next-hop MTU of a "fragmentation needed" unreachable (RFC 1191); 0 from old routers. */
    public int nextHopMtu() {
        return NetworkBytes.getU16(buf, off + REST + 2);
    }

    /** The whole rest-of-header word. */
    public int restOfHeader() {
        return NetworkBytes.getU32(buf, off + REST);
    }

    /** Index in {@link #buffer()} of what follows the header: echo data or the quoted datagram. */
    public int dataOffset() {
        return off + HEADER_LEN;
    }

    public int dataLength() {
        return len - HEADER_LEN;
    }

    /** True when the checksum over the whole wrapped message verifies. */
    public boolean verifyChecksum() {
        return Checksum.verifies(Checksum.accumulate(0, buf, off, len));
    }

    public void setType(int type) {
        NetworkBytes.setU8(buf, off + TYPE, type);
    }

    public void setCode(int code) {
        NetworkBytes.setU8(buf, off + CODE, code);
    }

    public void setChecksum(int checksum) {
        NetworkBytes.setU16(buf, off + CHECKSUM, checksum);
    }

    public void setEcho(int identifier, int sequence) {
        NetworkBytes.setU16(buf, off + REST, identifier);
        NetworkBytes.setU16(buf, off + REST + 2, sequence);
    }

    public void setRestOfHeader(int word) {
        NetworkBytes.setU32(buf, off + REST, word);
    }

    /** Computes the checksum over the whole wrapped message (data in place) and writes it. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(Checksum.compute(buf, off, len));
    }
}
