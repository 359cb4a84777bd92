package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;

/**
 * An IPv6 packet whose source is IPv4-mapped (::ffff:a.b.c.d) never reaches a socket nor is
 * answered: on the wire such a source is forged (RFC 4038 4.2, draft-itojun-v6ops-v4mapped-harmful),
 * and a dual-stack socket would otherwise take it for an IPv4 peer and answer over IPv4. Linux drops
 * these packets too (ip6_rcv_core). Counted as a bad IPv6 source.
 */
class Ipv4MappedOverIpv6Test {

    /** ::ffff:10.0.0.2, the IPv4 peer of {@link Ipv4Fixture} in the mapped form. */
    private static final long MAPPED_PEER_LOW = Ipv6Address.ipv4MappedLow(Ipv4Fixture.PEER_IP);

    private static Ipv6Fixture dualStack(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.iface.addIpv4Address(Ipv4Fixture.OUR_IP, 24);
        f.learnPeer(0);
        f.iface.neighborCache().fill(Ipv4Fixture.PEER_IP, Ipv4Fixture.PEER_MAC, 0);
        return f;
    }

    /** An IPv6 packet from ::ffff:10.0.0.2 to our ULA carrying {@code upper}, its checksum (at {@code checksumAt}) filled. */
    private static byte[] fromMappedSource(int nextHeader, byte[] upper, int checksumAt) {
        byte[] packet = Ipv6Fixture.ipv6(0, MAPPED_PEER_LOW, ULA_HIGH, OUR_LOW, nextHeader, 64, upper);
        return Ipv6Fixture.withChecksum(packet, 40, nextHeader, 40 + checksumAt);
    }

    private static byte[] syn(int port) {
        TcpRepr syn = new TcpRepr().setSourcePort(40000).setDestinationPort(port).setFlags(TcpPacket.FLAG_SYN)
                .setSequenceNumber(1000).setWindow(1000);
        byte[] tcp = new byte[syn.bufferLen()];
        syn.emit(new TcpPacket().wrap(tcp, 0, tcp.length));
        return fromMappedSource(IpProtocol.TCP, tcp, 16);
    }

    private static byte[] datagram(int port) {
        byte[] udp = new byte[UdpPacket.HEADER_LEN + 2];
        new UdpRepr().setSourcePort(5000).setDestinationPort(port).setPayloadLength(2).emit(new UdpPacket().wrap(udp, 0, udp.length));
        return fromMappedSource(IpProtocol.UDP, udp, 6);
    }

    /** Polls {@code f} once: nothing may go out, and {@code packets} forged sources are counted. */
    private static void assertDroppedUnanswered(Ipv6Fixture f, int packets) {
        assertEquals(List.of(), f.poll(0), "nothing answered, over either IP version");
        assertEquals(packets, f.counter(Counters.RX_IPV6_BAD_SOURCE), f.counters());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synToADualStackListenerIsDroppedNotAnsweredOverIpv4(int medium) {
        Ipv6Fixture f = dualStack(medium);
        TcpSocket socket = new TcpSocket(1024, 1024, 1);
        socket.listen(80);
        f.sockets.add(socket);
        f.injectIp(syn(80));
        assertDroppedUnanswered(f, 1);
        assertTrue(socket.isListening(), "still listening: " + TcpSocket.stateName(socket.state()));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synToAClosedPortGetsNoReset(int medium) {
        Ipv6Fixture f = dualStack(medium);
        f.injectIp(syn(81));
        assertDroppedUnanswered(f, 1);
        assertEquals(0, f.counter(Counters.TX_TCP_RESETS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpDatagramReachesNoSocketAndAClosedPortGetsNoUnreachable(int medium) {
        Ipv6Fixture f = dualStack(medium);
        UdpSocket socket = new UdpSocket(2, 256, 2, 256);
        socket.bind(6969);
        f.sockets.add(socket);
        f.injectIp(datagram(6969));
        f.injectIp(datagram(6970));
        assertDroppedUnanswered(f, 2);
        assertEquals(UdpSocket.EMPTY, socket.recv(new byte[16], 0, 16));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoReplyReachesNoIcmpSocket(int medium) {
        Ipv6Fixture f = dualStack(medium);
        IcmpSocket socket = new IcmpSocket(2, 256, 2, 256);
        socket.bindIdentifier(0x1234);
        f.sockets.add(socket);
        byte[] reply = new byte[12];
        new Icmpv6Repr().setEcho(false, 0x1234, 3, 4).emit(new Icmpv6Packet().wrap(reply, 0, reply.length));
        f.injectIp(fromMappedSource(IpProtocol.ICMPV6, reply, 2));
        assertDroppedUnanswered(f, 1);
        assertEquals(IcmpSocket.EMPTY, socket.recv(new byte[16], 0, 16));
    }
}
