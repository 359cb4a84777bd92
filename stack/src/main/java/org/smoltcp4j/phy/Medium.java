package org.smoltcp4j.phy;

/** The link layer a device speaks, which decides the framing the interface reads and writes. */
public final class Medium {

    /** Ethernet II frames (without FCS); neighbours are found with ARP/NDISC. */
    public static final int ETHERNET = 1;
    /** Bare IPv4/IPv6 packets, as a TUN device or a point-to-point link carries them. */
    public static final int IP = 2;
    /** IEEE 802.15.4 MAC frames (without FCS), carrying 6LoWPAN. */
    public static final int IEEE802154 = 3;

    private Medium() {
    }

    /** True for the three media above. */
    public static boolean isValid(int medium) {
        return medium == ETHERNET || medium == IP || medium == IEEE802154;
    }

    /** The pcap link type that records frames of this medium. */
    public static int pcapLinkType(int medium) {
        switch (medium) {
            case ETHERNET:
                return PcapFormat.LINKTYPE_ETHERNET;
            case IP:
                return PcapFormat.LINKTYPE_RAW;
            case IEEE802154:
                return PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS;
            default:
                throw new IllegalArgumentException("unknown medium " + medium);
        }
    }

    public static String name(int medium) {
        switch (medium) {
            case ETHERNET:
                return "Ethernet";
            case IP:
                return "IP";
            case IEEE802154:
                return "IEEE 802.15.4";
            default:
                throw new IllegalArgumentException("unknown medium " + medium);
        }
    }
}
