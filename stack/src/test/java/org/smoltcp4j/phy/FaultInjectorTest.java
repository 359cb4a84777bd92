package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Random faults are checked statistically: over N = 10,000 frames at a chance p the count of faulted
 * frames is binomial, mean Np, standard deviation sqrt(Np(1-p)) (35.7 for p = 15 %). The bounds are
 * the mean plus or minus 5 standard deviations: a correct injector falls outside with probability
 * below 6e-7 per check, while a wrong scale (say per mille, or the chance applied twice) lands far
 * outside. The seeds are fixed, so each run is the same run.
 */
class FaultInjectorTest {

    private static final int FRAMES = 10_000;
    private static final int PERCENT = 15;
    private static final long MS = 1000L;

    private final Loopback loopback = new Loopback(Medium.IP, 200, 4);

    private static void assertBinomial(String what, long count, int n, int percent) {
        double p = percent / 100.0;
        double mean = n * p;
        double bound = 5 * Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= bound,
                what + ": " + count + " of " + n + " outside " + mean + " +- " + bound);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, 0x5eed, -7})
    void transmitDropsAtTheChanceSet(long seed) {
        FaultInjector injector = new FaultInjector(loopback, seed);
        injector.setDropChance(PERCENT);
        int arrived = 0;
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(DeviceIo.send(injector, i, DeviceIo.numbered(i, 40)), "a dropped frame still looks sent");
            byte[] frame = DeviceIo.receive(loopback, i);
            if (frame != null) {
                assertArrayEquals(DeviceIo.numbered(i, 40), frame);
                arrived++;
            }
        }
        assertEquals(FRAMES - arrived, injector.txDropped());
        assertBinomial("tx dropped", injector.txDropped(), FRAMES, PERCENT);
        assertEquals(0, injector.rxDropped());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, 0x5eed, -7})
    void receiveDropsAtTheChanceSetAndReleasesDroppedFrames(long seed) {
        FaultInjector injector = new FaultInjector(loopback, seed);
        injector.setDropChance(PERCENT);
        int arrived = 0;
        for (int i = 0; i < FRAMES; i++) {
            DeviceIo.send(loopback, i, DeviceIo.numbered(i, 40));
            byte[] frame = DeviceIo.receive(injector, i);
            if (frame != null) {
                assertArrayEquals(DeviceIo.numbered(i, 40), frame);
                arrived++;
            }
            assertEquals(0, loopback.queued(), "a dropped frame goes back to the inner device");
        }
        assertEquals(FRAMES - arrived, injector.rxDropped());
        assertBinomial("rx dropped", injector.rxDropped(), FRAMES, PERCENT);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, 0x5eed, -7})
    void corruptionFlipsOneBitAtTheChanceSetInEachDirection(long seed) {
        FaultInjector injector = new FaultInjector(loopback, seed);
        injector.setCorruptChance(PERCENT);
        int changed = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] original = DeviceIo.numbered(i, 1 + i % 200);
            assertTrue(DeviceIo.send(injector, i, original));
            changed += differingBits(original, DeviceIo.receive(loopback, i));
        }
        assertEquals(changed, injector.txCorrupted(), "every corrupted frame differs by one bit, the others not at all");
        assertBinomial("tx corrupted", changed, FRAMES, PERCENT);
        changed = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] original = DeviceIo.numbered(i, 1 + i % 200);
            DeviceIo.send(loopback, i, original);
            changed += differingBits(original, DeviceIo.receive(injector, i));
        }
        assertEquals(changed, injector.rxCorrupted());
        assertBinomial("rx corrupted", changed, FRAMES, PERCENT);
        assertEquals(0, injector.txDropped() + injector.rxDropped());
    }

    @Test
    void corruptionOfOneFrameChangesExactlyOneBit() {
        FaultInjector injector = new FaultInjector(loopback, 3);
        injector.setCorruptChance(100);
        byte[] original = DeviceIo.numbered(9, 50);
        DeviceIo.send(injector, 0, original);
        assertEquals(1, differingBits(original, DeviceIo.receive(loopback, 0)));
        DeviceIo.send(loopback, 0, original);
        assertEquals(1, differingBits(original, DeviceIo.receive(injector, 0)));
        assertEquals(1, injector.txCorrupted());
        assertEquals(1, injector.rxCorrupted());
    }

    @Test
    void sameSeedSameFaultsOtherSeedOtherFaults() {
        assertEquals(outcomes(99), outcomes(99));
        assertNotEquals(outcomes(99), outcomes(100));
    }

    private List<String> outcomes(long seed) {
        Loopback wire = new Loopback(Medium.IP, 200, 4);
        FaultInjector injector = new FaultInjector(wire, seed);
        injector.setDropChance(20);
        injector.setCorruptChance(20);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            DeviceIo.send(injector, i, DeviceIo.numbered(i, 30));
            byte[] frame = DeviceIo.receive(injector, i);
            outcomes.add(frame == null ? "lost" : java.util.Arrays.toString(frame));
        }
        return outcomes;
    }

    @Test
    void transmitRateIsLimitedPerShapingIntervalOnVirtualTime() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        injector.setTxRateLimit(4);
        injector.setShapingInterval(50);
        int[] perInterval = new int[10];
        for (int ms = 0; ms < 500; ms++) {
            for (int k = 0; k < 3; k++) {
                assertTrue(DeviceIo.send(injector, ms * MS, DeviceIo.numbered(ms, 20)));
                if (DeviceIo.receive(loopback, ms * MS) != null) {
                    perInterval[ms / 50]++;
                }
            }
        }
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, perInterval);
        assertEquals(1500 - 40, injector.txRateLimited());
    }

    @Test
    void receiveRateIsLimitedPerShapingIntervalOnVirtualTime() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        injector.setRxRateLimit(3);
        injector.setShapingInterval(10);
        int[] perInterval = new int[10];
        for (int ms = 0; ms < 100; ms++) {
            DeviceIo.send(loopback, ms * MS, DeviceIo.numbered(ms, 20));
            DeviceIo.send(loopback, ms * MS, DeviceIo.numbered(ms, 20));
            while (DeviceIo.receive(injector, ms * MS) != null) {
                perInterval[ms / 10]++;
            }
        }
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, perInterval);
        assertEquals(200 - 30, injector.rxRateLimited());
    }

    @Test
    void bucketsRefillOnlyAfterAWholeIntervalSinceTheLastRefill() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        injector.setTxRateLimit(1);
        injector.setShapingInterval(50);
        assertTrue(sendsThrough(injector, 1_000 * MS));
        assertTrue(!sendsThrough(injector, 1_049 * MS));
        assertTrue(sendsThrough(injector, 1_050 * MS));
        // A quiet stretch refills once, at the first frame after it.
        assertTrue(sendsThrough(injector, 5_000 * MS));
        assertTrue(!sendsThrough(injector, 5_001 * MS));
        // A new setting restarts the buckets full.
        injector.setTxRateLimit(2);
        assertTrue(sendsThrough(injector, 5_002 * MS));
        assertTrue(sendsThrough(injector, 5_002 * MS));
        assertTrue(!sendsThrough(injector, 5_002 * MS));
    }

    private boolean sendsThrough(FaultInjector injector, long now) {
        DeviceIo.send(injector, now, DeviceIo.numbered(0, 10));
        return DeviceIo.receive(loopback, now) != null;
    }

    @Test
    void framesOverTheSizeLimitAreDroppedBothWays() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        injector.setSizeLimit(100);
        DeviceIo.send(injector, 0, DeviceIo.numbered(1, 100));
        DeviceIo.send(injector, 0, DeviceIo.numbered(2, 101));
        assertArrayEquals(DeviceIo.numbered(1, 100), DeviceIo.receive(loopback, 0));
        assertNull(DeviceIo.receive(loopback, 0));
        assertEquals(1, injector.txTooLarge());
        DeviceIo.send(loopback, 0, DeviceIo.numbered(3, 101));
        DeviceIo.send(loopback, 0, DeviceIo.numbered(4, 100));
        assertArrayEquals(DeviceIo.numbered(4, 100), DeviceIo.receive(injector, 0), "a dropped frame does not end the receive");
        assertEquals(1, injector.rxTooLarge());
    }

    @Property
    void withoutFaultsNothingIsLostDuplicatedOrChanged(@ForAll long seed, @ForAll @Size(max = 50) List<@IntRange(min = 1, max = 200) Integer> lengths) {
        Loopback wire = new Loopback(Medium.IP, 200, 4);
        FaultInjector injector = new FaultInjector(wire, seed);
        injector.setSizeLimit(200);
        injector.setTxRateLimit(0);
        int n = 0;
        for (int length : lengths) {
            byte[] frame = DeviceIo.numbered(n++, length);
            assertTrue(DeviceIo.send(injector, n, frame));
            assertArrayEquals(frame, DeviceIo.receive(injector, n));
            assertNull(DeviceIo.receive(injector, n));
        }
        assertEquals(0, injector.txDropped() + injector.rxDropped() + injector.txCorrupted() + injector.rxCorrupted()
                + injector.txTooLarge() + injector.rxTooLarge() + injector.txRateLimited() + injector.rxRateLimited());
    }

    @Test
    void droppedTransmitGivesTheInnerBufferBack() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        injector.setDropChance(100);
        for (int i = 0; i < 10; i++) {
            assertTrue(DeviceIo.send(injector, 0, DeviceIo.numbered(i, 10)));
        }
        assertEquals(0, loopback.queued());
        assertTrue(loopback.prepareTransmit(0, 10), "the inner device has no buffer left lent");
    }

    @Test
    void fullInnerDeviceRefusesTransmit() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        for (int i = 0; i < 4; i++) {
            DeviceIo.send(injector, 0, DeviceIo.numbered(i, 10));
        }
        assertTrue(!injector.prepareTransmit(0, 10));
        assertThrows(IllegalStateException.class, injector::transmitBuffer);
    }

    @Test
    void settingsAreValidatedAndReadBack() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        assertSame(loopback, injector.inner());
        assertSame(loopback.capabilities(), injector.capabilities());
        injector.setDropChance(100);
        injector.setCorruptChance(0);
        injector.setSizeLimit(64);
        injector.setTxRateLimit(4);
        injector.setRxRateLimit(5);
        injector.setShapingInterval(50);
        assertEquals(100, injector.dropChance());
        assertEquals(0, injector.corruptChance());
        assertEquals(64, injector.sizeLimit());
        assertEquals(4, injector.txRateLimit());
        assertEquals(5, injector.rxRateLimit());
        assertEquals(50, injector.shapingInterval());
        assertEquals("drop chance must be 0..100 %, got 101",
                assertThrows(IllegalArgumentException.class, () -> injector.setDropChance(101)).getMessage());
        assertEquals("corrupt chance must be 0..100 %, got -1",
                assertThrows(IllegalArgumentException.class, () -> injector.setCorruptChance(-1)).getMessage());
        assertEquals("size limit must be 0 (off) or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> injector.setSizeLimit(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> injector.setTxRateLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> injector.setRxRateLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> injector.setShapingInterval(-1));
        assertThrows(IllegalArgumentException.class, () -> injector.setShapingInterval(Long.MAX_VALUE));
        assertEquals("FaultInjector: inner device is null",
                assertThrows(NullPointerException.class, () -> new FaultInjector(null, 1)).getMessage());
    }

    @Test
    void misuseIsCaughtWithTheMiddlewaresName() {
        FaultInjector injector = new FaultInjector(loopback, 1);
        assertEquals("FaultInjector: releaseReceive called with no received frame lent",
                assertThrows(IllegalStateException.class, injector::releaseReceive).getMessage());
        assertThrows(IllegalStateException.class, injector::receiveBuffer);
        assertThrows(IllegalStateException.class, injector::receiveOffset);
        assertThrows(IllegalStateException.class, injector::transmitOffset);
        assertThrows(IllegalStateException.class, () -> injector.commitTransmit(1));
        assertThrows(IllegalStateException.class, injector::abortTransmit);
        assertThrows(IllegalArgumentException.class, () -> injector.prepareTransmit(0, 201));
        DeviceIo.send(loopback, 0, DeviceIo.numbered(1, 10));
        assertEquals(10, injector.receive(0));
        assertThrows(IllegalStateException.class, () -> injector.receive(0));
        assertTrue(injector.prepareTransmit(0, 10));
        assertThrows(IllegalArgumentException.class, () -> injector.commitTransmit(11));
        injector.abortTransmit();
        injector.releaseReceive();
        assertEquals(0, loopback.queued());
    }

    private static int differingBits(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
            bits += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return bits;
    }
}
