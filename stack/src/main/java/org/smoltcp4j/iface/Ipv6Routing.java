package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Ipv6Address;

/**
 * The interface's IPv6 addresses (each with its prefix length, the prefix counting as on-link) and
 * routes, and the decisions made from them: is a destination ours, which source address to use
 * (contract section 2, a small part of RFC 6724: link-local for link-scope destinations, else an
 * address whose prefix holds the destination, else any address that is not link-local), which next
 * hop to send to. Routes are searched for the longest prefix; the default gateway is ::/0.
 */
public final class Ipv6Routing {

    /** {@link #route}: nothing reaches the destination. */
    public static final int UNREACHABLE = -1;
    /** {@link #route}: the destination is on the link; it is its own next hop. */
    public static final int ON_LINK = -2;

    private final long[] addressHighs;
    private final long[] addressLows;
    private final int[] prefixLengths;
    private int addressCount;
    private final long[] routeNetworkHighs;
    private final long[] routeNetworkLows;
    private final int[] routePrefixLengths;
    private final long[] routeGatewayHighs;
    private final long[] routeGatewayLows;
    private int routeCount;

    Ipv6Routing(int maxAddresses, int maxRoutes) {
        addressHighs = new long[maxAddresses];
        addressLows = new long[maxAddresses];
        prefixLengths = new int[maxAddresses];
        routeNetworkHighs = new long[maxRoutes];
        routeNetworkLows = new long[maxRoutes];
        routePrefixLengths = new int[maxRoutes];
        routeGatewayHighs = new long[maxRoutes];
        routeGatewayLows = new long[maxRoutes];
    }

    void addAddress(long high, long low, int prefixLength) {
        requireUnicast("an interface address", high, low);
        requirePrefixLength(prefixLength);
        if (findAddress(high, low) >= 0) {
            throw new IllegalArgumentException(text(high, low) + " is already an address of this interface");
        }
        if (addressCount == addressHighs.length) {
            throw new IllegalStateException("the interface already has " + addressHighs.length
                    + " IPv6 addresses; raise InterfaceConfig.maxIpv6Addresses");
        }
        addressHighs[addressCount] = high;
        addressLows[addressCount] = low;
        prefixLengths[addressCount] = prefixLength;
        addressCount++;
    }

    void removeAddress(long high, long low) {
        int i = findAddress(high, low);
        if (i < 0) {
            throw new IllegalArgumentException(text(high, low) + " is not an address of this interface");
        }
        // Shifted, not swapped, so the order of addition (the automatic link-local first) stays.
        addressCount--;
        for (int j = i; j < addressCount; j++) {
            addressHighs[j] = addressHighs[j + 1];
            addressLows[j] = addressLows[j + 1];
            prefixLengths[j] = prefixLengths[j + 1];
        }
    }

    void addRoute(long networkHigh, long networkLow, int prefixLength, long gatewayHigh, long gatewayLow) {
        requirePrefixLength(prefixLength);
        if (maskedHigh(networkHigh, prefixLength) != networkHigh || maskedLow(networkLow, prefixLength) != networkLow) {
            throw new IllegalArgumentException("route network " + text(networkHigh, networkLow) + "/" + prefixLength + " has host bits set");
        }
        requireUnicast("a route gateway", gatewayHigh, gatewayLow);
        int i = findRoute(networkHigh, networkLow, prefixLength);
        if (i < 0) {
            if (routeCount == routeNetworkHighs.length) {
                throw new IllegalStateException("the interface already has " + routeNetworkHighs.length
                        + " IPv6 routes; raise InterfaceConfig.maxIpv6Routes");
            }
            i = routeCount++;
            routeNetworkHighs[i] = networkHigh;
            routeNetworkLows[i] = networkLow;
            routePrefixLengths[i] = prefixLength;
        }
        routeGatewayHighs[i] = gatewayHigh;
        routeGatewayLows[i] = gatewayLow;
    }

    boolean removeRoute(long networkHigh, long networkLow, int prefixLength) {
        int i = findRoute(networkHigh, networkLow, prefixLength);
        if (i < 0) {
            return false;
        }
        routeCount--;
        routeNetworkHighs[i] = routeNetworkHighs[routeCount];
        routeNetworkLows[i] = routeNetworkLows[routeCount];
        routePrefixLengths[i] = routePrefixLengths[routeCount];
        routeGatewayHighs[i] = routeGatewayHighs[routeCount];
        routeGatewayLows[i] = routeGatewayLows[routeCount];
        return true;
    }

    public int addressCount() {
        return addressCount;
    }

    public long addressHigh(int i) {
        return addressHighs[i];
    }

    public long addressLow(int i) {
        return addressLows[i];
    }

    public int prefixLength(int i) {
        return prefixLengths[i];
    }

    public int routeCount() {
        return routeCount;
    }

    public long gatewayHigh(int route) {
        return routeGatewayHighs[route];
    }

    public long gatewayLow(int route) {
        return routeGatewayLows[route];
    }

    /** True when {@code (high, low)} is one of our unicast addresses. */
    public boolean hasAddress(long high, long low) {
        return findAddress(high, low) >= 0;
    }

    /**
     * True for the multicast groups every node of ours is in: all-nodes ff02::1 and the
     * solicited-node group ff02::1:ffXX:XXXX of each of our addresses (RFC 4291 section 2.8).
     */
    public boolean isJoinedGroup(long high, long low) {
        if (high == Ipv6Address.ALL_NODES_HIGH && low == Ipv6Address.ALL_NODES_LOW) {
            return true;
        }
        if (high != Ipv6Address.solicitedNodeHigh()) {
            return false;
        }
        for (int i = 0; i < addressCount; i++) {
            if (Ipv6Address.solicitedNodeLow(addressLows[i]) == low) {
                return true;
            }
        }
        return false;
    }

    /**
     * How {@code (high, low)} is reached: {@link #ON_LINK} (link-local, or inside one of our
     * prefixes), the index of the longest matching route (its gateway is the next hop), or
     * {@link #UNREACHABLE}.
     */
    public int route(long high, long low) {
        if (Ipv6Address.isLinkLocal(high) || connectedIndex(high, low) >= 0) {
            return ON_LINK;
        }
        int best = UNREACHABLE;
        for (int i = 0; i < routeCount; i++) {
            if (inPrefix(high, low, routeNetworkHighs[i], routeNetworkLows[i], routePrefixLengths[i])
                    && (best < 0 || routePrefixLengths[i] > routePrefixLengths[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The index of the address a packet to {@code (high, low)} should come from, or -1 when none
     * fits: for link-local and link-scope multicast destinations a link-local address (any address
     * when there is none, as on the IP medium); otherwise an address whose prefix holds the
     * destination, else the first address that is not link-local.
     */
    public int sourceIndexFor(long high, long low) {
        boolean linkScope = Ipv6Address.isLinkLocal(high) || Ipv6Address.isMulticast(high) && scope(high) <= 2;
        int fallback = -1;
        for (int i = 0; i < addressCount; i++) {
            boolean linkLocal = Ipv6Address.isLinkLocal(addressHighs[i]);
            if (linkScope) {
                if (linkLocal) {
                    return i;
                }
                fallback = fallback < 0 ? i : fallback;
            } else if (!linkLocal) {
                if (inPrefix(high, low, addressHighs[i], addressLows[i], prefixLengths[i])) {
                    return i;
                }
                fallback = fallback < 0 ? i : fallback;
            }
        }
        return fallback;
    }

    /** Bytes of the tables (for the interface's RAM budget). */
    int bytes() {
        return addressHighs.length * (8 + 8 + 4) + routeNetworkHighs.length * (8 + 8 + 4 + 8 + 8);
    }

    /** The scope field of a multicast address (RFC 4291 section 2.7): 1 interface, 2 link, 5 site, 14 global. */
    private static int scope(long high) {
        return (int) (high >>> 48) & 0xf;
    }

    private int connectedIndex(long high, long low) {
        for (int i = 0; i < addressCount; i++) {
            if (inPrefix(high, low, addressHighs[i], addressLows[i], prefixLengths[i])) {
                return i;
            }
        }
        return -1;
    }

    private int findAddress(long high, long low) {
        for (int i = 0; i < addressCount; i++) {
            if (addressHighs[i] == high && addressLows[i] == low) {
                return i;
            }
        }
        return -1;
    }

    private int findRoute(long networkHigh, long networkLow, int prefixLength) {
        for (int i = 0; i < routeCount; i++) {
            if (routeNetworkHighs[i] == networkHigh && routeNetworkLows[i] == networkLow && routePrefixLengths[i] == prefixLength) {
                return i;
            }
        }
        return -1;
    }

    /** True when the first {@code prefixLength} bits of {@code (high, low)} equal those of the network. */
    static boolean inPrefix(long high, long low, long networkHigh, long networkLow, int prefixLength) {
        return maskedHigh(high, prefixLength) == maskedHigh(networkHigh, prefixLength)
                && maskedLow(low, prefixLength) == maskedLow(networkLow, prefixLength);
    }

    private static long maskedHigh(long high, int prefixLength) {
        return prefixLength >= 64 ? high : prefixLength == 0 ? 0 : high & (-1L << (64 - prefixLength));
    }

    private static long maskedLow(long low, int prefixLength) {
        return prefixLength <= 64 ? 0 : prefixLength == 128 ? low : low & (-1L << (128 - prefixLength));
    }

    private static void requirePrefixLength(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, got " + prefixLength);
        }
    }

    /**
     * True for an IPv6 unicast address a neighbour on the link can have: not multicast,
     * unspecified, loopback, or IPv4-mapped (the neighbour cache's key for IPv4 neighbours).
     */
    static boolean isUnicast(long high, long low) {
        return !Ipv6Address.isMulticast(high) && !Ipv6Address.isUnspecified(high, low) && !Ipv6Address.isLoopback(high, low)
                && !Ipv6Address.isIpv4Mapped(high, low);
    }

    private static void requireUnicast(String what, long high, long low) {
        if (!isUnicast(high, low)) {
            throw new IllegalArgumentException(what + " must be an IPv6 unicast address (not loopback or IPv4-mapped), got "
                    + text(high, low));
        }
    }

    static String text(long high, long low) {
        return Ipv6Address.append(new StringBuilder(), high, low).toString();
    }
}
