package org.smoltcp4j.wire;

/** EtherType values (IEEE 802 numbers) the stack knows by name. */
public final class EtherType {

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int IPV6 = 0x86dd;
    /** IEEE 802.1Q VLAN tag: recognised, reported as unsupported. */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad (QinQ) service tag: recognised, reported as unsupported. */
    public static final int QINQ = 0x88a8;

    private EtherType() {
    }

    /** Appends the protocol's name, or the number in hex when it has none here. */
    public static StringBuilder append(StringBuilder out, int etherType) {
        switch (etherType) {
            case IPV4:
                return out.append("IPv4");
            case ARP:
                return out.append("ARP");
            case IPV6:
                return out.append("IPv6");
            case VLAN:
                return out.append("802.1Q");
            case QINQ:
                return out.append("802.1ad");
            default:
                return Hex.append(out.append("0x"), etherType, 4);
        }
    }
}
