package org.smoltcp4j.hal.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.hal.HardwareRandom;

/** The mocked random number generator: fresh bytes by default, a repeatable stream from a seed, the native's errors. */
class MockRandomTest {

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void theSameSeedGivesTheSameStreamFromItsStartAndAnotherSeedAnother() {
        MockBackends.setRandomSeed(42);
        byte[] first = read(16);
        byte[] next = read(16);
        assertFalse(Arrays.equals(first, next), "the stream goes on between calls");
        MockBackends.setRandomSeed(42);
        assertArrayEquals(first, read(16));
        MockBackends.setRandomSeed(43);
        assertFalse(Arrays.equals(first, read(16)));
    }

    @Test
    void bySecureRandomTwoReadsDifferAndDetachingLeavesTheSeed() {
        MockBackends.setRandomSeed(42);
        byte[] seeded = read(16);
        MockBackends.detachAll();
        byte[] secure = read(16);
        assertFalse(Arrays.equals(seeded, secure));
        assertFalse(Arrays.equals(secure, read(16)));
    }

    @Test
    void onlyTheSliceIsWritten() {
        byte[] out = new byte[12];
        assertEquals(8, HardwareRandom.fill(out, 2, 8));
        assertEquals(0, out[0] | out[1] | out[10] | out[11]);
        assertEquals(0, HardwareRandom.fill(out, 12, 0));
    }

    @Test
    void badSlicesAreTheNativesBadArgument() {
        byte[] out = new byte[HardwareRandom.MAX_LENGTH + 1];
        assertEquals(HardwareRandom.ERROR_BAD_ARGUMENT, HardwareRandom.fill(null, 0, 1));
        assertEquals(HardwareRandom.ERROR_BAD_ARGUMENT, HardwareRandom.fill(out, -1, 1));
        assertEquals(HardwareRandom.ERROR_BAD_ARGUMENT, HardwareRandom.fill(out, 0, -1));
        assertEquals(HardwareRandom.ERROR_BAD_ARGUMENT, HardwareRandom.fill(out, 60, 6));
        assertEquals(HardwareRandom.ERROR_BAD_ARGUMENT, HardwareRandom.fill(out, 0, HardwareRandom.MAX_LENGTH + 1));
        assertEquals(HardwareRandom.MAX_LENGTH, HardwareRandom.fill(out, 1, HardwareRandom.MAX_LENGTH));
    }

    @ParameterizedTest
    @ValueSource(ints = {HardwareRandom.ERROR_NO_RNG, HardwareRandom.ERROR_SEED, HardwareRandom.ERROR_CLOCK, HardwareRandom.ERROR_TIMEOUT})
    void aFailingGeneratorAnswersItsErrorUntilTheNextSeed(int error) {
        MockBackends.failRandom(error);
        assertEquals(error, HardwareRandom.fill(new byte[4], 0, 4));
        MockBackends.setRandomSeed(1);
        assertEquals(4, HardwareRandom.fill(new byte[4], 0, 4));
    }

    @Test
    void onlyHardwareErrorsCanBeMocked() {
        assertThrows(IllegalArgumentException.class, () -> MockBackends.failRandom(HardwareRandom.ERROR_BAD_ARGUMENT));
        assertThrows(IllegalArgumentException.class, () -> MockBackends.failRandom(0));
    }

    private static byte[] read(int length) {
        byte[] out = new byte[length];
        assertEquals(length, HardwareRandom.fill(out, 0, length));
        return out;
    }
}
