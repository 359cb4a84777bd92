package org.smoltcp4j.hal.mock;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): the
 * mocks' repeatable expansion of a 64-bit seed into as many well-spread bytes as they need.
 * Predictable by design: it stands in for hardware values only where a host run must repeat.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    /** Writes the next {@code length} bytes of the stream to {@code out[offset ..)}, each word least significant byte first. */
    void nextBytes(byte[] out, int offset, int length) {
        long word = 0;
        for (int i = 0; i < length; i++) {
            if (i % Long.BYTES == 0) {
                word = next();
            }
            out[offset + i] = (byte) (word >>> (8 * (i % Long.BYTES)));
        }
    }

    private long next() {
        state += GOLDEN_GAMMA;
        long z = (state ^ (state >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
