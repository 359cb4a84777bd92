package org.smoltcp4j.hal.mock;

import org.smoltcp4j.hal.DeviceIdentity;

/**
 * The mocked chip's unique ID: {@link DeviceIdentity#MAX_LENGTH} bytes expanded from a seed with
 * SplitMix64, so a host program gets the same ID (and so the same derived MAC address) on every
 * run with the same seed, and different boards on one segment get different IDs from different
 * seeds. It can also be made absent, as on a chip without one (the MPS2 AN500).
 */
final class MockUniqueId {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private volatile long seed;
    private volatile boolean absent;

    MockUniqueId(long seed) {
        this.seed = seed;
    }

    void setSeed(long newSeed) {
        seed = newSeed;
        absent = false;
    }

    void remove() {
        absent = true;
    }

    /** {@code DeviceIdentity.uniqueId}'s semantics. */
    int read(byte[] id) {
        if (id == null || id.length < DeviceIdentity.MAX_LENGTH) {
            return DeviceIdentity.ERROR_BAD_ARGUMENT;
        }
        if (absent) {
            return DeviceIdentity.ERROR_NO_UNIQUE_ID;
        }
        long state = seed;
        for (int i = 0; i < DeviceIdentity.MAX_LENGTH; i++) {
            if (i % Long.BYTES == 0) {
                state += GOLDEN_GAMMA;
            }
            id[i] = (byte) (mix(state) >>> (8 * (i % Long.BYTES)));
        }
        return DeviceIdentity.MAX_LENGTH;
    }

    /** SplitMix64's output function. */
    private static long mix(long state) {
        long z = (state ^ (state >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
