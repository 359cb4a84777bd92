package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.RecordingEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * TCP, UDP and ICMPv6 echo delivery of IPv6 packets (as the IPv6 ingress hands them over):
 * checksums over the IPv6 pseudo-header, RSTs for closed ports sent back over IPv6, dual-stack
 * listeners, echo replies to the ICMP socket of their identifier.
 */
class Ipv6DeliveryTest {

    private static final long PREFIX = RecordingEmitter.LOCAL6_HIGH;
    private static final long US = RecordingEmitter.LOCAL6_LOW;
    private static final long PEER = 2;
    private static final int PEER_PORT = 40000;

    private final Counters counters = new Counters();
    private final RecordingEmitter emitter = new RecordingEmitter();
    private final DeviceCapabilities capabilities = new DeviceCapabilities(Medium.IP, 1500, 0);
    private final TcpDelivery tcp = new TcpDelivery(capabilities, counters, emitter, emitter);
    private final SocketDelivery udp = new SocketDelivery(capabilities, counters, tcp);
    private final SocketSet sockets = new SocketSet(4);
    private final IpRepr ip = new IpRepr();

    Ipv6DeliveryTest() {
        tcp.use(sockets);
        udp.use(sockets);
    }

    private static byte[] segment(TcpRepr repr) {
        byte[] bytes = new byte[repr.bufferLen()];
        TcpPacket packet = new TcpPacket().wrap(bytes, 0, bytes.length);
        repr.emit(packet);
        packet.fillChecksumIpv6(PREFIX, PEER, PREFIX, US);
        return bytes;
    }

    private static TcpRepr syn(int port) {
        return new TcpRepr().setSourcePort(PEER_PORT).setDestinationPort(port).setFlags(TcpPacket.FLAG_SYN)
                .setSequenceNumber(1000).setWindow(1000).setMaxSegmentSize(1440);
    }

    private void deliverTcp(byte[] segment) {
        ip.setIpv6(PREFIX, PEER, PREFIX, US, IpProtocol.TCP, 64, segment.length);
        tcp.deliver(ip, segment, 0, segment.length, true);
    }

    /** The segment the emitter holds, checked to have gone over IPv6 from us to the peer with a valid checksum. */
    private TcpRepr sentSegment() {
        assertTrue(emitter.ipv6, "sent over IPv6");
        assertEquals(PREFIX, emitter.sourceHigh);
        assertEquals(US, emitter.sourceLow);
        assertEquals(PREFIX, emitter.destinationHigh);
        assertEquals(PEER, emitter.destinationLow);
        assertEquals(IpProtocol.TCP, emitter.protocol);
        TcpRepr repr = new TcpRepr();
        assertEquals(WireStatus.OK, repr.parseIpv6(new TcpPacket().wrap(emitter.buffer, 0, emitter.length), PREFIX, US,
                PREFIX, PEER, true));
        return repr;
    }

    @Test
    void aSynToAClosedIpv6PortIsResetOverIpv6() {
        deliverTcp(segment(syn(80)));
        TcpRepr reset = sentSegment();
        assertEquals(TcpPacket.FLAG_RST | TcpPacket.FLAG_ACK, reset.flags());
        assertEquals(1001, reset.ackNumber());
        assertEquals(80, reset.sourcePort());
        assertEquals(PEER_PORT, reset.destinationPort());
        assertEquals(1, counters.get(Counters.RX_TCP_NO_SOCKET));
        assertEquals(1, counters.get(Counters.TX_TCP_RESETS));
    }

    /** RFC 4291 2.5.2: :: is no node's address; a SYN from it would tie a listener to a peer it can never answer. */
    @Test
    void aSegmentFromTheUnspecifiedAddressIsDroppedUnanswered() {
        TcpSocket socket = new TcpSocket(1024, 1024, 1);
        sockets.add(socket);
        socket.listen(80);
        for (int port : new int[] {80, 81}) {
            TcpRepr repr = syn(port);
            byte[] bytes = new byte[repr.bufferLen()];
            TcpPacket packet = new TcpPacket().wrap(bytes, 0, bytes.length);
            repr.emit(packet);
            packet.fillChecksumIpv6(0, 0, PREFIX, US);
            ip.setIpv6(0, 0, PREFIX, US, IpProtocol.TCP, 64, bytes.length);
            tcp.deliver(ip, bytes, 0, bytes.length, true);
        }
        assertTrue(socket.isListening(), TcpSocket.stateName(socket.state()));
        assertEquals(0, emitter.commits, "neither a SYN-ACK nor an RST");
        assertEquals(2, counters.get(Counters.RX_IPV6_BAD_SOURCE));
    }

    @Test
    void aSegmentWithAnIpv4ChecksumIsRefusedOverIpv6() {
        TcpRepr repr = syn(80);
        byte[] bytes = new byte[repr.bufferLen()];
        TcpPacket packet = new TcpPacket().wrap(bytes, 0, bytes.length);
        repr.emit(packet);
        packet.fillChecksumIpv4(0x0a000002, 0x0a000001);
        deliverTcp(bytes);
        assertEquals(1, counters.get(Counters.RX_TCP_BAD_CHECKSUM));
        assertEquals(0, emitter.commits, "no RST for a corrupt segment");
    }

    @Test
    void aListenerOnEveryAddressAnswersAnIpv6SynWithTheIpv6Mss() {
        TcpSocket socket = new TcpSocket(1024, 1024, 1);
        sockets.add(socket);
        socket.listen(80);
        deliverTcp(segment(syn(80)));
        assertEquals(TcpSocket.SYN_RECEIVED, socket.state());
        assertTrue(socket.isIpv6());
        assertEquals(PREFIX, socket.remoteAddressHigh());
        assertEquals(PEER, socket.remoteAddressLow());
        assertEquals(Socket.DISPATCH_SENT, socket.dispatch(emitter, emitter));
        TcpRepr synAck = sentSegment();
        assertEquals(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK, synAck.flags());
        assertEquals(1500 - 60, synAck.maxSegmentSize());
        assertEquals(0, counters.get(Counters.TX_TCP_RESETS));
    }

    @Test
    void aListenerOnTheMappedUnspecifiedAddressTakesIpv4SynsAndResetsIpv6Ones() {
        TcpSocket socket = new TcpSocket(1024, 1024, 1);
        sockets.add(socket);
        socket.listen(0, Ipv6Address.ipv4MappedLow(Ipv4Address.UNSPECIFIED), 80); // Linux: ::ffff:0.0.0.0 is IPv4's any
        deliverTcp(segment(syn(80)));
        assertTrue(socket.isListening(), "an IPv6 SYN is not for it");
        assertEquals(1, counters.get(Counters.TX_TCP_RESETS));
        TcpRepr repr = syn(80);
        byte[] v4 = new byte[repr.bufferLen()];
        TcpPacket packet = new TcpPacket().wrap(v4, 0, v4.length);
        repr.emit(packet);
        int peer = Ipv4Address.of(10, 0, 0, 2);
        packet.fillChecksumIpv4(peer, RecordingEmitter.LOCAL);
        ip.setIpv4(peer, RecordingEmitter.LOCAL, IpProtocol.TCP, 64, v4.length);
        tcp.deliver(ip, v4, 0, v4.length, true);
        assertEquals(TcpSocket.SYN_RECEIVED, socket.state());
        assertEquals(RecordingEmitter.LOCAL, socket.localAddress());
    }

    private byte[] datagram(int port, boolean zeroChecksum) {
        byte[] bytes = new byte[UdpPacket.HEADER_LEN + 3];
        UdpPacket packet = new UdpPacket().wrap(bytes, 0, bytes.length);
        new UdpRepr().setSourcePort(PEER_PORT).setDestinationPort(port).setPayloadLength(3).emit(packet);
        bytes[8] = 'a';
        if (!zeroChecksum) {
            packet.fillChecksumIpv6(PREFIX, PEER, PREFIX, US);
        }
        return bytes;
    }

    private int deliverUdp(byte[] datagram) {
        ip.setIpv6(PREFIX, PEER, PREFIX, US, IpProtocol.UDP, 64, datagram.length);
        return udp.deliverUdp(ip, datagram, 0, datagram.length, false);
    }

    @Test
    void aUdpDatagramOverIpv6ReachesTheBoundSocket() {
        UdpSocket socket = new UdpSocket(1, 64, 1, 64);
        sockets.add(socket);
        socket.bind(6969);
        assertEquals(SocketDelivery.UDP_DELIVERED, deliverUdp(datagram(6969, false)));
        assertEquals(3, socket.peek());
        assertEquals(PEER, socket.remoteAddressLow());
        assertEquals(PEER_PORT, socket.remotePort());
        assertEquals(SocketDelivery.UDP_NO_SOCKET, deliverUdp(datagram(6970, false)));
    }

    @Test
    void aZeroUdpChecksumIsRefusedOverIpv6() {
        UdpSocket socket = new UdpSocket(1, 64, 1, 64);
        sockets.add(socket);
        socket.bind(6969);
        assertEquals(SocketDelivery.UDP_DROPPED, deliverUdp(datagram(6969, true)));
        assertEquals(1, counters.get(Counters.RX_UDP_BAD_CHECKSUM));
        assertFalse(socket.canRecv());
    }

    @Test
    void anIcmpv6EchoReplyReachesTheSocketBoundToItsIdentifier() {
        IcmpSocket ping = new IcmpSocket(2, 128, 1, 64);
        IcmpSocket other = new IcmpSocket(2, 128, 1, 64);
        sockets.add(ping);
        sockets.add(other);
        ping.bindIdentifier(0x1234);
        other.bindIdentifier(0x4321);
        byte[] reply = new byte[12];
        Icmpv6Packet packet = new Icmpv6Packet().wrap(reply, 0, reply.length);
        new Icmpv6Repr().setEcho(false, 0x1234, 7, 4).emit(packet);
        packet.fillChecksum(PREFIX, PEER, PREFIX, US);
        Icmpv6Repr icmp = new Icmpv6Repr();
        assertEquals(WireStatus.OK, icmp.parse(packet, true, PREFIX, PEER, PREFIX, US));
        ip.setIpv6(PREFIX, PEER, PREFIX, US, IpProtocol.ICMPV6, 64, reply.length);
        udp.deliverIcmpv6(ip, icmp, reply, 0, reply.length);
        assertEquals(reply.length, ping.peek());
        assertEquals(PEER, ping.remoteAddressLow());
        assertFalse(other.canRecv());
        udp.deliverIcmpv6(ip, icmp, reply, 0, reply.length);
        udp.deliverIcmpv6(ip, icmp, reply, 0, reply.length);
        assertEquals(1, counters.get(Counters.RX_SOCKET_BUFFER_FULL), "the third finds the queue full");
    }
}
