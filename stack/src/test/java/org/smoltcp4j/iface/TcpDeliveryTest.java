package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.WireStatus;

/** TCP segments through the interface: to the matching socket, RST when none, drops counted; both media. */
class TcpDeliveryTest {

    private static final int PEER_PORT = 40000;

    static byte[] segment(int source, int destination, TcpRepr repr, byte[] payload) {
        repr.setPayloadLength(payload.length);
        byte[] bytes = new byte[repr.bufferLen() + payload.length];
        TcpPacket packet = new TcpPacket().wrap(bytes, 0, bytes.length);
        repr.emit(packet);
        System.arraycopy(payload, 0, bytes, packet.payloadOffset(), payload.length);
        packet.fillChecksumIpv4(source, destination);
        return bytes;
    }

    private static TcpRepr syn(int port) {
        return new TcpRepr().setSourcePort(PEER_PORT).setDestinationPort(port).setFlags(TcpPacket.FLAG_SYN)
                .setSequenceNumber(1000).setWindow(1000).setMaxSegmentSize(1460);
    }

    /** A socket listening on port 80 of every address, in {@code rig}'s socket set. */
    private static TcpSocket listeningOn80(SocketRig rig) {
        TcpSocket server = new TcpSocket(1024, 1024, 1);
        server.listen(80);
        rig.sockets.add(server);
        return server;
    }

    /** The TCP segment inside the single IPv4 packet in {@code packets}. */
    static TcpRepr onlySegment(List<byte[]> packets) {
        assertEquals(1, packets.size(), "packets sent");
        return parsedSegment(packets.get(0));
    }

    /** The TCP segment in the IPv4 packet {@code packet} (20-byte header), parsed with its checksum verified. */
    static TcpRepr parsedSegment(byte[] packet) {
        assertEquals(IpProtocol.TCP, packet[9] & 0xff);
        TcpRepr repr = new TcpRepr();
        assertEquals(WireStatus.OK, repr.parseIpv4(new TcpPacket().wrap(packet, 20, packet.length - 20),
                NetworkBytes.getU32(packet, 12), NetworkBytes.getU32(packet, 16), true));
        return repr;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synToClosedPortIsReset(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, syn(80), new byte[0]));
        TcpRepr reset = onlySegment(rig.poll(1));
        assertEquals(TcpPacket.FLAG_RST | TcpPacket.FLAG_ACK, reset.flags());
        assertEquals(0, reset.sequenceNumber());
        assertEquals(1001, reset.ackNumber());
        assertEquals(80, reset.sourcePort());
        assertEquals(PEER_PORT, reset.destinationPort());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_NO_SOCKET));
        assertEquals(1, rig.iface.counters().get(Counters.TX_TCP_RESETS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void ackToClosedPortIsResetFromItsAckNumber(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        TcpRepr ack = new TcpRepr().setSourcePort(PEER_PORT).setDestinationPort(80).setFlags(TcpPacket.FLAG_ACK)
                .setSequenceNumber(5).setAckNumber(777).setWindow(100);
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, ack, new byte[] {1, 2}));
        TcpRepr reset = onlySegment(rig.poll(1));
        assertEquals(TcpPacket.FLAG_RST, reset.flags());
        assertEquals(777, reset.sequenceNumber());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void resetIsNeverAnswered(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        TcpRepr rst = new TcpRepr().setSourcePort(PEER_PORT).setDestinationPort(80).setFlags(TcpPacket.FLAG_RST).setSequenceNumber(5);
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, rst, new byte[0]));
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_NO_SOCKET));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void listenerAnswersSynWithSynAck(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        TcpSocket server = listeningOn80(rig);
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, syn(80), new byte[0]));
        TcpRepr synAck = onlySegment(rig.poll(1));
        assertEquals(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK, synAck.flags());
        assertEquals(1001, synAck.ackNumber());
        assertEquals(rig.device.capabilities().ipMtu() - 40, synAck.maxSegmentSize());
        assertEquals(TcpSocket.SYN_RECEIVED, server.state());
        assertEquals(SocketRig.PEER, server.remoteAddress());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_SEGMENTS));
    }

    /** RFC 1122 3.2.1.3: 0.0.0.0 is a source only while a host learns its address; no connection can have it. */
    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synFromTheUnspecifiedAddressIsDroppedUnanswered(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        TcpSocket server = listeningOn80(rig);
        rig.inject(Ipv4Address.UNSPECIFIED, SocketRig.US, IpProtocol.TCP,
                segment(Ipv4Address.UNSPECIFIED, SocketRig.US, syn(80), new byte[0]));
        rig.inject(Ipv4Address.UNSPECIFIED, SocketRig.US, IpProtocol.TCP,
                segment(Ipv4Address.UNSPECIFIED, SocketRig.US, syn(81), new byte[0]));
        assertTrue(rig.poll(1).isEmpty(), "neither a SYN-ACK nor an RST");
        assertTrue(server.isListening(), TcpSocket.stateName(server.state()));
        assertEquals(2, rig.iface.counters().get(Counters.RX_IPV4_BAD_SOURCE));
        assertEquals(0, rig.iface.counters().get(Counters.TX_NO_ROUTE));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void badChecksumIsDropped(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        byte[] bytes = segment(SocketRig.PEER, SocketRig.US, syn(80), new byte[0]);
        bytes[16] ^= 1;
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, bytes);
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_BAD_CHECKSUM));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void truncatedSegmentIsMalformed(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, new byte[10]);
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void broadcastSegmentIsDropped(int medium) {
        SocketRig rig = new SocketRig(medium, 2).learnPeer();
        int broadcast = Ipv4Address.of(10, 0, 0, 255);
        rig.inject(SocketRig.PEER, broadcast, IpProtocol.TCP, segment(SocketRig.PEER, broadcast, syn(80), new byte[0]));
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.RX_TCP_NOT_UNICAST));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void connectedSocketWinsOverListener(int medium) {
        SocketRig rig = new SocketRig(medium, 3).learnPeer();
        TcpSocket listener = new TcpSocket(1024, 1024, 1);
        listener.listen(80);
        TcpSocket connected = new TcpSocket(1024, 1024, 2);
        connected.listen(80);
        rig.sockets.add(listener);
        rig.sockets.add(connected);
        // The first listener takes the SYN and becomes connected; a second SYN from another port goes to the other.
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, syn(80), new byte[0]));
        rig.poll(1);
        TcpRepr other = syn(80).setSourcePort(PEER_PORT + 1);
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP, segment(SocketRig.PEER, SocketRig.US, other, new byte[0]));
        rig.poll(2);
        assertEquals(TcpSocket.SYN_RECEIVED, listener.state());
        assertEquals(TcpSocket.SYN_RECEIVED, connected.state());
        assertEquals(PEER_PORT, listener.remotePort());
        assertEquals(PEER_PORT + 1, connected.remotePort());
    }
}
