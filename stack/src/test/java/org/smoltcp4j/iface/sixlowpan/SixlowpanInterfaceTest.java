package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.NeighborCache;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.SixlowpanFragPacket;
import org.smoltcp4j.wire.SixlowpanIphcPacket;

/**
 * Two of our interfaces on a simulated IEEE 802.15.4 medium talk IPv6 over 6LoWPAN: ping6, UDP
 * datagrams that need fragments, and a 100 KiB TCP transfer, byte-exact, with every frame on the
 * air judged by tshark; UDP with fragmentation allocates nothing in the steady state.
 */
class SixlowpanInterfaceTest {

    private static final int UDP_PORT = 6969;
    private static final int TCP_PORT = 6970;

    @Test
    void anIeee802154InterfaceSpeaksIpv6OnlyWithAnMtuOf1280() {
        DeviceCapabilities radio = new DeviceCapabilities(Medium.IEEE802154, 125, 0);
        Interface iface = new Interface(new InterfaceConfig().extendedAddress(RadioPair.A), radio);
        assertEquals(1280, iface.ipMtu());
        assertEquals(1280, iface.context(0).ipMtu());
        assertTrue(iface.ipv6Routing().hasAddress(RadioPair.LINK_LOCAL, RadioPair.A_LOW), "link-local from the extended address");
        IllegalStateException ipv4 = assertThrows(IllegalStateException.class, () -> iface.addIpv4Address(0x0a00_0001, 24));
        assertEquals("an IEEE 802.15.4 interface carries IPv6 only (6LoWPAN): it takes no IPv4 address", ipv4.getMessage());
        IllegalArgumentException noAddress = assertThrows(IllegalArgumentException.class, () -> new Interface(new InterfaceConfig(), radio));
        assertEquals("an IEEE 802.15.4 interface needs an extended address (InterfaceConfig.extendedAddress)", noAddress.getMessage());
        assertTrue(iface.preallocatedBytes() >= iface.sixlowpan().preallocatedBytes());
    }

    /**
     * Without NDISC the cache learns neighbours from the frames, but only on-link ones: a packet a
     * router relays from afar names the router's link address, not the far source's.
     */
    @Test
    void onlyOnLinkSourcesAreLearnedFromFrames() {
        TestingDevice radio = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, LowpanNode.FRAME, 0));
        Interface a = new Interface(new InterfaceConfig().extendedAddress(RadioPair.A), radio.capabilities());
        LowpanNode b = new LowpanNode(RadioPair.B);
        long farHigh = 0x2001_0db8_0000_0000L;
        for (byte[] frame : b.send(LowpanNode.udp6(farHigh, 0x99, RadioPair.LINK_LOCAL, RadioPair.A_LOW, 1, 2, new byte[4]),
                RadioPair.A)) {
            radio.inject(frame);
        }
        for (byte[] frame : b.send(LowpanNode.udpBetween(b, new LowpanNode(RadioPair.A), 60), RadioPair.A)) {
            radio.inject(frame);
        }
        a.poll(0, radio, new SocketSet(1));
        assertEquals(NeighborCache.MISSING, a.neighborCache().lookup(farHigh, 0x99, 0));
        assertTrue(a.neighborCache().lookup(RadioPair.LINK_LOCAL, RadioPair.B_LOW, 0) != NeighborCache.MISSING, "B itself is learned");
    }

    @Test
    void sixlowpanDropsAndFramesShowInTheInterfaceCounters() {
        TestingDevice radio = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, LowpanNode.FRAME, 0));
        Interface b = new Interface(new InterfaceConfig().extendedAddress(RadioPair.B), radio.capabilities());
        SocketSet sockets = new SocketSet(1);
        LowpanNode a = new LowpanNode(RadioPair.A);
        LowpanNode bNode = new LowpanNode(RadioPair.B);
        radio.inject(a.send(LowpanNode.udpBetween(a, bNode, 80), 0x0012_4b00_0009_0909L).get(0));
        List<byte[]> fragments = a.send(LowpanNode.udpBetween(a, bNode, 600), RadioPair.B);
        for (byte[] fragment : fragments.subList(1, fragments.size())) {
            radio.inject(fragment);
        }
        b.poll(0, radio, sockets);
        b.poll(new SixlowpanConfig().reassemblyTimeoutMicros(), radio, sockets);
        Counters counters = b.counters();
        assertEquals(fragments.size(), counters.get(Counters.RX_FRAMES));
        assertEquals(1, counters.get(Counters.RX_LINK_NOT_FOR_US));
        assertEquals(1, counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_TIMEOUT), "the datagram whose FRAG1 was lost");
        assertTrue(counters.appendTo(new StringBuilder()).toString().contains("RxSixlowpanReassemblyTimeout 1"));
        // Frames the adapter sends count as the interface's frames, its fragments as fragments.
        UdpSocket client = udpSocket(sockets, 40000);
        client.send(new byte[600], 0, 600, RadioPair.LINK_LOCAL, RadioPair.A_LOW, UDP_PORT);
        b.poll(1, radio, sockets);
        int sent = radio.drainTransmitted().size();
        assertTrue(sent > 1, "fragments: " + sent);
        assertEquals(sent, counters.get(Counters.TX_FRAMES));
        assertEquals(sent, counters.get(Counters.TX_FRAGMENTS));
    }

    @Test
    void twoFragmentedDatagramsToDifferentNodesDoNotInterleave() {
        // One staging buffer: while the first datagram's fragments trickle out (one frame per poll),
        // the second socket is refused and sends its datagram after, under its own tag.
        TestingDevice radio = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, LowpanNode.FRAME, 0));
        Interface b = new Interface(new InterfaceConfig().extendedAddress(RadioPair.B), radio.capabilities());
        SocketSet sockets = new SocketSet(2);
        long c = 0x0012_4b00_0007_0809L;
        UdpSocket toA = udpSocket(sockets, 40000);
        UdpSocket toC = udpSocket(sockets, 40001);
        toA.send(LowpanNode.pattern(600, 1), 0, 600, RadioPair.LINK_LOCAL, RadioPair.A_LOW, UDP_PORT);
        toC.send(LowpanNode.pattern(600, 2), 0, 600, RadioPair.LINK_LOCAL, LinkAddress.interfaceId(c), UDP_PORT);
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int now = 0; now < 40; now++) {
            radio.limitTransmitRoom(1);
            b.poll(now, radio, sockets);
            frames.addAll(radio.drainTransmitted());
        }
        LowpanNode a = new LowpanNode(RadioPair.A);
        LowpanNode third = new LowpanNode(c);
        Ieee802154Repr link = new Ieee802154Repr();
        SixlowpanFragPacket frag = new SixlowpanFragPacket();
        long previous = 0;
        int switches = 0;
        java.util.Set<Integer> tags = new java.util.HashSet<>();
        for (byte[] frame : frames) {
            Ieee802154Frame view = new Ieee802154Frame().wrap(frame, 0, frame.length);
            assertEquals(0, link.parse(view));
            switches += link.dstAddress() != previous && previous != 0 ? 1 : 0;
            previous = link.dstAddress();
            tags.add(link.dstAddress() == c ? 0x10000 | frag.wrap(frame, view.payloadOffset(), view.payloadLength()).datagramTag()
                    : frag.wrap(frame, view.payloadOffset(), view.payloadLength()).datagramTag());
            a.receive(List.of(frame), 0);
            third.receive(List.of(frame), 0);
        }
        assertEquals(1, switches, "all of one datagram's frames, then all of the other's");
        assertEquals(2, tags.size(), "one tag per datagram");
        assertEquals(1, a.received.size());
        assertEquals(1, third.received.size());
        assertArrayEquals(LowpanNode.pattern(600, 1), Arrays.copyOfRange(a.received.get(0), 48, 648));
        assertArrayEquals(LowpanNode.pattern(600, 2), Arrays.copyOfRange(third.received.get(0), 48, 648));
    }

    /**
     * The first MAC sequence number and the first datagram tag come from the interface's random
     * seed: a node that reboots starts elsewhere (802.15.4 wants macDSN random at start, and a
     * receiver must not merge fragments of two boots' datagrams), a simulation replays exactly.
     */
    @Test
    void theFirstSequenceNumberAndDatagramTagFollowTheRandomSeed() {
        int[] one = firstSequenceNumberAndTag(1);
        int[] two = firstSequenceNumberAndTag(2);
        assertTrue(one[0] != two[0], "sequence numbers from seeds 1 and 2: " + one[0] + ", " + two[0]);
        assertTrue(one[1] != two[1], "datagram tags from seeds 1 and 2: " + one[1] + ", " + two[1]);
        assertArrayEquals(one, firstSequenceNumberAndTag(1), "the same seed, the same start");
    }

    /** The sequence number and datagram tag of the first frame an interface seeded {@code seed} sends. */
    private static int[] firstSequenceNumberAndTag(long seed) {
        TestingDevice radio = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, LowpanNode.FRAME, 0));
        Interface b = new Interface(new InterfaceConfig().extendedAddress(RadioPair.B).randomSeed(seed), radio.capabilities());
        SocketSet sockets = new SocketSet(1);
        udpSocket(sockets, 40000).send(new byte[600], 0, 600, RadioPair.LINK_LOCAL, RadioPair.A_LOW, UDP_PORT);
        b.poll(0, radio, sockets);
        byte[] frame = radio.drainTransmitted().get(0);
        Ieee802154Frame view = new Ieee802154Frame().wrap(frame, 0, frame.length);
        Ieee802154Repr link = new Ieee802154Repr();
        assertEquals(0, link.parse(view));
        int tag = new SixlowpanFragPacket().wrap(frame, view.payloadOffset(), view.payloadLength()).datagramTag();
        return new int[] {link.sequenceNumber(), tag};
    }

    @Test
    void addressContextsSetOnTheInterfaceCompressGlobalAddresses() {
        TestingDevice radio = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, LowpanNode.FRAME, 0));
        Interface b = new Interface(new InterfaceConfig().extendedAddress(RadioPair.B), radio.capabilities());
        long prefix = 0x2001_0db8_0000_0000L;
        b.addIpv6Address(prefix, RadioPair.B_LOW, 64);
        b.sixlowpan().contexts().set(0, prefix, 0, 64);
        SocketSet sockets = new SocketSet(1);
        udpSocket(sockets, 40000).send(new byte[10], 0, 10, prefix, RadioPair.A_LOW, UDP_PORT);
        b.poll(0, radio, sockets);
        byte[] frame = radio.drainTransmitted().get(0);
        Ieee802154Frame view = new Ieee802154Frame().wrap(frame, 0, frame.length);
        assertEquals(0, view.check());
        SixlowpanIphcPacket iphc = new SixlowpanIphcPacket().wrap(frame, view.payloadOffset(), view.payloadLength());
        assertTrue(iphc.sac() && iphc.dac(), "both global addresses from context 0");
        assertEquals(3, iphc.sam(), "the source IID from the frame's extended source");
        assertEquals(3, iphc.dam(), "the destination IID from the frame's extended destination");
        LowpanNode a = new LowpanNode(RadioPair.A);
        a.adapter.contexts().set(0, prefix, 0, 64);
        a.receive(List.of(frame), 0);
        assertEquals(1, a.received.size());
        assertEquals(prefix, Ipv6Address.readHigh(a.received.get(0), 8));
        assertEquals(RadioPair.B_LOW, Ipv6Address.readLow(a.received.get(0), 8));
        assertEquals(RadioPair.A_LOW, Ipv6Address.readLow(a.received.get(0), 24));
    }

    @Test
    void ping6UdpAndTcpOverTheRadio(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("sixlowpan-pair.pcap");
        try (RadioPair pair = new RadioPair(pcap)) {
            ping6(pair);
            udp(pair);
            tcp(pair);
        }
        assertEquals(List.of(), Tshark.problems(pcap));
        List<String[]> rows = Tshark.fields(pcap, "ipv6.src", "ipv6.dst", "icmpv6.type", "udp.dstport", "tcp.dstport", "tcp.options.mss_val");
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("fe80::212:4b00:4:506") && r[2].equals("129")), "an echo reply from B");
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("fe80::212:4b00:4:506") && r[3].equals("6969")), "UDP to B");
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("ff02::1") && r[3].equals("6969")), "UDP to all nodes");
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("fe80::212:4b00:4:506") && r[4].equals("6970")), "TCP to B");
        assertTrue(rows.stream().anyMatch(r -> r[5].equals("1220")), "MSS over 6LoWPAN: the IPv6 MTU 1280 less 60");
    }

    /** A pings B's link-local address with 600 bytes of data (fragmented both ways). */
    private static void ping6(RadioPair pair) {
        IcmpSocket ping = new IcmpSocket(2, 2048, 2, 2048);
        ping.bindIdentifier(0x1234);
        pair.socketsA.add(ping);
        byte[] request = new byte[8 + 600];
        request[0] = (byte) 128;
        NetworkBytes.setU16(request, 4, 0x1234);
        NetworkBytes.setU16(request, 6, 1);
        for (int i = 8; i < request.length; i++) {
            request[i] = (byte) (i * 7);
        }
        assertEquals(IcmpSocket.SEND_OK, ping.send(request, 0, request.length, RadioPair.LINK_LOCAL, RadioPair.B_LOW));
        pair.runUntil(ping::canRecv, 10_000, "echo reply");
        byte[] reply = new byte[2048];
        int length = ping.recv(reply, 0, reply.length);
        assertEquals(request.length, length);
        assertEquals(129, reply[0] & 0xff);
        assertArrayEquals(Arrays.copyOfRange(request, 4, request.length), Arrays.copyOfRange(reply, 4, length));
        assertEquals(RadioPair.B_LOW, ping.remoteAddressLow());
    }

    /** A UDP socket on port {@code port} in {@code sockets}. */
    private static UdpSocket udpSocket(SocketSet sockets, int port) {
        UdpSocket socket = new UdpSocket(4, 4096, 4, 4096);
        socket.bind(port);
        sockets.add(socket);
        return socket;
    }

    /** A sends B a 1000-byte datagram, B answers with it reversed. */
    private static void udp(RadioPair pair) {
        UdpSocket client = udpSocket(pair.socketsA, 40000);
        UdpSocket server = udpSocket(pair.socketsB, UDP_PORT);
        byte[] data = new byte[1000];
        new Random(2).nextBytes(data);
        assertEquals(UdpSocket.SEND_OK, client.send(data, 0, data.length, RadioPair.LINK_LOCAL, RadioPair.B_LOW, UDP_PORT));
        pair.runUntil(server::canRecv, 10_000, "UDP to B");
        byte[] got = new byte[2048];
        int length = server.recv(got, 0, got.length);
        assertArrayEquals(data, Arrays.copyOf(got, length));
        assertEquals(RadioPair.A_LOW, server.remoteAddressLow());
        byte[] reversed = new byte[length];
        for (int i = 0; i < length; i++) {
            reversed[i] = got[length - 1 - i];
        }
        server.send(reversed, 0, length, server.remoteAddressHigh(), server.remoteAddressLow(), server.remotePort());
        pair.runUntil(client::canRecv, 10_000, "UDP back to A");
        length = client.recv(got, 0, got.length);
        assertArrayEquals(reversed, Arrays.copyOf(got, length));
        // To all nodes: the link broadcast address, IPHC's one-octet multicast form.
        long reassembled = pair.b.counters().get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK);
        client.send(data, 0, 300, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, UDP_PORT);
        pair.runUntil(server::canRecv, 10_000, "UDP to ff02::1");
        assertArrayEquals(Arrays.copyOf(data, 300), Arrays.copyOf(got, server.recv(got, 0, got.length)));
        assertEquals(reassembled + 1, pair.b.counters().get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK));
    }

    /** A sends B 100 KiB over TCP and closes; B reads it all. */
    private static void tcp(RadioPair pair) {
        TcpSocket client = new TcpSocket(8192, 8192, 11);
        TcpSocket server = new TcpSocket(8192, 8192, 12);
        pair.socketsA.add(client);
        pair.socketsB.add(server);
        server.listen(TCP_PORT);
        client.connect(pair.a.context(pair.now), RadioPair.LINK_LOCAL, RadioPair.B_LOW, TCP_PORT, 0, 0, 0);
        byte[] stream = new byte[100 * 1024];
        new Random(3).nextBytes(stream);
        byte[] received = new byte[stream.length];
        int[] progress = new int[2];
        pair.runUntil(() -> {
            if (progress[0] < stream.length && client.canSend()) {
                progress[0] += client.send(stream, progress[0], stream.length - progress[0]);
                if (progress[0] == stream.length) {
                    client.close();
                }
            }
            while (server.canRecv()) {
                progress[1] += server.recv(received, progress[1], received.length - progress[1]);
            }
            return progress[1] == stream.length && server.state() == TcpSocket.CLOSE_WAIT;
        }, 2_000_000, "100 KiB over TCP");
        assertArrayEquals(stream, received);
        server.close();
        pair.runUntil(() -> client.state() == TcpSocket.TIME_WAIT || client.state() == TcpSocket.CLOSED, 100_000, "TCP close");
    }

    @Test
    void fragmentedUdpIsAllocationFreeInTheSteadyState() {
        RadioPair pair = new RadioPair();
        UdpSocket client = udpSocket(pair.socketsA, 40000);
        UdpSocket server = udpSocket(pair.socketsB, UDP_PORT);
        byte[] data = new byte[1000];
        byte[] got = new byte[2048];
        long[] received = new long[1];
        AllocationProbe.assertAllocationFree("UDP over 6LoWPAN with fragments", () -> {
            client.send(data, 0, data.length, RadioPair.LINK_LOCAL, RadioPair.B_LOW, UDP_PORT);
            for (int i = 0; i < 40 && !server.canRecv(); i++) {
                pair.step();
            }
            while (server.canRecv()) {
                received[0] += server.recv(got, 0, got.length);
            }
        });
        assertTrue(received[0] > 0);
        assertEquals(0, received[0] % 1000);
        assertTrue(pair.b.counters().get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK) > 0, "the datagrams came in fragments");
    }
}
