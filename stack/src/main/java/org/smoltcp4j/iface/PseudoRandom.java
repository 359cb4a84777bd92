package org.smoltcp4j.iface;

/**
 * A small seeded pseudo-random generator (xorshift64*, Vigna 2016) for the interface's timing
 * choices, such as IGMP report delays: deterministic for a given seed, so tests replay exactly, and
 * free of java.util.Random, which the device profile does not have. Not for anything secret.
 */
final class PseudoRandom {

    /** Any non-zero state works; a seed of 0 would stay 0 forever, so it is replaced by this. */
    private static final long ZERO_SEED_REPLACEMENT = 0x9e37_79b9_7f4a_7c15L;

    private long state;

    PseudoRandom(long seed) {
        state = seed == 0 ? ZERO_SEED_REPLACEMENT : seed;
    }

    /** The next 64 pseudo-random bits. */
    long nextLong() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545_f491_4f6c_dd1dL;
    }

    /** A value in {@code [0, bound]} (both ends included); {@code bound} must be at least 0. */
    long upTo(long bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be >= 0, got " + bound);
        }
        if (bound == Long.MAX_VALUE) {
            return nextLong() >>> 1;
        }
        // The modulo bias is below bound / 2^63: irrelevant for delays of at most minutes.
        return (nextLong() >>> 1) % (bound + 1);
    }
}
