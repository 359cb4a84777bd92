package org.smoltcp4j.wire;

/**
 * The 6LoWPAN address contexts (RFC 6282 section 3.1.2) an interface shares with its neighbours:
 * a preallocated table of {@link #CAPACITY} prefixes indexed by context identifier. A context is a
 * prefix (two {@code long} halves, as {@link Ipv6Address}) and a length of 1 to 128 bits.
 */
public final class SixlowpanContexts {

    /** Contexts a table holds (smoltcp's IFACE_MAX_SIXLOWPAN_ADDRESS_CONTEXT_COUNT). */
    public static final int CAPACITY = 4;

    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    /** Prefix length per context; 0 = undefined. */
    private final int[] length = new int[CAPACITY];

    /** Defines context {@code id} (0..CAPACITY-1) as the {@code prefixLength}-bit (1..128) prefix of the address. */
    public SixlowpanContexts set(int id, long prefixHigh, long prefixLow, int prefixLength) {
        requireId(id);
        if (prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException("context prefix length must be 1..128, got " + prefixLength);
        }
        high[id] = applyPrefix(prefixHigh, prefixLow, prefixLength, 0, 0, true);
        low[id] = applyPrefix(prefixHigh, prefixLow, prefixLength, 0, 0, false);
        length[id] = prefixLength;
        return this;
    }

    /** Removes context {@code id}. */
    public SixlowpanContexts clear(int id) {
        requireId(id);
        high[id] = 0;
        low[id] = 0;
        length[id] = 0;
        return this;
    }

    /** True when {@code id} is 0..CAPACITY-1 and defined (any other identifier is simply unknown). */
    public boolean isDefined(int id) {
        return id >= 0 && id < CAPACITY && length[id] != 0;
    }

    public long prefixHigh(int id) {
        requireId(id);
        return high[id];
    }

    public long prefixLow(int id) {
        requireId(id);
        return low[id];
    }

    /** The prefix length of context {@code id}, 0 when undefined. */
    public int prefixLength(int id) {
        requireId(id);
        return length[id];
    }

    /**
     * One half of the address whose first {@code prefixLength} bits come from the prefix and whose
     * other bits come from {@code (high, low)}: the high half when {@code wantHigh}, else the low.
     */
    static long applyPrefix(long prefixHigh, long prefixLow, int prefixLength, long high, long low, boolean wantHigh) {
        if (wantHigh) {
            long mask = prefixLength >= 64 ? -1L : prefixLength == 0 ? 0L : -1L << (64 - prefixLength);
            return (prefixHigh & mask) | (high & ~mask);
        }
        long mask = prefixLength <= 64 ? 0L : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
        return (prefixLow & mask) | (low & ~mask);
    }

    private static void requireId(int id) {
        if (id < 0 || id >= CAPACITY) {
            throw new IllegalArgumentException("context identifier must be 0.." + (CAPACITY - 1) + ", got " + id);
        }
    }
}
