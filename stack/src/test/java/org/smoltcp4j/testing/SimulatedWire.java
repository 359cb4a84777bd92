package org.smoltcp4j.testing;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Lending;
import org.smoltcp4j.phy.Pcg32;

/**
 * A point-to-point link between two {@link Device} ends on a virtual clock, for deterministic
 * network simulation (issue 6): every frame one end commits is delivered to the other end after a
 * latency with jitter, unless the wire drops it; it may also be corrupted (one bit anywhere in the
 * frame flipped), duplicated, or held back so that later frames overtake it (reordering). Every
 * decision comes from one {@link Pcg32} seeded here, so the same seed and the same traffic give
 * the same run.
 *
 * <p>Each direction holds at most {@code queueFrames} frames in flight; a frame that finds the
 * queue full is lost (tail drop, as at a router). With a bandwidth set, frames also leave one after
 * the other, each taking its serialisation time, so a sender that outruns the link fills the queue.
 *
 * <p>Time is whatever the caller passes as {@code now} to {@link Device#receive} and
 * {@link Device#prepareTransmit}: no thread, no wall clock. The driver of a simulation advances its
 * clock to {@link #nextDeliveryAt()} when the stacks have nothing to do before. Everything is
 * allocated in the constructor: moving frames allocates nothing.
 */
public final class SimulatedWire {

    /** Index of the first end for {@link #end}. */
    public static final int END_A = 0;
    /** Index of the second end. */
    public static final int END_B = 1;

    /** Sees each frame as an end commits it, before the wire's faults touch it. */
    public interface FrameTap {
        /** End {@code from} sent the frame {@code buf[off .. off + len)} at {@code now}. */
        void transmitted(int from, long now, byte[] buf, int off, int len);
    }

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final int mtu;
    private final Pcg32 random;
    private final Direction[] directions = new Direction[2];
    private final End[] ends = new End[2];
    private FrameTap tap;
    private int lossPercent;
    private int corruptPercent;
    private int duplicatePercent;
    private int reorderPercent;
    private long minLatency = 1;
    private long maxLatency = 1;
    private long reorderHold;
    private long bytesPerSecond;
    private long order;

    private long lost;
    private long corrupted;
    private long duplicated;
    private long reordered;
    private long overflowed;
    private long delivered;

    /**
     * @param capabilities what both ends report (medium, MTU; the wire itself verifies nothing, so
     *                     leave checksums to software)
     * @param queueFrames  frames each direction holds in flight, at least 1
     * @param seed         the seed of every random decision
     */
    public SimulatedWire(DeviceCapabilities capabilities, int queueFrames, long seed) {
        if (queueFrames < 1) {
            throw new IllegalArgumentException("queueFrames must be at least 1, got " + queueFrames);
        }
        this.mtu = capabilities.mtu();
        this.random = new Pcg32(seed);
        for (int i = 0; i < 2; i++) {
            directions[i] = new Direction(queueFrames, mtu);
            ends[i] = new End(capabilities, i, "SimulatedWire end " + (i == END_A ? 'A' : 'B'));
        }
    }

    /** End {@link #END_A} or {@link #END_B}: frames it transmits are received by the other end. */
    public Device end(int index) {
        if (index != END_A && index != END_B) {
            throw new IllegalArgumentException("end must be END_A (0) or END_B (1), got " + index);
        }
        return ends[index];
    }

    /** Sets (or, with null, removes) the observer of every transmitted frame. */
    public void setTap(FrameTap tap) {
        this.tap = tap;
    }

    /** The chance, 0..100 %, that a frame is lost. */
    public void setLossPercent(int percent) {
        lossPercent = checkPercent("loss", percent);
    }

    /** The chance, 0..100 %, that a delivered copy has one bit flipped. */
    public void setCorruptPercent(int percent) {
        corruptPercent = checkPercent("corrupt", percent);
    }

    /** The chance, 0..100 %, that a frame is delivered twice (each copy with its own latency). */
    public void setDuplicatePercent(int percent) {
        duplicatePercent = checkPercent("duplicate", percent);
    }

    /** The chance, 0..100 %, that a copy is held back an extra {@code holdMicros}, so later frames overtake it. */
    public void setReorder(int percent, long holdMicros) {
        if (holdMicros < 0) {
            throw new IllegalArgumentException("reorder hold must be >= 0 microseconds, got " + holdMicros);
        }
        reorderPercent = checkPercent("reorder", percent);
        reorderHold = holdMicros;
    }

    /** Each copy's latency is uniform in {@code [minMicros, maxMicros]}; both at least 1 (the default). */
    public void setLatency(long minMicros, long maxMicros) {
        if (minMicros < 1 || maxMicros < minMicros) {
            throw new IllegalArgumentException("latency must satisfy 1 <= min <= max microseconds, got "
                    + minMicros + ".." + maxMicros);
        }
        minLatency = minMicros;
        maxLatency = maxMicros;
    }

    /** The link rate in bytes per second, each direction; 0 (the default) for no limit. */
    public void setBandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 bytes per second (0: no limit), got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The earliest time a frame in flight reaches its end, or Long.MAX_VALUE when none is in flight. */
    public long nextDeliveryAt() {
        return Math.min(directions[0].earliest(), directions[1].earliest());
    }

    /** Frames in flight in both directions. */
    public int inFlight() {
        return directions[0].count + directions[1].count;
    }

    public long lost() {
        return lost;
    }

    public long corrupted() {
        return corrupted;
    }

    public long duplicated() {
        return duplicated;
    }

    public long reordered() {
        return reordered;
    }

    /** Copies lost because their direction's queue was full. */
    public long overflowed() {
        return overflowed;
    }

    /** Copies received by an end. */
    public long delivered() {
        return delivered;
    }

    /** Puts a frame that end {@code from} committed on the wire, with every fault decided here. */
    private void send(int from, long now, byte[] frame, int len) {
        if (tap != null) {
            tap.transmitted(from, now, frame, 0, len);
        }
        if (lossPercent > 0 && random.chance(lossPercent)) {
            lost++;
            return;
        }
        Direction direction = directions[from];
        long departure = now;
        if (bytesPerSecond > 0) {
            departure = Math.max(now, direction.linkFreeAt) + Math.max(1, len * MICROS_PER_SECOND / bytesPerSecond);
            direction.linkFreeAt = departure;
        }
        int copies = duplicatePercent > 0 && random.chance(duplicatePercent) ? 2 : 1;
        if (copies == 2) {
            duplicated++;
        }
        for (int c = 0; c < copies; c++) {
            int slot = direction.freeSlot();
            if (slot < 0) {
                overflowed++;
                continue;
            }
            System.arraycopy(frame, 0, direction.frames[slot], 0, len);
            if (corruptPercent > 0 && random.chance(corruptPercent)) {
                direction.frames[slot][random.nextBelow(len)] ^= (byte) (1 << random.nextBelow(8));
                corrupted++;
            }
            long at = departure + minLatency + random.upTo(maxLatency - minLatency);
            if (reorderPercent > 0 && random.chance(reorderPercent)) {
                at += reorderHold;
                reordered++;
            }
            direction.put(slot, len, at, order++);
        }
    }

    private static int checkPercent(String what, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException(what + " chance must be 0..100 %, got " + percent);
        }
        return percent;
    }

    /** The frames in flight one way: fixed slots, each with its delivery time and arrival order. */
    private static final class Direction {
        final byte[][] frames;
        final int[] lengths;
        final long[] deliverAt;
        final long[] order;
        final boolean[] used;
        int count;
        long linkFreeAt;

        Direction(int slots, int mtu) {
            frames = new byte[slots][mtu];
            lengths = new int[slots];
            deliverAt = new long[slots];
            order = new long[slots];
            used = new boolean[slots];
        }

        int freeSlot() {
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    return i;
                }
            }
            return -1;
        }

        void put(int slot, int len, long at, long sequence) {
            used[slot] = true;
            lengths[slot] = len;
            deliverAt[slot] = at;
            order[slot] = sequence;
            count++;
        }

        /** The slot due first (earliest time, then first sent) at or before {@code now}, or -1. */
        int due(long now) {
            int best = -1;
            for (int i = 0; i < used.length; i++) {
                if (used[i] && deliverAt[i] <= now
                        && (best < 0 || deliverAt[i] < deliverAt[best] || deliverAt[i] == deliverAt[best] && order[i] < order[best])) {
                    best = i;
                }
            }
            return best;
        }

        long earliest() {
            long at = Long.MAX_VALUE;
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    at = Math.min(at, deliverAt[i]);
                }
            }
            return at;
        }

        void free(int slot) {
            used[slot] = false;
            count--;
        }
    }

    /** One end: receives what the other end's direction delivers, sends into its own direction. */
    private final class End implements Device {
        private final DeviceCapabilities capabilities;
        private final int index;
        private final Lending lending;
        private final byte[] transmitBuffer;
        private int receivedSlot = -1;
        private long preparedAt;

        End(DeviceCapabilities capabilities, int index, String name) {
            this.capabilities = capabilities;
            this.index = index;
            this.lending = new Lending(name, capabilities.mtu());
            this.transmitBuffer = new byte[capabilities.mtu()];
        }

        private Direction incoming() {
            return directions[1 - index];
        }

        @Override
        public DeviceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public int receive(long now) {
            lending.checkCanReceive();
            int slot = incoming().due(now);
            if (slot < 0) {
                return 0;
            }
            receivedSlot = slot;
            lending.lendReceive(incoming().lengths[slot]);
            delivered++;
            return incoming().lengths[slot];
        }

        @Override
        public byte[] receiveBuffer() {
            lending.checkReceiveLent("receiveBuffer");
            return incoming().frames[receivedSlot];
        }

        @Override
        public int receiveOffset() {
            lending.checkReceiveLent("receiveOffset");
            return 0;
        }

        @Override
        public void releaseReceive() {
            lending.releaseReceive();
            incoming().free(receivedSlot);
            receivedSlot = -1;
        }

        @Override
        public boolean prepareTransmit(long now, int length) {
            lending.lendTransmit(length);
            preparedAt = now;
            return true;
        }

        @Override
        public byte[] transmitBuffer() {
            lending.checkTransmitLent("transmitBuffer");
            return transmitBuffer;
        }

        @Override
        public int transmitOffset() {
            lending.checkTransmitLent("transmitOffset");
            return 0;
        }

        @Override
        public void commitTransmit(int length) {
            lending.commitTransmit(length);
            if (length > 0) {
                send(index, preparedAt, transmitBuffer, length);
            }
        }

        @Override
        public void abortTransmit() {
            lending.abortTransmit();
        }
    }
}
