package org.smoltcp4j.iface;

import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NdiscRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Neighbor Discovery on Ethernet (RFC 4861), the part a host needs to be reached and to reach:
 * Neighbor Solicitations for our addresses are answered with a solicited advertisement carrying
 * our link-layer address (flags S and O; never R, we are not a router), Duplicate Address
 * Detection probes (unspecified source) with an unsolicited one to all nodes; the source
 * link-layer option of a solicitation and the target link-layer option of an advertisement fill
 * the neighbour cache (an advertisement without the Override flag never replaces a known
 * address, section 7.2.5; link-layer options that are not unicast are refused); next hops are
 * resolved by solicitations to their solicited-node group. The states of section 7.3 are
 * simplified as smoltcp's: an entry is valid for the cache's lifetime, kept alive by traffic from
 * its known address, and resolved again by multicast solicitation once expired (no STALE, DELAY
 * or PROBE with unicast solicitations).
 * Every NDISC message must arrive with hop limit 255 (section 7.1), proof it was not forwarded.
 * Router Advertisements are counted and ignored: no SLAAC or router discovery in this stack (the
 * gateway is configured).
 */
final class NdiscHandler implements NeighborSolicitor {

    /** RFC 4861 section 7.1.1: NDISC messages are sent and accepted with hop limit 255 only. */
    private static final int NDISC_HOP_LIMIT = 255;

    private final Egress egress;
    private final Ipv6Routing routing;
    private final NeighborCache neighbors;
    private final Counters counters;
    private final long hardwareAddress;
    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final NdiscRepr message = new NdiscRepr();
    private final NdiscRepr answer = new NdiscRepr();
    /**
     * Solicitations have their own holder and view: one may be sent from inside the egress while
     * an answer waits there for its own next hop to be resolved.
     */
    private final NdiscRepr solicitation = new NdiscRepr();
    private final Icmpv6Packet solicitationPacket = new Icmpv6Packet();

    NdiscHandler(Egress egress, Ipv6Routing routing, NeighborCache neighbors, Counters counters, long hardwareAddress) {
        this.egress = egress;
        this.routing = routing;
        this.neighbors = neighbors;
        this.counters = counters;
        this.hardwareAddress = hardwareAddress;
    }

    /** Acts on the NDISC message {@code buf[off, +len)} carried by {@code ip}. */
    void receive(Ipv6Repr ip, byte[] buf, int off, int len, boolean verifyChecksum, long now) {
        if (ip.hopLimit() != NDISC_HOP_LIMIT) {
            counters.increment(Counters.RX_NDISC_BAD_HOP_LIMIT);
            return;
        }
        int status = message.parse(packet.wrap(buf, off, len), verifyChecksum, ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(),
                ip.destinationLow());
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_ICMPV6_BAD_CHECKSUM
                    : status == WireStatus.UNSUPPORTED ? Counters.RX_ICMPV6_UNSUPPORTED : Counters.RX_NDISC_MALFORMED);
            return;
        }
        if (!isUnicastOrAbsent(message.sourceLinkLayer()) || !isUnicastOrAbsent(message.targetLinkLayer())) {
            // As ARP refuses such a sender: frames "to" a group or broadcast address would reach everyone.
            counters.increment(Counters.RX_NDISC_MALFORMED);
            return;
        }
        switch (message.type()) {
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION:
                receiveSolicitation(ip, now);
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT:
                receiveAdvertisement(ip, now);
                break;
            case Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT:
                counters.increment(Counters.RX_ROUTER_ADVERTISEMENTS_IGNORED);
                break;
            default:
                // Router solicitations are for routers; redirects need a router we trust to send them.
                counters.increment(Counters.RX_ICMPV6_UNSUPPORTED);
        }
    }

    private void receiveSolicitation(Ipv6Repr ip, long now) {
        long targetHigh = message.targetHigh();
        long targetLow = message.targetLow();
        boolean probe = Ipv6Address.isUnspecified(ip.sourceHigh(), ip.sourceLow());
        // Section 7.1.1: a multicast target is invalid; a DAD probe goes to a solicited-node group without a source link-layer option.
        if (!Ipv6Routing.isUnicast(targetHigh, targetLow) || probe && (ip.destinationHigh() != Ipv6Address.solicitedNodeHigh()
                || ip.destinationLow() != Ipv6Address.solicitedNodeLow(targetLow) || message.sourceLinkLayer() != NdiscRepr.ABSENT)) {
            counters.increment(Counters.RX_NDISC_MALFORMED);
            return;
        }
        if (!routing.hasAddress(targetHigh, targetLow)) {
            counters.increment(Counters.RX_NEIGHBOR_SOLICITATIONS_NOT_OURS);
            return;
        }
        counters.increment(Counters.RX_NEIGHBOR_SOLICITATIONS);
        if (probe) {
            // Section 7.2.4: someone else wants our address; defend it to all nodes, not solicited.
            advertise(targetHigh, targetLow, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, NdiscRepr.NEIGHBOR_FLAG_OVERRIDE);
            return;
        }
        if (message.sourceLinkLayer() != NdiscRepr.ABSENT) {
            neighbors.fill(ip.sourceHigh(), ip.sourceLow(), message.sourceLinkLayer(), now);
        }
        advertise(targetHigh, targetLow, ip.sourceHigh(), ip.sourceLow(),
                NdiscRepr.NEIGHBOR_FLAG_SOLICITED | NdiscRepr.NEIGHBOR_FLAG_OVERRIDE);
    }

    private void receiveAdvertisement(Ipv6Repr ip, long now) {
        long targetHigh = message.targetHigh();
        long targetLow = message.targetLow();
        // Section 7.1.2: a multicast target, or a solicited advertisement to a multicast address, is invalid. Nor may a
        // target be IPv4-mapped: that is how the neighbour cache keys ARP entries, which NDISC must not rewrite.
        if (!Ipv6Routing.isUnicast(targetHigh, targetLow)
                || Ipv6Address.isMulticast(ip.destinationHigh()) && (message.flags() & NdiscRepr.NEIGHBOR_FLAG_SOLICITED) != 0) {
            counters.increment(Counters.RX_NDISC_MALFORMED);
            return;
        }
        counters.increment(Counters.RX_NEIGHBOR_ADVERTISEMENTS);
        long mac = message.targetLinkLayer();
        // An advertisement for one of our own addresses means a duplicate; without DAD it teaches nothing.
        if (mac == NdiscRepr.ABSENT || routing.hasAddress(targetHigh, targetLow)) {
            return;
        }
        // Section 7.2.5: without the Override flag a different address must not replace the one known.
        long known = neighbors.lookup(targetHigh, targetLow, now);
        if ((message.flags() & NdiscRepr.NEIGHBOR_FLAG_OVERRIDE) != 0 || known == NeighborCache.MISSING || known == mac) {
            neighbors.fill(targetHigh, targetLow, mac, now);
        }
    }

    private static boolean isUnicastOrAbsent(long mac) {
        return mac == NdiscRepr.ABSENT || MacAddress.isUnicast(mac);
    }

    /** Sends a Neighbor Advertisement for our {@code target}, from it, with our link-layer address. */
    private void advertise(long targetHigh, long targetLow, long destinationHigh, long destinationLow, int flags) {
        answer.setNeighborAdvertisement(flags, targetHigh, targetLow).setTargetLinkLayer(hardwareAddress);
        if (send(answer, packet, targetHigh, targetLow, destinationHigh, destinationLow)) {
            counters.increment(Counters.TX_NEIGHBOR_ADVERTISEMENTS);
        }
    }

    @Override
    public void solicit(long high, long low) {
        solicitation.setNeighborSolicitation(high, low).setSourceLinkLayer(hardwareAddress);
        if (send(solicitation, solicitationPacket, 0, 0, Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(low))) {
            counters.increment(Counters.TX_NEIGHBOR_SOLICITATIONS);
        }
    }

    /** Sends {@code repr} through {@code view} with hop limit 255; source (0, 0) lets the egress choose. */
    private boolean send(NdiscRepr repr, Icmpv6Packet view, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        int length = repr.bufferLen();
        if (egress.beginIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.ICMPV6, NDISC_HOP_LIMIT, length)
                != PacketEmitter.OK) {
            return false;
        }
        repr.emit(view.wrap(egress.buffer(), egress.payloadOffset(), length));
        if (egress.checksumBySoftware(IpProtocol.ICMPV6)) {
            view.fillChecksum(egress.sourceHigh(), egress.sourceLow(), destinationHigh, destinationLow);
        }
        egress.commit();
        return true;
    }
}
