package org.smoltcp4j.hal.mock;

import org.smoltcp4j.hal.DeviceIdentity;

/**
 * The mocked chip's unique ID: {@link DeviceIdentity#MAX_LENGTH} bytes expanded from a seed with
 * SplitMix64, so a host program gets the same ID (and so the same derived MAC address) on every
 * run with the same seed, and different boards on one segment get different IDs from different
 * seeds. It can also be made absent, as on a chip without one (the MPS2 AN500).
 */
final class MockUniqueId {

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
        new SplitMix64(seed).nextBytes(id, 0, DeviceIdentity.MAX_LENGTH);
        return DeviceIdentity.MAX_LENGTH;
    }
}
