package org.smoltcp4j.wire;

/** IP protocol / IPv6 next-header numbers (IANA) the stack knows by name. */
public final class IpProtocol {

    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6_ROUTE = 43;
    public static final int IPV6_FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int IPV6_NO_NEXT_HEADER = 59;
    public static final int IPV6_DESTINATION_OPTIONS = 60;

    private IpProtocol() {
    }

    /** Appends the protocol's name, or its number when it has none here. */
    public static StringBuilder append(StringBuilder out, int protocol) {
        switch (protocol) {
            case HOP_BY_HOP:
                return out.append("HopByHop");
            case ICMP:
                return out.append("ICMP");
            case IGMP:
                return out.append("IGMP");
            case TCP:
                return out.append("TCP");
            case UDP:
                return out.append("UDP");
            case IPV6_ROUTE:
                return out.append("IPv6-Route");
            case IPV6_FRAGMENT:
                return out.append("IPv6-Frag");
            case ESP:
                return out.append("ESP");
            case AH:
                return out.append("AH");
            case ICMPV6:
                return out.append("ICMPv6");
            case IPV6_NO_NEXT_HEADER:
                return out.append("IPv6-NoNxt");
            case IPV6_DESTINATION_OPTIONS:
                return out.append("IPv6-Opts");
            default:
                return out.append("proto ").append(protocol);
        }
    }
}
