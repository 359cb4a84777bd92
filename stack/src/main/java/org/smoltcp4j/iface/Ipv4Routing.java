package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Ipv4Address;

/**
 * The interface's IPv4 addresses (each with its prefix) and routes, and the decisions made from
 * them: is a destination ours, which source address to use, which next hop to send to. Routes are
 * a CIDR table searched for the longest prefix; the default gateway is the route 0.0.0.0/0.
 */
public final class Ipv4Routing {

    private final int[] addresses;
    private final int[] prefixLengths;
    private int addressCount;
    private final int[] routeNetworks;
    private final int[] routePrefixLengths;
    private final int[] routeGateways;
    private int routeCount;

    Ipv4Routing(int maxAddresses, int maxRoutes) {
        addresses = new int[maxAddresses];
        prefixLengths = new int[maxAddresses];
        routeNetworks = new int[maxRoutes];
        routePrefixLengths = new int[maxRoutes];
        routeGateways = new int[maxRoutes];
    }

    void addAddress(int address, int prefixLength) {
        if (!Ipv4Address.isUnicast(address) || Ipv4Address.isLoopback(address)) {
            throw new IllegalArgumentException("an interface address must be unicast and not loopback, got " + text(address));
        }
        Ipv4Address.netmask(prefixLength);
        if (findAddress(address) >= 0) {
            throw new IllegalArgumentException(text(address) + " is already an address of this interface");
        }
        if (addressCount == addresses.length) {
            throw new IllegalStateException("the interface already has " + addresses.length
                    + " IPv4 addresses; raise InterfaceConfig.maxAddresses");
        }
        addresses[addressCount] = address;
        prefixLengths[addressCount] = prefixLength;
        addressCount++;
    }

    void removeAddress(int address) {
        int i = findAddress(address);
        if (i < 0) {
            throw new IllegalArgumentException(text(address) + " is not an address of this interface");
        }
        addressCount--;
        addresses[i] = addresses[addressCount];
        prefixLengths[i] = prefixLengths[addressCount];
    }

    void addRoute(int network, int prefixLength, int gateway) {
        int mask = Ipv4Address.netmask(prefixLength);
        if ((network & ~mask) != 0) {
            throw new IllegalArgumentException("route network " + text(network) + "/" + prefixLength + " has host bits set");
        }
        if (!Ipv4Address.isUnicast(gateway)) {
            throw new IllegalArgumentException("route gateway must be unicast, got " + text(gateway));
        }
        for (int i = 0; i < routeCount; i++) {
            if (routeNetworks[i] == network && routePrefixLengths[i] == prefixLength) {
                routeGateways[i] = gateway;
                return;
            }
        }
        if (routeCount == routeNetworks.length) {
            throw new IllegalStateException("the interface already has " + routeNetworks.length + " routes; raise InterfaceConfig.maxRoutes");
        }
        routeNetworks[routeCount] = network;
        routePrefixLengths[routeCount] = prefixLength;
        routeGateways[routeCount] = gateway;
        routeCount++;
    }

    boolean removeRoute(int network, int prefixLength) {
        for (int i = 0; i < routeCount; i++) {
            if (routeNetworks[i] == network && routePrefixLengths[i] == prefixLength) {
                routeCount--;
                routeNetworks[i] = routeNetworks[routeCount];
                routePrefixLengths[i] = routePrefixLengths[routeCount];
                routeGateways[i] = routeGateways[routeCount];
                return true;
            }
        }
        return false;
    }

    public int addressCount() {
        return addressCount;
    }

    public int address(int i) {
        return addresses[i];
    }

    public int prefixLength(int i) {
        return prefixLengths[i];
    }

    public int routeCount() {
        return routeCount;
    }

    /** True when {@code address} is one of ours. */
    public boolean hasAddress(int address) {
        return findAddress(address) >= 0;
    }

    /** True for 255.255.255.255 and the directed broadcast of any of our subnets (prefix below 31). */
    public boolean isBroadcast(int address) {
        if (address == Ipv4Address.BROADCAST) {
            return true;
        }
        for (int i = 0; i < addressCount; i++) {
            int mask = Ipv4Address.netmask(prefixLengths[i]);
            if (prefixLengths[i] < 31 && (address & mask) == (addresses[i] & mask) && (address | mask) == -1) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code address} is inside one of our subnets (reachable without a gateway). */
    public boolean isOnLink(int address) {
        return connectedIndex(address) >= 0;
    }

    /**
     * The next hop toward {@code destination}: the destination itself when on a connected subnet,
     * the gateway of the longest matching route otherwise, or 0 when nothing reaches it.
     */
    public int nextHop(int destination) {
        if (connectedIndex(destination) >= 0) {
            return destination;
        }
        int best = -1;
        for (int i = 0; i < routeCount; i++) {
            if (Ipv4Address.inSubnet(destination, routeNetworks[i], routePrefixLengths[i])
                    && (best < 0 || routePrefixLengths[i] > routePrefixLengths[best])) {
                best = i;
            }
        }
        return best < 0 ? Ipv4Address.UNSPECIFIED : routeGateways[best];
    }

    /**
     * The source address for a packet to {@code destination}: the address whose subnet holds the
     * destination (or the next hop), else the first address; unspecified when we have none.
     */
    public int sourceFor(int destination) {
        if (addressCount == 0) {
            return Ipv4Address.UNSPECIFIED;
        }
        int i = connectedIndex(destination);
        if (i < 0) {
            int hop = nextHop(destination);
            i = hop == Ipv4Address.UNSPECIFIED ? -1 : connectedIndex(hop);
        }
        return addresses[i < 0 ? 0 : i];
    }

    private int connectedIndex(int address) {
        for (int i = 0; i < addressCount; i++) {
            if (Ipv4Address.inSubnet(address, addresses[i], prefixLengths[i])) {
                return i;
            }
        }
        return -1;
    }

    private int findAddress(int address) {
        for (int i = 0; i < addressCount; i++) {
            if (addresses[i] == address) {
                return i;
            }
        }
        return -1;
    }

    static String text(int address) {
        return Ipv4Address.append(new StringBuilder(), address).toString();
    }
}
