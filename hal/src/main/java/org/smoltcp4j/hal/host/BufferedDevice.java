package org.smoltcp4j.hal.host;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Lending;

/**
 * A device that copies each frame once between its own two buffers (allocated here) and the
 * medium: subclasses only read a frame into the receive buffer and write one from the transmit
 * buffer. This class does the lending bookkeeping of the {@link Device} contract.
 *
 * <p>A medium may put a header of its own in front of every frame (a TAP's virtio-net header):
 * {@code headerRoom} bytes at the start of both buffers, read and written with the frame in one
 * call, and never lent to the stack.
 */
abstract class BufferedDevice implements Device {

    private final DeviceCapabilities capabilities;
    private final Lending lending;
    private final int headerRoom;
    private final byte[] receiveBuffer;
    private final byte[] transmitBuffer;
    private long preparedAt;

    /** Buffers of one MTU each, no header. */
    BufferedDevice(String name, DeviceCapabilities capabilities) {
        this(name, capabilities, capabilities.mtu(), 0);
    }

    /**
     * @param largestReceived the longest frame the medium may deliver, at least the MTU (a TAP with
     *                        receive offload delivers frames of up to 64 KiB)
     * @param headerRoom      bytes of the medium's own header in front of each frame
     */
    BufferedDevice(String name, DeviceCapabilities capabilities, int largestReceived, int headerRoom) {
        this.capabilities = capabilities;
        this.lending = new Lending(name, capabilities.maxTransmitLength());
        this.headerRoom = headerRoom;
        this.receiveBuffer = new byte[headerRoom + Math.max(largestReceived, capabilities.mtu())];
        this.transmitBuffer = new byte[headerRoom + capabilities.maxTransmitLength()];
    }

    /**
     * Copies the next waiting frame, behind its header, into {@code into} and returns the length
     * of both, or 0 when none is waiting.
     */
    abstract int readFrame(long now, byte[] into);

    /** Sends the first {@code length} bytes of {@code from}: the header room, then the frame. */
    abstract void writeFrame(long now, byte[] from, int length);

    /**
     * Whether the frame just read into {@code buffer} (its header at 0, the frame of
     * {@code frameLength} bytes at the header room) goes to the stack; false drops it. The medium's
     * header is checked here. The default takes every frame.
     */
    boolean acceptFrame(byte[] buffer, int frameLength) {
        return true;
    }

    /** Writes the medium's header for the frame of {@code frameLength} bytes in {@code buffer}; the default writes nothing. */
    void fillHeader(byte[] buffer, int frameLength) {
    }

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
        int length;
        do {
            int read = readFrame(now, receiveBuffer);
            if (read <= headerRoom) {
                return 0; // nothing waiting (a read shorter than the medium's header carries no frame either)
            }
            length = read - headerRoom;
        } while (!acceptFrame(receiveBuffer, length));
        lending.lendReceive(length);
        return length;
    }

    @Override
    public final byte[] receiveBuffer() {
        return receiveBuffer;
    }

    @Override
    public final int receiveOffset() {
        return headerRoom;
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
        return headerRoom;
    }

    @Override
    public final void commitTransmit(int length) {
        lending.commitTransmit(length);
        if (length > 0) {
            fillHeader(transmitBuffer, length);
            writeFrame(preparedAt, transmitBuffer, headerRoom + length);
        }
    }

    @Override
    public final void abortTransmit() {
        lending.abortTransmit();
    }
}
