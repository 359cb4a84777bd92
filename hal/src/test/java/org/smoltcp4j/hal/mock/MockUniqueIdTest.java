package org.smoltcp4j.hal.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.DeviceIdentity;

/** The mocked chip's unique ID: stable for a seed, different across seeds, the native's errors. */
class MockUniqueIdTest {

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void theSameSeedGivesTheSameTwelveBytes() {
        MockBackends.setUniqueIdSeed(42);
        byte[] first = new byte[DeviceIdentity.MAX_LENGTH];
        assertEquals(DeviceIdentity.MAX_LENGTH, DeviceIdentity.uniqueId(first));
        byte[] again = new byte[DeviceIdentity.MAX_LENGTH + 4];
        assertEquals(DeviceIdentity.MAX_LENGTH, DeviceIdentity.uniqueId(again));
        assertArrayEquals(first, Arrays.copyOf(again, DeviceIdentity.MAX_LENGTH));
        assertEquals(0, again[DeviceIdentity.MAX_LENGTH], "nothing written past the ID");
        assertFalse(Arrays.equals(first, new byte[DeviceIdentity.MAX_LENGTH]), "not all zero");

        MockBackends.setUniqueIdSeed(43);
        byte[] other = new byte[DeviceIdentity.MAX_LENGTH];
        DeviceIdentity.uniqueId(other);
        assertFalse(Arrays.equals(first, other), "another seed, another chip");
    }

    @Test
    void detachingRestoresTheDefaultSeed() {
        MockBackends.setUniqueIdSeed(MockBackends.DEFAULT_UNIQUE_ID_SEED);
        byte[] defaults = new byte[DeviceIdentity.MAX_LENGTH];
        DeviceIdentity.uniqueId(defaults);
        MockBackends.setUniqueIdSeed(7);
        MockBackends.detachAll();
        byte[] afterDetach = new byte[DeviceIdentity.MAX_LENGTH];
        DeviceIdentity.uniqueId(afterDetach);
        assertArrayEquals(defaults, afterDetach);
    }

    @Test
    void aShortArrayOrAChipWithoutAnIdAreTheNativesErrors() {
        assertEquals(DeviceIdentity.ERROR_BAD_ARGUMENT, DeviceIdentity.uniqueId(new byte[DeviceIdentity.MAX_LENGTH - 1]));
        assertEquals(DeviceIdentity.ERROR_BAD_ARGUMENT, DeviceIdentity.uniqueId(null));
        MockBackends.removeUniqueId();
        assertEquals(DeviceIdentity.ERROR_NO_UNIQUE_ID, DeviceIdentity.uniqueId(new byte[DeviceIdentity.MAX_LENGTH]));
        MockBackends.setUniqueIdSeed(1);
        assertEquals(DeviceIdentity.MAX_LENGTH, DeviceIdentity.uniqueId(new byte[DeviceIdentity.MAX_LENGTH]));
    }
}
