package org.smoltcp4j.phy;

/**
 * A small seeded pseudo-random generator, sPCG32 as smoltcp's {@code rand.rs} has it: a 64-bit
 * linear congruential state whose top bits pick which 32 bits are output. Deterministic (same seed, same
 * numbers), allocation-free, and free of {@code java.util.Random}, which MicroEJ's EDC lacks. Not
 * for cryptography. The phy fault injector and the interface's timing choices (IGMP report delays)
 * use it.
 */
public final class Pcg32 {

    private static final long MULTIPLIER = 0xbb2efcec3c39611dL;
    private static final long INCREMENT = 0x7590ef39L;

    private long state;

    public Pcg32(long seed) {
        state = seed;
    }

    /** The next 32 random bits. */
    public int nextInt() {
        state = state * MULTIPLIER + INCREMENT;
        return (int) (state >>> (29 - (int) (state >>> 61)));
    }

    /**
     * A number in {@code [0, bound)}, by taking the 32 bits modulo {@code bound}: the bias is below
     * {@code bound / 2^32}, which does not matter for fault injection.
     */
    public int nextBelow(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, got " + bound);
        }
        return (int) ((nextInt() & 0xffffffffL) % bound);
    }

    /**
     * A number in {@code [0, bound]} (both ends included) from 62 random bits, for delays in
     * microseconds that can exceed an int; the bias is below {@code bound / 2^62}.
     */
    public long upTo(long bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be at least 0, got " + bound);
        }
        long bits = ((nextInt() & 0x7fffffffL) << 31) | (nextInt() & 0x7fffffffL);
        return bound == Long.MAX_VALUE ? bits : bits % (bound + 1);
    }

    /** True with a chance of {@code percent} in 100 (0 never, 100 always). */
    public boolean chance(int percent) {
        return nextBelow(100) < percent;
    }
}
