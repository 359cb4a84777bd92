package org.smoltcp4j.iface;

/**
 * IPv4 address to Ethernet address mappings, in a fixed table. Entries live for the configured
 * lifetime (60 s as smoltcp) and are refreshed whenever the neighbour is heard from (smoltcp #966),
 * so an active peer is never evicted for an idle one. Each address also remembers when it was last
 * asked for, so ARP requests for one address go out at most once per request interval while other
 * addresses are asked for freely.
 */
public final class NeighborCache {

    /** {@link #lookup} result when the address has no valid entry. */
    public static final long MISSING = -1L;

    private final int[] addresses;
    private final long[] hardwareAddresses;
    private final long[] expiresAt;
    private final long[] requestedAt;
    private final boolean[] used;
    private final long lifetime;
    private final long requestInterval;

    NeighborCache(int size, long lifetimeMicros, long requestIntervalMicros) {
        addresses = new int[size];
        hardwareAddresses = new long[size];
        expiresAt = new long[size];
        requestedAt = new long[size];
        used = new boolean[size];
        lifetime = lifetimeMicros;
        requestInterval = requestIntervalMicros;
    }

    /** The hardware address of {@code address}, or {@link #MISSING}. */
    public long lookup(int address, long now) {
        int i = find(address);
        if (i < 0 || hardwareAddresses[i] == MISSING || now >= expiresAt[i]) {
            return MISSING;
        }
        return hardwareAddresses[i];
    }

    /** Records or refreshes {@code address} at {@code mac}, valid for the lifetime from {@code now}. */
    void fill(int address, long mac, long now) {
        int i = find(address);
        if (i < 0) {
            i = slotToReuse(now);
            addresses[i] = address;
            used[i] = true;
            requestedAt[i] = Long.MIN_VALUE;
        }
        hardwareAddresses[i] = mac;
        expiresAt[i] = now + lifetime;
    }

    /**
     * Extends the lifetime of a valid entry for {@code address} whose hardware address is
     * {@code mac}; an entry at another MAC is left alone, since only ARP may change a mapping
     * (smoltcp's reset_expiry_if_existing).
     */
    void refresh(int address, long mac, long now) {
        int i = find(address);
        if (i >= 0 && hardwareAddresses[i] == mac && now < expiresAt[i]) {
            expiresAt[i] = now + lifetime;
        }
    }

    /**
     * True when an ARP request for {@code address} may go out now, and records that it does:
     * at most one per request interval for each address.
     */
    boolean mayRequest(int address, long now) {
        int i = find(address);
        if (i < 0) {
            i = slotToReuse(now);
            addresses[i] = address;
            used[i] = true;
            hardwareAddresses[i] = MISSING;
            expiresAt[i] = now;
        } else if (requestedAt[i] != Long.MIN_VALUE && now - requestedAt[i] < requestInterval) {
            return false;
        }
        requestedAt[i] = now;
        return true;
    }

    /** Forgets every entry. */
    public void flush() {
        for (int i = 0; i < used.length; i++) {
            used[i] = false;
        }
    }

    /** Table size. */
    public int capacity() {
        return used.length;
    }

    /** True when slot {@code i} holds a resolved entry valid at {@code now}. */
    public boolean isValid(int i, long now) {
        return used[i] && hardwareAddresses[i] != MISSING && now < expiresAt[i];
    }

    public int address(int i) {
        return addresses[i];
    }

    public long hardwareAddress(int i) {
        return hardwareAddresses[i];
    }

    public long expiresAt(int i) {
        return expiresAt[i];
    }

    private int find(int address) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && addresses[i] == address) {
                return i;
            }
        }
        return -1;
    }

    /** A free slot, else an expired or unresolved one, else the one expiring soonest. */
    private int slotToReuse(long now) {
        int best = 0;
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                return i;
            }
            if (hardwareAddresses[i] == MISSING || now >= expiresAt[i]) {
                return i;
            }
            if (expiresAt[i] < expiresAt[best]) {
                best = i;
            }
        }
        return best;
    }
}
