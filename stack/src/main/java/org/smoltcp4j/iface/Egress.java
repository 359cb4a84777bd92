package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.MacAddress;

/**
 * Everything the interface sends goes through here: sockets' packets of either IP family, the
 * interface's own replies, ARP. It picks the source address and next hop, resolves the link
 * address, and lends the device's transmit buffer directly when it can; a packet whose neighbour
 * is unresolved is staged in a {@link PendingPackets} slot (so other destinations keep flowing),
 * an IPv4 packet over the MTU is staged in the {@link Fragmenter}, and on a medium with a
 * {@link LinkAdapter} (6LoWPAN) every IPv6 packet is staged whole for the adapter.
 *
 * <p>IPv6 packets are never fragmented by us (RFC 8200 leaves that to the source, and smoltcp does
 * not either): one over the MTU is {@link #TOO_LARGE}. TCP segmentation offload applies to IPv4
 * only, since the host devices' offload (virtio GSO) is set up for TCP/IPv4.
 */
final class Egress implements PacketEmitter {

    private static final int LENT_NONE = 0;
    private static final int LENT_DEVICE = 1;
    private static final int LENT_PENDING = 2;
    private static final int LENT_FRAGMENTER = 3;
    private static final int LENT_ADAPTER = 4;

    private final DeviceCapabilities capabilities;
    private final InterfaceConfig config;
    private final Ipv4Routing routing;
    private final Ipv6Routing routing6;
    private final NeighborCache neighbors;
    private final Counters counters;
    private final PendingPackets pending;
    private final Fragmenter fragmenter;
    private final int linkHeaderLength;
    private final EthernetFrame ethernetFrame = new EthernetFrame();
    private final EthernetRepr ethernet = new EthernetRepr();
    private final ArpPacket arpPacket = new ArpPacket();
    private final ArpRepr arp = new ArpRepr();
    private final Ipv4Packet ipv4Packet = new Ipv4Packet();
    private final Ipv4Repr ipv4 = new Ipv4Repr();
    private final Ipv6Packet ipv6Packet = new Ipv6Packet();
    private final Ipv6Repr ipv6 = new Ipv6Repr();
    /** Sends the Neighbor Solicitations that resolve IPv6 next hops (the interface's NDISC). */
    private NeighborSolicitor solicitor;
    /** The link layer that takes whole IPv6 packets (6LoWPAN), or null on Ethernet and IP. */
    private LinkAdapter adapter;
    private byte[] adapterStaging;

    private Device device;
    private long now;
    private int identification;

    // What the last resolve found: the next hop (IPv6 form) and its link address.
    private long hopHigh;
    private long hopLow;
    private long hopLink;
    private boolean hopResolved;

    private int lent = LENT_NONE;
    private byte[] lentBuffer;
    private int lentIpOffset;
    private int lentIpLength;
    private int lentPendingSlot;
    private long lentNextHopHigh;
    private long lentNextHopLow;
    private long lentLinkDestination;
    private boolean lentWholePacket;
    private boolean lentIpv6;
    private int lentSource;
    private int lentDestination;
    private long lentSourceHigh;
    private long lentSourceLow;
    private long lentDestinationHigh;
    private long lentDestinationLow;
    private int lentProtocol;
    private int lentTtl;
    /** The next hop whose missing link address made the last begin return NEIGHBOR_PENDING. */
    private long refusedNeighborHigh;
    private long refusedNeighborLow;

    Egress(DeviceCapabilities capabilities, InterfaceConfig config, Ipv4Routing routing, Ipv6Routing routing6, NeighborCache neighbors,
            Counters counters) {
        this.capabilities = capabilities;
        this.config = config;
        this.routing = routing;
        this.routing6 = routing6;
        this.neighbors = neighbors;
        this.counters = counters;
        this.linkHeaderLength = capabilities.medium() == Medium.ETHERNET ? EthernetFrame.HEADER_LEN : 0;
        this.pending = new PendingPackets(capabilities.medium() == Medium.ETHERNET ? config.pendingPacketSlots() : 0, capabilities.ipMtu());
        this.fragmenter = new Fragmenter(config.fragmentationBufferSize());
        this.identification = (int) config.randomSeed() & 0xffff;
    }

    /** Sets who sends Neighbor Solicitations for unresolved IPv6 next hops (once, at construction). */
    void useSolicitor(NeighborSolicitor solicitor) {
        this.solicitor = solicitor;
    }

    /**
     * Hands the link layer of IPv6 packets to {@code adapter} (6LoWPAN): from now on each IPv6
     * packet is staged whole in {@code staging} (the adapter's own buffer, so the packet is not
     * copied again: it is lent only while the adapter is not sending), and given to the adapter at
     * commit. Called once, at construction.
     */
    void useLinkAdapter(LinkAdapter adapter, byte[] staging) {
        this.adapter = adapter;
        this.adapterStaging = staging;
    }

    /** Points the egress at this poll's device and time. */
    void begin(Device device, long now) {
        this.device = device;
        this.now = now;
    }

    int preallocatedBytes() {
        return pending.bytes() + fragmenter.capacity();
    }

    /** The largest IPv6 packet sent: the device's IP MTU, or the adapter's staging size (1280 on 6LoWPAN). */
    int ipv6Mtu() {
        return adapterStaging == null ? capabilities.ipMtu() : adapterStaging.length;
    }

    // --- PacketEmitter ---------------------------------------------------------------------------

    @Override
    public int beginIpv4(int source, int destination, int protocol, int ttl, int payloadLength) {
        requireNothingLent();
        if (ttl < 1 || ttl > 255 || payloadLength < 0) {
            throw new IllegalArgumentException("TTL must be 1..255 and payload length >= 0, got " + ttl + ", " + payloadLength);
        }
        int chosenSource = source == Ipv4Address.UNSPECIFIED ? routing.sourceFor(destination) : source;
        if (chosenSource == Ipv4Address.UNSPECIFIED || !routing.hasAddress(chosenSource)) {
            counters.increment(Counters.TX_NO_ROUTE);
            return NO_ROUTE;
        }
        // A device with TCP segmentation offload takes TCP packets over the MTU and cuts them itself.
        int unfragmented = protocol == IpProtocol.TCP ? capabilities.tcpSegmentationLimit() : capabilities.ipMtu();
        int status = lendIpv4(destination, Ipv4Packet.HEADER_LEN + payloadLength, unfragmented);
        if (status == OK) {
            lentWholePacket = false;
            lentSource = chosenSource;
            lentDestination = destination;
            lentProtocol = protocol;
            lentTtl = ttl;
        }
        return status;
    }

    @Override
    public int beginIpv4Packet(int destination, int packetLength) {
        requireNothingLent();
        if (packetLength < Ipv4Packet.HEADER_LEN) {
            throw new IllegalArgumentException("an IPv4 packet is at least 20 bytes, got " + packetLength);
        }
        int status = lendIpv4(destination, packetLength, capabilities.ipMtu());
        if (status == OK) {
            lentWholePacket = true;
            lentSource = routing.sourceFor(destination);
        }
        return status;
    }

    @Override
    public int beginIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader, int hopLimit,
            int payloadLength) {
        requireNothingLent();
        if (hopLimit < 1 || hopLimit > 255 || payloadLength < 0 || payloadLength > 0xffff || nextHeader < 0 || nextHeader > 255) {
            throw new IllegalArgumentException("hop limit must be 1..255, payload length 0..65535 and next header 0..255, got "
                    + hopLimit + ", " + payloadLength + ", " + nextHeader);
        }
        long chosenHigh = sourceHigh;
        long chosenLow = sourceLow;
        if (Ipv6Address.isUnspecified(sourceHigh, sourceLow)) {
            int i = routing6.sourceIndexFor(destinationHigh, destinationLow);
            chosenHigh = i < 0 ? 0 : routing6.addressHigh(i);
            chosenLow = i < 0 ? 0 : routing6.addressLow(i);
        }
        if (!routing6.hasAddress(chosenHigh, chosenLow)) {
            counters.increment(Counters.TX_NO_ROUTE);
            return NO_ROUTE;
        }
        int status = resolveIpv6(destinationHigh, destinationLow);
        if (status != OK) {
            return status;
        }
        int ipLength = Ipv6Packet.HEADER_LEN + payloadLength;
        if (ipLength > ipv6Mtu()) {
            counters.increment(Counters.TX_TOO_LARGE);
            return TOO_LARGE;
        }
        status = adapter != null ? lendAdapter(ipLength) : lendResolved(ipLength, Integer.MAX_VALUE);
        if (status == OK) {
            lentWholePacket = false;
            lentIpv6 = true;
            lentSourceHigh = chosenHigh;
            lentSourceLow = chosenLow;
            lentDestinationHigh = destinationHigh;
            lentDestinationLow = destinationLow;
            lentProtocol = nextHeader;
            lentTtl = hopLimit;
        }
        return status;
    }

    @Override
    public byte[] buffer() {
        requireLent();
        return lentBuffer;
    }

    @Override
    public int payloadOffset() {
        requireLent();
        return lentWholePacket ? lentIpOffset : lentIpOffset + (lentIpv6 ? Ipv6Packet.HEADER_LEN : Ipv4Packet.HEADER_LEN);
    }

    @Override
    public int source() {
        requireLent();
        return lentIpv6 ? Ipv4Address.UNSPECIFIED : lentSource;
    }

    @Override
    public long sourceHigh() {
        requireLent();
        return lentIpv6 ? lentSourceHigh : 0;
    }

    @Override
    public long sourceLow() {
        requireLent();
        return lentIpv6 ? lentSourceLow : Ipv6Address.ipv4MappedLow(lentSource);
    }

    @Override
    public boolean checksumBySoftware(int protocol) {
        switch (protocol) {
            case IpProtocol.UDP:
                return capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_UDP);
            case IpProtocol.TCP:
                return capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_TCP);
            case IpProtocol.ICMP:
                return capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_ICMPV4);
            case IpProtocol.ICMPV6:
                return capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_ICMPV6);
            default:
                return true;
        }
    }

    @Override
    public void commit() {
        requireLent();
        writeIpHeader();
        switch (lent) {
            case LENT_DEVICE:
                writeLinkHeader(lentBuffer, lentIpOffset - linkHeaderLength, lentLinkDestination, lentIpv6 ? EtherType.IPV6 : EtherType.IPV4);
                device.commitTransmit(linkHeaderLength + lentIpLength);
                counters.increment(Counters.TX_FRAMES);
                break;
            case LENT_PENDING:
                pending.park(lentPendingSlot, lentIpLength, lentNextHopHigh, lentNextHopLow, now);
                counters.increment(Counters.TX_NEIGHBOR_PENDING);
                break;
            case LENT_ADAPTER:
                lent = LENT_NONE;
                adapter.send(adapterStaging, 0, lentIpLength, lentLinkDestination);
                adapter.flush(device, now);
                break;
            default:
                if (fragmenter.dontFragment()) {
                    // A whole packet written with DF that is over the MTU: RFC 791 forbids cutting it.
                    counters.increment(Counters.TX_TOO_LARGE);
                } else {
                    fragmenter.start(lentIpLength, lentLinkDestination);
                    lent = LENT_NONE;
                    // As many pieces as the device takes now; the rest on the following polls.
                    flushFragments();
                }
                break;
        }
        lent = LENT_NONE;
    }

    @Override
    public void abort() {
        requireLent();
        if (lent == LENT_DEVICE) {
            device.abortTransmit();
        }
        lent = LENT_NONE;
    }

    // --- work between polls ----------------------------------------------------------------------

    /**
     * Sends what can go now: fragments of a staged datagram, the adapter's frames, and pending
     * packets whose neighbour has answered; drops pending packets that waited too long. Returns
     * true if anything was sent.
     */
    boolean flush() {
        boolean sent = flushFragments();
        if (adapter != null) {
            sent |= adapter.flush(device, now);
        }
        for (int slot = pending.nextInOrder(-1); slot >= 0; slot = pending.nextInOrder(pending.sequence(slot))) {
            long mac = neighbors.lookup(pending.nextHopHigh(slot), pending.nextHopLow(slot), now);
            if (mac == NeighborCache.MISSING) {
                if (now - pending.parkedAt(slot) >= config.pendingPacketTimeoutMicros()) {
                    pending.release(slot);
                    counters.increment(Counters.TX_NEIGHBOR_TIMEOUT);
                } else {
                    requestNeighbor(pending.nextHopHigh(slot), pending.nextHopLow(slot));
                }
                continue;
            }
            int length = pending.length(slot);
            if (!device.prepareTransmit(now, linkHeaderLength + length)) {
                return sent;
            }
            byte[] out = device.transmitBuffer();
            int at = device.transmitOffset();
            byte[] packet = pending.buffer(slot);
            writeLinkHeader(out, at, mac, (packet[0] & 0xf0) == 0x60 ? EtherType.IPV6 : EtherType.IPV4);
            System.arraycopy(packet, 0, out, at + linkHeaderLength, length);
            device.commitTransmit(linkHeaderLength + length);
            counters.increment(Counters.TX_FRAMES);
            pending.release(slot);
            sent = true;
        }
        return sent;
    }

    /** The high half of the next hop that was missing when a begin last returned {@link #NEIGHBOR_PENDING}. */
    long refusedNeighborHigh() {
        return refusedNeighborHigh;
    }

    /** The low half of that next hop (an IPv4 next hop is IPv4-mapped). */
    long refusedNeighborLow() {
        return refusedNeighborLow;
    }

    /** True while a fragmented datagram is still going out (no other big packet can start). */
    boolean fragmenting() {
        return fragmenter.isActive();
    }

    /** The earliest time pending packets need attention, or Long.MAX_VALUE. */
    long pollAt() {
        long at = fragmenter.isActive() || adapter != null && adapter.isSending() ? now : Long.MAX_VALUE;
        for (int slot = 0; slot < pending.slots(); slot++) {
            if (pending.isUsed(slot)) {
                at = Math.min(at, Math.min(pending.parkedAt(slot) + config.pendingPacketTimeoutMicros(),
                        now + config.neighborRequestIntervalMicros()));
            }
        }
        return at;
    }

    /** Sends an ARP packet; false (and counted) when the device has no room. */
    boolean sendArp(int operation, long targetMac, int targetIp, int senderIp, long linkDestination) {
        if (!device.prepareTransmit(now, EthernetFrame.HEADER_LEN + ArpPacket.ETHERNET_IPV4_LEN)) {
            counters.increment(Counters.TX_DEVICE_BUSY);
            return false;
        }
        byte[] out = device.transmitBuffer();
        int at = device.transmitOffset();
        writeLinkHeader(out, at, linkDestination, EtherType.ARP);
        arp.set(operation, config.hardwareAddress(), senderIp, targetMac, targetIp)
                .emit(arpPacket.wrap(out, at + EthernetFrame.HEADER_LEN, ArpPacket.ETHERNET_IPV4_LEN));
        device.commitTransmit(EthernetFrame.HEADER_LEN + ArpPacket.ETHERNET_IPV4_LEN);
        counters.increment(Counters.TX_FRAMES);
        return true;
    }

    // --- internals -------------------------------------------------------------------------------

    /** Resolves an IPv4 destination, then lends a buffer for its {@code ipLength}-byte packet. */
    private int lendIpv4(int destination, int ipLength, int unfragmented) {
        hopHigh = 0;
        hopLow = Ipv6Address.ipv4MappedLow(destination);
        hopLink = 0;
        hopResolved = true;
        if (capabilities.medium() == Medium.ETHERNET) {
            if (routing.isBroadcast(destination)) {
                hopLink = MacAddress.BROADCAST;
            } else if (Ipv4Address.isMulticast(destination)) {
                hopLink = MacAddress.ofIpv4Multicast(destination);
            } else {
                int nextHop = routing.nextHop(destination);
                if (nextHop == Ipv4Address.UNSPECIFIED) {
                    counters.increment(Counters.TX_NO_ROUTE);
                    return NO_ROUTE;
                }
                hopLow = Ipv6Address.ipv4MappedLow(nextHop);
                resolveHop();
            }
        } else if (capabilities.medium() != Medium.IP || !routing.isOnLink(destination) && routing.nextHop(destination) == Ipv4Address.UNSPECIFIED
                && !routing.isBroadcast(destination) && !Ipv4Address.isMulticast(destination)) {
            counters.increment(Counters.TX_NO_ROUTE);
            return NO_ROUTE;
        }
        lentIpv6 = false;
        if (ipLength > unfragmented) {
            return lendFragmenter(ipLength);
        }
        return lendResolved(ipLength, unfragmented);
    }

    /**
     * Finds the next hop of an IPv6 destination and its link address (multicast maps to
     * 33:33 and the group's low 32 bits, RFC 2464 section 7); OK or NO_ROUTE (counted).
     */
    private int resolveIpv6(long high, long low) {
        hopHigh = high;
        hopLow = low;
        hopLink = 0;
        hopResolved = true;
        if (Ipv6Address.isMulticast(high)) {
            if (capabilities.medium() == Medium.ETHERNET) {
                hopLink = MacAddress.ofIpv6Multicast(low);
            } else if (adapter != null) {
                hopLink = adapter.linkDestinationFor(high, low);
            }
            return OK;
        }
        int route = routing6.route(high, low);
        if (route == Ipv6Routing.UNREACHABLE) {
            counters.increment(Counters.TX_NO_ROUTE);
            return NO_ROUTE;
        }
        if (route != Ipv6Routing.ON_LINK) {
            hopHigh = routing6.gatewayHigh(route);
            hopLow = routing6.gatewayLow(route);
        }
        if (capabilities.medium() == Medium.ETHERNET) {
            resolveHop();
        } else if (adapter != null) {
            // No NDISC on 6LoWPAN (RFC 6775 registration is out of scope): learned or derived.
            hopLink = neighbors.lookup(hopHigh, hopLow, now);
            if (hopLink == NeighborCache.MISSING) {
                hopLink = adapter.linkDestinationFor(hopHigh, hopLow);
            }
        }
        return OK;
    }

    private void resolveHop() {
        hopLink = neighbors.lookup(hopHigh, hopLow, now);
        hopResolved = hopLink != NeighborCache.MISSING;
    }

    /** Lends the device's buffer, or a pending slot when the next hop is unresolved. */
    private int lendResolved(int ipLength, int unfragmented) {
        if (!hopResolved) {
            // A segmentation-sized packet does not fit a pending slot (ipMtu bytes): refused, the
            // socket sends it again once the neighbour answers.
            return lendPendingSlot(ipLength);
        }
        if (!device.prepareTransmit(now, linkHeaderLength + ipLength)) {
            counters.increment(Counters.TX_DEVICE_BUSY);
            return DEVICE_BUSY;
        }
        lent = LENT_DEVICE;
        lentBuffer = device.transmitBuffer();
        lentIpOffset = device.transmitOffset() + linkHeaderLength;
        lentIpLength = ipLength;
        lentLinkDestination = hopLink;
        return OK;
    }

    private int lendFragmenter(int ipLength) {
        if (ipLength > fragmenter.capacity()) {
            counters.increment(Counters.TX_TOO_LARGE);
            return TOO_LARGE;
        }
        if (!hopResolved) {
            return refuseForNeighbor();
        }
        if (fragmenter.isActive()) {
            return DEVICE_BUSY;
        }
        lent = LENT_FRAGMENTER;
        lentBuffer = fragmenter.buffer();
        lentIpOffset = 0;
        lentIpLength = ipLength;
        lentLinkDestination = hopLink;
        return OK;
    }

    private int lendAdapter(int ipLength) {
        if (adapter.isSending()) {
            counters.increment(Counters.TX_DEVICE_BUSY);
            return DEVICE_BUSY;
        }
        lent = LENT_ADAPTER;
        lentBuffer = adapterStaging;
        lentIpOffset = 0;
        lentIpLength = ipLength;
        lentLinkDestination = hopLink;
        return OK;
    }

    private int lendPendingSlot(int ipLength) {
        int slot = pending.freeSlot(ipLength);
        if (slot < 0) {
            return refuseForNeighbor();
        }
        long high = hopHigh;
        long low = hopLow;
        // May send a Neighbor Solicitation through this egress: nothing is lent yet, and the hop is saved.
        requestNeighbor(high, low);
        lent = LENT_PENDING;
        lentBuffer = pending.buffer(slot);
        lentIpOffset = 0;
        lentIpLength = ipLength;
        lentPendingSlot = slot;
        lentNextHopHigh = high;
        lentNextHopLow = low;
        return OK;
    }

    private int refuseForNeighbor() {
        refusedNeighborHigh = hopHigh;
        refusedNeighborLow = hopLow;
        requestNeighbor(refusedNeighborHigh, refusedNeighborLow);
        return NEIGHBOR_PENDING;
    }

    /**
     * Asks who has the next hop {@code (high, low)} (IPv4-mapped: ARP; else a Neighbor
     * Solicitation), at most once per request interval for that address.
     */
    private void requestNeighbor(long high, long low) {
        if (!neighbors.mayRequest(high, low, now)) {
            return;
        }
        if (Ipv6Address.isIpv4Mapped(high, low)) {
            int address = Ipv6Address.ipv4OfMapped(low);
            if (sendArp(ArpPacket.OPERATION_REQUEST, MacAddress.UNSPECIFIED, address, routing.sourceFor(address), MacAddress.BROADCAST)) {
                counters.increment(Counters.TX_ARP_REQUESTS);
            }
        } else if (solicitor != null) {
            solicitor.solicit(high, low);
        }
    }

    private boolean flushFragments() {
        boolean sent = false;
        while (fragmenter.isActive()) {
            int pieceLength = fragmenter.headerLength() + fragmenter.nextPieceDataLength(capabilities.ipMtu());
            if (!device.prepareTransmit(now, linkHeaderLength + pieceLength)) {
                return sent;
            }
            byte[] out = device.transmitBuffer();
            int at = device.transmitOffset();
            writeLinkHeader(out, at, fragmenter.linkDestination(), EtherType.IPV4);
            int written = fragmenter.writeNextPiece(out, at + linkHeaderLength, capabilities.ipMtu(),
                    capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_IPV4));
            device.commitTransmit(linkHeaderLength + written);
            counters.increment(Counters.TX_FRAMES);
            counters.increment(Counters.TX_FRAGMENTS);
            sent = true;
        }
        return sent;
    }

    private void writeIpHeader() {
        if (lentIpv6) {
            ipv6.set(lentSourceHigh, lentSourceLow, lentDestinationHigh, lentDestinationLow, lentProtocol,
                    lentIpLength - Ipv6Packet.HEADER_LEN, lentTtl);
            ipv6.emit(ipv6Packet.wrap(lentBuffer, lentIpOffset, Ipv6Packet.HEADER_LEN));
            return;
        }
        boolean fill = capabilities.computeOnTransmit(DeviceCapabilities.PROTOCOL_IPV4);
        if (lentWholePacket) {
            ipv4Packet.wrap(lentBuffer, lentIpOffset, lentIpLength);
            if (fill) {
                ipv4Packet.fillChecksum();
            }
            return;
        }
        identification = (identification + 1) & 0xffff;
        ipv4.set(lentSource, lentDestination, lentProtocol, lentIpLength - Ipv4Packet.HEADER_LEN, lentTtl);
        ipv4.setFragmentation(identification, false);
        ipv4.emit(ipv4Packet.wrap(lentBuffer, lentIpOffset, Ipv4Packet.HEADER_LEN), fill);
    }

    private void writeLinkHeader(byte[] out, int at, long destination, int etherType) {
        if (linkHeaderLength == 0) {
            return;
        }
        ethernet.setSource(config.hardwareAddress()).setDestination(destination).setEtherType(etherType);
        ethernet.emit(ethernetFrame.wrap(out, at, EthernetFrame.HEADER_LEN));
    }

    private void requireNothingLent() {
        if (lent != LENT_NONE) {
            throw new IllegalStateException("a packet buffer is already lent: commit or abort it before beginning another");
        }
    }

    private void requireLent() {
        if (lent == LENT_NONE) {
            throw new IllegalStateException("no packet buffer is lent: call beginIpv4 or beginIpv6 first");
        }
    }
}
