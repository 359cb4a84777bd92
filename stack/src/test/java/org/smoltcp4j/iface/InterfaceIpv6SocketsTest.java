package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv6Fixture.ALL_NODES_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.NetworkBytes;

/** IPv6 packets through the whole interface to and from sockets: UDP both ways, TCP resets, ICMPv6 echo replies. */
class InterfaceIpv6SocketsTest {

    private static Ipv6Fixture fixture(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        return f;
    }

    /** A UDP socket bound to {@code port} on every address, added to the fixture's set. */
    private static UdpSocket udpSocket(Ipv6Fixture f, int port) {
        UdpSocket socket = new UdpSocket(2, 256, 2, 256);
        socket.bind(port);
        f.sockets.add(socket);
        return socket;
    }

    /** A TCP SYN from the peer's port 40000 to {@code port}, checksum filled. */
    private static byte[] syn(long destinationHigh, long destinationLow, int port) {
        byte[] tcp = new byte[20];
        NetworkBytes.setU16(tcp, 0, 40000);
        NetworkBytes.setU16(tcp, 2, port);
        NetworkBytes.setU32(tcp, 4, 1000);
        tcp[12] = 0x50;
        tcp[13] = 0x02;
        NetworkBytes.setU16(tcp, 14, 1000);
        return Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(destinationHigh, destinationLow, 6, tcp), 40, 6, 56);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpDatagramReachesItsSocketAndTheAnswerGoesBackOverIpv6(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        UdpSocket socket = udpSocket(f, 6969);
        f.injectIp(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[] {'h', 'i'}));
        assertEquals(List.of(), f.poll(0), "no unreachable: the port is open");
        byte[] data = new byte[16];
        assertEquals(2, socket.recv(data, 0, data.length));
        assertEquals(ULA_HIGH, socket.remoteAddressHigh());
        assertEquals(PEER_LOW, socket.remoteAddressLow());
        assertEquals(OUR_LOW, socket.localAddressLow());

        socket.send(new byte[] {'y', 'o'}, 0, 2, socket.remoteAddressHigh(), socket.remoteAddressLow(), socket.remotePort());
        List<byte[]> frames = f.poll(1);
        List<String[]> rows = f.judge(dir, "udp6", frames, "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "udp.checksum.status",
                "data.data");
        assertEquals(List.of("fdbe::1", "fdbe::2", "6969", "5000", "1", "796f"), List.of(rows.get(0)));
    }

    /**
     * An IPv6 packet from an IPv4-mapped source would reach a dual-stack socket as if it came
     * over IPv4, and the answer would leave over IPv4 (RFC 4291 2.5.5.2, RFC 4038 4.2; Linux drops
     * them too); a loopback source never comes from a link (RFC 4291 2.5.3).
     */
    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void datagramsFromMappedOrLoopbackSourcesAreDropped(int medium) {
        Ipv6Fixture f = fixture(medium);
        UdpSocket socket = udpSocket(f, 6969);
        f.injectIp(Ipv6Fixture.udp(0, 0x0000_ffff_0a00_0009L, ULA_HIGH, OUR_LOW, 6969, new byte[] {1}));
        f.injectIp(Ipv6Fixture.udp(0, 1, ULA_HIGH, OUR_LOW, 6969, new byte[] {2}));
        assertEquals(List.of(), f.poll(0));
        assertEquals(UdpSocket.EMPTY, socket.recv(new byte[16], 0, 16));
        assertEquals(2, f.counter(Counters.RX_IPV6_BAD_SOURCE), f.counters());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void tcpSynToAClosedPortGetsAResetOverIpv6(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(syn(ULA_HIGH, OUR_LOW, 80));
        List<byte[]> frames = f.poll(0);
        List<String[]> rows = f.judge(dir, "rst6", frames, "ipv6.src", "ipv6.dst", "tcp.flags.reset", "tcp.ack", "tcp.checksum.status");
        assertEquals("fdbe::1", rows.get(0)[0]);
        assertEquals("fdbe::2", rows.get(0)[1]);
        assertTrue(rows.get(0)[2].equals("1") || rows.get(0)[2].equals("True"), Arrays.toString(rows.get(0)));
        assertEquals("1", rows.get(0)[4]);
        assertEquals(1, f.counter(Counters.TX_TCP_RESETS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void tcpToAllNodesIsDropped(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(syn(ALL_NODES_HIGH, 1, 80));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_TCP_NOT_UNICAST));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoReplyReachesTheIcmpSocketOfItsIdentifier(int medium) {
        Ipv6Fixture f = fixture(medium);
        IcmpSocket socket = new IcmpSocket(2, 256, 2, 256);
        socket.bindIdentifier(0x1234);
        f.sockets.add(socket);
        byte[] reply = Ipv6Fixture.echoRequest(0x1234, 3, new byte[] {7});
        reply[0] = (byte) 129;
        byte[] packet = Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 58, reply), 40, 58, 42);
        f.injectIp(packet);
        assertEquals(List.of(), f.poll(0));
        byte[] received = new byte[16];
        int length = socket.recv(received, 0, received.length);
        assertArrayEquals(Arrays.copyOfRange(packet, 40, packet.length), Arrays.copyOf(received, length), "the whole ICMPv6 message");
        assertEquals(PEER_LOW, socket.remoteAddressLow());
    }
}
