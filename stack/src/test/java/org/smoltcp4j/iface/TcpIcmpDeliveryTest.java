package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.SocketRig.PEER;
import static org.smoltcp4j.iface.SocketRig.US;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * ICMP errors about our TCP segments through the interface, on both media (issue 6): the error
 * frames are built with the wire Reprs and quote a segment the socket really sent.
 */
class TcpIcmpDeliveryTest {

    private static final int SERVER_PORT = 80;
    private static final int PEER_ISN = 5000;
    private static final int DATA = 3000;

    private SocketRig rig;
    private TcpSocket client;

    /** {@link #client} sends its SYN to the peer's port 80 through a new {@link #rig}; returns that packet. */
    private byte[] startConnect(int medium) {
        rig = new SocketRig(medium, 2).learnPeer();
        client = new TcpSocket(8192, 8192, 7);
        client.connect(rig.iface.context(0), PEER, SERVER_PORT, 0);
        rig.sockets.add(client);
        List<byte[]> out = rig.poll(0);
        assertEquals(1, out.size(), "the SYN");
        return out.get(0);
    }

    /** {@link #client} connects to the peer's port 80 through a new {@link #rig} (peer window 8000, MSS 1460). */
    private void connect(int medium) {
        TcpRepr syn = TcpDeliveryTest.parsedSegment(startConnect(medium));
        TcpRepr synAck = new TcpRepr().setSourcePort(SERVER_PORT).setDestinationPort(syn.sourcePort())
                .setFlags(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK).setSequenceNumber(PEER_ISN)
                .setAckNumber(syn.sequenceNumber() + 1).setWindow(8000).setMaxSegmentSize(1460);
        rig.inject(PEER, US, IpProtocol.TCP, TcpDeliveryTest.segment(PEER, US, synAck, new byte[0]));
        TcpDeliveryTest.onlySegment(rig.poll(1));
        assertEquals(TcpSocket.ESTABLISHED, client.state());
    }

    /** Queues {@link #DATA} bytes and returns the packets that carry them out first. */
    private List<byte[]> sendData() {
        assertEquals(DATA, client.send(new byte[DATA], 0, DATA));
        List<byte[]> out = rig.poll(2);
        assertFalse(out.isEmpty());
        assertEquals(1500, out.get(0).length, "a full-sized first segment");
        return out;
    }

    private static byte[] fragmentationNeeded(int nextHopMtu, byte[] original) {
        return SocketRig.icmpError(new Icmpv4Repr().setDestinationUnreachable(Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED,
                nextHopMtu, SocketRig.quotedHeader(original), SocketRig.quotedLength(original)), original);
    }

    /** A copy of our IPv4 packet {@code packet} whose TCP sequence number is moved by {@code delta}. */
    private static byte[] withSequenceMoved(byte[] packet, int delta) {
        byte[] copy = packet.clone();
        NetworkBytes.setU32(copy, 20 + 4, NetworkBytes.getU32(copy, 20 + 4) + delta);
        return copy;
    }

    private void injectIcmp(byte[] message) {
        rig.inject(PEER, US, IpProtocol.ICMP, message);
    }

    private long count(int counter) {
        return rig.iface.counters().get(counter);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void softErrorIsRecordedAndTheConnectionGoesOn(int medium) {
        connect(medium);
        List<byte[]> out = sendData();
        injectIcmp(SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_HOST, out.get(0)));
        assertTrue(rig.poll(3).isEmpty(), "a soft error sends nothing");
        assertEquals(TcpSocket.ESTABLISHED, client.state());
        assertEquals(Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_HOST, client.softError());
        assertEquals(1, count(Counters.RX_TCP_ICMP_ERRORS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorQuotingASequenceNumberNotInFlightIsCountedAndIgnored(int medium) {
        connect(medium);
        byte[] forged = withSequenceMoved(sendData().get(0), 100000);
        injectIcmp(SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_PORT, forged));
        injectIcmp(fragmentationNeeded(600, forged));
        assertTrue(rig.poll(3).isEmpty());
        assertEquals(2, count(Counters.RX_TCP_ICMP_OUT_OF_WINDOW));
        assertEquals(0, count(Counters.RX_TCP_ICMP_ERRORS));
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
        assertEquals(65535, client.pathMtu());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void fragmentationNeededResendsInFlightDataInSegmentsThatFit(int medium) {
        connect(medium);
        List<byte[]> out = sendData();
        int una = TcpDeliveryTest.parsedSegment(out.get(0)).sequenceNumber();
        injectIcmp(fragmentationNeeded(1000, out.get(0)));
        List<byte[]> resent = rig.poll(3);
        assertEquals(1000, client.pathMtu());
        assertFalse(resent.isEmpty());
        assertEquals(una, TcpDeliveryTest.parsedSegment(resent.get(0)).sequenceNumber(), "from SND.UNA again");
        for (byte[] packet : resent) {
            assertTrue(packet.length <= 1000, "packet of " + packet.length + " bytes");
        }
        assertEquals(960, TcpDeliveryTest.parsedSegment(resent.get(0)).payloadLength());
        assertEquals(1, count(Counters.RX_TCP_ICMP_ERRORS));
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void zeroNextHopMtuUsesThePlateauBelowTheQuotedLength(int medium) {
        connect(medium);
        List<byte[]> out = sendData();
        injectIcmp(fragmentationNeeded(0, out.get(0)));
        List<byte[]> resent = rig.poll(3);
        assertEquals(1492, client.pathMtu(), "RFC 1191 plateau below 1500");
        assertEquals(1492, resent.get(0).length);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void portUnreachableEndsTheConnectionAttemptWithoutReset(int medium) {
        injectIcmp(SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_PORT, startConnect(medium)));
        assertTrue(rig.poll(1).isEmpty(), "no RST: the peer has no connection");
        assertEquals(TcpSocket.CLOSED, client.state());
        assertEquals(Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_PORT, client.softError());
        assertTrue(rig.poll(5000).isEmpty(), "nor a SYN retransmission");
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorsThroughTheInterfaceAllocateNothing(int medium) {
        connect(medium);
        byte[] first = sendData().get(0);
        byte[] forged = withSequenceMoved(first, -1);
        ReplayDevice device = new ReplayDevice(rig.device.capabilities(),
                rig.frame(Frames.ipv4(PEER, US, IpProtocol.ICMP,
                        SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_HOST, first))),
                rig.frame(Frames.ipv4(PEER, US, IpProtocol.ICMP, fragmentationNeeded(1200, first))),
                rig.frame(Frames.ipv4(PEER, US, IpProtocol.ICMP,
                        SocketRig.unreachable(Icmpv4Packet.UNREACHABLE_HOST, forged))));
        Interface iface = rig.iface;
        SocketSet sockets = rig.sockets;
        AllocationProbe.assertAllocationFree("ICMP errors about TCP segments through the interface", () -> {
            device.arm(3);
            iface.poll(3, device, sockets);
            client.softError();
        });
        assertTrue(count(Counters.RX_TCP_ICMP_ERRORS) > AllocationProbe.DEFAULT_RUNS);
        assertTrue(count(Counters.RX_TCP_ICMP_OUT_OF_WINDOW) > AllocationProbe.DEFAULT_RUNS);
    }
}
