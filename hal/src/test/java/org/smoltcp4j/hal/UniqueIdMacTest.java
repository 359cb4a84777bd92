package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The MAC address derived from a chip's unique ID: known vectors, the address kind, misuse. */
class UniqueIdMacTest {

    private static final long LOCALLY_ADMINISTERED = 0x02L << 40;
    private static final long GROUP = 0x01L << 40;

    /**
     * Vectors of the documented method (FNV-1a 64, fold, set 0x02, clear 0x01), computed apart from
     * this class (a few lines of Python). FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c, a published FNV
     * test vector.
     */
    @Test
    void knownVectors() {
        // "a": 0xaf63dc4c8601ec8c -> low 48 bits 0xdc4c8601ec8c, ^ top 16 0xaf63 -> 0xdc4c8601 43ef
        // first octet 0xdc: set 0x02 -> 0xde, clear 0x01 -> 0xde.
        assertEquals(0xde4c860143efL, UniqueIdMac.derive(new byte[] {'a'}, 1));
        assertEquals(0xde4c860143efL, UniqueIdMac.derive(new byte[] {'a', 'b'}, 1), "only the first length bytes count");
        // A 96-bit STM32-style ID 00 01 02 .. 0b and the nRF52840-style 64-bit one 00 .. 07.
        assertEquals(0x4a19416d52c4L, UniqueIdMac.derive(sequence(12), 12));
        assertEquals(0x4ae2b28e6fa1L, UniqueIdMac.derive(sequence(8), 8));
        // One zero byte: the hash's first octet 0xbd has the group bit set; it comes out cleared.
        assertEquals(0xbe4c860118bcL, UniqueIdMac.derive(new byte[1], 1));
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Property
    void alwaysLocallyAdministeredUnicastOf48Bits(@ForAll @Size(min = 1, max = 12) byte[] id) {
        long mac = UniqueIdMac.derive(id, id.length);
        assertEquals(0, mac >>> 48, "48 bits");
        assertEquals(LOCALLY_ADMINISTERED, mac & LOCALLY_ADMINISTERED, "locally administered");
        assertEquals(0, mac & GROUP, "unicast");
        assertEquals(mac, UniqueIdMac.derive(id.clone(), id.length), "deterministic");
    }

    @Property
    void oneBitOfTheIdChangesTheAddress(@ForAll @Size(12) byte[] id, @ForAll("bits") int bit) {
        byte[] flipped = id.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertTrue(UniqueIdMac.derive(id, 12) != UniqueIdMac.derive(flipped, 12));
    }

    @Provide
    Arbitrary<Integer> bits() {
        return Arbitraries.integers().between(0, 95);
    }

    @Test
    void misuseIsRefusedWithTheNumbers() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> UniqueIdMac.derive(new byte[12], 0));
        assertEquals("length must be 1..12 (the id's bytes), got 0", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UniqueIdMac.derive(new byte[8], 9));
        assertThrows(NullPointerException.class, () -> UniqueIdMac.derive(null, 1));
    }
}
