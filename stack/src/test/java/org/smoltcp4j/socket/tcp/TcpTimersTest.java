package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_PORT;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.assertRecv;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socket;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Delayed ACK, Nagle, zero-window probes, window updates, keep-alive, user timeout and the
 * emitter refusing: the timer-driven parts of smoltcp's tcp.rs tests, in its order.
 */
class TcpTimersTest {

    // --- timeouts --------------------------------------------------------------------------------

    @Test
    void connectTimeout() {
        TcpTestSocket s = socket();
        s.socket.setTimeout(2000000);
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        Seg syn = recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS).ws(0).sackOk();
        s.recv(0, syn);
        s.recv(1000, syn);
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
        s.recv(2000, recv().rst().seq(LOCAL_SEQ + 1).ack(0));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void establishedTimeout() {
        TcpTestSocket s = socketEstablished();
        s.socket.setTimeout(2500000);
        sendData(s, "abcdef");
        s.recv(100, data(0, "abcdef")); // the timeout counts from here
        s.recv(1100, data(0, "abcdef"));
        s.recvNothing(2599);
        s.recv(2600, recv().rst().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void timeoutNotWhenPeerAnswers() {
        TcpTestSocket s = socketEstablished();
        s.socket.setTimeout(1500000);
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        s.send(1000, ackOf(0)); // anything from the peer restarts the count
        s.recv(1000, data(0, "abcdef"));
        s.recvNothing(2499);
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    // --- keep-alive ------------------------------------------------------------------------------

    @Test
    void sendsKeepAlive() {
        TcpTestSocket s = socketEstablished();
        s.socket.setKeepAlive(100000);
        Seg keepAlive = recv().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).payload(new byte[] {0});
        s.recv(0, keepAlive); // switching it on fires at once
        s.recvNothing(95);
        s.recv(100, keepAlive);
        s.send(105, ackOf(0));
        s.recvNothing(195);
        s.recv(205, keepAlive);
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void keepAliveWithTimeoutAborts() {
        TcpTestSocket s = socketEstablished();
        s.socket.setKeepAlive(1000000);
        s.socket.setTimeout(2500000);
        Seg keepAlive = recv().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).payload(new byte[] {0});
        s.recv(0, keepAlive);
        s.recv(1000, keepAlive);
        s.recv(2000, keepAlive);
        s.recv(2500, recv().rst().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
    }

    @Test
    void keepAliveIsAnsweredByPeer() {
        TcpTestSocket s = socketEstablished();
        // The peer's keep-alive (one old byte below RCV.NXT) is answered with an ACK, not challenged.
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).payload(new byte[] {0}), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
    }

    // --- delayed ACK -----------------------------------------------------------------------------

    @Test
    void delayedAck() {
        TcpTestSocket s = socketEstablished();
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        s.recvNothing(0);
        assertEquals(10, s.pollAtMillis(0));
        s.recvNothing(9);
        s.recv(10, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61));
    }

    @Test
    void delayedAckWin() {
        TcpTestSocket s = socketEstablished();
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertRecv(s, "abc");
        s.recvNothing(0);
        // Issue 6 (SWS): 3 bytes read move the right edge less than min(64 / 2, MSS): it stays, 61 left.
        s.recv(11, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61));
    }

    @Test
    void delayedAckReply() {
        TcpTestSocket s = socketEstablished();
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertRecv(s, "abc");
        sendData(s, "xyz");
        // The reply carries the ACK: no pure ACK before it. Window 61: the right edge stays (issue 6, SWS).
        s.recv(0, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61).payload("xyz"));
    }

    @Test
    void delayedAckEveryRmss() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 2048);
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        byte[] half = new byte[300];
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(half));
        s.recvNothing(0);
        // More than one MSS (536, the peer sent no MSS option) unacknowledged: ACK at once, after the
        // one dispatch it waits for the application's read (issue 6; nobody reads here).
        s.send(send().seq(REMOTE_SEQ + 1 + 300).ack(LOCAL_SEQ + 1).payload(half));
        s.recvNothing(0);
        s.recv(0, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 600).win(2048 - 600));
    }

    @Test
    void delayedAckEveryRmssOrMore() {
        int mss = TcpSocket.DEFAULT_MSS; // the peer sent no MSS option
        TcpTestSocket s = socketEstablishedWithBufferSizes(2 * mss, 2 * mss);
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(new byte[mss]));
        s.recvNothing(0); // exactly one MSS: still delayed
        s.send(send().seq(REMOTE_SEQ + 1 + mss).ack(LOCAL_SEQ + 1).payload("a"));
        s.send(send().seq(REMOTE_SEQ + 1 + mss + 1).ack(LOCAL_SEQ + 1).payload("b"));
        s.recvNothing(0); // issue 6: one dispatch for the application's read (nobody reads here)
        s.recv(0, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + mss + 2).win(mss - 2));
    }

    @Test
    void outOfOrderDataIsAckedAtOnce() {
        TcpTestSocket s = outOfOrderDataThenTheGapFilled();
        assertRecv(s, "abcdef");
    }

    /** With the delayed ACK on, "def" arrives before "abc": each is acknowledged at once. */
    private static TcpTestSocket outOfOrderDataThenTheGapFilled() {
        TcpTestSocket s = socketEstablished();
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        s.send(send().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1).payload("def"), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
        return s;
    }

    @Test
    void afterOutOfOrderDataSixteenSegmentsAreAckedAtOnceThenTheDelayIsBack() {
        TcpTestSocket s = outOfOrderDataThenTheGapFilled();
        // Issue 6, Linux's quick-ACK mode: a sender whose window the loss shrank is not kept waiting.
        int received = 6;
        for (int i = 0; i < 16; i++) {
            s.send(send().seq(REMOTE_SEQ + 1 + received).ack(LOCAL_SEQ + 1).payload("g"));
            received++;
            s.recv(0, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + received).win(64 - received));
        }
        s.send(send().seq(REMOTE_SEQ + 1 + received).ack(LOCAL_SEQ + 1).payload("h"));
        s.recvNothing(9);
        s.recv(10, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + received + 1).win(64 - received - 1));
    }

    @Test
    void tooManyHolesDropsSegment() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 64);
        for (int i = 0; i < 4; i++) {
            s.send(send().seq(REMOTE_SEQ + 1 + 2 + 4 * i).ack(LOCAL_SEQ + 1).payload("x"),
                    recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        }
        s.send(send().seq(REMOTE_SEQ + 1 + 40).ack(LOCAL_SEQ + 1).payload("y")); // a fifth gap: dropped, no reply
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("ab"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61));
    }

    // --- Nagle -----------------------------------------------------------------------------------

    /** smoltcp's remote_mss of 6 is our smallest, 48: chunks of 48 and a half chunk of 24. */
    @Test
    void nagle() {
        int mss = TcpSocket.MIN_REMOTE_MSS;
        TcpTestSocket s = TcpFixtures.socketEstablishedMss(256, mss);
        String a = "a".repeat(mss);
        String f = "f".repeat(mss);
        String half = "b".repeat(mss / 2);
        sendData(s, a);
        s.recv(0, data(0, a));
        sendData(s, f);
        s.recv(0, data(mss, f)); // data in flight: a full segment still goes
        sendData(s, half + half + half);
        s.recv(0, data(2 * mss, half + half)); // ...but the small rest waits
        s.send(ackOf(3 * mss));
        s.recv(0, data(3 * mss, half)); // nothing in flight: it goes
    }

    @Test
    void nagleFinIsNotDelayed() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        sendData(s, "foobar");
        s.socket.close();
        s.recv(0, data(6, "foobar").fin());
    }

    @Test
    void nagleOff() {
        TcpTestSocket s = socketEstablished();
        s.socket.setNagleEnabled(false);
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        sendData(s, "foobar");
        s.recv(0, data(6, "foobar"));
    }

    @Test
    void finalPacketInStreamDoesntWaitForNagle() {
        int mss = TcpSocket.MIN_REMOTE_MSS;
        TcpTestSocket s = TcpFixtures.socketEstablishedMss(256, mss);
        sendData(s, "a".repeat(mss) + "0");
        s.socket.close();
        s.recvExact(0, data(0, "a".repeat(mss)));
        s.recvExact(0, data(mss, "0").fin());
    }

    // --- zero window -----------------------------------------------------------------------------

    @Test
    void zeroWindowProbeBacksOff() {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(0));
        sendData(s, "abcdef");
        s.recvNothing(0);
        s.recvNothing(999);
        Seg probe = data(0, "a");
        s.recv(1000, probe);
        s.send(1010, ackOf(0).win(0));
        s.recvNothing(2999);
        s.recv(3000, probe); // 2 s later
        s.recvNothing(6999);
        s.recv(7000, probe); // 4 s later
        s.send(7010, ackOf(0).win(64)); // the window opens
        s.recv(7010, data(0, "abcdef"));
    }

    @Test
    void zeroWindowAckedProbe() {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(0));
        sendData(s, "abcdef");
        s.recv(1000, data(0, "a"));
        s.send(1010, ackOf(1).win(0)); // the probe byte was taken
        assertEquals(5, s.socket.sendQueue());
        s.send(1020, ackOf(1).win(64));
        s.recv(1020, data(1, "bcdef"));
    }

    @Test
    void windowUpdateAfterRead() {
        TcpTestSocket s = socketEstablished();
        byte[] full = new byte[64];
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(full));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(0));
        byte[] sink = new byte[64];
        assertEquals(10, s.socket.recv(sink, 0, 10));
        s.recvNothing(); // issue 6 (SWS): 10 bytes are less than min(64 / 2, MSS), no window offered yet
        assertEquals(22, s.socket.recv(sink, 0, 22));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(32)); // a window reopening from zero
        assertEquals(5, s.socket.recv(sink, 0, 5));
        s.recvNothing(); // 32 -> 37 is less than double, and SWS would keep the edge anyway
        assertEquals(27, s.socket.recv(sink, 0, 64));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(64));
    }

    @Test
    void zeroWindowDataIsAcknowledgedNotTaken() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(new byte[64]));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(0));
        s.send(send().seq(REMOTE_SEQ + 1 + 64).ack(LOCAL_SEQ + 1).payload("x"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(0));
        assertEquals(64, s.socket.recvQueue());
    }

    // --- the emitter refusing --------------------------------------------------------------------

    @Test
    void refusedSegmentIsSentLater() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.refuse = true;
        assertEquals(Socket.DISPATCH_BLOCKED, s.socket.dispatch(s, s));
        assertEquals(PacketEmitter.DEVICE_BUSY, s.socket.blockedStatus());
        s.refuse = false;
        s.recv(0, data(0, "abcdef"));
    }

    @Test
    void ttlIsUsed() {
        TcpTestSocket s = socketEstablished();
        s.socket.setTtl(7);
        sendData(s, "a");
        s.recv(0, data(0, "a"));
        assertEquals(7, s.lastTtl());
        assertThrows(IllegalArgumentException.class, () -> s.socket.setTtl(0));
    }

    @Test
    void optionValidation() {
        TcpSocket socket = socket().socket;
        assertEquals("ACK delay must be >= 0 microseconds, got -1",
                assertThrows(IllegalArgumentException.class, () -> socket.setAckDelay(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> socket.setTimeout(-1));
        assertThrows(IllegalArgumentException.class, () -> socket.setKeepAlive(-1));
        assertThrows(IllegalArgumentException.class, () -> socket.setTimeWait(-1));
        assertEquals("RTO bounds must satisfy 1 <= min <= max, got 2000..1000",
                assertThrows(IllegalArgumentException.class, () -> socket.setRtoBounds(2000, 1000)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> socket.send(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> socket.recv(new byte[4], -1, 2));
        assertEquals("no TCP state 11", assertThrows(IllegalArgumentException.class, () -> TcpSocket.stateName(11)).getMessage());
    }

    @Test
    void inPlaceSendAndRecv() {
        TcpTestSocket s = socketEstablished();
        int at = s.socket.sendWindowStart();
        System.arraycopy("abc".getBytes(), 0, s.socket.sendBuffer(), at, 3);
        assertEquals(3, s.socket.commitSend(3));
        s.recv(0, data(0, "abc"));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 4).payload("xyz"));
        int length = s.socket.recvWindowLength();
        assertEquals(3, length);
        assertEquals("xyz", new String(s.socket.recvBuffer(), s.socket.recvWindowStart(), length));
        s.socket.commitRecv(3);
        assertEquals(0, s.socket.recvQueue());
        s.socket.abort();
        assertEquals(TcpSocket.INVALID_STATE, s.socket.commitSend(0));
    }
}
