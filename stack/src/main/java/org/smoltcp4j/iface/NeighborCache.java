package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Ipv6Address;

/**
 * IP address to link-layer address mappings, in a fixed table shared by both families: entries are
 * keyed by the IPv6 form of the address (two {@code long}s), IPv4 addresses IPv4-mapped, so ARP
 * and NDISC fill one cache with one set of rules (the int methods are the IPv4 spelling of the same
 * calls). Entries live for the configured lifetime (60 s as smoltcp) and are refreshed whenever
 * the neighbour is heard from (smoltcp #966), so an active peer is never evicted for an idle one.
 * Each address also remembers when it was last asked for, so ARP requests and Neighbor
 * Solicitations for one address go out at most once per request interval while other addresses
 * are asked for freely.
 */
public final class NeighborCache {

    /** Bytes one entry takes: address (two longs), link address, expiry, last request, used flag. */
    public static final int ENTRY_BYTES = 8 + 8 + 8 + 8 + 8 + 1;

    /** {@link #lookup} result when the address has no valid entry. */
    public static final long MISSING = -1L;

    private final long[] addressHighs;
    private final long[] addressLows;
    private final long[] hardwareAddresses;
    private final long[] expiresAt;
    private final long[] requestedAt;
    private final boolean[] used;
    private final long lifetime;
    private final long requestInterval;

    NeighborCache(int size, long lifetimeMicros, long requestIntervalMicros) {
        addressHighs = new long[size];
        addressLows = new long[size];
        hardwareAddresses = new long[size];
        expiresAt = new long[size];
        requestedAt = new long[size];
        used = new boolean[size];
        lifetime = lifetimeMicros;
        requestInterval = requestIntervalMicros;
    }

    /** The hardware address of IPv4 {@code address}, or {@link #MISSING}. */
    public long lookup(int address, long now) {
        return lookup(0, Ipv6Address.ipv4MappedLow(address), now);
    }

    /** The hardware address of the IPv6 address {@code (high, low)}, or {@link #MISSING}. */
    public long lookup(long high, long low, long now) {
        int i = find(high, low);
        if (i < 0 || hardwareAddresses[i] == MISSING || now >= expiresAt[i]) {
            return MISSING;
        }
        return hardwareAddresses[i];
    }

    /** Records or refreshes IPv4 {@code address} at {@code mac}, valid for the lifetime from {@code now}. */
    void fill(int address, long mac, long now) {
        fill(0, Ipv6Address.ipv4MappedLow(address), mac, now);
    }

    /** Records or refreshes {@code (high, low)} at {@code mac}, valid for the lifetime from {@code now}. */
    void fill(long high, long low, long mac, long now) {
        int i = find(high, low);
        if (i < 0) {
            i = slotToReuse(now);
            addressHighs[i] = high;
            addressLows[i] = low;
            used[i] = true;
            requestedAt[i] = Long.MIN_VALUE;
        }
        hardwareAddresses[i] = mac;
        expiresAt[i] = now + lifetime;
    }

    /**
     * Extends the lifetime of a valid entry for {@code address} whose hardware address is
     * {@code mac}; an entry at another MAC is left alone, since only ARP (NDISC for IPv6) may
     * change a mapping (smoltcp's reset_expiry_if_existing).
     */
    void refresh(int address, long mac, long now) {
        refresh(0, Ipv6Address.ipv4MappedLow(address), mac, now);
    }

    /** {@link #refresh(int, long, long)} for an address in the IPv6 form. */
    void refresh(long high, long low, long mac, long now) {
        int i = find(high, low);
        if (i >= 0 && hardwareAddresses[i] == mac && now < expiresAt[i]) {
            expiresAt[i] = now + lifetime;
        }
    }

    /**
     * True when an ARP request for IPv4 {@code address} may go out now, and records that it does:
     * at most one per request interval for each address.
     */
    boolean mayRequest(int address, long now) {
        return mayRequest(0, Ipv6Address.ipv4MappedLow(address), now);
    }

    /** {@link #mayRequest(int, long)} for an address in the IPv6 form (a Neighbor Solicitation). */
    boolean mayRequest(long high, long low, long now) {
        int i = find(high, low);
        if (i < 0) {
            i = slotToReuse(now);
            addressHighs[i] = high;
            addressLows[i] = low;
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

    /** The IPv4 address of slot {@code i} (meaningful when {@link #isIpv4}). */
    public int address(int i) {
        return Ipv6Address.ipv4OfMapped(addressLows[i]);
    }

    /** True when slot {@code i} maps an IPv4 address. */
    public boolean isIpv4(int i) {
        return Ipv6Address.isIpv4Mapped(addressHighs[i], addressLows[i]);
    }

    public long addressHigh(int i) {
        return addressHighs[i];
    }

    public long addressLow(int i) {
        return addressLows[i];
    }

    public long hardwareAddress(int i) {
        return hardwareAddresses[i];
    }

    public long expiresAt(int i) {
        return expiresAt[i];
    }

    private int find(long high, long low) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && addressLows[i] == low && addressHighs[i] == high) {
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
