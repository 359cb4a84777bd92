package org.smoltcp4j.hal.host;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Lending;

/**
 * A device that copies each frame once between its own two buffers (allocated here, one MTU each)
 * and the medium: subclasses only read a frame into the receive buffer and write one from the
 * transmit buffer. This class does the lending bookkeeping of the {@link Device} contract.
 */
abstract class BufferedDevice implements Device {

    private final DeviceCapabilities capabilities;
    private final Lending lending;
    private final byte[] receiveBuffer;
    private final byte[] transmitBuffer;
    private long preparedAt;

    BufferedDevice(String name, DeviceCapabilities capabilities) {
        this.capabilities = capabilities;
        this.lending = new Lending(name, capabilities.mtu());
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
        lending.checkCanReceive();
        int length = readFrame(now, receiveBuffer);
        if (length > 0) {
            lending.lendReceive(length);
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
        lending.releaseReceive();
    }

    @Override
    public final boolean prepareTransmit(long now, int length) {
        lending.checkCanPrepare(length);
        if (!canTransmit(now)) {
            return false;
        }
        lending.lendTransmit(length);
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
        lending.commitTransmit(length);
        if (length > 0) {
            writeFrame(preparedAt, transmitBuffer, length);
        }
    }

    @Override
    public final void abortTransmit() {
        lending.abortTransmit();
    }
}
