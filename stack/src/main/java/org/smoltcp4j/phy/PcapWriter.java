package org.smoltcp4j.phy;

/**
 * A middleware that records frames received, transmitted or both into a libpcap capture
 * ({@link PcapFormat}) of the inner device's medium's link type (Ethernet, raw IP, 802.15.4
 * without FCS), timestamped with the {@code now} given to {@link #receive} and
 * {@link #prepareTransmit} (microseconds, read as time since the Unix epoch). A transmitted frame is
 * recorded at commit, before the inner device has it. The global header is written when the
 * writer is built.
 *
 * <p>By default the sink is flushed after every frame, so a capture cut short by a crash is still
 * readable up to the last frame; {@link #setFlushEveryFrame} turns that off for speed.
 */
public final class PcapWriter extends ForwardingDevice {

    /** Record received frames. */
    public static final int MODE_RX = 1;
    /** Record transmitted frames. */
    public static final int MODE_TX = 2;
    /** Record both, in the order they pass. */
    public static final int MODE_BOTH = MODE_RX | MODE_TX;

    /** smoltcp's snapshot length; a device with a larger MTU gets its MTU. */
    private static final int MIN_SNAP_LENGTH = 65535;

    private final PcapSink sink;
    private final byte[] recordHeader = new byte[PcapFormat.RECORD_HEADER_LEN];
    private final int mode;
    private boolean flushEveryFrame = true;

    /** @param mode {@link #MODE_RX}, {@link #MODE_TX} or {@link #MODE_BOTH} */
    public PcapWriter(Device inner, PcapSink sink, int mode) {
        super("PcapWriter", inner);
        if (sink == null) {
            throw new NullPointerException("PcapWriter: sink is null");
        }
        if (mode != MODE_RX && mode != MODE_TX && mode != MODE_BOTH) {
            throw new IllegalArgumentException("PcapWriter: mode must be MODE_RX, MODE_TX or MODE_BOTH, got " + mode);
        }
        this.sink = sink;
        this.mode = mode;
        DeviceCapabilities capabilities = inner.capabilities();
        byte[] header = new byte[PcapFormat.GLOBAL_HEADER_LEN];
        PcapFormat.writeGlobalHeader(header, 0, Medium.pcapLinkType(capabilities.medium()),
                Math.max(MIN_SNAP_LENGTH, capabilities.mtu()));
        sink.write(header, 0, header.length);
        sink.flush();
    }

    public int mode() {
        return mode;
    }

    public void setFlushEveryFrame(boolean flushEveryFrame) {
        this.flushEveryFrame = flushEveryFrame;
    }

    public boolean isFlushEveryFrame() {
        return flushEveryFrame;
    }

    protected boolean admitReceived(long now, byte[] buf, int off, int len) {
        if ((mode & MODE_RX) != 0) {
            record(now, buf, off, len);
        }
        return true;
    }

    protected boolean admitTransmit(long now, byte[] buf, int off, int len) {
        if ((mode & MODE_TX) != 0) {
            record(now, buf, off, len);
        }
        return true;
    }

    private void record(long now, byte[] buf, int off, int len) {
        PcapFormat.writeRecordHeader(recordHeader, 0, now, len, len);
        sink.write(recordHeader, 0, recordHeader.length);
        sink.write(buf, off, len);
        if (flushEveryFrame) {
            sink.flush();
        }
    }
}
