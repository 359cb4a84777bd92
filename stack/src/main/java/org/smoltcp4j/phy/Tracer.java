package org.smoltcp4j.phy;

import org.smoltcp4j.wire.FramePrinter;

/**
 * A middleware that prints every frame received and transmitted, one line each, tcpdump-style,
 * with {@link FramePrinter} for the inner device's medium, to a {@link TraceSink}. A transmitted
 * frame is printed at commit, before the inner device has it.
 *
 * <p>Off costs nothing but a test ({@link #setEnabled}); on, the line is built in one reused
 * {@link StringBuilder}, so once it has grown to the longest line, printing allocates nothing
 * either.
 */
public final class Tracer extends ForwardingDevice {

    private static final int INITIAL_LINE_CAPACITY = 256;

    private final TraceSink sink;
    private final FramePrinter printer = new FramePrinter();
    private final StringBuilder line = new StringBuilder(INITIAL_LINE_CAPACITY);
    private final int medium;
    private boolean enabled = true;

    /** A tracer, enabled. */
    public Tracer(Device inner, TraceSink sink) {
        super("Tracer", inner);
        if (sink == null) {
            throw new NullPointerException("Tracer: sink is null");
        }
        this.sink = sink;
        this.medium = inner.capabilities().medium();
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    protected boolean admitReceived(long now, byte[] buf, int off, int len) {
        if (enabled) {
            trace(now, false, buf, off, len);
        }
        return true;
    }

    protected boolean admitTransmit(long now, byte[] buf, int off, int len) {
        if (enabled) {
            trace(now, true, buf, off, len);
        }
        return true;
    }

    private void trace(long now, boolean transmitted, byte[] buf, int off, int len) {
        line.setLength(0);
        switch (medium) {
            case Medium.ETHERNET:
                printer.appendEthernet(buf, off, len, line);
                break;
            case Medium.IP:
                printer.appendIp(buf, off, len, line);
                break;
            default:
                printer.appendIeee802154(buf, off, len, line);
                break;
        }
        sink.trace(now, transmitted, line);
    }
}
