package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * A {@link TcpListener} behind the interface, driven by hand-made segments: SYNs go to members still
 * in LISTEN, a SYN for a full backlog is dropped without an RST, the accept queue follows the order
 * of establishment, and connections that fail before accept() give their socket back.
 */
class TcpListenerDeliveryTest {

    private static final int PORT = 80;
    private static final int PEER_SEQ = 1000;

    private SocketRig rig;

    /** A rig on {@code medium} whose socket set holds just a backlog of {@code backlog} sockets on {@link #PORT}. */
    private TcpListener listen(int medium, int backlog) {
        rig = new SocketRig(medium, backlog).learnPeer();
        TcpListener listener = TcpListener.withNewSockets(backlog, 1024, 1024, 5, PORT);
        rig.sockets.add(listener);
        return listener;
    }

    private static void send(SocketRig rig, TcpRepr repr) {
        rig.inject(SocketRig.PEER, SocketRig.US, IpProtocol.TCP,
                TcpDeliveryTest.segment(SocketRig.PEER, SocketRig.US, repr, new byte[0]));
    }

    private static TcpRepr from(int peerPort, int flags) {
        return new TcpRepr().setSourcePort(peerPort).setDestinationPort(PORT).setFlags(flags)
                .setSequenceNumber(PEER_SEQ).setWindow(1000);
    }

    /** Sends a SYN from {@code peerPort} and returns the SYN-ACK answering it. */
    private static TcpRepr syn(SocketRig rig, int peerPort, long now) {
        send(rig, from(peerPort, TcpPacket.FLAG_SYN).setMaxSegmentSize(1460));
        TcpRepr answer = TcpDeliveryTest.onlySegment(rig.poll(now));
        assertEquals(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK, answer.flags());
        assertEquals(peerPort, answer.destinationPort());
        return answer;
    }

    /** Completes the handshake the SYN-ACK {@code answer} opened. */
    private static void ack(SocketRig rig, TcpRepr answer, long now) {
        send(rig, from(answer.destinationPort(), TcpPacket.FLAG_ACK).setSequenceNumber(PEER_SEQ + 1)
                .setAckNumber(answer.sequenceNumber() + 1));
        assertTrue(rig.poll(now).isEmpty());
    }

    private static void reset(SocketRig rig, int peerPort, long now) {
        send(rig, from(peerPort, TcpPacket.FLAG_RST).setSequenceNumber(PEER_SEQ + 1));
        assertTrue(rig.poll(now).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synForAFullBacklogIsDroppedWithoutReset(int medium) {
        TcpListener listener = listen(medium, 2);
        syn(rig, 40001, 1);
        syn(rig, 40002, 2);
        // Each SYN found a member still in LISTEN, not the first socket bound to the port.
        assertEquals(40001, listener.socket(0).remotePort());
        assertEquals(40002, listener.socket(1).remotePort());
        assertEquals(0, listener.listening());

        send(rig, from(40003, TcpPacket.FLAG_SYN));
        assertTrue(rig.poll(3).isEmpty(), "no RST: the client retransmits its SYN");
        Counters counters = rig.iface.counters();
        assertEquals(1, counters.get(Counters.RX_TCP_BACKLOG_FULL));
        assertEquals(0, counters.get(Counters.RX_TCP_NO_SOCKET));
        assertEquals(0, counters.get(Counters.TX_TCP_RESETS));

        // A retransmitted SYN of a connection in progress is that connection's, not a backlog drop.
        send(rig, from(40001, TcpPacket.FLAG_SYN));
        rig.poll(4);
        assertEquals(1, counters.get(Counters.RX_TCP_BACKLOG_FULL));

        // Segments other than a bare SYN for the port are answered as before: with an RST.
        send(rig, from(40003, TcpPacket.FLAG_ACK).setAckNumber(777));
        TcpRepr reset = TcpDeliveryTest.onlySegment(rig.poll(5));
        assertEquals(TcpPacket.FLAG_RST, reset.flags());
        assertEquals(777, reset.sequenceNumber());
        assertEquals(1, counters.get(Counters.RX_TCP_BACKLOG_FULL));
        assertEquals(1, counters.get(Counters.RX_TCP_NO_SOCKET));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synForAnotherPortIsStillReset(int medium) {
        listen(medium, 1);
        send(rig, from(40001, TcpPacket.FLAG_SYN).setDestinationPort(PORT + 1));
        TcpRepr reset = TcpDeliveryTest.onlySegment(rig.poll(1));
        assertEquals(TcpPacket.FLAG_RST | TcpPacket.FLAG_ACK, reset.flags());
        assertEquals(0, rig.iface.counters().get(Counters.RX_TCP_BACKLOG_FULL));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void acceptFollowsTheOrderOfEstablishmentNotOfSyns(int medium) {
        TcpListener listener = listen(medium, 3);
        TcpRepr first = syn(rig, 40001, 1);
        TcpRepr second = syn(rig, 40002, 2);
        TcpRepr third = syn(rig, 40003, 3);
        assertNull(listener.accept(), "a handshake in progress is not accepted");
        ack(rig, second, 4);
        ack(rig, third, 5);
        ack(rig, first, 6);
        assertEquals(3, listener.pending());
        assertEquals(40002, listener.accept().remotePort());
        assertEquals(40003, listener.accept().remotePort());
        TcpSocket last = listener.accept();
        assertEquals(40001, last.remotePort());
        assertEquals(TcpSocket.ESTABLISHED, last.state());
        assertNull(listener.accept());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void resetInSynReceivedReturnsTheSocketToListen(int medium) {
        TcpListener listener = listen(medium, 1);
        TcpSocket member = listener.socket(0);
        syn(rig, 40001, 1);
        assertEquals(TcpSocket.SYN_RECEIVED, member.state());
        reset(rig, 40001, 2);
        assertTrue(member.isListening());
        assertEquals(1, listener.listening());
        assertNull(listener.accept());

        ack(rig, syn(rig, 40002, 3), 4);
        assertSame(member, listener.accept());
        assertEquals(40002, member.remotePort());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void connectionResetWhileQueuedIsNeverAccepted(int medium) {
        TcpListener listener = listen(medium, 2);
        ack(rig, syn(rig, 40001, 1), 2);
        ack(rig, syn(rig, 40002, 3), 4);
        assertEquals(2, listener.pending());
        reset(rig, 40001, 5);
        assertEquals(1, listener.pending());
        assertTrue(listener.socket(0).isListening(), "the reset connection's socket listens again");
        assertEquals(40002, listener.accept().remotePort());
        assertNull(listener.accept());
        // The freed socket takes the next SYN.
        syn(rig, 40003, 6);
        assertEquals(40003, listener.socket(0).remotePort());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void synArrivingJustAfterAMemberClosedIsTaken(int medium) {
        TcpListener listener = listen(medium, 1);
        TcpRepr answer = syn(rig, 40001, 1);
        int serverSeq = answer.sequenceNumber() + 1;
        ack(rig, answer, 2);
        TcpSocket member = listener.accept();
        send(rig, from(40001, TcpPacket.FLAG_FIN | TcpPacket.FLAG_ACK).setSequenceNumber(PEER_SEQ + 1).setAckNumber(serverSeq));
        rig.poll(3);
        listener.release(member);
        rig.poll(4); // our FIN
        assertEquals(TcpSocket.LAST_ACK, member.state());
        // The ACK of our FIN and a new SYN in one poll: the SYN finds the socket the ACK just closed.
        send(rig, from(40001, TcpPacket.FLAG_ACK).setSequenceNumber(PEER_SEQ + 2).setAckNumber(serverSeq + 1));
        send(rig, from(40002, TcpPacket.FLAG_SYN));
        TcpRepr second = TcpDeliveryTest.onlySegment(rig.poll(5));
        assertEquals(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK, second.flags());
        assertEquals(40002, member.remotePort());
        assertEquals(0, rig.iface.counters().get(Counters.RX_TCP_BACKLOG_FULL));
    }
}
