package org.smoltcp4j.hal;

import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Host mock of the {@code HardwareRandom} native (MicroEJ simulator convention): random bytes from
 * {@code java.security.SecureRandom}, or a repeatable stream after
 * {@link MockBackends#setRandomSeed}, or a chosen error after {@link MockBackends#failRandom}.
 * Built into the {@code mock} jar. The constants must equal the native's (MockContractTest checks it).
 */
public final class HardwareRandom {

    public static final int MAX_LENGTH = 64;
    public static final int ERROR_BAD_ARGUMENT = -2;
    public static final int ERROR_TIMEOUT = -3;
    public static final int ERROR_NO_RNG = -4;
    public static final int ERROR_SEED = -5;
    public static final int ERROR_CLOCK = -6;

    private HardwareRandom() {
    }

    public static int fill(byte[] out, int offset, int length) {
        return MockBackends.randomFill(out, offset, length);
    }
}
