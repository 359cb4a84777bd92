package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.iface.Ipv6Ingress;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.SixlowpanIphcRepr;

/**
 * An IEEE 802.15.4 address, short or extended, as the one {@code long} the interface's neighbour
 * cache and link hooks pass around: an extended address (EUI-64) as itself, a short address
 * {@code XXXX} tagged as {@code 0xffff_0000_0000_XXXX}. The tag cannot collide with a real
 * extended address: a top octet of 0xff has the group (I/G) bit set, which no unicast EUI-64 and so
 * no frame source has. {@link #NONE} (all ones, a group address too) stands for an absent address.
 */
public final class LinkAddress {

    /**
     * No address (a frame without a source address): the IPv6 ingress's "no link source", so
     * nothing is learned from such a frame, and no frame can be sent to it.
     */
    public static final long NONE = Ipv6Ingress.NO_LINK_SOURCE;
    /** The short broadcast address 0xffff, where multicast goes on 802.15.4 (RFC 4944 section 9). */
    public static final long BROADCAST = ofShort(Ieee802154Frame.BROADCAST_SHORT);

    private static final long SHORT_TAG = 0xffff_0000_0000_0000L;
    private static final long SHORT_IID_MASK = 0xffff_ffff_ffff_0000L;
    private static final long SHORT_IID = 0x0000_00ff_fe00_0000L;
    private static final long UL_BIT = 0x0200_0000_0000_0000L;

    private LinkAddress() {
    }

    /** The tagged form of the short address {@code address} (0..0xffff). */
    public static long ofShort(int address) {
        if (address < 0 || address > 0xffff) {
            throw new IllegalArgumentException("short address must be 0..0xffff, got " + address);
        }
        return SHORT_TAG | address;
    }

    /** The link address of a frame's address field in {@code mode} (absent, short or extended). */
    public static long of(int mode, long address) {
        if (mode == Ieee802154Frame.MODE_SHORT) {
            return ofShort((int) address);
        }
        return mode == Ieee802154Frame.MODE_EXTENDED ? address : NONE;
    }

    public static boolean isShort(long link) {
        return (link & ~0xffffL) == SHORT_TAG;
    }

    /** The 802.15.4 addressing mode of {@code link}: absent for {@link #NONE}, short or extended. */
    public static int mode(long link) {
        if (link == NONE) {
            return Ieee802154Frame.MODE_ABSENT;
        }
        return isShort(link) ? Ieee802154Frame.MODE_SHORT : Ieee802154Frame.MODE_EXTENDED;
    }

    /** The value of {@code link} as the frame carries it: 16 bits for a short address, 64 for an extended one, 0 for none. */
    public static long value(long link) {
        if (link == NONE) {
            return 0;
        }
        return isShort(link) ? link & 0xffff : link;
    }

    /**
     * The link address an IPv6 destination maps to without a neighbour cache (contract section 4):
     * the broadcast address for multicast; the short address {@code XXXX} for an interface identifier
     * {@code 0000:00ff:fe00:XXXX}; otherwise the EUI-64 the identifier was made from (U/L bit
     * flipped back, RFC 4944 section 6), which is {@link #NONE} for the one identifier made of no
     * address.
     */
    public static long ofDestination(long high, long low) {
        if (Ipv6Address.isMulticast(high)) {
            return BROADCAST;
        }
        if ((low & SHORT_IID_MASK) == SHORT_IID) {
            return ofShort((int) (low & 0xffff));
        }
        return low ^ UL_BIT;
    }

    /** The interface identifier {@code link} stands for in stateless address compression. */
    public static long interfaceId(long link) {
        return SixlowpanIphcRepr.linkLayerInterfaceId(mode(link), value(link));
    }
}
