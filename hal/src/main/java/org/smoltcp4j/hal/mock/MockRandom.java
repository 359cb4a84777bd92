package org.smoltcp4j.hal.mock;

import java.security.SecureRandom;
import org.smoltcp4j.hal.HardwareRandom;

/**
 * The mocked chip's random number generator: {@link SecureRandom} (a board that boots with fresh
 * secrets, as real hardware), or after {@link #setSeed} a repeatable stream expanded from the seed
 * (the same bytes on every run: for tests that compare boots), or after {@link #fail} an error of
 * the native's, as a chip without a generator or with a failing one.
 */
final class MockRandom {

    private final SecureRandom secure = new SecureRandom();
    private SplitMix64 seeded;
    private int failure;

    synchronized void useSecureRandom() {
        seeded = null;
        failure = 0;
    }

    synchronized void setSeed(long seed) {
        seeded = new SplitMix64(seed);
        failure = 0;
    }

    /** @param error one of {@code HardwareRandom.ERROR_*} except ERROR_BAD_ARGUMENT */
    synchronized void fail(int error) {
        if (error != HardwareRandom.ERROR_TIMEOUT && error != HardwareRandom.ERROR_NO_RNG
                && error != HardwareRandom.ERROR_SEED && error != HardwareRandom.ERROR_CLOCK) {
            throw new IllegalArgumentException("error " + error + " is not one of HardwareRandom's hardware errors");
        }
        failure = error;
    }

    /** {@code HardwareRandom.fill}'s semantics. */
    synchronized int fill(byte[] out, int offset, int length) {
        if (out == null || offset < 0 || length < 0 || length > HardwareRandom.MAX_LENGTH || length > out.length - offset) {
            return HardwareRandom.ERROR_BAD_ARGUMENT;
        }
        if (failure != 0) {
            return failure;
        }
        if (seeded != null) {
            seeded.nextBytes(out, offset, length);
        } else {
            byte[] fresh = new byte[length];
            secure.nextBytes(fresh);
            System.arraycopy(fresh, 0, out, offset, length);
        }
        return length;
    }
}
