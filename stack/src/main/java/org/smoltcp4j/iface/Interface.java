package org.smoltcp4j.iface;

import org.smoltcp4j.iface.sixlowpan.CounterSink;
import org.smoltcp4j.iface.sixlowpan.SixlowpanAdapter;
import org.smoltcp4j.iface.sixlowpan.SixlowpanConfig;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.phy.Pcg32;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.SocketContext;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.SixlowpanContexts;

/**
 * A network interface over one device: its addresses, routes, neighbour cache and buffers, and
 * {@link #poll}, which moves packets between the device and the sockets. Everything is allocated
 * here, once; polling allocates nothing.
 *
 * <p>The main loop calls {@link #poll} and then sleeps for {@link #pollDelay} (or until the device
 * has a frame). Each poll does bounded work: at most {@code maxIngressPerPoll} frames in and
 * {@code maxEgressPerPoll} packets out, so a flood of input cannot starve output or timers.
 */
public final class Interface {

    private final InterfaceConfig config;
    private final DeviceCapabilities capabilities;
    private final Ipv4Routing routing;
    private final Ipv6Routing routing6;
    private final NeighborCache neighbors;
    private final MulticastGroups multicast;
    private final Counters counters = new Counters();
    private final Egress egress;
    private final Ingress ingress;
    private final Ipv4Reassembler reassembler;
    private final IgmpHandler igmp;
    private final MldHandler mld;
    private final Context context = new Context();
    /** IPv6 over IEEE 802.15.4 (6LoWPAN); null on other media. */
    private final SixlowpanAdapter sixlowpan;
    /** The largest IP packet: the device's, or IPv6's minimum MTU 1280 that 6LoWPAN provides. */
    private final int ipMtu;
    /** False on a device whose MTU is below IPv6's minimum link MTU: the interface carries IPv4 only. */
    private final boolean carriesIpv6;
    /** How long a socket refused for an unresolved neighbour waits before trying again (smoltcp: 1 s). */
    private static final long NEIGHBOR_SILENCE_MICROS = 1_000_000L;
    /** Mixed into the seed for MLD's random delays, so they do not share IGMP's sequence. */
    private static final long MLD_RANDOM_STREAM = 0x6d6c_6476_32L;
    /** Where the next poll starts dispatching, so every socket gets its turn under load. */
    private int nextSocket;

    /**
     * Builds an interface for a device with {@code capabilities} (the device's own object), with
     * every size from {@code config}. On IEEE 802.15.4 the interface speaks IPv6 only, over 6LoWPAN
     * ({@link SixlowpanAdapter}, settings from {@link InterfaceConfig#sixlowpan()}), with an IP MTU
     * of 1280; it needs the extended address ({@link InterfaceConfig#extendedAddress}). On a
     * device whose IP MTU is below 1280, IPv6's minimum link MTU (RFC 8200 section 5), the
     * interface carries IPv4 only: no link-local address, {@link #addIpv6Address} refuses, and
     * IPv6 packets received are dropped (counted in {@link Counters#RX_LINK_UNSUPPORTED}).
     */
    public Interface(InterfaceConfig config, DeviceCapabilities capabilities) {
        if (capabilities.medium() == Medium.ETHERNET && config.hardwareAddress() == 0) {
            throw new IllegalArgumentException("an Ethernet interface needs a hardware address (InterfaceConfig.hardwareAddress)");
        }
        if (capabilities.medium() == Medium.IEEE802154 && config.hardwareAddress() == 0) {
            throw new IllegalArgumentException("an IEEE 802.15.4 interface needs an extended address (InterfaceConfig.extendedAddress)");
        }
        if (capabilities.ipMtu() < 68) {
            throw new IllegalArgumentException("the device's MTU leaves " + capabilities.ipMtu() + " bytes for IPv4; at least 68 are needed");
        }
        this.config = config;
        this.capabilities = capabilities;
        this.carriesIpv6 = capabilities.medium() == Medium.IEEE802154 || capabilities.ipMtu() >= Ipv6Packet.MIN_MTU;
        this.routing = new Ipv4Routing(config.maxAddresses(), config.maxRoutes());
        this.routing6 = new Ipv6Routing(config.maxIpv6Addresses(), config.maxIpv6Routes());
        if (capabilities.medium() != Medium.IP && carriesIpv6) {
            // RFC 4862 5.3: a link-local address as soon as the interface is up; no Duplicate Address Detection (as smoltcp).
            routing6.addAddress(Ipv6Address.LINK_LOCAL_PREFIX_HIGH, InterfaceIdentifier.of(capabilities.medium(), config.hardwareAddress()), 64);
        }
        this.neighbors = new NeighborCache(config.neighborCacheSize(), config.neighborLifetimeMicros(), config.neighborRequestIntervalMicros());
        this.multicast = new MulticastGroups(config.maxMulticastGroups());
        this.egress = new Egress(capabilities, config, routing, routing6, neighbors, counters);
        NdiscHandler ndisc = new NdiscHandler(egress, routing6, neighbors, counters, config.hardwareAddress());
        egress.useSolicitor(ndisc);
        TcpDelivery tcp = new TcpDelivery(capabilities, counters, egress, context);
        SocketDelivery delivery = new SocketDelivery(capabilities, counters, tcp);
        // MLD reports are for switches that snoop them: Ethernet only (see MldHandler).
        this.mld = new MldHandler(config.maxMulticastGroups() + config.maxIpv6Addresses(),
                config.mldReports() && capabilities.medium() == Medium.ETHERNET,
                egress, routing6, counters, new Pcg32(config.randomSeed() ^ MLD_RANDOM_STREAM));
        for (int i = 0; i < routing6.addressCount(); i++) {
            mld.joined(Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(routing6.addressLow(i)));
        }
        Ipv6Ingress ipv6Ingress = new Ipv6Ingress(capabilities, routing6, neighbors, counters,
                new Icmpv6Responder(egress, routing6, counters, config), ndisc, mld, multicast, delivery, tcp);
        Icmpv4Responder icmp = new Icmpv4Responder(egress, routing, counters, config);
        this.reassembler = new Ipv4Reassembler(config.reassemblyBufferCount(), config.reassemblyBufferSize(),
                config.assemblerMaxRanges(), config.reassemblyTimeoutMicros(), counters);
        this.igmp = new IgmpHandler(config.maxMulticastGroups(), egress, routing, counters, new Pcg32(config.randomSeed()));
        this.ingress = new Ingress(capabilities, config, routing, neighbors, multicast, counters, egress, icmp, reassembler, igmp,
                delivery, tcp, ipv6Ingress, routing6);
        if (capabilities.medium() == Medium.IEEE802154) {
            sixlowpan = new SixlowpanAdapter(config.sixlowpan(), config.hardwareAddress(), new SixlowpanContexts(), capabilities.mtu(),
                    new SixlowpanCounters(counters), config.randomSeed());
            egress.useLinkAdapter(sixlowpan, sixlowpan.stagingBuffer());
            ingress.useSixlowpan(sixlowpan);
            ipMtu = SixlowpanConfig.IPV6_MTU;
        } else {
            sixlowpan = null;
            ipMtu = capabilities.ipMtu();
        }
        if (!carriesIpv6) {
            ingress.carryIpv4Only();
        }
    }

    // --- configuration ---------------------------------------------------------------------------

    /**
     * Adds an IPv4 address with its subnet prefix length. As in smoltcp, changing the addresses
     * flushes the neighbour cache: what was learned on the old subnets may no longer apply. Throws
     * IllegalStateException on IEEE 802.15.4, where 6LoWPAN carries IPv6 only.
     */
    public void addIpv4Address(int address, int prefixLength) {
        if (sixlowpan != null) {
            throw new IllegalStateException("an IEEE 802.15.4 interface carries IPv6 only (6LoWPAN): it takes no IPv4 address");
        }
        routing.addAddress(address, prefixLength);
        neighbors.flush();
    }

    /** Removes an IPv4 address (and flushes the neighbour cache, as {@link #addIpv4Address}). */
    public void removeIpv4Address(int address) {
        routing.removeAddress(address);
        neighbors.flush();
    }

    /**
     * Joins the IPv4 multicast {@code group}: its frames are received from now on, and an IGMPv2
     * membership report goes out at the next poll (repeated once within 10 s). Returns false when
     * the group was already joined (224.0.0.1 always is). Throws IllegalArgumentException for a
     * non-multicast address and IllegalStateException when maxMulticastGroups are joined already.
     */
    public boolean joinMulticastGroup(int group, long now) {
        if (!multicast.join(group)) {
            return false;
        }
        igmp.joined(group, now);
        return true;
    }

    /**
     * Leaves the IPv4 multicast {@code group}: an IGMPv2 leave goes to 224.0.0.2 at the next poll
     * (none while an IGMPv1 router is present). Returns false when the group was not joined.
     */
    public boolean leaveMulticastGroup(int group, long now) {
        if (!multicast.leave(group)) {
            return false;
        }
        igmp.left(group, now);
        return true;
    }

    /** Sets the default gateway (the route 0.0.0.0/0). */
    public void setIpv4Gateway(int gateway) {
        routing.addRoute(0, 0, gateway);
    }

    /** Removes the default gateway; false when there was none. */
    public boolean clearIpv4Gateway() {
        return routing.removeRoute(0, 0);
    }

    /** Adds (or changes) the route to {@code network/prefixLength} through {@code gateway}. */
    public void addIpv4Route(int network, int prefixLength, int gateway) {
        routing.addRoute(network, prefixLength, gateway);
    }

    public boolean removeIpv4Route(int network, int prefixLength) {
        return routing.removeRoute(network, prefixLength);
    }

    /**
     * Adds an IPv6 address with its prefix length (the prefix is on-link). The link-local address
     * fe80::/64 with the EUI-64 of the MAC is there from construction on Ethernet. Flushes the
     * neighbour cache as {@link #addIpv4Address}. Throws IllegalArgumentException for a multicast,
     * unspecified, loopback or IPv4-mapped address, a prefix length outside 0..128 or an address
     * already held, IllegalStateException when maxIpv6Addresses are held or the device's MTU is
     * below IPv6's minimum of 1280 (see the constructor).
     */
    public void addIpv6Address(long high, long low, int prefixLength) {
        if (!carriesIpv6) {
            throw new IllegalStateException("the device's MTU leaves " + capabilities.ipMtu() + " bytes for IP, below IPv6's minimum link MTU of "
                    + Ipv6Packet.MIN_MTU + " (RFC 8200 section 5): this interface carries IPv4 only");
        }
        routing6.addAddress(high, low, prefixLength);
        neighbors.flush();
        mld.joined(Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(low));
    }

    /**
     * Removes an IPv6 address (the link-local one too, if asked); flushes the neighbour cache.
     * Its solicited-node group is left (reported) unless another address shares it.
     */
    public void removeIpv6Address(long high, long low) {
        routing6.removeAddress(high, low);
        neighbors.flush();
        mld.left(Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(low));
    }

    /**
     * Joins the IPv6 multicast group {@code (high, low)}: its packets (and on Ethernet its 33:33
     * frames) are received from now on, and on Ethernet an MLDv2 report (CHANGE_TO_EXCLUDE, no
     * sources) goes to ff02::16 at the next poll, repeated once within 1 s. Returns false when
     * the group was already joined (ff02::1 always is). Throws IllegalArgumentException for a
     * non-multicast address and IllegalStateException when maxMulticastGroups (IPv4 and IPv6
     * together) are joined already.
     */
    public boolean joinIpv6MulticastGroup(long high, long low, long now) {
        if (!multicast.joinIpv6(high, low)) {
            return false;
        }
        mld.joined(high, low);
        return true;
    }

    /**
     * Leaves the IPv6 multicast group {@code (high, low)}: on Ethernet an MLDv2 report
     * (CHANGE_TO_INCLUDE, no sources) goes out at the next poll, repeated once within 1 s (none
     * when the group is also a solicited-node group of ours, which stays joined). Returns false
     * when the group was not joined.
     */
    public boolean leaveIpv6MulticastGroup(long high, long low, long now) {
        if (!Ipv6Address.isMulticast(high) || !multicast.leaveIpv6(high, low)) {
            return false;
        }
        mld.left(high, low);
        return true;
    }

    /** Sets the IPv6 default gateway (the route ::/0), usually a router's link-local address. */
    public void setIpv6Gateway(long high, long low) {
        routing6.addRoute(0, 0, 0, high, low);
    }

    /** Removes the IPv6 default gateway; false when there was none. */
    public boolean clearIpv6Gateway() {
        return routing6.removeRoute(0, 0, 0);
    }

    /** Adds (or changes) the route to {@code network/prefixLength} through {@code gateway}. */
    public void addIpv6Route(long networkHigh, long networkLow, int prefixLength, long gatewayHigh, long gatewayLow) {
        routing6.addRoute(networkHigh, networkLow, prefixLength, gatewayHigh, gatewayLow);
    }

    public boolean removeIpv6Route(long networkHigh, long networkLow, int prefixLength) {
        return routing6.removeRoute(networkHigh, networkLow, prefixLength);
    }

    /** Addresses and routes, for reading. */
    public Ipv4Routing routing() {
        return routing;
    }

    /** IPv6 addresses and routes, for reading. */
    public Ipv6Routing ipv6Routing() {
        return routing6;
    }

    public NeighborCache neighborCache() {
        return neighbors;
    }

    public MulticastGroups multicastGroups() {
        return multicast;
    }

    public Counters counters() {
        return counters;
    }

    public InterfaceConfig config() {
        return config;
    }

    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    /** The 6LoWPAN adapter of an IEEE 802.15.4 interface (its framer, reassembler), null on other media; it counts into {@link #counters()}. */
    public SixlowpanAdapter sixlowpan() {
        return sixlowpan;
    }

    /** The largest IP packet the interface sends: the device's IP MTU, 1280 on IEEE 802.15.4 (6LoWPAN). */
    public int ipMtu() {
        return ipMtu;
    }

    /**
     * Bytes this interface allocated for packet buffers (pending packets, fragmentation,
     * reassembly, 6LoWPAN staging, reassembly and decompression) and the IPv6 address and route
     * tables; the neighbour cache is {@link NeighborCache#ENTRY_BYTES} per entry on top.
     */
    public int preallocatedBytes() {
        return egress.preallocatedBytes() + reassembler.bytes() + routing6.bytes() + (sixlowpan == null ? 0 : sixlowpan.preallocatedBytes());
    }

    /**
     * What sockets see of this interface at time {@code now}: the context {@link TcpSocket#connect}
     * takes to choose its source address.
     */
    public SocketContext context(long now) {
        context.now = now;
        return context;
    }

    // --- polling ---------------------------------------------------------------------------------

    /**
     * Receives and processes up to {@code maxIngressPerPoll} frames, then lets the sockets send up
     * to {@code maxEgressPerPoll} packets. Returns true when anything was received or sent.
     */
    public boolean poll(long now, Device device, SocketSet sockets) {
        context.now = now;
        egress.begin(device, now);
        boolean changed = false;
        for (int i = 0; i < config.maxIngressPerPoll(); i++) {
            int length = device.receive(now);
            if (length == 0) {
                break;
            }
            try {
                ingress.receive(now, sockets, device.receiveBuffer(), device.receiveOffset(), length);
            } finally {
                device.releaseReceive();
            }
            changed = true;
        }
        reassembler.expire(now);
        if (sixlowpan != null) {
            sixlowpan.expire(now);
        }
        changed |= egress.flush();
        changed |= igmp.send(now);
        changed |= mld.send(now);
        changed |= dispatchSockets(sockets);
        return changed;
    }

    /** The earliest time {@link #poll} has work to do: now, a timer deadline, or Long.MAX_VALUE. */
    public long pollAt(long now, SocketSet sockets) {
        context.now = now;
        long at = Math.min(Math.min(egress.pollAt(), mld.pollAt()), Math.min(reassembler.pollAt(), igmp.pollAt()));
        if (sixlowpan != null) {
            at = Math.min(at, sixlowpan.reassembler().pollAt());
        }
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket != null) {
                long socketAt = socket.pollAt(context);
                if (socketAt != Socket.POLL_NEVER && silenced(sockets, i, now)) {
                    // Nothing to do for it before its neighbour answers (the ARP reply is input) or the silence ends.
                    socketAt = Math.max(socketAt, sockets.silencedUntil(i));
                }
                at = Math.min(at, socketAt);
            }
        }
        return Math.max(at, now);
    }

    /** Microseconds until {@link #poll} has work to do (0 for now), or Long.MAX_VALUE for none. */
    public long pollDelay(long now, SocketSet sockets) {
        long at = pollAt(now, sockets);
        return at == Long.MAX_VALUE ? Long.MAX_VALUE : at - now;
    }

    private boolean dispatchSockets(SocketSet sockets) {
        boolean sent = false;
        int budget = config.maxEgressPerPoll();
        int capacity = sockets.capacity();
        for (int n = 0; n < capacity && budget > 0; n++) {
            int slot = (nextSocket + n) % capacity;
            Socket socket = sockets.slot(slot);
            if (socket == null || silenced(sockets, slot, context.now)) {
                continue;
            }
            int result;
            while ((result = socket.dispatch(context, egress)) == Socket.DISPATCH_SENT) {
                sent = true;
                if (--budget == 0) {
                    break;
                }
            }
            if (result == Socket.DISPATCH_BLOCKED && socket.blockedStatus() == PacketEmitter.NEIGHBOR_PENDING) {
                sockets.silence(slot, egress.refusedNeighborHigh(), egress.refusedNeighborLow(), context.now + NEIGHBOR_SILENCE_MICROS);
            }
        }
        nextSocket = capacity == 0 ? 0 : (nextSocket + 1) % capacity;
        return sent;
    }

    /**
     * True while slot {@code slot} is silenced: its neighbour is still unresolved and the silence
     * has not run out. Ends the silence otherwise.
     */
    private boolean silenced(SocketSet sockets, int slot, long now) {
        if (!sockets.isSilenced(slot)) {
            return false;
        }
        if (now < sockets.silencedUntil(slot) && neighbors.lookup(sockets.silencedNeighborHigh(slot), sockets.silencedNeighborLow(slot), now) == NeighborCache.MISSING) {
            return true;
        }
        sockets.unsilence(slot);
        return false;
    }

    /** What sockets see of the interface. */
    private final class Context implements SocketContext {
        long now;

        @Override
        public long now() {
            return now;
        }

        @Override
        public boolean hasIpv4Address(int address) {
            return routing.hasAddress(address);
        }

        @Override
        public int ipv4SourceFor(int destination) {
            return routing.sourceFor(destination);
        }

        @Override
        public boolean hasIpv6Address(long high, long low) {
            return routing6.hasAddress(high, low);
        }

        @Override
        public long ipv6SourceHighFor(long destinationHigh, long destinationLow) {
            int i = routing6.sourceIndexFor(destinationHigh, destinationLow);
            return i < 0 ? 0 : routing6.addressHigh(i);
        }

        @Override
        public long ipv6SourceLowFor(long destinationHigh, long destinationLow) {
            int i = routing6.sourceIndexFor(destinationHigh, destinationLow);
            return i < 0 ? 0 : routing6.addressLow(i);
        }

        @Override
        public int ipMtu() {
            return ipMtu;
        }

        @Override
        public int tcpSegmentationLimit() {
            return capabilities.tcpSegmentationLimit();
        }
    }

    /** Lets the 6LoWPAN adapter, in its own package, count into this interface's counters. */
    private static final class SixlowpanCounters implements CounterSink {
        private final Counters counters;

        SixlowpanCounters(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void increment(int counter) {
            counters.increment(counter);
        }
    }
}
