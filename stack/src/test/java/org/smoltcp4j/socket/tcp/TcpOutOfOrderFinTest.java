package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.assertRecv;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait2;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.socket.TcpSocket;

/**
 * A FIN that arrives before the data in front of it (the segment before it was lost) is
 * remembered, as Linux keeps it in its out-of-order queue, and taken the moment the gap fills:
 * the peer does not have to retransmit it after its RTO.
 */
class TcpOutOfOrderFinTest {

    /** The peer's segment at {@code offset} past REMOTE_SEQ + 1, acknowledging LOCAL_SEQ + 1. */
    private static Seg peerData(int offset, String payload) {
        return send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(payload);
    }

    /** Our ACK up to {@code offset} past REMOTE_SEQ + 1, announcing {@code window}. */
    private static Seg ourAck(int offset, int window) {
        return recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + offset).win(window);
    }

    private static void assertFinished(TcpTestSocket s) {
        assertEquals(TcpSocket.FINISHED, s.socket.recv(new byte[8], 0, 8));
    }

    @Test
    void finAfterAGapIsTakenWhenTheGapFills() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(3, "def").fin(), ourAck(0, 64));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.send(peerData(0, "abc"), ourAck(7, 58));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        assertRecv(s, "abcdef");
        assertFinished(s);
        s.recvNothing();
    }

    @Test
    void bareFinAfterAGapIsAcknowledgedAtOnceEvenWithTheDelayedAck() {
        TcpTestSocket s = socketEstablished();
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        // RFC 5681 4.2: an out-of-order segment gets an immediate duplicate ACK, a bare FIN too (as Linux).
        s.send(peerData(3, "").fin(), ourAck(0, 64));
        s.send(peerData(0, "abc"), ourAck(4, 61));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        assertRecv(s, "abc");
        assertFinished(s);
    }

    @Test
    void finAfterAGapInFinWait2EntersTimeWaitWhenTheGapFills() {
        TcpTestSocket s = socketFinWait2();
        Seg afterOurFin = send().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1 + 1).payload("def").fin();
        s.send(afterOurFin, recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1).win(64));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1).payload("abc"),
                recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 7).win(58));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void duplicateOutOfOrderFinIsTakenOnce() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(3, "def").fin(), ourAck(0, 64));
        s.send(peerData(3, "def").fin(), ourAck(0, 64));
        s.send(peerData(0, "abc"), ourAck(7, 58));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        // The peer's retransmission of its FIN, its ACK lost: acknowledged again, nothing else changes.
        s.send(peerData(3, "def").fin(), ourAck(7, 58));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        assertRecv(s, "abcdef");
        assertFinished(s);
    }

    /**
     * A protocol violation: the peer moved its FIN, further on or further back. As Linux, the first
     * FIN the stream reaches ends it, and the data beyond it never reaches the application.
     */
    @ParameterizedTest(name = "second FIN after \"{0}\"")
    @CsvSource({"defgh, abcdef", "d, abcd"})
    void theFirstOfTwoFinPositionsEndsTheStream(String secondPayload, String stream) {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(3, "def").fin(), ourAck(0, 64));
        s.send(peerData(3, secondPayload).fin(), ourAck(0, 64));
        s.send(peerData(0, "abc"), ourAck(stream.length() + 1, 64 - stream.length()));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        assertRecv(s, stream);
        assertFinished(s);
    }

    /**
     * Data at the last 4 bytes of the 64-byte window, then the FIN: remembered when the data fits
     * (the FIN at the right edge, as an in-order one is taken there); when it does not, the FIN
     * lies beyond the window and is dropped.
     */
    @ParameterizedTest(name = "\"{0}\" then FIN, within the window: {1}")
    @CsvSource({"wxyz, true", "wxyz0123, false"})
    void aFinIsRememberedOnlyWithinTheWindow(String payload, boolean withinWindow) {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(60, payload).fin(), ourAck(0, 64));
        s.send(peerData(0, "x".repeat(60)), ourAck(withinWindow ? 65 : 64, 0));
        assertEquals(withinWindow ? TcpSocket.CLOSE_WAIT : TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void resetForgetsTheRememberedFin() {
        TcpTestSocket s = socketEstablished();
        s.send(peerData(3, "def").fin(), ourAck(0, 64));
        s.send(send().rst().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        // The same four-tuple and sequence numbers again: the old connection's FIN must not end the new one.
        s.socket.listen(LOCAL_PORT);
        s.send(send().syn().seq(REMOTE_SEQ).noAck());
        s.recv(synAck().win(64));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        s.send(peerData(0, "abcdef"));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.recv(ourAck(6, 58));
    }
}
