package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_PORT;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpFixtures.ourSyn;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socket;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketListen;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynReceived;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynSent;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynSentWithBufferSizes;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketWithBufferSizes;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.LOCAL_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.OTHER_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.Ipv4Address;

/** smoltcp's tcp.rs tests for the CLOSED, LISTEN, SYN-RECEIVED and SYN-SENT states, in its order. */
class TcpOpeningTest {

    private static final int[][] WINDOW_SHIFTS = {
        {64, 0}, {128, 0}, {1024, 0}, {65535, 0}, {65536, 1}, {65537, 1}, {131071, 1}, {131072, 2},
        {524287, 3}, {524288, 4}, {655350, 4}, {1048576, 5},
    };

    private static final Seg SYN = send().syn().seq(REMOTE_SEQ).noAck();

    // --- CLOSED ----------------------------------------------------------------------------------

    @Test
    void closedReject() {
        TcpTestSocket s = socket();
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        assertFalse(s.accepts(SYN));
    }

    @Test
    void closedRejectAfterListen() {
        TcpTestSocket s = socket();
        s.socket.listen(LOCAL_PORT);
        s.socket.close();
        assertFalse(s.accepts(SYN));
    }

    @Test
    void closedClose() {
        TcpTestSocket s = socket();
        s.socket.close();
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    // --- LISTEN ----------------------------------------------------------------------------------

    @Test
    void listenSackOption() {
        TcpTestSocket s = socketListen();
        s.send(SYN);
        assertFalse(s.socket.remoteSackPermitted());
        s.recv(synAck());

        s = socketListen();
        s.send(SYN.sackOk());
        assertTrue(s.socket.remoteSackPermitted());
        s.recv(synAck().sackOk());
    }

    @Test
    void listenSynWinScaleBuffers() {
        for (int[] c : WINDOW_SHIFTS) {
            TcpTestSocket s = socketWithBufferSizes(64, c[0]);
            s.socket.listen(LOCAL_PORT);
            assertEquals(c[1], s.socket.windowShift(), "shift for " + c[0]);
            s.send(SYN.ws(0));
            assertEquals(c[1], s.socket.windowShift());
            s.recv(synAck().ws(c[1]).win(Math.min(c[0], 0xffff)));
        }
    }

    @Test
    void listenSynTinyMssIsClamped() {
        TcpTestSocket s = socketListen();
        s.send(SYN.mss(10));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        assertEquals(TcpSocket.MIN_REMOTE_MSS, s.socket.remoteMss());
    }

    @Test
    void listenSynZeroMssIsIgnored() {
        TcpTestSocket s = socketListen();
        s.send(SYN.mss(0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        assertEquals(TcpSocket.DEFAULT_MSS, s.socket.remoteMss());
    }

    @Test
    void listenSanity() {
        TcpTestSocket s = socket();
        s.socket.listen(LOCAL_PORT);
        assertEquals(TcpSocket.LISTEN, s.socket.state());
        assertEquals(LOCAL_PORT, s.socket.localPort());
        assertEquals(0, s.socket.remotePort());
        assertFalse(s.socket.isConnected());
    }

    @Test
    void listenValidation() {
        TcpTestSocket s = socket();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.socket.listen(0));
        assertEquals("local port must be 1..65535, got 0", e.getMessage());
    }

    @Test
    void listenTwice() {
        TcpTestSocket s = socket();
        s.socket.listen(80);
        s.socket.listen(80); // same endpoint while listening: fine
        s.send(SYN);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.socket.listen(80));
        assertEquals("cannot listen: socket is SYN-RECEIVED; close or abort it first", e.getMessage());
    }

    @Test
    void listenSyn() {
        TcpTestSocket s = socketListen();
        s.send(SYN);
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        assertEquals(REMOTE_ADDR, s.socket.remoteAddress());
        assertEquals(REMOTE_PORT, s.socket.remotePort());
        assertEquals(LOCAL_ADDR, s.socket.localAddress());
        assertEquals(256, s.socket.remoteWindow());
    }

    @Test
    void listenSynRejectAck() {
        TcpTestSocket s = socketListen();
        assertFalse(s.accepts(SYN.ack(LOCAL_SEQ)));
        assertEquals(TcpSocket.LISTEN, s.socket.state());
    }

    @Test
    void listenRst() {
        TcpTestSocket s = socketListen();
        assertFalse(s.accepts(send().rst().seq(REMOTE_SEQ).noAck()));
        assertEquals(TcpSocket.LISTEN, s.socket.state());
    }

    @Test
    void listenClose() {
        TcpTestSocket s = socketListen();
        s.socket.close();
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void listenOnAddressRejectsOtherDestinations() {
        TcpTestSocket s = socket();
        s.socket.listen(LOCAL_ADDR, LOCAL_PORT);
        assertTrue(s.accepts(REMOTE_ADDR, LOCAL_ADDR, SYN));
        assertFalse(s.accepts(REMOTE_ADDR, OTHER_ADDR, SYN));
        assertFalse(s.accepts(REMOTE_ADDR, LOCAL_ADDR, SYN.ack(1)));
    }

    // --- SYN-RECEIVED ----------------------------------------------------------------------------

    @Test
    void synReceivedAck() {
        TcpTestSocket s = socketSynReceived();
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.recvNothing(1000); // the SYN|ACK was acknowledged: no retransmission
    }

    @Test
    void synReceivedAckTooLow() {
        TcpTestSocket s = socketSynReceived();
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ), recv().rst().noAck().seq(LOCAL_SEQ).win(0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
    }

    @Test
    void synReceivedAckTooHigh() {
        TcpTestSocket s = socketSynReceived();
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2), recv().rst().noAck().seq(LOCAL_SEQ + 2).win(0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
    }

    @Test
    void synReceivedFin() {
        TcpTestSocket s = socketSynReceived();
        s.recv(synAck());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6 + 1).win(58));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
    }

    @Test
    void synReceivedRst() {
        TcpTestSocket s = socketSynReceived();
        s.recv(synAck());
        s.send(send().rst().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ));
        assertEquals(TcpSocket.LISTEN, s.socket.state());
        assertEquals(LOCAL_PORT, s.socket.localPort());
        assertFalse(s.socket.isConnected());
        assertEquals(1, s.socket.resetsReceived());
    }

    @Test
    void synReceivedNoWindowScaling() {
        TcpTestSocket s = socketListen();
        s.send(SYN);
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(0, s.socket.windowShift());
        assertEquals(-1, s.socket.remoteWindowScale());
    }

    @Test
    void synReceivedWindowScaling() {
        for (int scale = 0; scale < 14; scale++) {
            TcpTestSocket s = socketListen();
            s.send(SYN.ws(scale));
            s.recv(synAck().ws(0));
            s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
            assertEquals(scale, s.socket.remoteWindowScale());
            assertEquals(256 << scale, s.socket.remoteWindow());
        }
    }

    @Test
    void synReceivedClose() {
        TcpTestSocket s = socketSynReceived();
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
    }

    // --- SYN-SENT --------------------------------------------------------------------------------

    @Test
    void connectValidation() {
        TcpTestSocket s = socket();
        assertEquals("remote address is unspecified (0.0.0.0)", assertThrows(IllegalArgumentException.class,
                () -> s.socket.connect(s, Ipv4Address.UNSPECIFIED, REMOTE_PORT, LOCAL_PORT)).getMessage());
        assertEquals("remote port must be 1..65535, got 0", assertThrows(IllegalArgumentException.class,
                () -> s.socket.connect(s, REMOTE_ADDR, 0, LOCAL_PORT)).getMessage());
        assertEquals("local port must be 1..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, 65536))
                        .getMessage());
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        assertEquals(LOCAL_ADDR, s.socket.localAddress());
        assertEquals(REMOTE_ADDR, s.socket.remoteAddress());
    }

    @Test
    void connect() {
        TcpTestSocket s = socket();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(0));
        assertEquals(REMOTE_PORT, s.socket.remotePort());
        assertEquals(BASE_MSS - 80, s.socket.remoteMss());
    }

    /** Without a local address, or with an unspecified one, it is the one the route to the peer uses. */
    @Test
    void connectUnspecifiedLocal() {
        TcpTestSocket s = socket();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, 80);
        assertEquals(LOCAL_ADDR, s.socket.localAddress());
        assertEquals(80, s.socket.localPort());
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
        s.socket.abort();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, Ipv4Address.UNSPECIFIED, 80);
        assertEquals(LOCAL_ADDR, s.socket.localAddress());
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    /** smoltcp's test_connect_specified_local: the interface's address, given, is the connection's. */
    @Test
    void connectSpecifiedLocal() {
        TcpTestSocket s = socket();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_ADDR, LOCAL_PORT);
        assertEquals(LOCAL_ADDR, s.socket.localAddress());
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS).ws(0));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    /** A second interface address, which the route would not pick, sends the SYN and is the only one answers reach. */
    @Test
    void connectSpecifiedSecondAddress() {
        TcpTestSocket s = socket();
        s.secondAddress = OTHER_ADDR;
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, OTHER_ADDR, LOCAL_PORT);
        assertEquals(OTHER_ADDR, s.socket.localAddress());
        assertEquals(Socket.DISPATCH_SENT, s.socket.dispatch(s, s));
        assertEquals(OTHER_ADDR, s.source(), "the SYN's source address");
        Seg synAck = send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS).ws(0);
        assertTrue(s.accepts(REMOTE_ADDR, OTHER_ADDR, synAck));
        assertFalse(s.accepts(REMOTE_ADDR, LOCAL_ADDR, synAck));
    }

    @Test
    void connectFromAnAddressNotTheInterfacesIsRefused() {
        TcpTestSocket s = socket();
        assertEquals("local address 192.168.1.3 is not an address of the interface", assertThrows(IllegalArgumentException.class,
                () -> s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, OTHER_ADDR, LOCAL_PORT)).getMessage());
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        s.recvNothing();
    }

    @Test
    void connectSynackTinyMssIsClamped() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(10).ws(0));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(TcpSocket.MIN_REMOTE_MSS, s.socket.remoteMss());
    }

    @Test
    void connectSynackZeroMssIsIgnored() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(0).ws(0));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(TcpSocket.DEFAULT_MSS, s.socket.remoteMss());
    }

    @Test
    void connectEphemeralPort() {
        TcpTestSocket s = socket();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, 0);
        assertEquals(49152, s.socket.localPort());
    }

    @Test
    void connectTwice() {
        TcpTestSocket s = socket();
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, 80);
        assertEquals("cannot connect: socket is SYN-SENT; close or abort it first",
                assertThrows(IllegalStateException.class, () -> s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, 80)).getMessage());
    }

    @Test
    void synSentSanity() {
        TcpTestSocket s = socketSynSent();
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
        assertTrue(s.socket.isActive());
        assertFalse(s.socket.maySend());
        assertEquals(0, s.pollAtMillis(0)); // the SYN is due now
    }

    @Test
    void synSentSynAck() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(0));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.recvNothing(1000);
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void synSentSynReceivedAck() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).noAck().mss(BASE_MSS - 80).ws(0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        s.recv(synAck().ws(0));
        s.recvNothing();
        s.recvExact(1001, synAck().ws(0));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void synSentSynAckNotIncremented() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ).mss(BASE_MSS - 80).ws(0),
                recv().rst().noAck().seq(LOCAL_SEQ).win(0));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentSynReceivedRst() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).noAck().mss(BASE_MSS - 80).ws(0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        s.send(send().rst().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void synSentRst() {
        TcpTestSocket s = socketSynSent();
        s.send(send().rst().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void synSentRstNoAck() {
        TcpTestSocket s = socketSynSent();
        s.send(send().rst().seq(REMOTE_SEQ).noAck());
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentRstBadAck() {
        TcpTestSocket s = socketSynSent();
        s.send(send().rst().seq(REMOTE_SEQ).ack(1234));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentBadAck() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1));
        s.recv();
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentBadAckSeq1() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ), recv().rst().noAck().seq(LOCAL_SEQ).win(0));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentBadAckSeq2() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 123456), recv().rst().noAck().seq(LOCAL_SEQ + 123456).win(0));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void synSentClose() {
        TcpTestSocket s = socketSynSent();
        s.socket.close();
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        s.recvNothing(); // no RST for a connection the peer never saw
    }

    @Test
    void synSentSackOption() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(0).sackOk());
        assertTrue(s.socket.remoteSackPermitted());

        s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(0));
        assertFalse(s.socket.remoteSackPermitted());
    }

    @Test
    void synSentWinScaleBuffers() {
        for (int[] c : WINDOW_SHIFTS) {
            TcpTestSocket s = socketWithBufferSizes(64, c[0]);
            assertEquals(c[1], s.socket.windowShift());
            s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
            s.recv(ourSyn().ws(c[1]).win(Math.min(c[0], 0xffff)));
        }
    }

    @Test
    void synSentSynAckNoWindowScaling() {
        TcpTestSocket s = socketSynSentWithBufferSizes(1048576, 1048576);
        // scaling does not apply to the window of a SYN
        s.recv(ourSyn().win(65535).ws(5));
        assertEquals(5, s.socket.windowShift());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).win(42));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(0, s.socket.windowShift());
        assertEquals(-1, s.socket.remoteWindowScale());
        assertEquals(42, s.socket.remoteWindow());
    }

    @Test
    void synSentSynAckWindowScaling() {
        TcpTestSocket s = socketSynSent();
        s.recv(ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(7).win(42));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(7, s.socket.remoteWindowScale());
        assertEquals(42, s.socket.remoteWindow()); // not scaled in the SYN
    }
}
