package org.smoltcp4j.wire;

/**
 * A view of an Ethernet II frame (without preamble and FCS) over {@code buf[off, off+len)}.
 * Re-pointed with {@link #wrap}, so one view serves every frame. After {@link #check} returns
 * {@link WireStatus#OK}, no accessor can fail.
 */
public final class EthernetFrame extends PacketView {

    public static final int HEADER_LEN = 14;
    private static final int DESTINATION = 0;
    private static final int SOURCE = 6;
    private static final int ETHER_TYPE = 12;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public EthernetFrame wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** {@link WireStatus#OK}, or {@link WireStatus#TRUNCATED} when shorter than the header. */
    @Override
    public int check() {
        return len < HEADER_LEN ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    public long destination() {
        return NetworkBytes.getU48(buf, off + DESTINATION);
    }

    public long source() {
        return NetworkBytes.getU48(buf, off + SOURCE);
    }

    public int etherType() {
        return NetworkBytes.getU16(buf, off + ETHER_TYPE);
    }

    /** Index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    public int payloadLength() {
        return len - HEADER_LEN;
    }

    public void setDestination(long mac) {
        NetworkBytes.setU48(buf, off + DESTINATION, mac);
    }

    public void setSource(long mac) {
        NetworkBytes.setU48(buf, off + SOURCE, mac);
    }

    public void setEtherType(int etherType) {
        NetworkBytes.setU16(buf, off + ETHER_TYPE, etherType);
    }
}
