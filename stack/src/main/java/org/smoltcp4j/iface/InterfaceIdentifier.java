package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Medium;

/**
 * The modified EUI-64 interface identifier of RFC 4291 appendix A, from which the link-local
 * address fe80::/64 is derived: from a 48-bit Ethernet MAC, ff:fe inserted in the middle; from a
 * 64-bit IEEE 802.15.4 extended address, the address itself; in both the universal/local bit
 * (0x02 of the first octet) inverted.
 */
public final class InterfaceIdentifier {

    /** The universal/local bit of the first octet, in the identifier's 64-bit form. */
    private static final long UNIVERSAL_LOCAL = 0x0200_0000_0000_0000L;

    private InterfaceIdentifier() {
    }

    /**
     * The identifier of {@code hardwareAddress} on {@code medium}: a MAC on Ethernet, an extended
     * address on IEEE 802.15.4. The IP medium has no link address to derive one from.
     */
    public static long of(int medium, long hardwareAddress) {
        if (medium == Medium.ETHERNET) {
            return ofMac(hardwareAddress);
        }
        if (medium == Medium.IEEE802154) {
            return ofExtendedAddress(hardwareAddress);
        }
        throw new IllegalArgumentException("medium " + medium + " has no link-layer address to derive an interface identifier from");
    }

    /** The identifier (the low half of the link-local address) of Ethernet address {@code mac}. */
    public static long ofMac(long mac) {
        long upper = (mac >>> 24) & 0xff_ffffL;
        long lower = mac & 0xff_ffffL;
        return ((upper << 40) | 0xff_fe00_0000L | lower) ^ UNIVERSAL_LOCAL;
    }

    /** The identifier of an IEEE 802.15.4 extended (64-bit) address. */
    public static long ofExtendedAddress(long extended) {
        return extended ^ UNIVERSAL_LOCAL;
    }
}
