package org.smoltcp4j.iface;

/**
 * What the interface counted, by reason, in the spirit of Linux's {@code nstat}: frames and packets
 * in and out, and every drop under the reason it happened for. Network input never throws
 * (design.md section 4); it is counted here instead. Read by the application with {@link #get}
 * and named by {@link #name}.
 */
public final class Counters {

    public static final int RX_FRAMES = 0;
    public static final int TX_FRAMES = 1;
    public static final int RX_LINK_MALFORMED = 2;
    public static final int RX_LINK_UNSUPPORTED = 3;
    public static final int RX_LINK_NOT_FOR_US = 4;
    public static final int RX_ARP_MALFORMED = 5;
    public static final int RX_ARP_UNSUPPORTED = 6;
    public static final int RX_IPV4_TRUNCATED = 7;
    public static final int RX_IPV4_MALFORMED = 8;
    public static final int RX_IPV4_BAD_CHECKSUM = 9;
    public static final int RX_IPV4_NOT_FOR_US = 10;
    public static final int RX_IPV4_BAD_SOURCE = 11;
    public static final int RX_IPV4_UNKNOWN_PROTOCOL = 12;
    public static final int RX_REASSEMBLY_OK = 13;
    public static final int RX_REASSEMBLY_FAILED = 14;
    public static final int RX_REASSEMBLY_TIMEOUT = 15;
    public static final int RX_ICMP_MALFORMED = 16;
    public static final int RX_ICMP_BAD_CHECKSUM = 17;
    public static final int RX_ICMP_UNSUPPORTED = 18;
    public static final int RX_ECHO_REQUESTS = 19;
    public static final int RX_UDP_MALFORMED = 20;
    public static final int RX_UDP_BAD_CHECKSUM = 21;
    public static final int RX_UDP_NO_PORT = 22;
    public static final int RX_SOCKET_BUFFER_FULL = 23;
    public static final int RX_IGMP_MALFORMED = 24;
    public static final int TX_ECHO_REPLIES = 25;
    public static final int TX_ICMP_ERRORS = 26;
    public static final int TX_ICMP_ERRORS_RATE_LIMITED = 27;
    public static final int TX_NO_ROUTE = 28;
    public static final int TX_DEVICE_BUSY = 29;
    public static final int TX_TOO_LARGE = 30;
    public static final int TX_NEIGHBOR_PENDING = 31;
    public static final int TX_NEIGHBOR_TIMEOUT = 32;
    public static final int TX_ARP_REQUESTS = 33;
    public static final int TX_FRAGMENTS = 34;
    public static final int RX_TCP_MALFORMED = 35;
    public static final int RX_TCP_BAD_CHECKSUM = 36;
    public static final int RX_TCP_NO_SOCKET = 37;
    public static final int RX_FRAGMENT_MALFORMED = 38;
    public static final int RX_REASSEMBLY_NO_BUFFER = 39;
    public static final int RX_REASSEMBLY_OVERSIZE = 40;
    public static final int RX_REASSEMBLY_OVERLAP = 41;
    public static final int RX_REASSEMBLY_DUPLICATE = 42;
    public static final int RX_IGMP_BAD_CHECKSUM = 43;
    public static final int RX_IGMP_QUERIES = 44;
    public static final int TX_IGMP_REPORTS = 45;
    public static final int TX_IGMP_LEAVES = 46;
    public static final int RX_TCP_NOT_UNICAST = 47;
    public static final int TX_TCP_RESETS = 48;
    public static final int RX_TCP_SEGMENTS = 49;
    /** A SYN for a {@link org.smoltcp4j.socket.TcpListener} whose sockets were all busy: dropped without an RST. */
    public static final int RX_TCP_BACKLOG_FULL = 50;
    /** An ICMP error about one of our TCP segments that its connection acted on. */
    public static final int RX_TCP_ICMP_ERRORS = 51;
    /** An ICMP error quoting a TCP sequence number not in flight (RFC 5927 4.1): ignored (Linux's OutOfWindowIcmps). */
    public static final int RX_TCP_ICMP_OUT_OF_WINDOW = 52;
    /** An IPv6 packet shorter than its header or its payload length. */
    public static final int RX_IPV6_TRUNCATED = 53;
    /** An IPv6 header that is not version 6, or an extension header that does not fit. */
    public static final int RX_IPV6_MALFORMED = 54;
    /** An IPv6 packet from a multicast, loopback or IPv4-mapped source (RFC 4291 2.7, 2.5.3, RFC 4038 4.2). */
    public static final int RX_IPV6_BAD_SOURCE = 55;
    /** An IPv6 packet to neither our addresses, ff02::1 nor our solicited-node groups. */
    public static final int RX_IPV6_NOT_FOR_US = 56;
    /** An unknown next header: Parameter Problem code 1. */
    public static final int RX_IPV6_UNKNOWN_NEXT_HEADER = 57;
    /** An unrecognised Hop-by-Hop or Destination option whose type says discard (RFC 8200 4.2). */
    public static final int RX_IPV6_OPTION_DISCARDED = 58;
    /** A Hop-by-Hop header after another header (RFC 8200 4.3: only first): Parameter Problem code 1. */
    public static final int RX_IPV6_HOP_BY_HOP_NOT_FIRST = 59;
    /** A Routing header with segments left: we do not forward (Parameter Problem code 0). */
    public static final int RX_IPV6_ROUTING_REFUSED = 60;
    /** An IPv6 fragment (not an atomic one): no IPv6 reassembly (as smoltcp). */
    public static final int RX_IPV6_FRAGMENT_DROPPED = 61;
    /** An ICMPv6 message too short or malformed. */
    public static final int RX_ICMPV6_MALFORMED = 62;
    /** An ICMPv6 message (NDISC included) whose checksum failed. */
    public static final int RX_ICMPV6_BAD_CHECKSUM = 63;
    /** An ICMPv6 type the interface does not act on (MLDv1 reports, router solicitation, redirect, ...). */
    public static final int RX_ICMPV6_UNSUPPORTED = 64;
    /** ICMPv6 echo requests received. */
    public static final int RX_ICMPV6_ECHO_REQUESTS = 65;
    /** ICMPv6 echo replies sent. */
    public static final int TX_ICMPV6_ECHO_REPLIES = 66;
    /** ICMPv6 errors sent. */
    public static final int TX_ICMPV6_ERRORS = 67;
    /** ICMPv6 errors not sent for the rate limit. */
    public static final int TX_ICMPV6_ERRORS_RATE_LIMITED = 68;
    /** An NDISC message whose hop limit is not 255 (RFC 4861 7.1.1): it came from off the link. */
    public static final int RX_NDISC_BAD_HOP_LIMIT = 69;
    /** An NDISC message that breaks RFC 4861 7.1 (short, bad code or options, multicast target, ...). */
    public static final int RX_NDISC_MALFORMED = 70;
    /** Neighbor Solicitations for one of our addresses. */
    public static final int RX_NEIGHBOR_SOLICITATIONS = 71;
    /** Neighbor Solicitations for an address that is not ours (ignored). */
    public static final int RX_NEIGHBOR_SOLICITATIONS_NOT_OURS = 72;
    /** Neighbor Advertisements received. */
    public static final int RX_NEIGHBOR_ADVERTISEMENTS = 73;
    /** Router Advertisements: no SLAAC or router discovery (ignored). */
    public static final int RX_ROUTER_ADVERTISEMENTS_IGNORED = 74;
    /** Neighbor Solicitations sent to resolve a next hop. */
    public static final int TX_NEIGHBOR_SOLICITATIONS = 75;
    /** Neighbor Advertisements sent in answer. */
    public static final int TX_NEIGHBOR_ADVERTISEMENTS = 76;
    /** An IEEE 802.15.4 frame with security enabled: this stack does not decrypt (dropped). */
    public static final int RX_LINK_SECURED = 77;
    /** 6LoWPAN headers that do not decompress (bad IPHC or NHC, unknown context, too large a packet). */
    public static final int RX_SIXLOWPAN_MALFORMED = 78;
    /** A 6LoWPAN dispatch this stack does not speak (mesh, broadcast, HC1, not-LoWPAN). */
    public static final int RX_SIXLOWPAN_UNSUPPORTED = 79;
    /** Datagrams put back together from 6LoWPAN fragments (RFC 4944 5.3). */
    public static final int RX_SIXLOWPAN_REASSEMBLY_OK = 80;
    /** 6LoWPAN datagrams dropped incomplete at the reassembly timeout. */
    public static final int RX_SIXLOWPAN_REASSEMBLY_TIMEOUT = 81;
    /** 6LoWPAN datagrams dropped because a fragment overlapped or contradicted others (RFC 4944 5.3). */
    public static final int RX_SIXLOWPAN_REASSEMBLY_OVERLAP = 82;
    /** 6LoWPAN fragments dropped: the datagram is larger than a buffer, or every buffer is busy. */
    public static final int RX_SIXLOWPAN_REASSEMBLY_NO_BUFFER = 83;
    /** 6LoWPAN fragments that repeated one already held (ignored). */
    public static final int RX_SIXLOWPAN_REASSEMBLY_DUPLICATE = 84;
    /** 6LoWPAN fragments with a bad header, an undecompressable FRAG1, or misaligned or out-of-range data. */
    public static final int RX_SIXLOWPAN_FRAGMENT_MALFORMED = 85;
    /** IPv6 packets the 6LoWPAN adapter could not send: no link destination, or not a whole IPv6 packet. */
    public static final int TX_SIXLOWPAN_DROPPED = 86;
    /** ICMPv6 Destination Unreachable errors received (RFC 4443 3.1). */
    public static final int RX_ICMPV6_DESTINATION_UNREACHABLE = 87;
    /** ICMPv6 Packet Too Big errors received (RFC 4443 3.2). */
    public static final int RX_ICMPV6_PACKET_TOO_BIG = 88;
    /** ICMPv6 Time Exceeded errors received (RFC 4443 3.3). */
    public static final int RX_ICMPV6_TIME_EXCEEDED = 89;
    /** ICMPv6 Parameter Problem errors received (RFC 4443 3.4). */
    public static final int RX_ICMPV6_PARAMETER_PROBLEM = 90;
    /**
     * ICMPv6 errors that reached no socket: an unassigned code, a Packet Too Big below 1280
     * (RFC 8201 4), a quoted packet not from one of our addresses or not TCP or UDP, a quote
     * shorter than 8 bytes of its transport header, or no socket that sent it.
     */
    public static final int RX_ICMPV6_ERRORS_IGNORED = 91;
    /** MLD queries accepted (RFC 3810 5.1). */
    public static final int RX_MLD_QUERIES = 92;
    /** MLD reports of other hosts: MLDv2 hosts do not act on them (no report suppression). */
    public static final int RX_MLD_REPORTS_IGNORED = 93;
    /** An MLD query shorter than MLDv1's 24 bytes, with a code other than 0 or truncated sources. */
    public static final int RX_MLD_MALFORMED = 94;
    /** An MLD query from a source that is not link-local (RFC 3810 5.1.14): dropped. */
    public static final int RX_MLD_BAD_SOURCE = 95;
    /** An MLD query with a hop limit other than 1 (RFC 3810 5.1.14, 6.2): dropped. */
    public static final int RX_MLD_BAD_HOP_LIMIT = 96;
    /** An MLD query without a Router Alert option in a Hop-by-Hop header (RFC 3810 5.1.14, 6.2): dropped. */
    public static final int RX_MLD_NO_ROUTER_ALERT = 97;
    /** MLDv2 reports sent (state changes and answers to queries). */
    public static final int TX_MLD_REPORTS = 98;

    private static final String[] NAMES = {
        "RxFrames", "TxFrames", "RxLinkMalformed", "RxLinkUnsupported", "RxLinkNotForUs",
        "RxArpMalformed", "RxArpUnsupported", "RxIpv4Truncated", "RxIpv4Malformed", "RxIpv4BadChecksum",
        "RxIpv4NotForUs", "RxIpv4BadSource", "RxIpv4UnknownProtocol", "RxReassemblyOk", "RxReassemblyFailed",
        "RxReassemblyTimeout", "RxIcmpMalformed", "RxIcmpBadChecksum", "RxIcmpUnsupported", "RxEchoRequests",
        "RxUdpMalformed", "RxUdpBadChecksum", "RxUdpNoPort", "RxSocketBufferFull", "RxIgmpMalformed",
        "TxEchoReplies", "TxIcmpErrors", "TxIcmpErrorsRateLimited", "TxNoRoute", "TxDeviceBusy",
        "TxTooLarge", "TxNeighborPending", "TxNeighborTimeout", "TxArpRequests", "TxFragments",
        "RxTcpMalformed", "RxTcpBadChecksum", "RxTcpNoSocket", "RxFragmentMalformed", "RxReassemblyNoBuffer",
        "RxReassemblyOversize", "RxReassemblyOverlap", "RxReassemblyDuplicate", "RxIgmpBadChecksum", "RxIgmpQueries",
        "TxIgmpReports", "TxIgmpLeaves", "RxTcpNotUnicast", "TxTcpResets", "RxTcpSegments", "RxTcpBacklogFull",
        "RxTcpIcmpErrors", "RxTcpIcmpOutOfWindow",
        "RxIpv6Truncated", "RxIpv6Malformed", "RxIpv6BadSource", "RxIpv6NotForUs", "RxIpv6UnknownNextHeader",
        "RxIpv6OptionDiscarded", "RxIpv6HopByHopNotFirst", "RxIpv6RoutingRefused", "RxIpv6FragmentDropped", "RxIcmpv6Malformed",
        "RxIcmpv6BadChecksum", "RxIcmpv6Unsupported", "RxIcmpv6EchoRequests", "TxIcmpv6EchoReplies", "TxIcmpv6Errors",
        "TxIcmpv6ErrorsRateLimited", "RxNdiscBadHopLimit", "RxNdiscMalformed", "RxNeighborSolicitations",
        "RxNeighborSolicitationsNotOurs", "RxNeighborAdvertisements", "RxRouterAdvertisementsIgnored", "TxNeighborSolicitations",
        "TxNeighborAdvertisements", "RxLinkSecured", "RxSixlowpanMalformed", "RxSixlowpanUnsupported", "RxSixlowpanReassemblyOk",
        "RxSixlowpanReassemblyTimeout", "RxSixlowpanReassemblyOverlap", "RxSixlowpanReassemblyNoBuffer",
        "RxSixlowpanReassemblyDuplicate", "RxSixlowpanFragmentMalformed", "TxSixlowpanDropped",
        "RxIcmpv6DestinationUnreachable", "RxIcmpv6PacketTooBig", "RxIcmpv6TimeExceeded", "RxIcmpv6ParameterProblem",
        "RxIcmpv6ErrorsIgnored", "RxMldQueries", "RxMldReportsIgnored", "RxMldMalformed", "RxMldBadSource", "RxMldBadHopLimit",
        "RxMldNoRouterAlert", "TxMldReports",
    };

    /** Number of counters; indexes are 0..COUNT-1. */
    public static final int COUNT = NAMES.length;

    private final long[] values = new long[COUNT];

    /** The value of counter {@code index}. */
    public long get(int index) {
        return values[checked(index)];
    }

    /** The counter's name, as nstat would print it. */
    public static String name(int index) {
        return NAMES[checked(index)];
    }

    /** Sets every counter back to 0. */
    public void reset() {
        for (int i = 0; i < COUNT; i++) {
            values[i] = 0;
        }
    }

    /** Appends the non-zero counters as {@code Name value} pairs separated by spaces. */
    public StringBuilder appendTo(StringBuilder out) {
        boolean first = true;
        for (int i = 0; i < COUNT; i++) {
            if (values[i] != 0) {
                if (!first) {
                    out.append(' ');
                }
                out.append(NAMES[i]).append(' ').append(values[i]);
                first = false;
            }
        }
        return out;
    }

    void increment(int index) {
        values[index]++;
    }

    private static int checked(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("counter index must be 0.." + (COUNT - 1) + ", got " + index);
        }
        return index;
    }
}
