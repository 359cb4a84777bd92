package org.smoltcp4j.iface;

import org.smoltcp4j.iface.sixlowpan.SixlowpanAdapter;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.WireStatus;

/**
 * Everything the interface receives: link framing, ARP, IPv4 and the protocols above it; IPv6
 * packets go to {@link Ipv6Ingress}, on IEEE 802.15.4 through the 6LoWPAN adapter. Every frame
 * ends either delivered, answered, or counted as a drop under its reason; nothing here throws on
 * network input.
 */
final class Ingress {

    private final DeviceCapabilities capabilities;
    private final long hardwareAddress;
    private final Ipv4Routing routing;
    private final NeighborCache neighbors;
    private final MulticastGroups multicast;
    private final Counters counters;
    private final Egress egress;
    private final Icmpv4Responder icmp;
    private final SocketDelivery delivery;
    private final Ipv4Reassembler reassembler;
    private final IgmpHandler igmp;
    private final TcpDelivery tcp;
    private final Ipv6Ingress ipv6Ingress;
    private final Ipv6Routing routing6;
    private final EthernetFrame ethernetFrame = new EthernetFrame();
    private final EthernetRepr ethernet = new EthernetRepr();
    private final ArpPacket arpPacket = new ArpPacket();
    private final ArpRepr arp = new ArpRepr();
    private final Ipv4Packet ipv4Packet = new Ipv4Packet();
    private final Ipv4Repr ipv4 = new Ipv4Repr();
    /** {@link #ipv4} as the sockets see it (addresses IPv4-mapped), filled once per delivered datagram. */
    private final IpRepr ip = new IpRepr();
    private final Icmpv4Packet icmpPacket = new Icmpv4Packet();
    private final Icmpv4Repr icmpRepr = new Icmpv4Repr();
    private final Ipv4Packet reassembledHeader = new Ipv4Packet();
    /** On IEEE 802.15.4: makes IPv6 packets of the frames, for {@link #sixlowpanIngress}; else null. */
    private SixlowpanAdapter sixlowpan;
    private SixlowpanIngress sixlowpanIngress;
    private long now;
    /** The device's MTU is below IPv6's minimum: IPv6 packets are dropped as a protocol not spoken. */
    private boolean ipv4Only;
    /** The frame being processed came to a link-layer broadcast or multicast address. */
    private boolean linkBroadcast;

    Ingress(DeviceCapabilities capabilities, InterfaceConfig config, Ipv4Routing routing, NeighborCache neighbors,
            MulticastGroups multicast, Counters counters, Egress egress, Icmpv4Responder icmp, Ipv4Reassembler reassembler,
            IgmpHandler igmp, SocketDelivery delivery, TcpDelivery tcp, Ipv6Ingress ipv6Ingress, Ipv6Routing routing6) {
        this.capabilities = capabilities;
        this.hardwareAddress = config.hardwareAddress();
        this.routing = routing;
        this.neighbors = neighbors;
        this.multicast = multicast;
        this.counters = counters;
        this.egress = egress;
        this.icmp = icmp;
        this.delivery = delivery;
        this.reassembler = reassembler;
        this.igmp = igmp;
        this.tcp = tcp;
        this.ipv6Ingress = ipv6Ingress;
        this.routing6 = routing6;
    }

    /** Has every frame turned into IPv6 packets by {@code adapter} (6LoWPAN on IEEE 802.15.4). Called once, at construction. */
    void useSixlowpan(SixlowpanAdapter adapter) {
        sixlowpan = adapter;
        sixlowpanIngress = new SixlowpanIngress(ipv6Ingress);
    }

    /** Drops every IPv6 packet from now on: the device's MTU is below IPv6's minimum link MTU. Called once, at construction. */
    void carryIpv4Only() {
        ipv4Only = true;
    }

    /** Hands the 6LoWPAN adapter's packets to the IPv6 ingress, with their link broadcast flag. */
    private static final class SixlowpanIngress implements SixlowpanAdapter.Ipv6Receiver {
        private final Ipv6Ingress ipv6;

        SixlowpanIngress(Ipv6Ingress ipv6) {
            this.ipv6 = ipv6;
        }

        @Override
        public void receiveIpv6(byte[] buf, int off, int len, long linkSource, boolean linkBroadcast) {
            ipv6.receive(buf, off, len, linkSource, linkBroadcast);
        }
    }

    /** Processes one received frame, delivering what it carries to {@code sockets}. */
    void receive(long now, SocketSet sockets, byte[] buf, int off, int len) {
        this.now = now;
        delivery.use(sockets);
        tcp.use(sockets);
        counters.increment(Counters.RX_FRAMES);
        linkBroadcast = false;
        ipv6Ingress.use(now);
        if (capabilities.medium() == Medium.IP) {
            // No link header: the version nibble tells the family.
            if (len > 0 && (buf[off] & 0xf0) == 0x60) {
                receiveIpv6(buf, off, len, Ipv6Ingress.NO_LINK_SOURCE);
            } else {
                receiveIpv4(buf, off, len, MacAddress.UNSPECIFIED);
            }
            return;
        }
        if (sixlowpan != null) {
            // The adapter counts what it drops into our counters (RxLinkSecured, RxSixlowpan*, ...).
            sixlowpan.receive(buf, off, len, now, sixlowpanIngress);
            return;
        }
        int status = ethernet.parse(ethernetFrame.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.UNSUPPORTED ? Counters.RX_LINK_UNSUPPORTED : Counters.RX_LINK_MALFORMED);
            return;
        }
        long destination = ethernet.destination();
        if (destination != hardwareAddress && destination != MacAddress.BROADCAST && !isJoinedMulticastMac(destination)) {
            counters.increment(Counters.RX_LINK_NOT_FOR_US);
            return;
        }
        linkBroadcast = destination != hardwareAddress;
        int payload = ethernetFrame.payloadOffset();
        int payloadLength = ethernetFrame.payloadLength();
        switch (ethernet.etherType()) {
            case EtherType.ARP:
                receiveArp(buf, payload, payloadLength);
                break;
            case EtherType.IPV4:
                receiveIpv4(buf, payload, payloadLength, ethernet.source());
                break;
            case EtherType.IPV6:
                receiveIpv6(buf, payload, payloadLength, ethernet.source());
                break;
            default:
                counters.increment(Counters.RX_LINK_UNSUPPORTED);
        }
    }

    private boolean isJoinedMulticastMac(long mac) {
        if (!MacAddress.isMulticast(mac)) {
            return false;
        }
        if (mac == MacAddress.ofIpv6Multicast(Ipv6Address.ALL_NODES_LOW)) {
            return true;
        }
        for (int i = 0; i < routing6.addressCount(); i++) {
            if (mac == MacAddress.ofIpv6Multicast(Ipv6Address.solicitedNodeLow(routing6.addressLow(i)))) {
                return true;
            }
        }
        if (mac == MacAddress.ofIpv4Multicast(Ipv4Address.ALL_SYSTEMS)) {
            return true;
        }
        for (int i = 0; i < multicast.count(); i++) {
            long high = multicast.groupHigh(i);
            long low = multicast.groupLow(i);
            if (mac == (Ipv6Address.isIpv4Mapped(high, low) ? MacAddress.ofIpv4Multicast(Ipv6Address.ipv4OfMapped(low))
                    : MacAddress.ofIpv6Multicast(low))) {
                return true;
            }
        }
        return false;
    }

    /**
     * ARP (RFC 826): the sender's mapping refreshes an existing entry whoever the target is
     * (gratuitous ARP included) and is learned when we are the target; requests for our
     * addresses are answered.
     */
    private void receiveArp(byte[] buf, int off, int len) {
        int status = arp.parse(arpPacket.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.UNSUPPORTED ? Counters.RX_ARP_UNSUPPORTED : Counters.RX_ARP_MALFORMED);
            return;
        }
        int sender = arp.senderProtocolAddress();
        long senderMac = arp.senderHardwareAddress();
        boolean forUs = routing.hasAddress(arp.targetProtocolAddress());
        if (!MacAddress.isUnicast(senderMac) || !Ipv4Address.isUnicast(sender) || routing.hasAddress(sender)) {
            counters.increment(Counters.RX_ARP_MALFORMED);
            return;
        }
        if (routing.isOnLink(sender) && (forUs || neighbors.lookup(sender, now) != NeighborCache.MISSING)) {
            neighbors.fill(sender, senderMac, now);
        }
        if (forUs && arp.operation() == ArpPacket.OPERATION_REQUEST) {
            egress.sendArp(ArpPacket.OPERATION_REPLY, senderMac, sender, arp.targetProtocolAddress(), senderMac);
        }
    }

    private void receiveIpv6(byte[] buf, int off, int len, long linkSource) {
        if (ipv4Only) {
            counters.increment(Counters.RX_LINK_UNSUPPORTED);
            return;
        }
        ipv6Ingress.receive(buf, off, len, linkSource, linkBroadcast);
    }

    private void receiveIpv4(byte[] buf, int off, int len, long sourceMac) {
        ipv4Packet.wrap(buf, off, len);
        int status = ipv4.parse(ipv4Packet, capabilities.verifyOnReceive(DeviceCapabilities.PROTOCOL_IPV4));
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.TRUNCATED ? Counters.RX_IPV4_TRUNCATED
                    : status == WireStatus.BAD_CHECKSUM ? Counters.RX_IPV4_BAD_CHECKSUM : Counters.RX_IPV4_MALFORMED);
            return;
        }
        int source = ipv4.source();
        int destination = ipv4.destination();
        if (Ipv4Address.isMulticast(source) || routing.isBroadcast(source) || Ipv4Address.isLoopback(source)) {
            counters.increment(Counters.RX_IPV4_BAD_SOURCE);
            return;
        }
        boolean unicastToUs = routing.hasAddress(destination);
        boolean broadcastOrMulticast = routing.isBroadcast(destination) || multicast.has(destination);
        if (!unicastToUs && !broadcastOrMulticast) {
            counters.increment(Counters.RX_IPV4_NOT_FOR_US);
            return;
        }
        if (sourceMac != MacAddress.UNSPECIFIED) {
            // Hearing from a neighbour at its known MAC keeps its entry alive (smoltcp #966).
            neighbors.refresh(source, sourceMac, now);
        }
        if (ipv4Packet.isFragment()) {
            receiveFragment(unicastToUs, broadcastOrMulticast);
            return;
        }
        deliver(buf, off, ipv4Packet.payloadOffset(), ipv4Packet.payloadLength(), unicastToUs, broadcastOrMulticast);
    }

    /**
     * Hands a fragment to the reassembler; when it completes the datagram, writes the datagram's
     * header in front of the reassembled payload and delivers it exactly as an unfragmented packet,
     * with {@link #ipv4} standing for the whole datagram.
     */
    private void receiveFragment(boolean unicastToUs, boolean broadcastOrMulticast) {
        int slot = reassembler.accept(ipv4Packet, now);
        if (slot == Ipv4Reassembler.INCOMPLETE) {
            return;
        }
        byte[] datagram = reassembler.buffer(slot);
        ipv4.setPayloadLength(reassembler.length(slot));
        ipv4.emit(reassembledHeader.wrap(datagram, 0, Ipv4Packet.HEADER_LEN), true);
        deliver(datagram, 0, Ipv4Reassembler.HEADER_ROOM, reassembler.length(slot), unicastToUs, broadcastOrMulticast);
        reassembler.release(slot);
    }

    /**
     * Passes up the datagram in {@link #ipv4} whose header starts at {@code buf[header]} and whose
     * payload is {@code buf[payload, +payloadLength)}: raw sockets see the whole packet first.
     */
    private void deliver(byte[] buf, int header, int payload, int payloadLength, boolean unicastToUs, boolean broadcastOrMulticast) {
        int destination = ipv4.destination();
        ip.setIpv4(ipv4);
        // RFC 1122 3.2.2: no ICMP error about a datagram sent to an IP or a link-layer broadcast or multicast.
        boolean noErrors = broadcastOrMulticast || linkBroadcast;
        boolean handledByRaw = delivery.deliverRaw(ipv4.protocol(), buf, header, payload + payloadLength - header);
        switch (ipv4.protocol()) {
            case IpProtocol.ICMP:
                receiveIcmp(buf, payload, payloadLength, unicastToUs || routing.isBroadcast(destination));
                break;
            case IpProtocol.IGMP:
                igmp.receive(destination, buf, payload, payloadLength, now);
                break;
            case IpProtocol.UDP:
                if (delivery.deliverUdp(ip, buf, payload, payloadLength, broadcastOrMulticast) == SocketDelivery.UDP_NO_SOCKET
                        && !handledByRaw) {
                    counters.increment(Counters.RX_UDP_NO_PORT);
                    icmp.sendUnreachable(Icmpv4Packet.UNREACHABLE_PORT, ipv4, noErrors, buf, payload, payloadLength, now);
                }
                break;
            case IpProtocol.TCP:
                if (broadcastOrMulticast) {
                    counters.increment(Counters.RX_TCP_NOT_UNICAST); // RFC 9293 3.9.2.1: TCP is unicast only
                } else {
                    tcp.deliver(ip, buf, payload, payloadLength, !handledByRaw);
                }
                break;
            default:
                if (!handledByRaw) {
                    counters.increment(Counters.RX_IPV4_UNKNOWN_PROTOCOL);
                    icmp.sendUnreachable(Icmpv4Packet.UNREACHABLE_PROTOCOL, ipv4, noErrors, buf, payload, payloadLength, now);
                }
        }
    }

    private void receiveIcmp(byte[] buf, int off, int len, boolean answerEcho) {
        int status = icmpRepr.parse(icmpPacket.wrap(buf, off, len), capabilities.verifyOnReceive(DeviceCapabilities.PROTOCOL_ICMPV4));
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_ICMP_BAD_CHECKSUM
                    : status == WireStatus.UNSUPPORTED ? Counters.RX_ICMP_UNSUPPORTED : Counters.RX_ICMP_MALFORMED);
            return;
        }
        if (icmpRepr.type() == Icmpv4Packet.TYPE_ECHO_REQUEST) {
            counters.increment(Counters.RX_ECHO_REQUESTS);
            if (answerEcho) {
                icmp.answerEcho(ipv4, icmpRepr, buf, icmpRepr.dataOffset(), icmpRepr.dataLength());
            }
        }
        delivery.deliverIcmp(ip, icmpRepr, buf, off, len);
    }
}
