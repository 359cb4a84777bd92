package org.smoltcp4j.wire;

/**
 * A view of a LOWPAN_NHC compressed IPv6 extension header (RFC 6282 section 4.2) over
 * {@code buf[off, off+len)}: the octet {@code 1110 EID NH}, the next header unless NH says an NHC
 * header follows, a length in octets, then that many octets of the extension header body (the
 * original header without its next header and length octets). After {@link #check} returns
 * {@link WireStatus#OK}, no accessor can fail.
 */
public final class SixlowpanNhcExtPacket extends PacketView {

    public static final int EID_HOP_BY_HOP = 0;
    public static final int EID_ROUTING = 1;
    public static final int EID_FRAGMENT = 2;
    public static final int EID_DESTINATION_OPTIONS = 3;
    public static final int EID_MOBILITY = 4;
    /** An IPv6 header (IP-in-IP), encoded with IPHC; not supported here. */
    public static final int EID_IPV6 = 7;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public SixlowpanNhcExtPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * {@link WireStatus#OK}; {@link WireStatus#TRUNCATED} when the buffer ends inside the header or
     * its body; {@link WireStatus#MALFORMED} when the first octet is not an extension header NHC or
     * has a reserved EID (5, 6); {@link WireStatus#UNSUPPORTED} for EID 7 (an IPv6 header).
     */
    @Override
    public int check() {
        if (len < 1) {
            return WireStatus.TRUNCATED;
        }
        if (SixlowpanDispatch.classifyNhc(buf[off]) != SixlowpanDispatch.NHC_EXTENSION) {
            return WireStatus.MALFORMED;
        }
        int eid = eid();
        if (eid == 5 || eid == 6) {
            return WireStatus.MALFORMED;
        }
        if (eid == EID_IPV6) {
            return WireStatus.UNSUPPORTED;
        }
        if (len < headerLength() || len < headerLength() + bodyLength()) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    /** The extension header identifier (0..7). */
    public int eid() {
        return (buf[off] >>> 1) & 7;
    }

    /** NH = 1: the following header is NHC encoded too. */
    public boolean nextHeaderCompressed() {
        return (buf[off] & 1) != 0;
    }

    /** The in-line next header, or -1 when compressed. */
    public int nextHeader() {
        return nextHeaderCompressed() ? -1 : buf[off + 1] & 0xff;
    }

    /** The length field: octets of body after the header. */
    public int bodyLength() {
        return buf[off + headerLength() - 1] & 0xff;
    }

    /** Octets of NHC octet, in-line next header and length. */
    public int headerLength() {
        return nextHeaderCompressed() ? 2 : 3;
    }

    /** Index in {@link #buffer()} of the extension header body. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Octets of body (the length field). */
    public int payloadLength() {
        return bodyLength();
    }

    /** Index in {@link #buffer()} of the header that follows the body. */
    public int nextOffset() {
        return payloadOffset() + bodyLength();
    }

    /** Writes the NHC octet. */
    public void setHeader(int eid, boolean compressedNextHeader) {
        buf[off] = (byte) (0xe0 | (eid & 7) << 1 | (compressedNextHeader ? 1 : 0));
    }

    /** Writes the in-line next header (the NHC octet must say it is in-line). */
    public void setNextHeader(int protocol) {
        if (nextHeaderCompressed()) {
            throw new IllegalStateException("the header compresses the next header");
        }
        buf[off + 1] = (byte) protocol;
    }

    public void setBodyLength(int length) {
        buf[off + headerLength() - 1] = (byte) length;
    }
}
