package org.smoltcp4j.hal;

import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Host mock of the {@code DeviceIdentity} native (MicroEJ simulator convention: same name, same
 * constants, a plain static method of the same signature): the mocked chip's unique ID comes from
 * the seed the host program set with {@link MockBackends#setUniqueIdSeed}. Built into the
 * {@code mock} jar. The constants must equal the native's (MockContractTest checks it).
 */
public final class DeviceIdentity {

    public static final int MAX_LENGTH = 12;
    public static final int ERROR_BAD_ARGUMENT = -2;
    public static final int ERROR_NO_UNIQUE_ID = -4;

    private DeviceIdentity() {
    }

    public static int uniqueId(byte[] id) {
        return MockBackends.uniqueId(id);
    }
}
