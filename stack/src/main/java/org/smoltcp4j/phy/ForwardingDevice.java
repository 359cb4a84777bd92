package org.smoltcp4j.phy;

/**
 * A middleware device: forwards every call to an inner device and lends the inner device's own
 * buffers, so nothing is copied, while a subclass looks at (and may alter or drop) each frame
 * through two hooks. Capabilities are the inner device's.
 *
 * <p>A received frame is shown to {@link #admitReceived} when the inner device lends it; if the hook
 * refuses it, the frame goes back to the inner device and the next one is tried, so a dropped frame
 * never makes {@link #receive} report an empty queue while frames wait. A transmitted frame is shown
 * to {@link #admitTransmit} when committed, while the buffer is still lent to us; a refused frame is
 * aborted on the inner device, and the caller sees a normal send (lost on the wire, as it were).
 * Committing 0 bytes sends nothing and reaches neither hook.
 */
public abstract class ForwardingDevice implements Device {

    private final Device inner;
    private final Lending lending;
    private long preparedAt;

    /** @param name the middleware's name for misuse messages */
    protected ForwardingDevice(String name, Device inner) {
        if (inner == null) {
            throw new NullPointerException(name + ": inner device is null");
        }
        this.inner = inner;
        this.lending = new Lending(name, inner.capabilities().maxTransmitLength());
    }

    /** The wrapped device. */
    public final Device inner() {
        return inner;
    }

    public final DeviceCapabilities capabilities() {
        return inner.capabilities();
    }

    /**
     * Sees a frame the inner device received, lent in {@code buf[off .. off + len)}; it may change
     * the bytes in place. Returns false to drop it.
     */
    protected abstract boolean admitReceived(long now, byte[] buf, int off, int len);

    /**
     * Sees a frame about to be committed to the inner device, {@code now} being the time given to
     * {@link #prepareTransmit}; it may change the bytes in place. Returns false to drop it.
     */
    protected abstract boolean admitTransmit(long now, byte[] buf, int off, int len);

    public final int receive(long now) {
        lending.checkCanReceive();
        while (true) {
            int length = inner.receive(now);
            if (length == 0) {
                return 0;
            }
            if (admitReceived(now, inner.receiveBuffer(), inner.receiveOffset(), length)) {
                lending.lendReceive(length);
                return length;
            }
            inner.releaseReceive();
        }
    }

    public final byte[] receiveBuffer() {
        lending.checkReceiveLent("receiveBuffer");
        return inner.receiveBuffer();
    }

    public final int receiveOffset() {
        lending.checkReceiveLent("receiveOffset");
        return inner.receiveOffset();
    }

    public final void releaseReceive() {
        lending.releaseReceive();
        inner.releaseReceive();
    }

    public final boolean prepareTransmit(long now, int length) {
        lending.checkCanPrepare(length);
        if (!inner.prepareTransmit(now, length)) {
            return false;
        }
        lending.lendTransmit(length);
        preparedAt = now;
        return true;
    }

    public final byte[] transmitBuffer() {
        lending.checkTransmitLent("transmitBuffer");
        return inner.transmitBuffer();
    }

    public final int transmitOffset() {
        lending.checkTransmitLent("transmitOffset");
        return inner.transmitOffset();
    }

    public final void commitTransmit(int length) {
        lending.commitTransmit(length);
        if (length > 0 && admitTransmit(preparedAt, inner.transmitBuffer(), inner.transmitOffset(), length)) {
            inner.commitTransmit(length);
        } else {
            inner.abortTransmit();
        }
    }

    public final void abortTransmit() {
        lending.abortTransmit();
        inner.abortTransmit();
    }
}
