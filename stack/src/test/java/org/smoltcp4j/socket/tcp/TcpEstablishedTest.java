package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/** smoltcp's tcp.rs tests for the ESTABLISHED state, in its order. */
class TcpEstablishedTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Receives exactly {@code expected} from the socket. */
    static void assertRecv(TcpTestSocket s, String expected) {
        byte[] dst = new byte[expected.length() + 8];
        int n = s.socket.recv(dst, 0, expected.length());
        assertEquals(expected, new String(dst, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
    }

    static void sendData(TcpTestSocket s, String data) {
        assertEquals(data.length(), s.socket.send(bytes(data), 0, data.length()));
    }

    @Test
    void establishedRecv() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
        assertRecv(s, "abcdef");
    }

    @Test
    void peekSlice() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(10, 10);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("0123456"));
        byte[] peeked = new byte[10];
        byte[] received = new byte[10];
        int p = s.socket.peek(peeked, 0, 10);
        int r = s.socket.recv(received, 0, 10);
        assertEquals(7, p);
        assertArrayEquals(Arrays.copyOf(peeked, p), Arrays.copyOf(received, r));
    }

    @Test
    void peekSliceBufferWrap() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(10, 10);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("01234567"));
        assertRecv(s, "012345");
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 8).win(8));
        s.send(send().seq(REMOTE_SEQ + 1 + 8).ack(LOCAL_SEQ + 1).payload("01234"));
        byte[] peeked = new byte[10];
        byte[] received = new byte[10];
        int p = s.socket.peek(peeked, 0, 10);
        int r = s.socket.recv(received, 0, 10);
        assertEquals(7, p);
        assertEquals("6701234", new String(received, 0, r, StandardCharsets.US_ASCII));
        assertArrayEquals(Arrays.copyOf(peeked, p), Arrays.copyOf(received, r));
    }

    /** RFC 2018 pages 8-9, case 2: the first of eight 500-byte segments is lost. */
    @Test
    void establishedRfc2018Cases() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(4000, 4000);
        byte[] segment = new byte[500];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (byte) ('a' + i % 10);
        }
        byte[] got = new byte[500];
        for (int offset = 0; offset < 5000; offset += 500) {
            s.send(send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(segment));
            // Issue 6 (SWS): reading 500 bytes, less than the 536-byte MSS, moves the right edge every other time.
            s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + offset + 500).win(offset % 1000 == 0 ? 3500 : 3000));
            assertEquals(500, s.socket.recv(got, 0, 500));
            assertArrayEquals(segment, got);
        }
        for (int offset = 500; offset < 3500; offset += 500) {
            s.send(send().seq(REMOTE_SEQ + 1 + offset + 5000).ack(LOCAL_SEQ + 1).payload(segment),
                    recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 5000).win(4000)
                            .sack(REMOTE_SEQ + 1 + 5500, REMOTE_SEQ + 1 + 5500 + offset));
        }
    }

    @Test
    void establishedSackNoOverflowOnNearMaxSeqnumber() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(64, 64);
        // Move RCV.NXT to -4 by receiving and reading data up to it.
        int toRead = -4 - (REMOTE_SEQ + 1);
        byte[] chunk = new byte[60];
        int seq = REMOTE_SEQ + 1;
        byte[] sink = new byte[64];
        while (seq != -4) {
            int n = Math.min(60, -4 - seq);
            s.send(send().seq(seq).ack(LOCAL_SEQ + 1).payload(Arrays.copyOf(chunk, n)));
            s.socket.recv(sink, 0, 64);
            s.recv(recv().seq(LOCAL_SEQ + 1).ack(seq + n));
            seq += n;
        }
        assertEquals(10001 - 5, toRead);
        s.send(send().seq(-4 + 10).ack(LOCAL_SEQ + 1).payload("AAAAAAAAAA"),
                recv().seq(LOCAL_SEQ + 1).ack(-4).win(64).sack(-4 + 10, -4 + 20));
    }

    @Test
    void establishedSlidingWindowRecv() {
        TcpTestSocket s = TcpFixtures.socketEstablishedScaled(64, 262143, 0);
        byte[] segment = new byte[1400];
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(segment));
        // 262143 - 1400 bytes free, advertised shifted right by 2
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1400).win(65185));
    }

    @Test
    void establishedSend() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
        assertEquals(6, s.socket.sendQueue());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6));
        assertEquals(0, s.socket.sendQueue());
        sendData(s, "foobar");
        s.recv(recv().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1).payload("foobar"));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6 + 6));
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void establishedSendNoAckSend() {
        TcpTestSocket s = socketEstablished();
        s.socket.setNagleEnabled(false);
        sendData(s, "abcdef");
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
        sendData(s, "foobar");
        s.recv(recv().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1).payload("foobar"));
    }

    @Test
    void establishedSendBufGtWin() {
        byte[] data = new byte[32];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(16));
        assertEquals(32, s.socket.send(data, 0, 32));
        // Issue 6 (SWS): 16 of 32 bytes, below the MSS and half the peer's largest window (64), waits for
        // the override timer.
        s.recvNothing(0);
        s.recv(200, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload(Arrays.copyOf(data, 16)));
    }

    @Test
    void establishedSendWindowShrink() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
        assertEquals(6, s.socket.sendQueue());
        // The peer sends data and shrinks its window below what is in flight (allowed, if frowned upon).
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(3).payload("xyzxyz"));
        assertEquals(6, s.socket.sendQueue());
        sendData(s, "foobar");
        s.recv(recv().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1 + 6).win(64 - 6));
    }

    @Test
    void establishedReceivePartiallyOutsideWindow() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertRecv(s, "abc");
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        assertRecv(s, "def");
    }

    @Test
    void establishedReceivePartiallyOutsideWindowFin() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertRecv(s, "abc");
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        assertRecv(s, "def");
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
    }

    /** smoltcp sets local_seq_no to i32::MAX; ours takes that ISN from its sequence source. */
    @Test
    void establishedSendWrap() {
        int isn = Integer.MAX_VALUE - 1;
        TcpTestSocket s = new TcpTestSocket(64, 64, isn);
        s.socket.listen(Seg.LOCAL_PORT);
        s.send(send().syn().seq(REMOTE_SEQ).noAck());
        s.recv(TcpFixtures.synAck().seq(isn));
        s.send(send().seq(REMOTE_SEQ + 1).ack(isn + 1));
        sendData(s, "abc");
        s.recv(1000, recv().seq(isn + 1).ack(REMOTE_SEQ + 1).payload("abc")); // seq 2^31 - 1 .. 2^31 + 2
        s.send(send().seq(REMOTE_SEQ + 1).ack(isn + 1 + 3)); // acknowledged across the sign change
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void establishedNoAck() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).noAck());
    }

    @Test
    void establishedBadAck() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ - 1)); // already acknowledged
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 10), // not yet sent
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(1, s.socket.challengeAcks());
    }

    @Test
    void establishedBadSeq() {
        TcpTestSocket s = socketEstablished();
        Seg outside = send().seq(REMOTE_SEQ + 1 + 256).ack(LOCAL_SEQ + 1);
        Seg challenge = recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1);
        s.send(outside, challenge);
        s.send(100, outside); // rate-limited
        s.send(2000, outside, challenge);
    }

    @Test
    void oldDataAckNotRateLimited() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
        assertRecv(s, "abcdef");
        Seg again = send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef");
        Seg ack = recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58); // issue 6 (SWS): the right edge stays
        s.send(100, again, ack);
        s.send(200, again, ack);
    }

    @Test
    void badSeqRstDroppedSilently() {
        TcpTestSocket s = socketEstablished();
        s.send(send().rst().seq(REMOTE_SEQ + 1 + 256).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.send(100, send().rst().seq(REMOTE_SEQ + 1 + 256).ack(LOCAL_SEQ + 1).payload("abcdef"));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void badSeqSynWithDataRateLimited() {
        TcpTestSocket s = socketEstablished();
        Seg syn = send().syn().seq(REMOTE_SEQ + 1 + 256).ack(LOCAL_SEQ + 1).payload("abcdef");
        s.send(syn, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(100, syn);
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void establishedFin() {
        TcpTestSocket s = socketEstablished();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
    }

    @Test
    void establishedFinAfterMissing() {
        TcpTestSocket s = socketEstablished();
        s.send(send().fin().seq(REMOTE_SEQ + 1 + 6).ack(LOCAL_SEQ + 1).payload("123456"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        // smoltcp drops the FIN and waits for its retransmission; we remember it, as Linux (TcpOutOfOrderFinTest).
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6 + 6 + 1).win(52));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
    }

    @Test
    void establishedSendFin() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1).payload("abcdef"));
    }

    @Test
    void establishedRst() {
        TcpTestSocket s = socketEstablished();
        s.send(send().rst().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        assertEquals(TcpSocket.INVALID_STATE, s.socket.send(new byte[1], 0, 1));
        assertEquals(TcpSocket.INVALID_STATE, s.socket.recv(new byte[1], 0, 1));
    }

    @Test
    void establishedRstNoAck() {
        TcpTestSocket s = socketEstablished();
        s.send(send().rst().seq(REMOTE_SEQ + 1).noAck());
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void establishedClose() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
    }

    @Test
    void establishedAbort() {
        TcpTestSocket s = socketEstablished();
        s.socket.abort();
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        s.recv(recv().rst().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
    }

    @Test
    void establishedRstBadSeq() {
        TcpTestSocket s = socketEstablished();
        s.send(send().rst().seq(REMOTE_SEQ).noAck()); // below the window: dropped
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.send(2000, send().rst().seq(REMOTE_SEQ + 1).noAck());
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    /** RFC 5961 3.2 (not in smoltcp, which resets on any in-window RST): only RCV.NXT resets. */
    @Test
    void establishedRstInWindowNotExactIsChallenged() {
        TcpTestSocket s = socketEstablished();
        s.send(send().rst().seq(REMOTE_SEQ + 1 + 10).noAck(), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    /** RFC 5961 4.2: an in-window SYN on an established connection gets a challenge ACK. */
    @Test
    void establishedInWindowSynIsChallenged() {
        TcpTestSocket s = socketEstablished();
        s.send(send().syn().seq(REMOTE_SEQ + 1).noAck(), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void establishedBadSeqChallengeAckUpdated() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("a"));
        s.send(2000, send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1), recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2).win(63));
    }

    /**
     * An empty segment at RCV.NXT - 1 (a keep-alive, and how Linux probes a zero window) is
     * acknowledged every time, not once a second as challenge ACKs: found against Linux, whose
     * second zero-window probe, 400 ms after the first, went unanswered.
     */
    @Test
    void establishedKeepAliveProbesAreAllAcknowledged() {
        TcpTestSocket s = socketEstablished();
        Seg probe = send().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1);
        s.send(0, probe, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(200, probe, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(600, probe, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(0, s.socket.challengeAcks());
    }
}
