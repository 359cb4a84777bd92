package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.testing.AllocationProbe;

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

    /**
     * Polls {@code iface} on this device, all the frames each time (10,000 times after warm-up),
     * under the allocation probe; then checks one frame went out per count of {@code counter}.
     */
    void assertPollsAllocateNothing(Interface iface, String what, int counter) {
        SocketSet sockets = new SocketSet(1);
        AllocationProbe.assertAllocationFree(what, () -> {
            arm(frames.length);
            iface.poll(0, this, sockets);
        });
        assertEquals(iface.counters().get(counter), transmitted);
        assertTrue(transmitted >= AllocationProbe.DEFAULT_RUNS);
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
