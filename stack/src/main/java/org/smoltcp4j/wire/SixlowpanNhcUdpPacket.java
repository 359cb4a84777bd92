package org.smoltcp4j.wire;

/**
 * A view of a LOWPAN_NHC compressed UDP header (RFC 6282 section 4.3) over
 * {@code buf[off, off+len)}: the octet {@code 11110 C P}, ports (4, 3, 3 or 1 octets per P), then
 * the checksum unless C elides it. The UDP length is never carried: the payload runs to the end
 * of the view. After {@link #check} returns {@link WireStatus#OK}, no accessor can fail.
 */
public final class SixlowpanNhcUdpPacket extends PacketView {

    /** P = 00: both ports in-line. */
    public static final int PORTS_INLINE = 0;
    /** P = 01: source in-line, destination 0xF0xx (8 bits in-line). */
    public static final int PORTS_DST_8 = 1;
    /** P = 10: source 0xF0xx (8 bits in-line), destination in-line. */
    public static final int PORTS_SRC_8 = 2;
    /** P = 11: both 0xF0Bx (4 bits each in one octet). */
    public static final int PORTS_4_4 = 3;

    private static final int[] PORTS_SIZE = {4, 3, 3, 1};

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public SixlowpanNhcUdpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * {@link WireStatus#OK}; {@link WireStatus#TRUNCATED} when the buffer ends inside the header;
     * {@link WireStatus#MALFORMED} when the first octet is not a UDP NHC ({@code 11110xxx}).
     */
    @Override
    public int check() {
        if (len < 1) {
            return WireStatus.TRUNCATED;
        }
        if (SixlowpanDispatch.classifyNhc(buf[off]) != SixlowpanDispatch.NHC_UDP) {
            return WireStatus.MALFORMED;
        }
        return headerLength() > len ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /** C = 1: the checksum is elided (to be recomputed by the receiver). */
    public boolean checksumElided() {
        return (buf[off] & 0x04) != 0;
    }

    /** The P field: one of the {@code PORTS_*} constants. */
    public int portsMode() {
        return buf[off] & 3;
    }

    /** Octets of ports in-line for a P value. */
    static int portsSize(int mode) {
        return PORTS_SIZE[mode];
    }

    public int srcPort() {
        int at = off + 1;
        switch (portsMode()) {
            case PORTS_SRC_8:
                return 0xf000 | buf[at] & 0xff;
            case PORTS_4_4:
                return 0xf0b0 | (buf[at] & 0xff) >>> 4;
            default:
                return NetworkBytes.getU16(buf, at);
        }
    }

    public int dstPort() {
        int at = off + 1;
        switch (portsMode()) {
            case PORTS_INLINE:
                return NetworkBytes.getU16(buf, at + 2);
            case PORTS_DST_8:
                return 0xf000 | buf[at + 2] & 0xff;
            case PORTS_SRC_8:
                return NetworkBytes.getU16(buf, at + 1);
            default:
                return 0xf0b0 | buf[at] & 0x0f;
        }
    }

    private int checksumAt() {
        return 1 + PORTS_SIZE[portsMode()];
    }

    /** The in-line checksum, or -1 when elided. */
    public int checksum() {
        return checksumElided() ? -1 : NetworkBytes.getU16(buf, off + checksumAt());
    }

    public int headerLength() {
        return checksumAt() + (checksumElided() ? 0 : 2);
    }

    /** Index in {@link #buffer()} where the UDP payload starts. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** Writes the NHC octet with a P value and the C flag. */
    public void setHeader(int portsMode, boolean elideChecksum) {
        if (portsMode < 0 || portsMode > 3) {
            throw new IllegalArgumentException("ports mode must be 0..3, got " + portsMode);
        }
        buf[off] = (byte) (0xf0 | (elideChecksum ? 0x04 : 0) | portsMode);
    }

    /** Writes the ports in the form the header's P value says; bits P elides are not checked here. */
    public void setPorts(int src, int dst) {
        int at = off + 1;
        switch (portsMode()) {
            case PORTS_INLINE:
                NetworkBytes.setU16(buf, at, src);
                NetworkBytes.setU16(buf, at + 2, dst);
                break;
            case PORTS_DST_8:
                NetworkBytes.setU16(buf, at, src);
                buf[at + 2] = (byte) dst;
                break;
            case PORTS_SRC_8:
                buf[at] = (byte) src;
                NetworkBytes.setU16(buf, at + 1, dst);
                break;
            default:
                buf[at] = (byte) ((src & 0x0f) << 4 | (dst & 0x0f));
                break;
        }
    }

    /** Writes the in-line checksum (the header must not elide it). */
    public void setChecksum(int checksum) {
        if (checksumElided()) {
            throw new IllegalStateException("the header elides the checksum");
        }
        NetworkBytes.setU16(buf, off + checksumAt(), checksum);
    }
}
