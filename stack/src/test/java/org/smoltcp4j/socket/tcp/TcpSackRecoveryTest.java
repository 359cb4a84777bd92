package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6 at the socket: RFC 6675 recovery from the peer's SACK blocks. Ten full segments (SMSS
 * 536, the peer sent no MSS) go out; the peer loses segments 1 and 4 and SACKs everything else.
 * No congestion control (smoltcp's default), so only the scoreboard decides what goes again.
 */
class TcpSackRecoveryTest {

    private static final int SMSS = 536;
    private static final int WINDOW = 65535;
    private static final int SEGMENTS = 10;

    private static String segment(int index) {
        return String.valueOf((char) ('a' + index)).repeat(SMSS);
    }

    private static Seg dataSegment(int index) {
        return data(index * SMSS, segment(index));
    }

    /** SACK block of segments {@code [from, to)}. */
    private static Seg sacking(Seg ack, int from, int to) {
        return ack.sack(LOCAL_SEQ + 1 + from * SMSS, LOCAL_SEQ + 1 + to * SMSS);
    }

    /** The peer's ACK of segments before {@code next}, window {@link #WINDOW}. */
    private static Seg ackUpTo(int next) {
        return ackOf(next * SMSS).win(WINDOW);
    }

    /** Established (with SACK when {@code sack}), all ten segments sent at 0 ms. */
    private static TcpTestSocket tenSegmentsInFlight(boolean sack) {
        TcpTestSocket s = sack ? TcpFixtures.socketEstablishedWithSack(20000, 64)
                : TcpFixtures.socketEstablishedWithBufferSizes(20000, 64);
        s.send(ackUpTo(0));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SEGMENTS; i++) {
            text.append(segment(i));
        }
        sendData(s, text.toString());
        for (int i = 0; i < SEGMENTS; i++) {
            Seg sent = s.dispatch(0);
            assertEquals(dataSegment(i).withoutPsh(), sent.withoutPsh());
        }
        s.recvNothing(0);
        return s;
    }

    /** Segment 0 acknowledged, then two duplicate ACKs SACKing segments 2 and 3: not yet a loss. */
    private static TcpTestSocket twoSackedDuplicates() {
        TcpTestSocket s = tenSegmentsInFlight(true);
        s.send(10, ackUpTo(1));
        s.send(11, sacking(ackUpTo(1), 2, 3));
        s.send(12, sacking(ackUpTo(1), 2, 4));
        assertFalse(s.socket.inFastRecovery()); // two segments SACKed above: not yet lost
        return s;
    }

    @Test
    void bothHolesGoAgainAtOnceInOrderAndNothingSackedIsResent() {
        TcpTestSocket s = twoSackedDuplicates();
        s.send(13, sacking(sacking(ackUpTo(1), 5, 6), 2, 4)); // third duplicate ACK
        assertTrue(s.socket.inFastRecovery());
        for (int i = 7; i <= SEGMENTS; i++) {
            s.send(13, sacking(sacking(ackUpTo(1), 5, i), 2, 4));
        }
        // Segment 4 now has three SACKed segments above it: lost too. Both holes go, in order,
        // before any partial ACK; segments 8 and 9 above the last hole are SACKed, so nothing else.
        s.recv(20, dataSegment(1), dataSegment(4));
        s.send(30, sacking(ackUpTo(4), 5, SEGMENTS)); // partial ACK: the scoreboard has nothing left to resend
        s.recvNothing(30);
        assertTrue(s.socket.inFastRecovery());
        s.send(31, ackUpTo(SEGMENTS));
        assertFalse(s.socket.inFastRecovery());
        s.recvNothing(40);
        assertEquals(1, s.socket.fastRetransmits());
        assertEquals(0, s.socket.retransmissionTimeouts());
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void aRetransmissionLostAgainGoesAgainOnceALaterOneArrivesNotAfterTheTimeout() {
        TcpTestSocket s = twoSackedDuplicates();
        for (int i = 6; i <= SEGMENTS; i++) {
            s.send(13, sacking(sacking(ackUpTo(1), 5, i), 2, 4));
        }
        s.recv(20, dataSegment(1), dataSegment(4));
        assertEquals(0, s.socket.lostRetransmissions());
        // Segment 4's retransmission arrived; segment 1's, sent before it, did not: it goes again now.
        s.send(30, sacking(ackUpTo(1), 2, SEGMENTS));
        assertEquals(1, s.socket.lostRetransmissions());
        s.recv(30, dataSegment(1));
        s.send(31, ackUpTo(SEGMENTS));
        assertFalse(s.socket.inFastRecovery());
        s.recvNothing(40);
        assertEquals(0, s.socket.retransmissionTimeouts());
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void enoughSackedAboveStartsTheRecoveryBeforeTheThirdDuplicate() {
        TcpTestSocket s = tenSegmentsInFlight(true);
        s.send(10, ackUpTo(1));
        s.send(11, sacking(ackUpTo(1), 2, 5)); // one duplicate ACK, but three segments SACKed above SND.UNA
        assertTrue(s.socket.inFastRecovery());
        assertEquals(1, s.socket.duplicateAcks());
        s.recv(20, dataSegment(1));
    }

    @Test
    void blocksOutsideTheFlightAreIgnored() {
        TcpTestSocket s = tenSegmentsInFlight(true);
        s.send(10, ackUpTo(1));
        int beyond = LOCAL_SEQ + 1 + SEGMENTS * SMSS;
        // A D-SACK below SND.UNA, a block past SND.NXT, then one that starts at SND.UNA: none count.
        s.send(11, ackUpTo(1).sack(LOCAL_SEQ + 1, LOCAL_SEQ + 1 + SMSS));
        s.send(12, ackUpTo(1).sack(beyond, beyond + 3 * SMSS));
        assertFalse(s.socket.inFastRecovery());
        s.send(13, sacking(ackUpTo(1), 1, 5)); // the third duplicate: NewReno's fast retransmit
        assertTrue(s.socket.inFastRecovery());
        // With only ignored blocks, NextSeg finds nothing beyond the fast retransmission.
        s.recv(20, dataSegment(1));
    }

    /** Without SACK, or with a peer that negotiated it but sends no blocks: NewReno, unchanged. */
    @ParameterizedTest(name = "SACK negotiated: {0}")
    @ValueSource(booleans = {false, true})
    void withoutBlocksNewRenoRepairsOneHolePerPartialAck(boolean sack) {
        TcpTestSocket s = tenSegmentsInFlight(sack);
        s.send(10, ackUpTo(1));
        for (int i = 0; i < 3; i++) {
            s.send(11 + i, ackUpTo(1));
        }
        s.recv(20, dataSegment(1)); // one hole only: the second is unknown until the partial ACK
        s.send(30, ackUpTo(4));
        s.recv(30, dataSegment(4));
        s.send(40, ackUpTo(SEGMENTS));
        assertFalse(s.socket.inFastRecovery());
        assertEquals(0, s.socket.retransmissionTimeouts());
    }

    @Test
    void aTimeoutResendsOnlyTheHolesKeepingTheScoreboard() {
        TcpTestSocket s = twoSackedDuplicates();
        // No third duplicate: the timer (RTO 1 s, restarted by the ACK at 10 ms) fires. RFC 6675
        // 5.1: every unSACKed segment is now lost, and only those go, SACKed 2 and 3 skipped.
        s.recvNothing(1009);
        s.recv(1010, dataSegment(1), dataSegment(4), dataSegment(5), dataSegment(6), dataSegment(7),
                dataSegment(8), dataSegment(9));
        assertEquals(1, s.socket.retransmissionTimeouts());
        assertFalse(s.socket.inFastRecovery());
        // The timeout's recovery point bars a new fast recovery: duplicates start nothing.
        s.send(1020, sacking(ackUpTo(1), 2, 4));
        s.recvNothing(1020);
        // Segments 4 to 6 arrived again, segment 1 (resent before them) did not: lost again, resent now.
        s.send(1021, sacking(ackUpTo(1), 2, 7));
        s.recv(1021, dataSegment(1));
        s.send(1030, ackUpTo(SEGMENTS));
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void aSecondTimeoutWithoutProgressResendsTheSackedDataToo() {
        TcpTestSocket s = tenSegmentsInFlight(true);
        s.send(10, sacking(ackUpTo(1), 2, 3));
        s.recv(1010, dataSegment(1), dataSegment(3), dataSegment(4), dataSegment(5), dataSegment(6),
                dataSegment(7), dataSegment(8), dataSegment(9));
        // Nothing acknowledged since: the peer may have discarded what it SACKed (RFC 2018 8).
        s.recvNothing(3009);
        s.recv(3010, dataSegment(1), dataSegment(2), dataSegment(3), dataSegment(4), dataSegment(5),
                dataSegment(6), dataSegment(7), dataSegment(8), dataSegment(9));
        assertEquals(2, s.socket.retransmissionTimeouts());
    }

    @Test
    void disabledSackIsNeitherOfferedNorAnswered() {
        TcpTestSocket passive = TcpFixtures.socket();
        assertTrue(passive.socket.sackEnabled());
        passive.socket.setSackEnabled(false);
        assertFalse(passive.socket.sackEnabled());
        passive.socket.listen(LOCAL_PORT);
        passive.send(send().syn().seq(REMOTE_SEQ).noAck().sackOk());
        passive.recv(TcpFixtures.synAck()); // no SACK-permitted in the answer
        assertFalse(passive.socket.remoteSackPermitted());

        TcpTestSocket active = TcpFixtures.socket();
        active.socket.setSackEnabled(false);
        active.socket.connect(active, TcpTestSocket.REMOTE_ADDR, Seg.REMOTE_PORT, LOCAL_PORT);
        active.recv(recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS).ws(0));
    }
}
