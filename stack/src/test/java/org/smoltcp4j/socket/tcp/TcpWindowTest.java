package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.assertRecv;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedMss;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait2;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.LOCAL_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.OTHER_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/**
 * smoltcp's tcp.rs tests for window management, flow control, reassembly and packet filtering,
 * in its order. Where smoltcp swaps in a 6-byte receive buffer, these establish with one; where it
 * sets remote_mss to 6, these announce the smallest MSS we honour (48) and send 48-byte chunks.
 */
class TcpWindowTest {

    private static final int MSS = TcpSocket.MIN_REMOTE_MSS;

    private static String chunk(char c) {
        return String.valueOf(c).repeat(MSS);
    }

    /** The peer's data at {@code offset} past REMOTE_SEQ + 1, acknowledging LOCAL_SEQ + 1. */
    private static Seg peerData(int offset, String payload) {
        return send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(payload);
    }

    /** Our ACK of the peer's data up to {@code offset} past REMOTE_SEQ + 1, announcing {@code window}. */
    private static Seg ourAck(int offset, int window) {
        return recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + offset).win(window);
    }

    // --- window management -----------------------------------------------------------------------

    @Test
    void maximumSegmentSize() {
        TcpTestSocket s = socketEstablishedMss(32767, 1000);
        s.send(ackOf(0).win(32767));
        s.socket.send(new byte[1200], 0, 1200);
        s.recvExact(0, data(0, "").payload(new byte[1000]));
    }

    /**
     * smoltcp sets remote_mss to 32 and so delays ACKs until more than 32 bytes wait; ours
     * delays them until more than the peer's MSS waits, so the peer announces 48 (our smallest)
     * and the first segment is 48 bytes.
     */
    @Test
    void recvOutOfRecvWin() {
        TcpTestSocket s = socketEstablishedMss(64, MSS);
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(peerData(0, chunk('x')).psh());
        s.recvNothing(); // delayed
        s.send(peerData(MSS, "y").psh());
        // More than one MSS unacknowledged: due at once. Issue 6: it would offer less window than the
        // last ACK, so it waits one dispatch for the application's read; nobody reads, so it goes next.
        s.recvNothing();
        s.recv(ourAck(MSS + 1, 64 - MSS - 1));
        assertEquals(1, s.socket.recv(new byte[1], 0, 1));
        s.recvNothing(); // one byte freed is no window update worth sending
        // The peer sends a full segment again. Silly-window avoidance (RFC 1122 4.2.3.3) kept our
        // right edge where it was: one freed byte is less than min(buffer/2, MSS). So only the 15
        // bytes up to the edge we announced are taken, the window is then 0, and that ACK follows
        // the delayed-ACK timer (smoltcp, without the avoidance, announces 1 byte at once).
        s.send(peerData(MSS + 1, chunk('z')).psh());
        s.recvNothing(0);
        s.recv(10, ourAck(64, 0));
    }

    @Test
    void closeWaitNoWindowUpdate() {
        TcpTestSocket s = socketEstablished();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(new byte[] {1, 2, 3, 4}));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        s.recv(ourAck(5, 60)); // the FIN acknowledged with the reduced window
        assertEquals(4, s.socket.recv(new byte[32], 0, 32));
        s.recvNothing(); // no window update: the peer sends nothing more
    }

    @Test
    void timeWaitNoWindowUpdate() {
        TcpTestSocket s = socketFinWait2();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2).payload(new byte[] {1, 2, 3, 4}));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 2).ack(REMOTE_SEQ + 6).win(60));
        assertEquals(4, s.socket.recv(new byte[32], 0, 32));
        s.recvNothing();
    }

    // --- flow control ----------------------------------------------------------------------------

    @Test
    void pshTransmit() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a'));
        sendData(s, chunk('b'));
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')).psh()); // PSH on the segment that empties the buffer
    }

    @Test
    void pshReceive() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(0, "abcdef").psh());
        s.recv(ourAck(6, 58));
    }

    /** A 6-byte receive buffer filled by the peer and our ACK announcing window 0. */
    private static TcpTestSocket fullReceiveWindow() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 6);
        s.send(peerData(0, "abcdef"));
        s.recv(ourAck(6, 0));
        return s;
    }

    @Test
    void zeroWindowAck() {
        TcpTestSocket s = fullReceiveWindow();
        s.send(peerData(6, "123456"), ourAck(6, 0));
    }

    @Test
    void zeroWindowFin() {
        TcpTestSocket s = fullReceiveWindow();
        // The FIN is not data: taken although the window is full.
        s.send(send().fin().seq(REMOTE_SEQ + 1 + 6).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        s.recv(ourAck(7, 0));
    }

    /**
     * Data and FIN with more data than the window takes: the FIN follows bytes we did not take, so
     * it is not taken either (found against Linux's nc: taking it lost the rest of the stream).
     */
    @Test
    void finAfterDataBeyondTheWindowWaits() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 6);
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdefgh"));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.recv(ourAck(6, 0));
        assertRecv(s, "abcdef");
        s.recv(ourAck(6, 6)); // the window opens again
        // The peer sends the rest with its FIN again: both taken now.
        s.send(send().fin().seq(REMOTE_SEQ + 1 + 6).ack(LOCAL_SEQ + 1).payload("gh"));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        assertRecv(s, "gh");
    }

    @Test
    void zeroWindowAckOnWindowGrowth() {
        TcpTestSocket s = fullReceiveWindow();
        s.recvNothing();
        assertRecv(s, "abc");
        s.recv(ourAck(6, 3));
        assertRecv(s, "def");
        s.recv(ourAck(6, 6));
    }

    @Test
    void windowUpdateWithDelayAck() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(6, 6);
        s.socket.setAckDelay(10000);
        s.send(peerData(0, "abcdef"));
        s.recvNothing(5);
        // Silly-window avoidance (RFC 1122 4.2.3.3): the window reopens only by at least
        // min(buffer/2, MSS) = 3 bytes, where smoltcp announces 2 and then 4.
        assertRecv(s, "ab");
        s.recvNothing(5); // 2 bytes free: a silly window, not announced
        assertRecv(s, "c");
        s.recv(5, ourAck(6, 3)); // 3 bytes: a window reopening from zero is not delayed
        assertRecv(s, "d");
        s.recvNothing(5); // 3 -> 4: not worth a segment
        assertRecv(s, "ef");
        s.recv(5, ourAck(6, 6)); // 3 -> 6: doubled
    }

    @Test
    void fillPeerWindow() {
        TcpTestSocket s = socketEstablishedMss(256, MSS);
        sendData(s, chunk('a') + chunk('b') + chunk('c'));
        s.recv(data(0, chunk('a')), data(MSS, chunk('b')), data(2 * MSS, chunk('c')));
    }

    @Test
    void announceWindowAfterRead() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 6);
        s.send(peerData(0, "abc"));
        s.recv(ourAck(3, 3));
        assertRecv(s, "abc");
        s.recv(ourAck(3, 6)); // the window doubled: announced
        // An out-of-order segment is answered at once, with the window last announced.
        s.send(peerData(6, "def"), ourAck(3, 6));
        s.send(peerData(3, "abc"), ourAck(9, 0));
        assertRecv(s, "abcdef");
        s.recv(ourAck(9, 6)); // reopening from zero
    }

    // --- zero-window probes (smoltcp asserts its private timer; these assert when the probe goes) ---

    private static final String TEXT = "abcdef123456!@#$%^";

    /** Established with {@link #TEXT} queued and the peer's window closed at 0 ms. */
    private static TcpTestSocket closedWindow() {
        TcpTestSocket s = socketEstablished();
        sendData(s, TEXT);
        s.send(ackOf(0).win(0));
        return s;
    }

    /** The first byte probed at {@code at} ms and not before. */
    private static void probeAt(TcpTestSocket s, long at, int offset) {
        s.recvNothing(at - 1);
        s.recv(at, data(offset, TEXT.substring(offset, offset + 1)));
    }

    @Test
    void zeroWindowProbeEnterOnWinUpdate() {
        TcpTestSocket s = closedWindow();
        assertEquals(1000, s.pollAtMillis(0)); // a probe after one RTO, no data
        probeAt(s, 1000, 0);
    }

    @Test
    void zeroWindowProbeEnterOnSend() {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(0));
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(0)); // nothing to send, no probe
        sendData(s, TEXT);
        s.recvNothing(0); // the poll that starts the user-timeout clock (pollAt is "now" until then)
        assertEquals(1000, s.pollAtMillis(0));
    }

    @Test
    void zeroWindowProbeExit() {
        TcpTestSocket s = closedWindow();
        assertEquals(1000, s.pollAtMillis(0));
        s.send(ackOf(0).win(6));
        // Silly-window avoidance (RFC 1122 4.2.3.4): 6 bytes is less than an MSS and than half the
        // largest window the peer offered, and more data waits; the 200 ms override timer sends
        // them (smoltcp sends at once). The interface dispatches right after ingress in the same
        // poll; that dispatch arms the timer.
        s.recvNothing(0);
        assertEquals(200, s.pollAtMillis(0));
        s.recvNothing(199);
        s.recv(200, data(0, "abcdef"));
    }

    @Test
    void zeroWindowProbeExitAck() {
        TcpTestSocket s = closedWindow();
        probeAt(s, 1000, 0);
        s.send(1010, ackOf(1).win(6));
        // Silly-window avoidance: the 6-byte window is used when the 200 ms override, armed by the
        // dispatch that follows the ACK, expires.
        s.recvNothing(1010);
        s.recvNothing(1209);
        s.recv(1210, data(1, "bcdef1"));
    }

    @Test
    void zeroWindowProbeBackoffNackReply() {
        TcpTestSocket s = closedWindow();
        probeAt(s, 1000, 0);
        s.send(1100, ackOf(0).win(0));
        probeAt(s, 3000, 0);
        s.send(3100, ackOf(0).win(0));
        probeAt(s, 7000, 0);
    }

    @Test
    void zeroWindowProbeBackoffNoReply() {
        TcpTestSocket s = closedWindow();
        probeAt(s, 1000, 0);
        probeAt(s, 3000, 0);
    }

    @Test
    void zeroWindowProbeShift() {
        TcpTestSocket s = closedWindow();
        probeAt(s, 1000, 0);
        probeAt(s, 3000, 0);
        // The probe byte acknowledged, the window still closed: the probe timer starts afresh.
        s.send(3100, ackOf(1).win(0));
        probeAt(s, 4100, 1);
    }

    // --- reassembly ------------------------------------------------------------------------------

    @Test
    void outOfOrder() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(3, "def"), ourAck(0, 64));
        assertEquals(0, s.socket.recv(new byte[8], 0, 8));
        s.send(peerData(0, "abcdef"), ourAck(6, 58));
        assertRecv(s, "abcdef");
    }

    @Test
    void bufferWraparoundRx() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 6);
        s.send(peerData(0, "abc"));
        assertRecv(s, "abc");
        // smoltcp takes data up to the buffer's capacity; we take it up to the window edge we
        // announced (RFC 9293 3.10.7.4), so the window update goes out before the peer fills it.
        s.recv(ourAck(3, 6));
        s.send(peerData(3, "defghi"));
        byte[] dst = new byte[6];
        assertEquals(6, s.socket.recv(dst, 0, 6));
        assertEquals("defghi", new String(dst, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * smoltcp dequeues three bytes from the private transmit buffer; here the peer acknowledges
     * them instead, so "abcdef" wraps around the 9-byte buffer behind "yyy" in flight. Our segment
     * is copied out of the ring in one piece (smoltcp sends the contiguous part first).
     */
    @Test
    void bufferWraparoundTx() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(9, 64);
        s.socket.setNagleEnabled(false);
        sendData(s, "xxxyyy");
        s.recv(data(0, "xxxyyy"));
        s.send(ackOf(3));
        assertEquals(3, s.socket.sendQueue());
        sendData(s, "abcdef"); // not contiguous in the buffer
        s.recv(data(6, "abcdef"));
    }

    // --- packet filtering ------------------------------------------------------------------------

    @Test
    void doesntAcceptWrongPort() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 6);
        Seg seg = send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1);
        assertTrue(s.accepts(seg));
        Seg wrongDestination = seg.ports(Seg.REMOTE_PORT, Seg.LOCAL_PORT + 1);
        assertFalse(s.accepts(wrongDestination));
        Seg wrongSource = seg.ports(Seg.REMOTE_PORT + 1, Seg.LOCAL_PORT);
        assertFalse(s.accepts(wrongSource));
    }

    @Test
    void doesntAcceptWrongIp() {
        TcpTestSocket s = socketEstablished();
        Seg seg = peerData(0, "abcdef");
        assertTrue(s.accepts(REMOTE_ADDR, LOCAL_ADDR, seg));
        assertFalse(s.accepts(OTHER_ADDR, LOCAL_ADDR, seg));
        assertFalse(s.accepts(REMOTE_ADDR, OTHER_ADDR, seg));
    }

    @Test
    void outOfOrderSequence() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(0, "A"));
        s.send(peerData(2, "C"), ourAck(1, 63));
        s.send(peerData(4, "E"), ourAck(1, 63));
        s.send(peerData(1, "B"), ourAck(3, 61));
        s.send(peerData(3, "D"), ourAck(5, 59));
        s.send(peerData(5, "F"));
        assertRecv(s, "ABCDEF");
    }
}
