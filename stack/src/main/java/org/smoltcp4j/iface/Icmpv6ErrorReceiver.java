package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.Ipv6Repr;

/**
 * Received ICMPv6 errors (RFC 4443 2.4 f): counted by type, then handed to the UDP socket or TCP
 * connection that sent the quoted packet, as ICMPv4 errors are, in their ICMPv4 meaning
 * ({@link Icmpv6Repr#icmpv4Equivalent()}). Only an error that can be about us is believed
 * (RFC 5927): the quoted source must be one of our addresses, the quoted next header TCP or UDP
 * directly (we send no extension headers), the quote must hold the first 8 bytes of its header
 * (ports, and TCP's sequence number, which the connection checks is in flight), and a Packet Too
 * Big must report at least 1280 (RFC 8201 section 4). Everything else is counted as ignored.
 */
final class Icmpv6ErrorReceiver {

    /** Counter of each error type, 1..4. */
    private static final int[] RECEIVED = {
        Counters.RX_ICMPV6_DESTINATION_UNREACHABLE, Counters.RX_ICMPV6_PACKET_TOO_BIG, Counters.RX_ICMPV6_TIME_EXCEEDED,
        Counters.RX_ICMPV6_PARAMETER_PROBLEM,
    };

    private final Ipv6Routing routing;
    private final Counters counters;
    private final SocketDelivery delivery;
    private final TcpDelivery tcp;

    Icmpv6ErrorReceiver(Ipv6Routing routing, Counters counters, SocketDelivery delivery, TcpDelivery tcp) {
        this.routing = routing;
        this.counters = counters;
        this.delivery = delivery;
        this.tcp = tcp;
    }

    /** Acts on the error {@code icmp} (type 1..4, parsed from {@code buf}). */
    void receive(Icmpv6Repr icmp, byte[] buf) {
        counters.increment(RECEIVED[icmp.type() - Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE]);
        if (!believable(icmp) || !delivered(icmp, buf)) {
            counters.increment(Counters.RX_ICMPV6_ERRORS_IGNORED);
        }
    }

    private boolean believable(Icmpv6Repr icmp) {
        Ipv6Repr quoted = icmp.invokingHeader();
        return icmp.icmpv4Equivalent() != Icmpv6Repr.NO_ICMPV4_EQUIVALENT
                && (icmp.type() != Icmpv6Packet.TYPE_PACKET_TOO_BIG || icmp.mtu() >= Ipv6Packet.MIN_MTU)
                && icmp.dataLength() >= TcpDelivery.QUOTED_PORTS_AND_SEQ
                && routing.hasAddress(quoted.sourceHigh(), quoted.sourceLow());
    }

    /** False when no socket sent the quoted packet. */
    private boolean delivered(Icmpv6Repr icmp, byte[] buf) {
        switch (icmp.invokingHeader().nextHeader()) {
            case IpProtocol.TCP:
                return tcp.deliverIcmpv6Error(icmp, buf);
            case IpProtocol.UDP:
                return delivery.deliverUdpIcmpv6Error(icmp, buf);
            default:
                return false;
        }
    }
}
