package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_MAC;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NetworkBytes;

/** smoltcp's src/iface/interface/tests/ipv4.rs (the cases not about sockets) and more, on both media. */
class InterfaceIpv4Test {

    private static final int UNKNOWN_PROTOCOL = 0x0c;
    /** RFC 3692 experimental protocol number: tshark shows it as data. */
    private static final int EXPERIMENTAL_PROTOCOL = 253;

    // --- smoltcp: test_any_ip_accept_arp ----------------------------------------------------------

    @Test
    void arpRequestForAnAddressNotOursIsNotAnswered() {
        // smoltcp answers it once "any IP" is on; this stack has no any-IP mode, so it never does.
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, OUR_MAC, Ipv4Address.of(10, 0, 0, 9), OUR_MAC));
        assertEquals(List.of(), f.poll(0));
    }

    // --- smoltcp: test_no_icmp_no_unicast ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void unknownProtocolToBroadcastGetsNoIcmpError(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        f.injectIp(Ipv4Fixture.ipv4(PEER_IP, Ipv4Address.BROADCAST, UNKNOWN_PROTOCOL, new byte[0]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV4_UNKNOWN_PROTOCOL));
    }

    // --- smoltcp: test_icmp_error_no_payload ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void unknownProtocolWithNoPayloadGetsProtocolUnreachable(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        byte[] offending = Ipv4Fixture.ipv4(PEER_IP, OUR_IP, UNKNOWN_PROTOCOL, new byte[0]);
        f.injectIp(offending);
        List<byte[]> out = f.poll(0);
        assertEquals(1, out.size());
        byte[] reply = f.ipOf(out.get(0));
        assertEquals(20 + 8 + 20, reply.length);
        assertArrayEquals(offending, Arrays.copyOfRange(reply, 28, 48), "the whole offending datagram is quoted");
        List<String[]> rows = f.judge(dir, "proto-unreachable", out, "icmp.type", "icmp.code", "ip.src", "ip.dst");
        assertEquals(List.of("3", "2", "10.0.0.1,10.0.0.2", "10.0.0.2,10.0.0.1"), List.of(rows.get(0)));
    }

    // --- smoltcp: test_local_subnet_broadcasts ----------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void localSubnetBroadcasts(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.iface.removeIpv4Address(OUR_IP);
        f.iface.addIpv4Address(Ipv4Address.of(192, 168, 1, 23), 24);
        assertBroadcasts(f, new int[] {192, 168, 1, 255}, new int[] {192, 168, 1, 254});

        f.iface.removeIpv4Address(Ipv4Address.of(192, 168, 1, 23));
        f.iface.addIpv4Address(Ipv4Address.of(192, 168, 23, 24), 16);
        assertBroadcasts(f, new int[] {192, 168, 255, 255}, new int[] {192, 168, 23, 255, 192, 168, 23, 254, 192, 168, 255, 254});

        f.iface.removeIpv4Address(Ipv4Address.of(192, 168, 23, 24));
        f.iface.addIpv4Address(Ipv4Address.of(192, 168, 23, 24), 8);
        assertBroadcasts(f, new int[] {192, 255, 255, 255}, new int[] {192, 23, 1, 255, 192, 23, 1, 254, 192, 255, 255, 254});
    }

    /** 255.255.255.255 and the {@code yes} addresses (4 octets each) are broadcasts; 255.255.255.254 and {@code no} are not. */
    private static void assertBroadcasts(Ipv4Fixture f, int[] yes, int[] no) {
        Ipv4Routing routing = f.iface.routing();
        assertTrue(routing.isBroadcast(Ipv4Address.BROADCAST));
        assertFalse(routing.isBroadcast(Ipv4Address.of(255, 255, 255, 254)));
        for (int i = 0; i < yes.length; i += 4) {
            assertTrue(routing.isBroadcast(Ipv4Address.of(yes[i], yes[i + 1], yes[i + 2], yes[i + 3])));
        }
        for (int i = 0; i < no.length; i += 4) {
            assertFalse(routing.isBroadcast(Ipv4Address.of(no[i], no[i + 1], no[i + 2], no[i + 3])));
        }
    }

    // --- smoltcp: test_handle_ipv4_broadcast ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestToBroadcastIsAnsweredFromOurAddress(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        byte[] data = {(byte) 0xaa, 0, 0, (byte) 0xff};
        f.injectIp(Ipv4Fixture.ipv4(PEER_IP, Ipv4Address.BROADCAST, 1, Ipv4Fixture.echoRequest(0x1234, 0xabcd, data)));
        List<byte[]> out = f.poll(0);
        List<String[]> rows = f.judge(dir, "broadcast-echo", out, "ip.src", "ip.dst", "icmp.type", "icmp.ident", "icmp.seq", "data.data");
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "0", "4660", "43981", "aa0000ff"), List.of(rows.get(0)));
    }

    // --- smoltcp: test_handle_valid_arp_request, test_handle_other_arp_request ----------------------

    @Test
    void arpRequestForUsIsAnsweredAndTheRequesterLearned(@TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST));
        List<byte[]> out = f.poll(0);
        List<String[]> rows = f.judge(dir, "arp-reply", out, "eth.dst", "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4",
                "arp.dst.hw_mac", "arp.dst.proto_ipv4");
        assertEquals(List.of("52:54:00:00:00:01", "2", "02:02:02:02:02:02", "10.0.0.1", "52:54:00:00:00:01", "10.0.0.2"),
                List.of(rows.get(0)));
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, 0));
    }

    @Test
    void arpRequestForSomeoneElseIsNotAnsweredNorLearned() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, Ipv4Address.of(10, 0, 0, 3), MacAddress.BROADCAST));
        assertEquals(List.of(), f.poll(0));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(PEER_IP, 0));
    }

    // --- smoltcp: test_arp_flush_after_update_ip ---------------------------------------------------

    @Test
    void changingTheAddressesFlushesTheNeighborCache() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.learnPeer(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, 0));
        f.iface.removeIpv4Address(OUR_IP);
        f.iface.addIpv4Address(OUR_IP, 24);
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(PEER_IP, 0));
    }

    // --- smoltcp: test_packet_len -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void packetsOfEveryLengthUpToTheFragmentationBufferGoOut(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().fragmentationBufferSize(4000));
        f.learnPeer(0);
        int mtu = f.device.capabilities().ipMtu();
        for (int length : new int[] {100, mtu, mtu + 1, 4000}) {
            ScriptedSocket socket = ScriptedSocket.of(PEER_IP, EXPERIMENTAL_PROTOCOL, length).queue(1);
            int handle = f.sockets.add(socket);
            List<byte[]> out = f.poll(0);
            assertEquals(PacketEmitter.OK, socket.lastStatus, "length " + length);
            assertEquals(length <= mtu ? 1 : (length - 20 + 1479) / 1480, out.size(), "frames for length " + length);
            f.judge(dir, "len-" + length, out, "ip.len");
            f.sockets.remove(handle);
        }
    }

    // --- smoltcp: test_raw_socket_tx_fragmentation, test_ipv4_fragment_size -------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void fragmentsCarryMultiplesOf8ExceptTheLast(int medium) {
        // An MTU whose payload room (1504 - 20) is not a multiple of 8, as smoltcp's test picks.
        int mtu = 1504;
        DeviceCapabilities caps = new DeviceCapabilities(medium, medium == Medium.ETHERNET ? mtu + 14 : mtu, 0);
        org.smoltcp4j.testing.TestingDevice device = new org.smoltcp4j.testing.TestingDevice(caps);
        Interface iface = new Interface(new InterfaceConfig().mldReports(false).hardwareAddress(OUR_MAC).fragmentationBufferSize(4000), caps);
        iface.addIpv4Address(OUR_IP, 24);
        iface.neighborCache().fill(PEER_IP, PEER_MAC, 0);
        SocketSet sockets = new SocketSet(1);
        for (int length : new int[] {mtu * 3 / 4, mtu * 5 / 4, mtu * 9 / 4}) {
            ScriptedSocket socket = ScriptedSocket.of(PEER_IP, 92, length).queue(1);
            int handle = sockets.add(socket);
            iface.poll(0, device, sockets);
            List<byte[]> out = device.drainTransmitted();
            assertEquals(PacketEmitter.OK, socket.lastStatus, iface.counters().appendTo(new StringBuilder()).toString());
            int linkHeader = medium == Medium.ETHERNET ? 14 : 0;
            int delivered = 0;
            for (int i = 0; i < out.size(); i++) {
                byte[] frame = out.get(i);
                int payload = frame.length - linkHeader - 20;
                boolean last = i == out.size() - 1;
                assertTrue(last || payload % 8 == 0, "fragment " + i + " of " + length + " carries " + payload);
                assertEquals(delivered / 8, NetworkBytes.getU16(frame, linkHeader + 6) & 0x1fff);
                delivered += payload;
            }
            assertEquals(length - 20, delivered);
            sockets.remove(handle);
        }
    }

    @Test
    void fragmentDataLengthIsAMultipleOf8ForEveryMtu() {
        Fragmenter fragmenter = new Fragmenter(4000);
        fragmenter.buffer()[0] = 0x45;
        fragmenter.start(4000, 0);
        for (int i = 0; i < 8; i++) {
            assertEquals(0, fragmenter.nextPieceDataLength(1500 + i) % 8, "MTU " + (1500 + i));
        }
    }

    // --- smoltcp: test_raw_socket_rx_fragmentation ------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void reassembledDatagramIsDeliveredExactlyLikeAnUnfragmentedOne(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        byte[] payload = new byte[30];
        Arrays.fill(payload, 0, 24, (byte) 0xaa);
        Arrays.fill(payload, 24, 30, (byte) 0xbb);
        // Unknown protocol 99: the answer (protocol unreachable) quotes what was delivered.
        f.injectIp(Ipv4Fixture.fragment(PEER_IP, OUR_IP, 99, 0x1234, false, 0, payload));
        byte[] direct = f.pollIp(0).get(0);
        f.injectIp(Ipv4Fixture.fragment(PEER_IP, OUR_IP, 99, 0x1234, true, 0, Arrays.copyOf(payload, 24)));
        assertEquals(List.of(), f.poll(1));
        f.injectIp(Ipv4Fixture.fragment(PEER_IP, OUR_IP, 99, 0x1234, false, 24, Arrays.copyOfRange(payload, 24, 30)));
        byte[] reassembled = f.pollIp(2).get(0);
        assertEquals(1, f.counter(Counters.RX_REASSEMBLY_OK));
        // Equal but for our own identification and hence the header checksum.
        NetworkBytes.setU32(direct, 4, 0);
        NetworkBytes.setU32(reassembled, 4, 0);
        NetworkBytes.setU16(direct, 10, 0);
        NetworkBytes.setU16(reassembled, 10, 0);
        assertArrayEquals(direct, reassembled);
    }

    // --- smoltcp: get_source_address, get_source_address_empty_interface --------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void sourceAddressFollowsTheSubnet(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.iface.removeIpv4Address(OUR_IP);
        int own1 = Ipv4Address.of(172, 18, 1, 2);
        int own2 = Ipv4Address.of(172, 24, 24, 14);
        f.iface.addIpv4Address(own1, 24);
        f.iface.addIpv4Address(own2, 24);
        assertEquals(own1, f.iface.routing().sourceFor(Ipv4Address.of(172, 18, 1, 254)));
        assertEquals(own2, f.iface.routing().sourceFor(Ipv4Address.of(172, 24, 24, 12)));
        assertEquals(own1, f.iface.routing().sourceFor(Ipv4Address.of(172, 24, 23, 254)));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void noSourceAddressWithoutAddresses(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.iface.removeIpv4Address(OUR_IP);
        assertEquals(Ipv4Address.UNSPECIFIED, f.iface.routing().sourceFor(Ipv4Address.of(172, 18, 1, 254)));
        assertEquals(Ipv4Address.UNSPECIFIED, f.iface.routing().sourceFor(Ipv4Address.of(172, 24, 24, 12)));
        assertEquals(Ipv4Address.UNSPECIFIED, f.iface.routing().sourceFor(Ipv4Address.of(172, 24, 23, 254)));
    }

    // --- bounded work, timers, configuration ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void aFloodIsReadAtMostMaxIngressPerPollAndEgressStillRuns(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().maxIngressPerPoll(16));
        f.learnPeer(0);
        for (int i = 0; i < 1000; i++) {
            f.injectIp(Ipv4Fixture.ipv4(PEER_IP, OUR_IP, UNKNOWN_PROTOCOL, new byte[8]));
        }
        ScriptedSocket socket = ScriptedSocket.of(PEER_IP, 17, 60).queue(1);
        f.sockets.add(socket);
        f.iface.poll(0, f.device, f.sockets);
        assertEquals(1000 - 16, f.device.pendingReceive());
        assertEquals(0, socket.queued, "the socket sent in the same poll");
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void pollAtFollowsTheTimers(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(5, f.sockets));
        assertEquals(Long.MAX_VALUE, f.iface.pollDelay(5, f.sockets));
        f.injectIp(Ipv4Fixture.fragment(PEER_IP, OUR_IP, 99, 7, true, 0, new byte[8]));
        f.poll(1_000);
        assertEquals(1_000 + 60_000_000L, f.iface.pollAt(2_000, f.sockets), "the reassembly timeout");
        assertEquals(60_000_000L - 1_000, f.iface.pollDelay(2_000, f.sockets));
        f.poll(1_000 + 60_000_000L);
        assertEquals(1, f.counter(Counters.RX_REASSEMBLY_TIMEOUT));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(61_000_000L, f.sockets));
        f.sockets.add(ScriptedSocket.of(PEER_IP, 17, 60).queue(1));
        assertEquals(0, f.iface.pollDelay(61_000_000L, f.sockets), "a socket with data wants a poll now");
    }

    @Test
    void pollAtIncludesPendingNeighbors() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.sockets.add(ScriptedSocket.of(PEER_IP, 17, 60).queue(1));
        f.poll(0);
        assertEquals(1_000_000L, f.iface.pollAt(0, f.sockets), "the next ARP request");
    }

    @Test
    void configurationRejectsNonsenseWithClearMessages() {
        InterfaceConfig config = new InterfaceConfig();
        assertEquals("reassembly buffer size must be 68..65535, got 67",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyBufferSize(67)).getMessage());
        assertEquals("reassembly buffer count must be at least 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyBufferCount(-1)).getMessage());
        assertEquals("assembler max ranges must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> config.assemblerMaxRanges(0)).getMessage());
        assertEquals("fragmentation buffer size must be 68..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> config.fragmentationBufferSize(65536)).getMessage());
        assertEquals("reassembly timeout must be positive (microseconds), got 0",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyTimeoutMicros(0)).getMessage());
        assertEquals("max ingress per poll must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> config.maxIngressPerPoll(0)).getMessage());
        assertEquals("default TTL must be 1..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> config.defaultTtl(256)).getMessage());
        assertEquals("hardware address must be a 48-bit unicast MAC, got 0x10000000000",
                assertThrows(IllegalArgumentException.class, () -> config.hardwareAddress(1L << 40)).getMessage());
        assertEquals("an Ethernet interface needs a hardware address (InterfaceConfig.hardwareAddress)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Interface(new InterfaceConfig(), new DeviceCapabilities(Medium.ETHERNET, 1514, 0))).getMessage());
    }

    @Test
    void preallocatedBytesCountsEveryPacketBuffer() {
        Interface ethernet = new Interface(new InterfaceConfig().mldReports(false).hardwareAddress(OUR_MAC), new DeviceCapabilities(Medium.ETHERNET, 1514, 0));
        // 4 pending-packet slots of 1500 + a 1500-byte fragmentation buffer + one 1500-byte reassembly buffer,
        // and the IPv6 tables: 3 addresses of 20 bytes, 2 routes of 36.
        int ipv6Tables = 3 * 20 + 2 * 36;
        assertEquals(4 * 1500 + 1500 + 1500 + ipv6Tables, ethernet.preallocatedBytes());
        Interface ip = new Interface(new InterfaceConfig().reassemblyBufferCount(3).reassemblyBufferSize(9000)
                .fragmentationBufferSize(0), new DeviceCapabilities(Medium.IP, 1500, 0));
        assertEquals(3 * 9000 + ipv6Tables, ip.preallocatedBytes());
    }

    // --- zero allocation --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void answeringPingsAllocatesNothing(int medium) {
        assertPollsAllocateNothing(medium, "ping in, reply out", Counters.TX_ECHO_REPLIES, Ipv4Fixture.ping(1, Ipv4Fixture.pattern(56)));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void answeringFragmentedPingsAllocatesNothing(int medium) {
        byte[] icmp = Ipv4Fixture.echoRequest(0x1234, 1, Ipv4Fixture.pattern(200));
        assertPollsAllocateNothing(medium, "fragmented ping in, reply out", Counters.RX_REASSEMBLY_OK,
                Ipv4Fixture.fragment(PEER_IP, OUR_IP, 1, 5, true, 0, Arrays.copyOf(icmp, 104)),
                Ipv4Fixture.fragment(PEER_IP, OUR_IP, 1, 5, false, 104, Arrays.copyOfRange(icmp, 104, icmp.length)));
    }

    /**
     * Polls an interface that receives {@code packets} each time (10,000 times after warm-up) and
     * expects no allocation, and one frame out per count of {@code counter}.
     */
    private static void assertPollsAllocateNothing(int medium, String what, int counter, byte[]... packets) {
        DeviceCapabilities caps = new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0);
        byte[][] frames = new byte[packets.length][];
        for (int i = 0; i < packets.length; i++) {
            frames[i] = medium == Medium.ETHERNET ? Ipv4Fixture.ethernetFrame(OUR_MAC, PEER_MAC, 0x0800, packets[i]) : packets[i];
        }
        ReplayDevice device = new ReplayDevice(caps, frames);
        Interface iface = new Interface(new InterfaceConfig().mldReports(false).hardwareAddress(OUR_MAC), caps);
        iface.addIpv4Address(OUR_IP, 24);
        iface.neighborCache().fill(PEER_IP, PEER_MAC, 0);
        device.assertPollsAllocateNothing(iface, what, counter);
    }
}
