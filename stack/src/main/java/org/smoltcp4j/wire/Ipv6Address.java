package org.smoltcp4j.wire;

/**
 * An IPv6 address held in two {@code long}s: {@code high} is the first 8 octets and {@code low}
 * the last 8, each most significant octet first. Two primitives per address keep packet
 * processing free of objects.
 */
public final class Ipv6Address {

    /** ff02::1, all nodes on the link. */
    public static final long ALL_NODES_HIGH = 0xff02_0000_0000_0000L;
    public static final long ALL_NODES_LOW = 1L;
    /** ff02::2, all routers on the link. */
    public static final long ALL_ROUTERS_HIGH = 0xff02_0000_0000_0000L;
    public static final long ALL_ROUTERS_LOW = 2L;
    /** fe80::/64 link-local prefix. */
    public static final long LINK_LOCAL_PREFIX_HIGH = 0xfe80_0000_0000_0000L;

    private Ipv6Address() {
    }

    /**
     * The low half of the IPv4-mapped address ::ffff:a.b.c.d (RFC 4291 section 2.5.5.2; its high
     * half is 0). Sockets hold every address in the IPv6 form, IPv4 ones mapped, so one pair of
     * {@code long}s names an endpoint of either family.
     */
    public static long ipv4MappedLow(int ipv4) {
        return 0x0000_ffff_0000_0000L | (ipv4 & 0xffff_ffffL);
    }

    /** True for ::ffff:0:0/96, an IPv4 address in the IPv6 form. */
    public static boolean isIpv4Mapped(long high, long low) {
        return high == 0 && (low >>> 32) == 0xffffL;
    }

    /** The IPv4 address inside an IPv4-mapped address's low half. */
    public static int ipv4OfMapped(long low) {
        return (int) low;
    }

    public static boolean isUnspecified(long high, long low) {
        return high == 0 && low == 0;
    }

    public static boolean isLoopback(long high, long low) {
        return high == 0 && low == 1;
    }

    /** ff00::/8. */
    public static boolean isMulticast(long high) {
        return (high >>> 56) == 0xff;
    }

    /** fe80::/10. */
    public static boolean isLinkLocal(long high) {
        return (high >>> 54) == (0xfe80L >>> 6);
    }

    /** The solicited-node multicast address's high half (RFC 4291 section 2.7.1): ff02::1:ff00:0/104. */
    public static long solicitedNodeHigh() {
        return 0xff02_0000_0000_0000L;
    }

    /** The solicited-node multicast address's low half for a unicast address's low half. */
    public static long solicitedNodeLow(long low) {
        return 0x0000_0001_ff00_0000L | (low & 0xff_ffffL);
    }

    /** Reads an address's high half from 16 bytes at {@code at}. */
    public static long readHigh(byte[] buf, int at) {
        return NetworkBytes.getU64(buf, at);
    }

    /** Reads an address's low half from 16 bytes at {@code at}. */
    public static long readLow(byte[] buf, int at) {
        return NetworkBytes.getU64(buf, at + 8);
    }

    /** Writes an address as 16 bytes at {@code at}. */
    public static void write(byte[] buf, int at, long high, long low) {
        NetworkBytes.setU64(buf, at, high);
        NetworkBytes.setU64(buf, at + 8, low);
    }

    /** The 16-bit group {@code index} (0..7) of the address. */
    public static int group(long high, long low, int index) {
        long half = index < 4 ? high : low;
        return (int) (half >>> ((3 - (index & 3)) * 16)) & 0xffff;
    }

    /**
     * Appends the canonical text form of RFC 5952: lower-case hex, leading zeros dropped, the
     * longest run of two or more zero groups (the first, on a tie) written as "::", and the
     * IPv4-mapped form ::ffff:a.b.c.d.
     */
    public static StringBuilder append(StringBuilder out, long high, long low) {
        if (high == 0 && (low >>> 32) == 0xffffL) {
            out.append("::ffff:");
            return Ipv4Address.append(out, (int) low);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(high, low, i) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && group(high, low, i) == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            Hex.appendCompact(out, group(high, low, i));
            if (i < 7) {
                out.append(':');
            }
        }
        return out;
    }
}
