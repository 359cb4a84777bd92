package org.smoltcp4j.wire;

/**
 * An IPv4 address held in an {@code int}, first octet most significant (network order bit pattern),
 * so addresses are compared with {@code ==} and stored without objects.
 */
public final class Ipv4Address {

    public static final int UNSPECIFIED = 0;
    public static final int BROADCAST = 0xffff_ffff;
    public static final int LOOPBACK = 0x7f00_0001;
    /** 224.0.0.1, all systems on this subnet. */
    public static final int ALL_SYSTEMS = 0xe000_0001;
    /** 224.0.0.2, all routers on this subnet. */
    public static final int ALL_ROUTERS = 0xe000_0002;

    private Ipv4Address() {
    }

    public static int of(int a, int b, int c, int d) {
        return (a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff);
    }

    public static boolean isUnspecified(int address) {
        return address == UNSPECIFIED;
    }

    public static boolean isBroadcast(int address) {
        return address == BROADCAST;
    }

    /** 224.0.0.0/4. */
    public static boolean isMulticast(int address) {
        return (address >>> 28) == 0xe;
    }

    /** 127.0.0.0/8. */
    public static boolean isLoopback(int address) {
        return (address >>> 24) == 127;
    }

    /** 169.254.0.0/16. */
    public static boolean isLinkLocal(int address) {
        return (address >>> 16) == 0xa9fe;
    }

    /** A unicast address a host may use as its own or send to as a single peer. */
    public static boolean isUnicast(int address) {
        return !isUnspecified(address) && !isBroadcast(address) && !isMulticast(address);
    }

    /** The network mask of a prefix length 0..32. */
    public static int netmask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, got " + prefixLength);
        }
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** True when {@code address} is in {@code network/prefixLength}. */
    public static boolean inSubnet(int address, int network, int prefixLength) {
        int mask = netmask(prefixLength);
        return (address & mask) == (network & mask);
    }

    /** Appends dotted-quad notation. */
    public static StringBuilder append(StringBuilder out, int address) {
        return out.append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
    }
}
