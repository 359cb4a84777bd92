package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Pcg32Test {

    /** Outputs of smoltcp's sPCG32 ({@code rand.rs}), computed with the same arithmetic in Python. */
    @Test
    void matchesSmoltcpSequence() {
        assertArrayEquals(new int[] {0x3, 0xfdecf8a2, 0x6130bec3, 0x77368c50}, take(new Pcg32(0), 4));
        assertArrayEquals(new int[] {0xb57ec256, 0x88380fe7, 0xc8166ba1, 0x0329116c}, take(new Pcg32(42), 4));
    }

    @Property
    void sameSeedSameNumbers(@ForAll long seed) {
        assertArrayEquals(take(new Pcg32(seed), 16), take(new Pcg32(seed), 16));
    }

    @Property
    void nextBelowStaysInRange(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
        Pcg32 random = new Pcg32(seed);
        for (int i = 0; i < 100; i++) {
            int value = random.nextBelow(bound);
            assertTrue(value >= 0 && value < bound, value + " not below " + bound);
        }
    }

    @Test
    void chanceExtremesAreExact() {
        Pcg32 random = new Pcg32(7);
        for (int i = 0; i < 1000; i++) {
            assertEquals(false, random.chance(0));
            assertEquals(true, random.chance(100));
        }
    }

    @Test
    void boundMustBePositive() {
        assertEquals("bound must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Pcg32(1).nextBelow(0)).getMessage());
    }

    private static int[] take(Pcg32 random, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt();
        }
        return values;
    }

    @net.jqwik.api.Property
    void upToStaysWithinItsInclusiveBound(@net.jqwik.api.ForAll long seed, @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = Long.MAX_VALUE) long bound) {
        Pcg32 random = new Pcg32(seed);
        for (int i = 0; i < 20; i++) {
            long value = random.upTo(bound);
            org.junit.jupiter.api.Assertions.assertTrue(value >= 0 && value <= bound, value + " outside [0, " + bound + "]");
        }
    }

    @org.junit.jupiter.api.Test
    void upToReachesBothEndsOfASmallRange() {
        Pcg32 random = new Pcg32(7);
        boolean[] seen = new boolean[3];
        for (int i = 0; i < 200; i++) {
            seen[(int) random.upTo(2)] = true;
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen[0] && seen[1] && seen[2]);
        org.junit.jupiter.api.Assertions.assertEquals("bound must be at least 0, got -1",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> random.upTo(-1)).getMessage());
    }
}
