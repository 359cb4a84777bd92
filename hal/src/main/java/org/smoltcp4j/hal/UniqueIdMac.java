package org.smoltcp4j.hal;

/**
 * A MAC address for a board without one of its own, derived from the chip's unique ID
 * ({@link DeviceIdentity}): the same chip always gets the same address, two chips almost surely
 * different ones, and the address is never a vendor's (globally administered) or a group address.
 *
 * <p>Method: the 64-bit FNV-1a hash of the ID's bytes (offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3), folded to 48 bits by XOR-ing its top 16 bits into its low 16 bits and keeping
 * the low 48; then, in the first octet, the locally administered bit (0x02) is set and the group
 * bit (0x01) cleared. 46 bits of the hash remain, so two chips collide with probability about
 * n^2 / 2^47 for n chips on one link.
 */
public final class UniqueIdMac {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long MASK_48 = 0xffffffffffffL;
    private static final long LOCALLY_ADMINISTERED = 0x02L << 40;
    private static final long GROUP = 0x01L << 40;

    private UniqueIdMac() {
    }

    /**
     * The MAC address (48 bits, as {@link org.smoltcp4j.wire.MacAddress} holds it) of the chip whose
     * unique ID is {@code id[0..length)}.
     *
     * @throws IllegalArgumentException when {@code length} is not 1..id.length
     */
    public static long derive(byte[] id, int length) {
        if (id == null) {
            throw new NullPointerException("id must not be null");
        }
        if (length < 1 || length > id.length) {
            throw new IllegalArgumentException("length must be 1.." + id.length + " (the id's bytes), got " + length);
        }
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ (id[i] & 0xff)) * FNV_PRIME;
        }
        long folded = (hash ^ (hash >>> 48)) & MASK_48;
        return (folded | LOCALLY_ADMINISTERED) & ~GROUP;
    }
}
