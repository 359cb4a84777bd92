package org.smoltcp4j.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * A device for interface tests, like smoltcp's TestingDevice: the test queues frames to be
 * received and reads back the frames the interface transmitted. Transmit room can be limited to
 * exercise "device busy". Test code, so it may allocate.
 */
public final class TestingDevice implements Device {

    private final DeviceCapabilities capabilities;
    private final ArrayDeque<byte[]> toReceive = new ArrayDeque<>();
    private final List<byte[]> transmitted = new ArrayList<>();
    private byte[] lentReceive;
    private final byte[] transmitBuffer;
    private boolean transmitLent;
    private int transmitRoom = Integer.MAX_VALUE;

    public TestingDevice(DeviceCapabilities capabilities) {
        this.capabilities = capabilities;
        // Room for the largest frame the capabilities may allow, as they may be changed later (TSO).
        this.transmitBuffer = new byte[Math.max(capabilities.mtu(), capabilities.mtu() - capabilities.ipMtu() + 0xffff)];
    }

    /** Queues a frame for the interface to receive. */
    public void inject(byte[] frame) {
        toReceive.add(frame.clone());
    }

    /** Frames transmitted since the last call, oldest first. */
    public List<byte[]> drainTransmitted() {
        List<byte[]> out = new ArrayList<>(transmitted);
        transmitted.clear();
        return out;
    }

    /** Frames not yet received by the interface. */
    public int pendingReceive() {
        return toReceive.size();
    }

    /** Allows only {@code frames} more transmissions (then "no room"). */
    public void limitTransmitRoom(int frames) {
        transmitRoom = frames;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public int receive(long now) {
        if (lentReceive != null) {
            throw new IllegalStateException("receive frame already lent");
        }
        lentReceive = toReceive.poll();
        return lentReceive == null ? 0 : lentReceive.length;
    }

    @Override
    public byte[] receiveBuffer() {
        return lentReceive;
    }

    @Override
    public int receiveOffset() {
        return 0;
    }

    @Override
    public void releaseReceive() {
        lentReceive = null;
    }

    @Override
    public boolean prepareTransmit(long now, int length) {
        if (transmitLent) {
            throw new IllegalStateException("transmit buffer already lent");
        }
        if (length > capabilities.maxTransmitLength()) {
            throw new IllegalArgumentException("frame of " + length + " bytes over MTU " + capabilities.maxTransmitLength());
        }
        if (transmitRoom == 0) {
            return false;
        }
        transmitLent = true;
        return true;
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
        if (!transmitLent) {
            throw new IllegalStateException("nothing lent");
        }
        transmitLent = false;
        if (transmitRoom != Integer.MAX_VALUE) {
            transmitRoom--;
        }
        transmitted.add(Arrays.copyOf(transmitBuffer, length));
    }

    @Override
    public void abortTransmit() {
        transmitLent = false;
    }
}
