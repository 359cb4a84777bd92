package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.DatagramSocket;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.RawIpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * Delivery of received packets to UDP, ICMP and raw sockets and their sending through the
 * interface, on both media: smoltcp's interface tests for these sockets (test_icmpv4_socket,
 * test_raw_socket_no_reply, test_raw_socket_with_udp_socket, test_handle_udp_broadcast,
 * test_icmp_error_port_unreachable) and the behaviour smoltcp lacks (soft errors, silencing).
 */
class SocketDeliveryTest {

    static final int US = SocketRig.US;
    static final int PEER = SocketRig.PEER;
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    static UdpSocket udp(int port) {
        UdpSocket socket = new UdpSocket(4, 256, 4, 256);
        socket.bind(port);
        return socket;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpEchoThroughTheInterface(int medium, @TempDir Path dir) throws Exception {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        UdpSocket echo = udp(7);
        rig.sockets.add(echo);
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 40000, 7, HELLO));
        assertTrue(rig.poll(1).isEmpty());
        byte[] buf = new byte[64];
        int n = echo.recv(buf, 0, buf.length);
        assertEquals(5, n);
        assertEquals(PEER, echo.remoteAddress());
        assertEquals(US, echo.localAddress());
        assertEquals(UdpSocket.SEND_OK, echo.send(buf, 0, n, echo.remoteAddress(), echo.remotePort()));
        List<byte[]> out = rig.poll(2);
        assertEquals(1, out.size());
        List<byte[]> frames = new ArrayList<>();
        for (byte[] packet : out) {
            frames.add(medium == Medium.ETHERNET ? ethernet(packet) : packet);
        }
        List<String[]> rows = Tshark.judge(dir.resolve("echo.pcap"), Medium.pcapLinkType(medium), frames,
                "ip.src", "ip.dst", "ip.ttl", "udp.srcport", "udp.dstport", "udp.checksum.status", "udp.payload");
        assertEquals(List.of("10.0.0.2", "10.0.0.1", "64", "7", "40000", "1", "68656c6c6f"), List.of(rows.get(0)));
    }

    private static byte[] ethernet(byte[] packet) {
        byte[] frame = new byte[14 + packet.length];
        NetworkBytes.setU48(frame, 0, Frames.SOURCE_MAC);
        NetworkBytes.setU48(frame, 6, Frames.DESTINATION_MAC);
        NetworkBytes.setU16(frame, 12, 0x0800);
        System.arraycopy(packet, 0, frame, 14, packet.length);
        return frame;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void broadcastReachesEveryMatchingSocketAndUnicastOnlyTheFirst(int medium) {
        SocketRig rig = new SocketRig(medium, 3);
        UdpSocket any = udp(67);
        UdpSocket bound = new UdpSocket(4, 256, 0, 0);
        bound.bind(US, 67);
        UdpSocket otherPort = udp(68);
        rig.sockets.add(any);
        rig.sockets.add(bound);
        rig.sockets.add(otherPort);
        int broadcast = Ipv4Address.of(10, 0, 0, 255);
        rig.inject(PEER, broadcast, IpProtocol.UDP, SocketRig.udp(PEER, broadcast, 68, 67, HELLO));
        rig.inject(PEER, Ipv4Address.BROADCAST, IpProtocol.UDP, SocketRig.udp(PEER, Ipv4Address.BROADCAST, 68, 67, HELLO));
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 68, 67, HELLO));
        rig.inject(PEER, Ipv4Address.BROADCAST, IpProtocol.UDP, SocketRig.udp(PEER, Ipv4Address.BROADCAST, 68, 99, HELLO));
        assertTrue(rig.poll(0).isEmpty(), "no port unreachable for a broadcast to a closed port");
        assertEquals(3, count(any));
        assertEquals(2, count(bound), "both broadcasts; the unicast went to the first matching socket only");
        assertEquals(0, count(otherPort));
        assertEquals(1, rig.iface.counters().get(Counters.RX_UDP_NO_PORT));
    }

    private static int count(DatagramSocket socket) {
        int n = 0;
        while (socket.discard()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void fullReceiveBufferDropsAndCountsWithoutAnError(int medium) {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        UdpSocket small = new UdpSocket(1, 64, 0, 0);
        small.bind(9);
        rig.sockets.add(small);
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 1000, 9, HELLO));
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 1000, 9, HELLO));
        assertTrue(rig.poll(0).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.RX_SOCKET_BUFFER_FULL));
        assertEquals(1, count(small));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void closedPortAndBadChecksum(int medium) {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        UdpSocket socket = udp(9);
        rig.sockets.add(socket);
        byte[] corrupt = SocketRig.udp(PEER, US, 1000, 9, HELLO);
        corrupt[7] ^= 1;
        rig.inject(PEER, US, IpProtocol.UDP, corrupt);
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 1000, 10, HELLO));
        List<byte[]> out = rig.poll(0);
        assertEquals(1, out.size(), "the closed port is answered, the corrupt datagram is not");
        assertTrue(SocketRig.isIcmp(out.get(0), Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE));
        assertEquals(1, rig.iface.counters().get(Counters.RX_UDP_BAD_CHECKSUM));
        assertFalse(socket.canRecv());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void portUnreachableBecomesASoftErrorOfTheSender(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        UdpSocket client = udp(5000);
        IcmpSocket watcher = new IcmpSocket(2, 256, 0, 0);
        watcher.bindUdp(Ipv4Address.UNSPECIFIED, 5000);
        rig.sockets.add(client);
        rig.sockets.add(watcher);
        client.send(HELLO, 0, 5, PEER, 9);
        List<byte[]> out = rig.poll(0);
        assertEquals(1, out.size());
        rig.inject(PEER, US, IpProtocol.ICMP, SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_PORT, out.get(0)));
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(UdpSocket.ERROR_UNREACHABLE, client.takeError());
        assertEquals(Icmpv4Packet.UNREACHABLE_PORT, client.errorIcmpCode());
        assertEquals(PEER, client.errorAddress());
        assertEquals(9, client.errorPort());
        assertEquals(UdpSocket.ERROR_NONE, client.takeError());
        assertEquals(1, count(watcher), "ICMP sockets bound to the UDP port see the error too");
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void icmpSocketSeesEchoesAndTheInterfaceStillReplies(int medium) {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        IcmpSocket ping = new IcmpSocket(2, 256, 2, 256);
        ping.bindIdentifier(0x1234);
        rig.sockets.add(ping);
        byte[] request = SocketRig.echo(true, 0x1234, 0xabcd, HELLO);
        rig.inject(PEER, US, IpProtocol.ICMP, request);
        rig.inject(PEER, US, IpProtocol.ICMP, SocketRig.echo(true, 0x4321, 1, HELLO));
        List<byte[]> out = rig.poll(0);
        assertEquals(2, out.size(), "both requests answered by the interface");
        byte[] got = new byte[64];
        assertEquals(request.length, ping.recv(got, 0, 64));
        assertArrayEquals(request, Arrays.copyOf(got, request.length));
        assertEquals(PEER, ping.remoteAddress());
        assertFalse(ping.canRecv(), "the other identifier is not ours");

        ping.send(SocketRig.echo(true, 0x1234, 1, HELLO), 0, 13, PEER);
        out = rig.poll(1);
        assertEquals(1, out.size());
        assertTrue(SocketRig.isIcmp(out.get(0), Icmpv4Packet.TYPE_ECHO_REQUEST));
        assertEquals(US, NetworkBytes.getU32(out.get(0), 12));
        rig.inject(PEER, US, IpProtocol.ICMP, SocketRig.echo(false, 0x1234, 1, HELLO));
        assertTrue(rig.poll(2).isEmpty());
        assertEquals(1, count(ping));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void rawSocketGetsTheWholePacketAndSuppressesProtocolUnreachable(int medium) {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        RawIpSocket raw = new RawIpSocket(253, 2, 256, 2, 256);
        rig.sockets.add(raw);
        // A packet with a 4-byte IP option (router alert), which must survive as it arrived.
        byte[] packet = new byte[28];
        packet[0] = 0x46;
        packet[3] = 28;
        packet[8] = 64;
        packet[9] = (byte) 253;
        NetworkBytes.setU32(packet, 12, PEER);
        NetworkBytes.setU32(packet, 16, US);
        packet[20] = (byte) 0x94;
        packet[21] = 4;
        packet[24] = 1;
        packet[27] = 2;
        new Ipv4Packet().wrap(packet, 0, 28).fillChecksum();
        rig.device.inject(medium == Medium.ETHERNET ? ethernetTo(packet) : packet);
        rig.inject(PEER, US, 252, HELLO);
        List<byte[]> out = rig.poll(0);
        assertEquals(1, out.size(), "only protocol 252, without a raw socket, is unreachable");
        assertEquals(Icmpv4Packet.UNREACHABLE_PROTOCOL, out.get(0)[21]);
        byte[] got = new byte[64];
        assertEquals(28, raw.recv(got, 0, 64));
        assertArrayEquals(packet, Arrays.copyOf(got, 28));

        byte[] reply = packet.clone();
        NetworkBytes.setU32(reply, 12, 0);
        NetworkBytes.setU32(reply, 16, PEER);
        reply[10] = 0;
        reply[11] = 0;
        assertEquals(RawIpSocket.SEND_OK, raw.send(reply, 0, 28));
        out = rig.poll(1);
        assertEquals(1, out.size());
        Ipv4Packet sent = new Ipv4Packet().wrap(out.get(0), 0, 28);
        assertEquals(US, sent.source(), "the interface fills an unspecified source");
        assertTrue(sent.verifyChecksum());
        assertEquals(24, sent.headerLength());
        assertArrayEquals(Arrays.copyOfRange(packet, 20, 28), Arrays.copyOfRange(out.get(0), 20, 28));
    }

    private static byte[] ethernetTo(byte[] packet) {
        byte[] frame = ethernet(packet);
        NetworkBytes.setU48(frame, 0, Frames.DESTINATION_MAC);
        NetworkBytes.setU48(frame, 6, Frames.SOURCE_MAC);
        return frame;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void rawUdpSocketAlongsideUdpSocket(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        RawIpSocket raw = new RawIpSocket(IpProtocol.UDP, 4, 512, 0, 0);
        UdpSocket socket = udp(9);
        rig.sockets.add(raw);
        rig.sockets.add(socket);
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 1000, 9, HELLO));
        rig.inject(PEER, US, IpProtocol.UDP, SocketRig.udp(PEER, US, 1000, 10, HELLO));
        assertTrue(rig.poll(0).isEmpty(), "a raw UDP socket takes the closed port's datagram: no unreachable");
        assertEquals(2, count(raw));
        assertEquals(1, count(socket));
    }

    @Test
    void unresolvedNeighbourSilencesItsSocketWithoutStarvingOthers() {
        SocketRig rig = new SocketRig(Medium.ETHERNET, 2, new InterfaceConfig().pendingPacketSlots(1)).learnPeer();
        int silent = Ipv4Address.of(10, 0, 0, 5);
        UdpSocket stuck = udp(1);
        UdpSocket flowing = udp(2);
        rig.sockets.add(stuck);
        rig.sockets.add(flowing);
        for (int i = 0; i < 3; i++) {
            stuck.send(HELLO, 0, 5, silent, 9);
        }
        flowing.send(HELLO, 0, 5, PEER, 9);
        List<byte[]> out = rig.poll(0);
        assertEquals(1, out.size(), "the resolved destination's datagram goes out");
        assertEquals(PEER, NetworkBytes.getU32(out.get(0), 16));
        long requests = rig.iface.counters().get(Counters.TX_ARP_REQUESTS);
        assertTrue(rig.iface.pollAt(0, rig.sockets) > 0, "the refused socket does not ask for an immediate poll");

        flowing.send(HELLO, 0, 5, PEER, 9);
        out = rig.poll(1000);
        assertEquals(1, out.size());
        assertEquals(requests, rig.iface.counters().get(Counters.TX_ARP_REQUESTS));
        assertTrue(rig.iface.pollAt(1000, rig.sockets) > 1000);

        rig.device.inject(SocketRig.arp(ArpPacket.OPERATION_REPLY, 0x0200_0000_0005L, silent, Frames.DESTINATION_MAC, US));
        out = rig.poll(2000);
        assertEquals(3, out.size(), "the parked datagram and then the silenced socket's two others");
        assertFalse(rig.sockets.isSilenced(0));
    }

    @Test
    void silenceEndsAfterOneSecond() {
        SocketRig rig = new SocketRig(Medium.ETHERNET, 1, new InterfaceConfig().pendingPacketSlots(1)
                .pendingPacketTimeoutMicros(10_000_000L)).learnPeer();
        UdpSocket stuck = udp(1);
        rig.sockets.add(stuck);
        stuck.send(HELLO, 0, 5, Ipv4Address.of(10, 0, 0, 5), 9);
        stuck.send(HELLO, 0, 5, Ipv4Address.of(10, 0, 0, 6), 9);
        rig.poll(0);
        assertTrue(rig.sockets.isSilenced(0));
        assertEquals(1_000_000L, rig.sockets.silencedUntil(0));
        assertEquals(1_000_000L, rig.iface.pollAt(0, rig.sockets), "the silenced socket asks for a poll when its silence ends");
        rig.poll(1_000_000L);
        assertEquals(2_000_000L, rig.sockets.silencedUntil(0), "tried again after 1 s, and silenced anew");
    }
}
