package org.smoltcp4j.iface;

/**
 * Whole IP packets (either family) waiting for their next hop's link address, each in its own preallocated
 * buffer: while one peer does not answer ARP, packets to every other peer keep flowing (smoltcp
 * #594 is the failure this prevents). A packet whose neighbour stays silent past the timeout is
 * dropped, as Linux drops its unresolved queue.
 */
final class PendingPackets {

    private final byte[][] buffers;
    private final int[] lengths;
    /** Next hops in the IPv6 form (IPv4 mapped), as the neighbour cache keys them. */
    private final long[] nextHopHighs;
    private final long[] nextHopLows;
    private final long[] parkedAt;
    private final boolean[] used;
    /** Order of parking, so packets leave in the order they were sent whatever slot they took. */
    private final long[] sequences;
    private long nextSequence;

    PendingPackets(int slots, int slotSize) {
        buffers = new byte[slots][slotSize];
        lengths = new int[slots];
        nextHopHighs = new long[slots];
        nextHopLows = new long[slots];
        parkedAt = new long[slots];
        used = new boolean[slots];
        sequences = new long[slots];
    }

    /** A free slot for a packet of {@code length} bytes, or -1. */
    int freeSlot(int length) {
        if (buffers.length == 0 || length > buffers[0].length) {
            return -1;
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                return i;
            }
        }
        return -1;
    }

    byte[] buffer(int slot) {
        return buffers[slot];
    }

    void park(int slot, int length, long nextHopHigh, long nextHopLow, long now) {
        used[slot] = true;
        lengths[slot] = length;
        nextHopHighs[slot] = nextHopHigh;
        nextHopLows[slot] = nextHopLow;
        parkedAt[slot] = now;
        sequences[slot] = nextSequence++;
    }

    /** The used slot parked first after the one parked as {@code sequence} (-1 for the oldest), or -1. */
    int nextInOrder(long sequence) {
        int next = -1;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && sequences[i] > sequence && (next < 0 || sequences[i] < sequences[next])) {
                next = i;
            }
        }
        return next;
    }

    long sequence(int slot) {
        return sequences[slot];
    }

    int slots() {
        return used.length;
    }

    boolean isUsed(int slot) {
        return used[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    long nextHopHigh(int slot) {
        return nextHopHighs[slot];
    }

    long nextHopLow(int slot) {
        return nextHopLows[slot];
    }

    long parkedAt(int slot) {
        return parkedAt[slot];
    }

    void release(int slot) {
        used[slot] = false;
    }

    int bytes() {
        return buffers.length == 0 ? 0 : buffers.length * buffers[0].length;
    }
}
