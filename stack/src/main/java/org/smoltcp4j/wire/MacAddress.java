package org.smoltcp4j.wire;

/**
 * An Ethernet (EUI-48) address held in the low 48 bits of a {@code long}, first octet most
 * significant, so addresses are compared with {@code ==} and stored without objects.
 */
public final class MacAddress {

    public static final long BROADCAST = 0xffff_ffff_ffffL;
    public static final long UNSPECIFIED = 0L;
    private static final long MASK = 0xffff_ffff_ffffL;

    private MacAddress() {
    }

    /** Builds an address from its six octets, first octet first. */
    public static long of(int a, int b, int c, int d, int e, int f) {
        return ((long) (a & 0xff) << 40) | ((long) (b & 0xff) << 32) | ((long) (c & 0xff) << 24)
                | ((long) (d & 0xff) << 16) | ((long) (e & 0xff) << 8) | (f & 0xff);
    }

    /** True when {@code value} fits in 48 bits. */
    public static boolean isValid(long value) {
        return (value & ~MASK) == 0;
    }

    public static boolean isBroadcast(long mac) {
        return mac == BROADCAST;
    }

    /** Group bit (I/G) set: multicast or broadcast. */
    public static boolean isMulticast(long mac) {
        return (mac & (1L << 40)) != 0;
    }

    public static boolean isUnicast(long mac) {
        return !isMulticast(mac) && mac != UNSPECIFIED;
    }

    /** Locally administered bit (U/L) set. */
    public static boolean isLocal(long mac) {
        return (mac & (1L << 41)) != 0;
    }

    /** The multicast MAC for an IPv4 group (RFC 1112 section 6.4): 01:00:5e + low 23 bits. */
    public static long ofIpv4Multicast(int group) {
        return 0x0100_5e00_0000L | (group & 0x7f_ffff);
    }

    /** The multicast MAC for an IPv6 group (RFC 2464 section 7): 33:33 + low 32 bits. */
    public static long ofIpv6Multicast(long groupLow) {
        return 0x3333_0000_0000L | (groupLow & 0xffff_ffffL);
    }

    /** Appends {@code aa:bb:cc:dd:ee:ff}. */
    public static StringBuilder append(StringBuilder out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            Hex.append(out, mac >>> shift, 2);
            if (shift > 0) {
                out.append(':');
            }
        }
        return out;
    }
}
