package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * A device for allocation probes: it receives the same preallocated frames over and over (as many
 * per poll as {@link #arm} allows) and discards what is transmitted, allocating nothing itself.
 */
final class ReplayDevice implements Device {

    private final DeviceCapabilities capabilities;
    private final byte[][] frames;
    private final byte[] transmitBuffer;
    private byte[] lent;
    private int next;
    private int armed;
    long transmitted;

    ReplayDevice(DeviceCapabilities capabilities, byte[]... frames) {
        this.capabilities = capabilities;
        this.frames = frames;
        this.transmitBuffer = new byte[capabilities.mtu()];
    }

    /** Lets the next {@code count} receive calls return frames. */
    void arm(int count) {
        armed = count;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public int receive(long now) {
        if (armed == 0) {
            return 0;
        }
        armed--;
        lent = frames[next];
        next = (next + 1) % frames.length;
        return lent.length;
    }

    @Override
    public byte[] receiveBuffer() {
        return lent;
    }

    @Override
    public int receiveOffset() {
        return 0;
    }

    @Override
    public void releaseReceive() {
        lent = null;
    }

    @Override
    public boolean prepareTransmit(long now, int length) {
        return length <= transmitBuffer.length;
    }

    @Override
    public byte[] transmitBuffer() {
        return transmitBuffer;
    }

    @Override
    public int transmitOffset() {
        return 0;
    }

    @Override
    public void commitTransmit(int length) {
        transmitted++;
    }

    @Override
    public void abortTransmit() {
    }
}
