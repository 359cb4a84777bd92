package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.assertRecv;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait1;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait2;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketLastAck;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketListen;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynReceived;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/**
 * smoltcp's tcp.rs tests for timeouts, keep-alive, the hop limit and graceful versus ungraceful
 * receive close, in its order (those TcpTimersTest does not hold already).
 */
class TcpTimeoutAndCloseTest {

    private static Seg peerData(int offset, String payload) {
        return send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(payload);
    }

    /** "abc" received, then {@code after} beyond a 3-byte hole (acknowledged at once). */
    private static TcpTestSocket withHole(Seg after) {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(0, "abc"));
        s.send(after, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61));
        return s;
    }

    private static int recvStatus(TcpTestSocket s) {
        return s.socket.recv(new byte[8], 0, 8);
    }

    // --- timeouts --------------------------------------------------------------------------------

    @Test
    void listenTimeout() {
        TcpTestSocket s = socketListen();
        s.socket.setTimeout(100000);
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(0)); // a listener waits for ever
    }

    @Test
    void finWait1Timeout() {
        TcpTestSocket s = socketFinWait1();
        s.socket.setTimeout(1000000);
        s.recv(100, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.recv(1100, recv().rst().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void lastAckTimeout() {
        TcpTestSocket s = socketLastAck();
        s.socket.setTimeout(1000000);
        s.recv(100, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        s.recv(1100, recv().rst().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void closedTimeout() {
        TcpTestSocket s = socketEstablished();
        s.socket.setTimeout(200000);
        s.socket.abort();
        assertEquals(100, s.pollAtMillis(100)); // the RST is due at once
        s.recv(100, recv().rst().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(100));
    }

    // --- keep-alive ------------------------------------------------------------------------------

    @Test
    void respondsToKeepAlive() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
    }

    /**
     * smoltcp's fixture has received nothing yet, so its timeout counts from the first dispatch at
     * 100 ms; ours completed its handshake at 0 ms, so the same exchange is 100 ms earlier.
     */
    @Test
    void establishedKeepAliveTimeout() {
        TcpTestSocket s = socketEstablished();
        s.socket.setKeepAlive(50000);
        s.socket.setTimeout(100000);
        Seg keepAlive = recv().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).payload(new byte[] {0});
        s.recv(0, keepAlive);
        assertEquals(50, s.pollAtMillis(0));
        s.send(5, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(55, s.pollAtMillis(5));
        s.recv(55, keepAlive);
        assertEquals(105, s.pollAtMillis(55));
        s.recvNothing(100);
        s.recv(105, recv().rst().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    // --- hop limit -------------------------------------------------------------------------------

    @Test
    void setHopLimit() {
        TcpTestSocket s = socketSynReceived();
        s.socket.setTtl(0x2a);
        s.recv(synAck());
        assertEquals(0x2a, s.lastTtl());
    }

    @Test
    void setHopLimitZero() {
        TcpTestSocket s = socketSynReceived();
        assertEquals("TTL must be 1..255, got 0",
                assertThrows(IllegalArgumentException.class, () -> s.socket.setTtl(0)).getMessage());
    }

    // --- graceful vs ungraceful rx close ---------------------------------------------------------

    @Test
    void rxCloseFin() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(0, "abc").fin());
        assertRecv(s, "abc");
        assertEquals(TcpSocket.FINISHED, recvStatus(s));
    }

    @Test
    void rxCloseFinInFinWait1() {
        TcpTestSocket s = socketFinWait1();
        s.send(peerData(0, "abc").fin());
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        assertRecv(s, "abc");
        assertEquals(TcpSocket.FINISHED, recvStatus(s));
    }

    @Test
    void rxCloseFinInFinWait2() {
        TcpTestSocket s = socketFinWait2();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1).payload("abc"));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        assertRecv(s, "abc");
        assertEquals(TcpSocket.FINISHED, recvStatus(s));
    }

    /**
     * smoltcp resets with an RST at the end of the hole's FIN (REMOTE_SEQ + 10); we follow RFC 5961
     * (3.2) and only take an RST at exactly RCV.NXT, challenging one merely in the window, so the
     * peer's RST here is at RCV.NXT.
     */
    @Test
    void rxCloseFinWithHole() {
        TcpTestSocket s = withHole(peerData(6, "ghi").fin());
        assertRecv(s, "abc");
        assertEquals(0, recvStatus(s));
        s.send(send().rst().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1));
        // Reset, not finished, although a FIN arrived: data before it is missing.
        assertEquals(TcpSocket.INVALID_STATE, recvStatus(s));
    }

    @Test
    void rxCloseRst() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(0, "abc"));
        s.send(send().rst().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1));
        assertRecv(s, "abc");
        assertEquals(TcpSocket.INVALID_STATE, recvStatus(s));
    }

    /** As {@link #rxCloseFinWithHole}: the RST is at RCV.NXT, after RFC 5961. */
    @Test
    void rxCloseRstWithHole() {
        TcpTestSocket s = withHole(peerData(6, "ghi"));
        s.send(send().rst().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1));
        assertRecv(s, "abc");
        assertEquals(TcpSocket.INVALID_STATE, recvStatus(s));
    }
}
