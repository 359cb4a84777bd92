package org.smoltcp4j.wire;

/**
 * A view of a 6LoWPAN fragment header (RFC 4944 section 5.3) over {@code buf[off, off+len)}: FRAG1
 * ({@code 11000}, 11-bit datagram size, 16-bit tag) or FRAGN (the same plus an offset in 8-octet
 * units). After {@link #check} returns {@link WireStatus#OK}, no accessor can fail.
 */
public final class SixlowpanFragPacket extends PacketView {

    public static final int FIRST_HEADER_LEN = 4;
    public static final int NEXT_HEADER_LEN = 5;
    /** The largest datagram size an 11-bit field holds. */
    public static final int MAX_DATAGRAM_SIZE = 0x7ff;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public SixlowpanFragPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * {@link WireStatus#OK}; {@link WireStatus#TRUNCATED} when shorter than its header;
     * {@link WireStatus#MALFORMED} when the dispatch is neither FRAG1 nor FRAGN.
     */
    @Override
    public int check() {
        if (len < 1) {
            return WireStatus.TRUNCATED;
        }
        int kind = SixlowpanDispatch.classify(buf[off]);
        if (kind != SixlowpanDispatch.FRAG1 && kind != SixlowpanDispatch.FRAGN) {
            return WireStatus.MALFORMED;
        }
        return len < headerLength() ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /** True for FRAG1, false for FRAGN. */
    public boolean isFirstFragment() {
        return (buf[off] & 0xf8) == 0xc0;
    }

    public int headerLength() {
        return isFirstFragment() ? FIRST_HEADER_LEN : NEXT_HEADER_LEN;
    }

    /** The size of the whole IPv6 datagram before compression, in octets. */
    public int datagramSize() {
        return NetworkBytes.getU16(buf, off) & MAX_DATAGRAM_SIZE;
    }

    public int datagramTag() {
        return NetworkBytes.getU16(buf, off + 2);
    }

    /** The offset of this fragment in the uncompressed datagram, in 8-octet units (0 for FRAG1). */
    public int datagramOffset() {
        return isFirstFragment() ? 0 : buf[off + 4] & 0xff;
    }

    /** Index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** Writes the dispatch and datagram size together (they share the first two octets). */
    public void setDispatchAndSize(boolean first, int size) {
        NetworkBytes.setU16(buf, off, (first ? 0xc000 : 0xe000) | (size & MAX_DATAGRAM_SIZE));
    }

    public void setDatagramTag(int tag) {
        NetworkBytes.setU16(buf, off + 2, tag);
    }

    /** Writes the offset (8-octet units) of a FRAGN header. */
    public void setDatagramOffset(int units) {
        buf[off + 4] = (byte) units;
    }
}
