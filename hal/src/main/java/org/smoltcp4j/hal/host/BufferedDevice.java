package org.smoltcp4j.hal.host;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * A device that copies each frame once between its own two buffers (allocated here, one MTU each)
 * and the medium: subclasses only read a frame into the receive buffer and write one from the
 * transmit buffer. This class does the lending bookkeeping of the {@link Device} contract.
 */
abstract class BufferedDevice implements Device {

    private static final int NOT_LENT = -1;

    private final DeviceCapabilities capabilities;
    private final byte[] receiveBuffer;
    private final byte[] transmitBuffer;
    private int receivedLength = NOT_LENT;
    private int preparedLength = NOT_LENT;
    private long preparedAt;

    BufferedDevice(DeviceCapabilities capabilities) {
        this.capabilities = capabilities;
        this.receiveBuffer = new byte[capabilities.mtu()];
        this.transmitBuffer = new byte[capabilities.mtu()];
    }

    /** Copies the next waiting frame into {@code into} (one MTU long) and returns its length, or 0. */
    abstract int readFrame(long now, byte[] into);

    /** Sends the first {@code length} bytes of {@code from}. */
    abstract void writeFrame(long now, byte[] from, int length);

    /** Whether a frame can be sent now; true unless the medium can say otherwise. */
    boolean canTransmit(long now) {
        return true;
    }

    @Override
    public final DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public final int receive(long now) {
        if (receivedLength != NOT_LENT) {
            throw new IllegalStateException("receive called while a received frame is lent; call releaseReceive first");
        }
        int length = readFrame(now, receiveBuffer);
        if (length > 0) {
            receivedLength = length;
        }
        return length;
    }

    @Override
    public final byte[] receiveBuffer() {
        return receiveBuffer;
    }

    @Override
    public final int receiveOffset() {
        return 0;
    }

    @Override
    public final void releaseReceive() {
        if (receivedLength == NOT_LENT) {
            throw new IllegalStateException("releaseReceive called with no received frame lent");
        }
        receivedLength = NOT_LENT;
    }

    @Override
    public final boolean prepareTransmit(long now, int length) {
        if (preparedLength != NOT_LENT) {
            throw new IllegalStateException("prepareTransmit called while a transmit buffer is lent; commit or abort it first");
        }
        if (length < 0 || length > capabilities.mtu()) {
            throw new IllegalArgumentException("transmit length must be 0.." + capabilities.mtu() + " (the MTU), got " + length);
        }
        if (!canTransmit(now)) {
            return false;
        }
        preparedLength = length;
        preparedAt = now;
        return true;
    }

    @Override
    public final byte[] transmitBuffer() {
        return transmitBuffer;
    }

    @Override
    public final int transmitOffset() {
        return 0;
    }

    @Override
    public final void commitTransmit(int length) {
        if (preparedLength == NOT_LENT) {
            throw new IllegalStateException("commitTransmit called with no transmit buffer lent");
        }
        if (length < 0 || length > preparedLength) {
            throw new IllegalArgumentException("committed length must be 0.." + preparedLength + " (the prepared length), got " + length);
        }
        preparedLength = NOT_LENT;
        writeFrame(preparedAt, transmitBuffer, length);
    }

    @Override
    public final void abortTransmit() {
        if (preparedLength == NOT_LENT) {
            throw new IllegalStateException("abortTransmit called with no transmit buffer lent");
        }
        preparedLength = NOT_LENT;
    }
}
