package org.smoltcp4j.wire;

/**
 * A view of a LOWPAN_IPHC compressed IPv6 header (RFC 6282 section 3.1) over
 * {@code buf[off, off+len)}: the two-octet base ({@code 011 TF NH HLIM CID SAC SAM M DAC DAM}), the
 * optional context identifier octet, then the in-line fields in order: traffic class and flow
 * label, next header, hop limit, source address bits, destination address bits. After
 * {@link #check} returns {@link WireStatus#OK}, no accessor can fail. Addresses are resolved by
 * {@link SixlowpanIphcRepr}, which needs the link-layer addresses and the context table.
 */
public final class SixlowpanIphcPacket extends PacketView {

    /** In-line octets of traffic class and flow label per TF value. */
    static final int[] TF_SIZE = {4, 3, 1, 0};
    /** In-line octets of a unicast address per SAM/DAM value, without context (SAC/DAC = 0). */
    static final int[] STATELESS_SIZE = {16, 8, 2, 0};
    /** In-line octets of a multicast destination per DAM value (M = 1, DAC = 0). */
    static final int[] MULTICAST_SIZE = {16, 6, 4, 1};

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public SixlowpanIphcPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * {@link WireStatus#OK}; {@link WireStatus#TRUNCATED} when the buffer ends inside the header;
     * {@link WireStatus#MALFORMED} when the dispatch is not {@code 011} or the destination uses a
     * reserved mode (M=0 DAC=1 DAM=00, or M=1 DAC=1 DAM other than 00).
     */
    @Override
    public int check() {
        if (len < 2) {
            return WireStatus.TRUNCATED;
        }
        if (SixlowpanDispatch.classify(buf[off]) != SixlowpanDispatch.IPHC) {
            return WireStatus.MALFORMED;
        }
        if (dstAddressReserved(base())) {
            return WireStatus.MALFORMED;
        }
        return headerLength() > len ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    private static boolean dstAddressReserved(int base) {
        boolean dac = (base & 0x04) != 0;
        int dam = base & 3;
        return dac && ((base & 0x08) == 0 ? dam == 0 : dam != 0);
    }

    /** The 16-bit base encoding, dispatch bits included. */
    public int base() {
        return NetworkBytes.getU16(buf, off);
    }

    public int tf() {
        return (base() >>> 11) & 3;
    }

    /** NH = 1: the next header is LOWPAN_NHC encoded after this header. */
    public boolean nextHeaderCompressed() {
        return (base() & 0x0400) != 0;
    }

    public int hlim() {
        return (base() >>> 8) & 3;
    }

    /** CID = 1: a context identifier octet follows the base. */
    public boolean hasContextIds() {
        return (base() & 0x80) != 0;
    }

    public boolean sac() {
        return (base() & 0x40) != 0;
    }

    public int sam() {
        return (base() >>> 4) & 3;
    }

    public boolean multicast() {
        return (base() & 0x08) != 0;
    }

    public boolean dac() {
        return (base() & 0x04) != 0;
    }

    public int dam() {
        return base() & 3;
    }

    /** The source context identifier (0 without the CID octet). */
    public int srcContextId() {
        return hasContextIds() ? (buf[off + 2] & 0xff) >>> 4 : 0;
    }

    /** The destination context identifier (0 without the CID octet). */
    public int dstContextId() {
        return hasContextIds() ? buf[off + 2] & 0x0f : 0;
    }

    private int inlineStart() {
        return 2 + (hasContextIds() ? 1 : 0);
    }

    /** Explicit Congestion Notification bits (0 when elided). */
    public int ecn() {
        return tf() == 3 ? 0 : (buf[off + inlineStart()] & 0xff) >>> 6;
    }

    /** Differentiated Services Code Point (0 when elided). */
    public int dscp() {
        int tf = tf();
        return tf == 0 || tf == 2 ? buf[off + inlineStart()] & 0x3f : 0;
    }

    /** The 20-bit flow label (0 when elided). */
    public int flowLabel() {
        int at = off + inlineStart();
        switch (tf()) {
            case 0:
                return (buf[at + 1] & 0x0f) << 16 | NetworkBytes.getU16(buf, at + 2);
            case 1:
                return (buf[at] & 0x0f) << 16 | NetworkBytes.getU16(buf, at + 1);
            default:
                return 0;
        }
    }

    private int nextHeaderAt() {
        return inlineStart() + TF_SIZE[tf()];
    }

    /** The in-line next header, or -1 when it is compressed ({@link #nextHeaderCompressed}). */
    public int nextHeader() {
        return nextHeaderCompressed() ? -1 : buf[off + nextHeaderAt()] & 0xff;
    }

    private int hopLimitAt() {
        return nextHeaderAt() + (nextHeaderCompressed() ? 0 : 1);
    }

    /** The hop limit: 1, 64 or 255 when compressed, else the in-line value. */
    public int hopLimit() {
        switch (hlim()) {
            case 0:
                return buf[off + hopLimitAt()] & 0xff;
            case 1:
                return 1;
            case 2:
                return 64;
            default:
                return 255;
        }
    }

    /** Index in {@link #buffer()} of the in-line source address bits. */
    public int srcInlineOffset() {
        return off + hopLimitAt() + (hlim() == 0 ? 1 : 0);
    }

    /** Octets of source address carried in-line (0, 2, 8 or 16). */
    public int srcInlineLength() {
        int sam = sam();
        return sac() && sam == 0 ? 0 : STATELESS_SIZE[sam];
    }

    /** Index in {@link #buffer()} of the in-line destination address bits. */
    public int dstInlineOffset() {
        return srcInlineOffset() + srcInlineLength();
    }

    /** Octets of destination address carried in-line (0, 1, 2, 4, 6, 8 or 16). */
    public int dstInlineLength() {
        int dam = dam();
        if (multicast()) {
            return dac() ? (dam == 0 ? 6 : 0) : MULTICAST_SIZE[dam];
        }
        return dac() && dam == 0 ? 0 : STATELESS_SIZE[dam];
    }

    /** Octets of the whole IPHC header. */
    public int headerLength() {
        return dstInlineOffset() + dstInlineLength() - off;
    }

    /** Index in {@link #buffer()} where the payload (an NHC header or the next header) starts. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** Writes the base encoding; {@code base} must carry the {@code 011} dispatch in its top bits. */
    public void setBase(int base) {
        if ((base & 0xe000) != 0x6000) {
            throw new IllegalArgumentException("IPHC base must start with dispatch 011, got 0x" + Integer.toHexString(base));
        }
        NetworkBytes.setU16(buf, off, base);
    }

    /** Writes the context identifier octet (requires CID = 1 in the base). */
    public void setContextIds(int srcId, int dstId) {
        buf[off + 2] = (byte) ((srcId & 0x0f) << 4 | (dstId & 0x0f));
    }
}
