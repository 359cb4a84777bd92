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
import org.smoltcp4j.wire.MacAddress;

/**
 * Everything the interface sends goes through here: sockets' packets, the interface's own replies,
 * ARP. It picks the source address and next hop, resolves the link address, and lends the device's
 * transmit buffer directly when it can; a packet whose neighbour is unresolved is staged in a
 * {@link PendingPackets} slot (so other destinations keep flowing), and a packet over the MTU is
 * staged in the {@link Fragmenter}.
 */
final class Egress implements PacketEmitter {

    private static final int LENT_NONE = 0;
    private static final int LENT_DEVICE = 1;
    private static final int LENT_PENDING = 2;
    private static final int LENT_FRAGMENTER = 3;

    private final DeviceCapabilities capabilities;
    private final InterfaceConfig config;
    private final Ipv4Routing routing;
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

    private Device device;
    private long now;
    private int identification;

    private int lent = LENT_NONE;
    private byte[] lentBuffer;
    private int lentIpOffset;
    private int lentIpLength;
    private int lentPendingSlot;
    private int lentNextHop;
    private long lentLinkDestination;
    private boolean lentWholePacket;
    private int lentSource;
    private int lentDestination;
    private int lentProtocol;
    private int lentTtl;
    /** The next hop whose missing link address made the last begin return NEIGHBOR_PENDING. */
    private int refusedNeighbor;

    Egress(DeviceCapabilities capabilities, InterfaceConfig config, Ipv4Routing routing, NeighborCache neighbors, Counters counters) {
        this.capabilities = capabilities;
        this.config = config;
        this.routing = routing;
        this.neighbors = neighbors;
        this.counters = counters;
        this.linkHeaderLength = capabilities.medium() == Medium.ETHERNET ? EthernetFrame.HEADER_LEN : 0;
        this.pending = new PendingPackets(capabilities.medium() == Medium.ETHERNET ? config.pendingPacketSlots() : 0, capabilities.ipMtu());
        this.fragmenter = new Fragmenter(config.fragmentationBufferSize());
        this.identification = (int) config.randomSeed() & 0xffff;
    }

    /** Points the egress at this poll's device and time. */
    void begin(Device device, long now) {
        this.device = device;
        this.now = now;
    }

    int preallocatedBytes() {
        return pending.bytes() + fragmenter.capacity();
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
        int status = lend(destination, Ipv4Packet.HEADER_LEN + payloadLength, unfragmented);
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
        int status = lend(destination, packetLength, capabilities.ipMtu());
        if (status == OK) {
            lentWholePacket = true;
            lentSource = routing.sourceFor(destination);
        }
        return status;
    }

    /** Temporary until the IPv6 egress exists: no IPv6 route. */
    @Override
    public int beginIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader,
            int hopLimit, int payloadLength) {
        requireNothingLent();
        counters.increment(Counters.TX_NO_ROUTE);
        return NO_ROUTE;
    }

    @Override
    public byte[] buffer() {
        requireLent();
        return lentBuffer;
    }

    @Override
    public int payloadOffset() {
        requireLent();
        return lentWholePacket ? lentIpOffset : lentIpOffset + Ipv4Packet.HEADER_LEN;
    }

    @Override
    public int source() {
        requireLent();
        return lentSource;
    }

    @Override
    public long sourceHigh() {
        requireLent();
        return 0;
    }

    @Override
    public long sourceLow() {
        requireLent();
        return Ipv6Address.ipv4MappedLow(lentSource);
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
        writeIpv4Header();
        switch (lent) {
            case LENT_DEVICE:
                writeLinkHeader(lentBuffer, lentIpOffset - linkHeaderLength, lentLinkDestination, EtherType.IPV4);
                device.commitTransmit(linkHeaderLength + lentIpLength);
                counters.increment(Counters.TX_FRAMES);
                break;
            case LENT_PENDING:
                pending.park(lentPendingSlot, lentIpLength, lentNextHop, now);
                counters.increment(Counters.TX_NEIGHBOR_PENDING);
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
     * Sends what can go now: fragments of a staged datagram and pending packets whose neighbour
     * has answered; drops pending packets that waited too long. Returns true if anything was sent.
     */
    boolean flush() {
        boolean sent = flushFragments();
        for (int slot = pending.nextInOrder(-1); slot >= 0; slot = pending.nextInOrder(pending.sequence(slot))) {
            long mac = neighbors.lookup(pending.nextHop(slot), now);
            if (mac == NeighborCache.MISSING) {
                if (now - pending.parkedAt(slot) >= config.pendingPacketTimeoutMicros()) {
                    pending.release(slot);
                    counters.increment(Counters.TX_NEIGHBOR_TIMEOUT);
                } else {
                    requestNeighbor(pending.nextHop(slot));
                }
                continue;
            }
            int length = pending.length(slot);
            if (!device.prepareTransmit(now, linkHeaderLength + length)) {
                return sent;
            }
            byte[] out = device.transmitBuffer();
            int at = device.transmitOffset();
            writeLinkHeader(out, at, mac, EtherType.IPV4);
            System.arraycopy(pending.buffer(slot), 0, out, at + linkHeaderLength, length);
            device.commitTransmit(linkHeaderLength + length);
            counters.increment(Counters.TX_FRAMES);
            pending.release(slot);
            sent = true;
        }
        return sent;
    }

    /** The next hop that was missing when a begin last returned {@link #NEIGHBOR_PENDING}. */
    int refusedNeighbor() {
        return refusedNeighbor;
    }

    /** True while a fragmented datagram is still going out (no other big packet can start). */
    boolean fragmenting() {
        return fragmenter.isActive();
    }

    /** The earliest time pending packets need attention, or Long.MAX_VALUE. */
    long pollAt() {
        long at = fragmenter.isActive() ? now : Long.MAX_VALUE;
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

    /**
     * Chooses where the packet is written: device buffer, a pending slot or, when it is longer than
     * {@code unfragmented}, the fragmenter.
     */
    private int lend(int destination, int ipLength, int unfragmented) {
        long linkDestination = 0;
        int nextHop = destination;
        boolean resolved = true;
        if (capabilities.medium() == Medium.ETHERNET) {
            if (routing.isBroadcast(destination)) {
                linkDestination = MacAddress.BROADCAST;
            } else if (Ipv4Address.isMulticast(destination)) {
                linkDestination = MacAddress.ofIpv4Multicast(destination);
            } else {
                nextHop = routing.nextHop(destination);
                if (nextHop == Ipv4Address.UNSPECIFIED) {
                    counters.increment(Counters.TX_NO_ROUTE);
                    return NO_ROUTE;
                }
                linkDestination = neighbors.lookup(nextHop, now);
                resolved = linkDestination != NeighborCache.MISSING;
            }
        } else if (!routing.isOnLink(destination) && routing.nextHop(destination) == Ipv4Address.UNSPECIFIED
                && !routing.isBroadcast(destination) && !Ipv4Address.isMulticast(destination)) {
            counters.increment(Counters.TX_NO_ROUTE);
            return NO_ROUTE;
        }
        if (ipLength > unfragmented) {
            return lendFragmenter(ipLength, nextHop, linkDestination, resolved);
        }
        if (!resolved) {
            // A segmentation-sized packet does not fit a pending slot (ipMtu bytes): refused, the
            // socket sends it again once the neighbour answers.
            return lendPendingSlot(ipLength, nextHop);
        }
        if (!device.prepareTransmit(now, linkHeaderLength + ipLength)) {
            counters.increment(Counters.TX_DEVICE_BUSY);
            return DEVICE_BUSY;
        }
        lent = LENT_DEVICE;
        lentBuffer = device.transmitBuffer();
        lentIpOffset = device.transmitOffset() + linkHeaderLength;
        lentIpLength = ipLength;
        lentLinkDestination = linkDestination;
        return OK;
    }

    private int lendFragmenter(int ipLength, int nextHop, long linkDestination, boolean resolved) {
        if (ipLength > fragmenter.capacity()) {
            counters.increment(Counters.TX_TOO_LARGE);
            return TOO_LARGE;
        }
        if (!resolved) {
            requestNeighbor(nextHop);
            refusedNeighbor = nextHop;
            return NEIGHBOR_PENDING;
        }
        if (fragmenter.isActive()) {
            return DEVICE_BUSY;
        }
        lent = LENT_FRAGMENTER;
        lentBuffer = fragmenter.buffer();
        lentIpOffset = 0;
        lentIpLength = ipLength;
        lentLinkDestination = linkDestination;
        return OK;
    }

    private int lendPendingSlot(int ipLength, int nextHop) {
        requestNeighbor(nextHop);
        int slot = pending.freeSlot(ipLength);
        if (slot < 0) {
            refusedNeighbor = nextHop;
            return NEIGHBOR_PENDING;
        }
        lent = LENT_PENDING;
        lentBuffer = pending.buffer(slot);
        lentIpOffset = 0;
        lentIpLength = ipLength;
        lentPendingSlot = slot;
        lentNextHop = nextHop;
        return OK;
    }

    /** Asks who has {@code address}, at most once per request interval for that address. */
    private void requestNeighbor(int address) {
        if (neighbors.mayRequest(address, now)) {
            if (sendArp(ArpPacket.OPERATION_REQUEST, MacAddress.UNSPECIFIED, address, routing.sourceFor(address), MacAddress.BROADCAST)) {
                counters.increment(Counters.TX_ARP_REQUESTS);
            }
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

    private void writeIpv4Header() {
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
            throw new IllegalStateException("no packet buffer is lent: call beginIpv4 first");
        }
    }
}
