package org.smoltcp4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationProbeTest {

    /** Escapes every allocation so the JIT cannot remove it by escape analysis. */
    static volatile Object sink;

    @Test
    void reportsZeroForAllocationFreeCode() {
        int[] counter = new int[1];
        long bytes = AllocationProbe.allocatedBytes(20_000, 10_000, () -> counter[0]++);
        assertEquals(0, bytes);
    }

    @Test
    void detectsOneSmallAllocationPerCall() {
        int runs = 10_000;
        long bytes = AllocationProbe.allocatedBytes(20_000, runs, () -> sink = new byte[1]);
        // The smallest Java array is 16 bytes (header, length, padding) on every 64-bit HotSpot layout.
        assertTrue(bytes >= 16L * runs, "expected at least 16 bytes per call, measured " + bytes + " over " + runs);
        assertTrue(bytes < 64L * runs, "one byte[1] per call should stay well under 64 bytes, measured " + bytes);
    }

    @Test
    void detectsAnAllocationOnceInAThousandCalls() {
        int[] counter = new int[1];
        long bytes = AllocationProbe.allocatedBytes(20_000, 10_000, () -> {
            if (++counter[0] % 1000 == 0) {
                sink = new byte[1];
            }
        });
        assertTrue(bytes >= 10 * 16, "10 allocations of 16+ bytes should show, measured " + bytes);
    }

    @Test
    void detectsOneBoxingPerCall() {
        int[] counter = new int[1];
        // Integer.valueOf caches -128..127 only, so a growing counter boxes anew on every call.
        long bytes = AllocationProbe.allocatedBytes(20_000, 10_000, () -> sink = Integer.valueOf(1000 + counter[0]++));
        assertTrue(bytes >= 16L * 10_000, "boxing was not seen: " + bytes + " bytes");
    }

    @Test
    void assertAllocationFreeNamesTheCulprit() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> AllocationProbe.assertAllocationFree("string building", () -> sink = new StringBuilder("x")));
        assertTrue(error.getMessage().startsWith("string building allocated "), error.getMessage());
    }

    @Test
    void assertAllocationFreeAcceptsAllocationFreeCode() {
        long[] total = new long[1];
        AllocationProbe.assertAllocationFree("adding", () -> total[0] += 3);
        assertTrue(total[0] > 0);
    }

    @Test
    void rejectsNonsenseRepetitionCounts() {
        assertThrows(IllegalArgumentException.class, () -> AllocationProbe.allocatedBytes(-1, 10, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> AllocationProbe.allocatedBytes(0, 0, () -> { }));
    }
}
