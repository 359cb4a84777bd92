package org.smoltcp4j.phy;

/**
 * A device whose transmitted frames come back, in order, on receive: a fixed ring of
 * {@code queueLength} frame buffers of {@code mtu} bytes each, allocated here once.
 *
 * <p>Frames are never copied: the transmit buffer lent is the ring slot the frame will be received
 * from. A frame counts against the queue from {@link #commitTransmit} until its
 * {@link #releaseReceive}; when every slot is taken {@link #prepareTransmit} returns false.
 *
 * <p>Like smoltcp's loopback, the device itself never looks at checksums, so its capabilities leave
 * all checksum work to software ({@link DeviceCapabilities#CHECKSUM_BOTH}): the stack fills the
 * checksums it sends and verifies the ones it receives, which is what catches a frame corrupted by a
 * {@link FaultInjector} on the way.
 */
public final class Loopback implements Device {

    /** smoltcp's loopback MTU; a queue of such frames costs 64 KiB a slot, so small boards pass less. */
    public static final int DEFAULT_MTU = 65535;

    private final DeviceCapabilities capabilities;
    private final Lending lending;
    private final byte[][] slots;
    private final int[] lengths;
    private int head;
    private int count;

    /**
     * @param medium      one of {@link Medium}
     * @param mtu         the largest frame in bytes, at least 1
     * @param queueLength how many frames may wait to be received, at least 1
     */
    public Loopback(int medium, int mtu, int queueLength) {
        if (queueLength < 1) {
            throw new IllegalArgumentException("queue length must be at least 1 frame, got " + queueLength);
        }
        this.capabilities = new DeviceCapabilities(medium, mtu, 0);
        this.lending = new Lending("Loopback", mtu);
        this.slots = new byte[queueLength][mtu];
        this.lengths = new int[queueLength];
    }

    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    /** Frames committed and not yet released by the receiver. */
    public int queued() {
        return count;
    }

    public int receive(long now) {
        lending.checkCanReceive();
        if (count == 0) {
            return 0;
        }
        lending.lendReceive(lengths[head]);
        return lengths[head];
    }

    public byte[] receiveBuffer() {
        lending.checkReceiveLent("receiveBuffer");
        return slots[head];
    }

    public int receiveOffset() {
        lending.checkReceiveLent("receiveOffset");
        return 0;
    }

    public void releaseReceive() {
        lending.releaseReceive();
        head = next(head);
        count--;
    }

    public boolean prepareTransmit(long now, int length) {
        lending.checkCanPrepare(length);
        if (count == slots.length) {
            return false;
        }
        lending.lendTransmit(length);
        return true;
    }

    public byte[] transmitBuffer() {
        lending.checkTransmitLent("transmitBuffer");
        return slots[tail()];
    }

    public int transmitOffset() {
        lending.checkTransmitLent("transmitOffset");
        return 0;
    }

    public void commitTransmit(int length) {
        lending.commitTransmit(length);
        if (length > 0) {
            lengths[tail()] = length;
            count++;
        }
    }

    public void abortTransmit() {
        lending.abortTransmit();
    }

    /** The free slot after the queued frames; distinct from {@code head} whenever it may be lent. */
    private int tail() {
        int tail = head + count;
        return tail < slots.length ? tail : tail - slots.length;
    }

    private int next(int slot) {
        return slot + 1 == slots.length ? 0 : slot + 1;
    }
}
