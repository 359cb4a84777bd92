package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedMss;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/**
 * The bugs {@link TcpSimulationTest} found, each pinned down segment by segment (issue 6).
 */
class TcpSimulationFindingsTest {

    private static final int MSS = TcpSocket.MIN_REMOTE_MSS;

    private static String chunk(char c, int length) {
        return String.valueOf(c).repeat(length);
    }

    /**
     * Seed 27000: the window closed while data was in flight (the window update after it was lost,
     * or overtaken by the older zero window); the timeout then had nothing it could send, cleared
     * the timer, and both ends waited for ever. Now it probes the closed window.
     */
    @Test
    void timeoutOnClosedWindowStartsProbing() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        s.send(10, ackOf(0).win(0)); // nothing acknowledged, and the window closes
        s.recv(1000, data(0, "a"));  // the timeout: a probe, not silence
        assertNotEquals(Long.MAX_VALUE, s.pollAtMillis(1000), "no timer runs for the closed window");
        s.send(1010, ackOf(0).win(64));
        s.recv(1010, data(0, "abcdef"));
    }

    /**
     * Seed 42000: a timeout takes SND.NXT back to SND.UNA while the peer already holds more. An ACK
     * sent with that SND.NXT lies below the peer's window, so the peer drops it, ACK field and all;
     * when both ends are in that state, neither ever learns what the other has. Pure ACKs carry
     * SND.MAX.
     */
    @Test
    void pureAckAfterTimeoutCarriesHighestSequenceSent() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a', MSS) + chunk('b', MSS));
        s.recvExact(0, data(0, chunk('a', MSS)));
        s.recvExact(0, data(MSS, chunk('b', MSS)).psh());
        s.recvExact(1000, data(0, chunk('a', MSS))); // the timeout: go back to SND.UNA
        // Data from the peer, whose window now ends where our SND.NXT is: only a pure ACK can go.
        s.send(1010, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(MSS).payload("xyz"));
        s.recvExact(1010, recv().seq(LOCAL_SEQ + 1 + 2 * MSS).ack(REMOTE_SEQ + 1 + 3).win(61));
        // Seed 266003: that ACK must not move SND.NXT up to SND.MAX, or the rest is never resent.
        s.send(1020, send().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1 + MSS).win(128));
        s.recv(1020, recv().seq(LOCAL_SEQ + 1 + MSS).ack(REMOTE_SEQ + 1 + 3).win(61).payload(chunk('b', MSS)));
    }

    /**
     * Seeds 59002 and 114001: the peer's window cut a segment short; the fast retransmission of it
     * took a full MSS and passed the window's right edge. It stays within the window.
     */
    @Test
    void fastRetransmitStaysWithinWindow() {
        TcpTestSocket s = socketEstablishedMss(256, MSS);
        s.send(ackOf(0).win(MSS - 1));
        sendData(s, chunk('a', MSS));
        s.recvNothing(0); // silly-window avoidance holds the short segment back until its override timer runs out
        long overrideAt = s.pollAtMillis(0);
        s.recvExact(overrideAt, data(0, chunk('a', MSS - 1)));
        for (int i = 0; i < 3; i++) {
            s.send(overrideAt + 10, ackOf(0).win(MSS - 1));
        }
        s.recvExact(overrideAt + 10, data(0, chunk('a', MSS - 1)));
        assertEquals(1, s.socket.fastRetransmits());
    }

    /**
     * Clean network, 1-5 ms jitter (about 3 retransmission timeouts per connection): the peer's data
     * segment was overtaken by its own later ACK, and the segment was dropped whole because its ACK
     * was below SND.UNA. Such an ACK is ignored (its window too); the data is taken.
     */
    @Test
    void dataWithAnAckOvertakenByALaterAckIsTaken() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        s.send(10, ackOf(6)); // the later ACK arrives first
        s.send(11, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(0).payload("xyz"));
        assertEquals(3, s.socket.recvQueue());
        assertEquals(256, s.socket.remoteWindow(), "the stale segment's window was taken");
        s.recv(11, recv().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1 + 3).win(61));
    }

    /**
     * Seed 21018 ({@code -Dsim.seeds=20}): only our FIN was in flight when three duplicate ACKs came;
     * the fast retransmission found no data to resend, and the retransmission timer it had taken over
     * was gone, so the FIN never went again. It goes again at once.
     */
    @Test
    void fastRetransmitOfALoneFinResendsIt() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(0, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        for (int i = 0; i < 3; i++) {
            s.send(10, ackOf(0));
        }
        s.recv(10, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(1, s.socket.fastRetransmits());
    }

    /**
     * Seed 60031: the peer filled our window, part of it was lost, and its ACKs came from SND.MAX,
     * which is our window's right edge; taken as outside the window, they were dropped with their
     * ACK field, for a simulated day. An empty segment at the right edge is taken, as Linux does.
     */
    @Test
    void emptySegmentAtTheRightEdgeIsTaken() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        s.send(10, send().seq(REMOTE_SEQ + 1 + 64).ack(LOCAL_SEQ + 1 + 6)); // we offered 64 bytes
        assertEquals(0, s.socket.sendQueue(), "its ACK was not taken");
    }
}
