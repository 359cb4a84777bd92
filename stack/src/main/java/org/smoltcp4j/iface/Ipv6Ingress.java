package org.smoltcp4j.iface;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6FragmentHeader;
import org.smoltcp4j.wire.Ipv6OptionCursor;
import org.smoltcp4j.wire.Ipv6OptionsHeader;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.Ipv6RoutingHeader;
import org.smoltcp4j.wire.WireStatus;

/**
 * Everything the interface receives over IPv6, whatever the medium: the header checks, the
 * extension headers (RFC 8200 section 4), and dispatch to ICMPv6 (echo, NDISC, errors about our
 * packets for the sockets that sent them), UDP and TCP.
 * Every packet ends delivered, answered, or counted as a drop under its reason.
 *
 * <p>Extension headers: Hop-by-Hop only first; Hop-by-Hop and Destination Options walked, an
 * unrecognised option handled as the two high bits of its type say (skip, discard, discard and
 * Parameter Problem code 2 pointing at it); a Routing header with segments left 0 is ignored,
 * one with segments left is refused with Parameter Problem code 0 (we do not forward); a Fragment
 * header drops the packet (no IPv6 reassembly, as smoltcp without its fragmentation feature)
 * unless it is an atomic fragment (RFC 6946), a whole packet; an unknown next header gets Parameter
 * Problem code 1 pointing at the field that named it.
 *
 * <p>{@link #receiveIpv6} is the entry point for a link layer that delivers whole IPv6 packets
 * (6LoWPAN, once it has decompressed and reassembled them).
 */
public final class Ipv6Ingress {

    /** {@link #receiveIpv6}'s {@code linkSource} when the link has no addresses (the IP medium). */
    public static final long NO_LINK_SOURCE = -1L;

    private final DeviceCapabilities capabilities;
    private final Ipv6Routing routing;
    private final NeighborCache neighbors;
    private final Counters counters;
    private final Icmpv6Responder icmp;
    private final NdiscHandler ndisc;
    private final MldHandler mld;
    private final MulticastGroups groups;
    private final SocketDelivery delivery;
    private final TcpDelivery tcp;
    private final Icmpv6ErrorReceiver errors;
    private final Ipv6Packet packet = new Ipv6Packet();
    private final Ipv6Repr ip = new Ipv6Repr();
    private final Ipv6OptionsHeader options = new Ipv6OptionsHeader();
    private final Ipv6OptionCursor option = new Ipv6OptionCursor();
    private final Ipv6RoutingHeader routingHeader = new Ipv6RoutingHeader();
    private final Ipv6FragmentHeader fragmentHeader = new Ipv6FragmentHeader();
    private final Icmpv6Packet icmpPacket = new Icmpv6Packet();
    private final Icmpv6Repr icmpRepr = new Icmpv6Repr();
    /** The packet as sockets see it: its addresses and upper-layer protocol, past the extension headers. */
    private final IpRepr upper = new IpRepr();
    private long now;
    /** The packet came to a multicast address (IPv6 or link layer): no errors about it (RFC 4443 2.4 e). */
    private boolean toMulticast;
    /** The packet's Hop-by-Hop header carried a Router Alert option (RFC 2711), which MLD requires. */
    private boolean routerAlert;

    Ipv6Ingress(DeviceCapabilities capabilities, Ipv6Routing routing, NeighborCache neighbors, Counters counters, Icmpv6Responder icmp,
            NdiscHandler ndisc, MldHandler mld, MulticastGroups groups, SocketDelivery delivery, TcpDelivery tcp) {
        this.capabilities = capabilities;
        this.routing = routing;
        this.neighbors = neighbors;
        this.counters = counters;
        this.icmp = icmp;
        this.ndisc = ndisc;
        this.mld = mld;
        this.groups = groups;
        this.delivery = delivery;
        this.tcp = tcp;
        this.errors = new Icmpv6ErrorReceiver(routing, counters, delivery, tcp);
    }

    /**
     * The time of the packets that follow (set by the interface at each received frame; the
     * sockets are those the interface's {@link SocketDelivery} and {@link TcpDelivery} use).
     */
    void use(long now) {
        this.now = now;
    }

    /**
     * Processes the IPv6 packet {@code buf[off, +len)} that arrived from link address
     * {@code linkSource} ({@link #NO_LINK_SOURCE} when the link has none).
     */
    public void receiveIpv6(byte[] buf, int off, int len, long linkSource) {
        receive(buf, off, len, linkSource, false);
    }

    /** As {@link #receiveIpv6}; {@code linkMulticast} when the frame came to a link-layer multicast address. */
    void receive(byte[] buf, int off, int len, long linkSource, boolean linkMulticast) {
        int status = ip.parse(packet.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.TRUNCATED ? Counters.RX_IPV6_TRUNCATED : Counters.RX_IPV6_MALFORMED);
            return;
        }
        if (isBadSource(ip.sourceHigh(), ip.sourceLow())) {
            counters.increment(Counters.RX_IPV6_BAD_SOURCE);
            return;
        }
        boolean multicast = Ipv6Address.isMulticast(ip.destinationHigh());
        if (multicast ? !routing.isJoinedGroup(ip.destinationHigh(), ip.destinationLow()) && !groups.hasIpv6(ip.destinationHigh(), ip.destinationLow())
                : !routing.hasAddress(ip.destinationHigh(), ip.destinationLow())) {
            counters.increment(Counters.RX_IPV6_NOT_FOR_US);
            return;
        }
        toMulticast = multicast || linkMulticast;
        routerAlert = false;
        learnLinkSource(linkSource);
        walkHeaders(buf, off, off + Ipv6Packet.HEADER_LEN + ip.payloadLength());
    }

    /**
     * A source no packet from a link may carry: multicast (RFC 4291 2.7), loopback (2.5.3), or
     * IPv4-mapped, which dual-stack sockets would take for an IPv4 peer and answer over IPv4
     * (RFC 4038 4.2; Linux drops these too).
     */
    private static boolean isBadSource(long high, long low) {
        return Ipv6Address.isMulticast(high) || Ipv6Address.isLoopback(high, low) || Ipv6Address.isIpv4Mapped(high, low);
    }

    /**
     * Hearing from a neighbour keeps its entry alive (smoltcp #966); on Ethernet only NDISC may
     * change a mapping, while a link without NDISC (6LoWPAN) learns it from the frames themselves,
     * for on-link sources only: a packet a router relays carries the router's link address.
     */
    private void learnLinkSource(long linkSource) {
        if (linkSource == NO_LINK_SOURCE || Ipv6Address.isUnspecified(ip.sourceHigh(), ip.sourceLow())
                || routing.route(ip.sourceHigh(), ip.sourceLow()) != Ipv6Routing.ON_LINK) {
            return;
        }
        if (capabilities.medium() == Medium.ETHERNET) {
            neighbors.refresh(ip.sourceHigh(), ip.sourceLow(), linkSource, now);
        } else {
            neighbors.fill(ip.sourceHigh(), ip.sourceLow(), linkSource, now);
        }
    }

    /**
     * Follows the chain of next headers from the fixed header of the packet at {@code buf[start]}
     * to its upper layer, which ends at {@code end}.
     */
    private void walkHeaders(byte[] buf, int start, int end) {
        int nextHeader = ip.nextHeader();
        int nextHeaderField = start + 6;
        int at = start + Ipv6Packet.HEADER_LEN;
        for (boolean first = true; ; first = false) {
            switch (nextHeader) {
                case IpProtocol.HOP_BY_HOP:
                    if (!first) {
                        counters.increment(Counters.RX_IPV6_HOP_BY_HOP_NOT_FIRST);
                        parameterProblem(1, nextHeaderField - start, false, buf, start, end);
                        return;
                    }
                    // Fall through: the same options format as Destination Options.
                case IpProtocol.IPV6_DESTINATION_OPTIONS:
                    if (!acceptOptions(buf, start, at, end, nextHeader == IpProtocol.HOP_BY_HOP)) {
                        return;
                    }
                    nextHeaderField = at;
                    nextHeader = options.nextHeader();
                    at += options.headerLength();
                    break;
                case IpProtocol.IPV6_ROUTE:
                    if (routingHeader.wrap(buf, at, end - at).check() != WireStatus.OK) {
                        counters.increment(Counters.RX_IPV6_MALFORMED);
                        return;
                    }
                    if (routingHeader.segmentsLeft() != 0) {
                        // RFC 8200 4.4: we are the destination yet segments remain; a host does not forward them.
                        counters.increment(Counters.RX_IPV6_ROUTING_REFUSED);
                        parameterProblem(0, at + 2 - start, false, buf, start, end);
                        return;
                    }
                    nextHeaderField = at;
                    nextHeader = routingHeader.nextHeader();
                    at += routingHeader.headerLength();
                    break;
                case IpProtocol.IPV6_FRAGMENT:
                    if (fragmentHeader.wrap(buf, at, end - at).check() != WireStatus.OK) {
                        counters.increment(Counters.RX_IPV6_MALFORMED);
                        return;
                    }
                    if (fragmentHeader.fragmentOffset() != 0 || fragmentHeader.moreFragments()) {
                        counters.increment(Counters.RX_IPV6_FRAGMENT_DROPPED);
                        return;
                    }
                    // RFC 6946: an atomic fragment (offset 0, no more) is the whole packet; it is processed on its own.
                    nextHeaderField = at;
                    nextHeader = fragmentHeader.nextHeader();
                    at += Ipv6FragmentHeader.HEADER_LEN;
                    break;
                case IpProtocol.IPV6_NO_NEXT_HEADER:
                    return;
                case IpProtocol.ICMPV6:
                    receiveIcmp(buf, at, end);
                    return;
                case IpProtocol.UDP:
                    receiveUdp(buf, start, at, end);
                    return;
                case IpProtocol.TCP:
                    receiveTcp(buf, at, end);
                    return;
                default:
                    counters.increment(Counters.RX_IPV6_UNKNOWN_NEXT_HEADER);
                    parameterProblem(1, nextHeaderField - start, false, buf, start, end);
                    return;
            }
        }
    }

    /**
     * Walks the options header at {@code buf[at]}; false when the packet is to be dropped (counted,
     * and answered with a Parameter Problem when the option's type asks for one).
     */
    private boolean acceptOptions(byte[] buf, int start, int at, int end, boolean hopByHop) {
        if (options.wrap(buf, at, end - at).check() != WireStatus.OK) {
            counters.increment(Counters.RX_IPV6_MALFORMED);
            return false;
        }
        option.reset(buf, options.optionsOffset(), options.optionsLength());
        int status;
        while ((status = option.next()) == WireStatus.OK) {
            int type = option.type();
            routerAlert |= hopByHop && type == Ipv6OptionCursor.TYPE_ROUTER_ALERT;
            if (type == Ipv6OptionCursor.TYPE_PAD1 || type == Ipv6OptionCursor.TYPE_PADN || type == Ipv6OptionCursor.TYPE_ROUTER_ALERT) {
                continue;
            }
            int action = option.action();
            if (action == Ipv6OptionCursor.ACTION_SKIP) {
                continue;
            }
            counters.increment(Counters.RX_IPV6_OPTION_DISCARDED);
            if (action != Ipv6OptionCursor.ACTION_DISCARD) {
                parameterProblem(2, option.optionOffset() - start, action == Ipv6OptionCursor.ACTION_DISCARD_SEND_ICMP, buf, start, end);
            }
            return false;
        }
        if (status != Ipv6OptionCursor.END) {
            counters.increment(Counters.RX_IPV6_MALFORMED);
            return false;
        }
        return true;
    }

    private void parameterProblem(int code, int pointer, boolean evenIfMulticast, byte[] buf, int start, int end) {
        int payload = start + Ipv6Packet.HEADER_LEN;
        icmp.sendError(Icmpv6Packet.TYPE_PARAMETER_PROBLEM, code, pointer, ip, toMulticast, evenIfMulticast, buf, payload, end - payload,
                now);
    }

    private void receiveIcmp(byte[] buf, int at, int end) {
        boolean verify = capabilities.verifyOnReceive(DeviceCapabilities.PROTOCOL_ICMPV6);
        if (end - at >= 1 && Icmpv6Packet.isMld(buf[at] & 0xff)) {
            mld.receive(ip, routerAlert, buf, at, end - at, verify, now);
            return;
        }
        if (end - at >= 1 && Icmpv6Packet.isNdisc(buf[at] & 0xff)) {
            if (capabilities.medium() == Medium.ETHERNET) {
                ndisc.receive(ip, buf, at, end - at, verify, now);
            } else {
                // No NDISC on the IP medium (no link addresses) or on 6LoWPAN (RFC 6775 is out of scope).
                counters.increment(Counters.RX_ICMPV6_UNSUPPORTED);
            }
            return;
        }
        int status = icmpRepr.parse(icmpPacket.wrap(buf, at, end - at), verify, ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(),
                ip.destinationLow());
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_ICMPV6_BAD_CHECKSUM
                    : status == WireStatus.UNSUPPORTED ? Counters.RX_ICMPV6_UNSUPPORTED : Counters.RX_ICMPV6_MALFORMED);
            return;
        }
        if (icmpRepr.type() == Icmpv6Packet.TYPE_ECHO_REQUEST) {
            counters.increment(Counters.RX_ICMPV6_ECHO_REQUESTS);
            icmp.answerEcho(ip, icmpRepr, buf, icmpRepr.dataOffset(), icmpRepr.dataLength());
        }
        if (Icmpv6Packet.isError(icmpRepr.type())) {
            errors.receive(icmpRepr, buf);
        } else {
            // Echo requests and replies, for the ICMP sockets bound to their identifier.
            delivery.deliverIcmpv6(describe(IpProtocol.ICMPV6, at, end), icmpRepr, buf, at, end - at);
        }
    }

    private void receiveUdp(byte[] buf, int start, int at, int end) {
        if (delivery.deliverUdp(describe(IpProtocol.UDP, at, end), buf, at, end - at, toMulticast) == SocketDelivery.UDP_NO_SOCKET) {
            counters.increment(Counters.RX_UDP_NO_PORT);
            int payload = start + Ipv6Packet.HEADER_LEN;
            icmp.sendError(Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE, 4, 0, ip, toMulticast, false, buf, payload, end - payload, now);
        }
    }

    private void receiveTcp(byte[] buf, int at, int end) {
        if (toMulticast) {
            counters.increment(Counters.RX_TCP_NOT_UNICAST); // RFC 9293 3.9.2.1: TCP is unicast only
            return;
        }
        tcp.deliver(describe(IpProtocol.TCP, at, end), buf, at, end - at, true);
    }

    /** {@link #upper} for the upper-layer {@code protocol} at {@code [at, end)}. */
    private IpRepr describe(int protocol, int at, int end) {
        return upper.setIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), protocol, ip.hopLimit(), end - at);
    }
}
