package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.CongestionController;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Issue 6 at the socket: the data in flight stays within cwnd, Reno grows it per ACK in slow
 * start and halves the flight on a triple duplicate ACK, NewReno retransmits on partial ACKs.
 * The peer announced no MSS, so SMSS is 536 and Reno's initial window 2144 bytes (4 segments).
 */
class TcpCongestionTest {

    private static final int SMSS = 536;
    private static final int WINDOW = 65535;

    private static TcpTestSocket established(int kind) {
        TcpTestSocket s = socketEstablishedWithBufferSizes(20000, 64);
        s.socket.setCongestionControl(kind);
        s.send(ackOf(0).win(WINDOW));
        sendData(s, "x".repeat(10000));
        return s;
    }

    /** Dispatches until nothing more goes out; returns the payload bytes sent. */
    private static int drain(TcpTestSocket s, long millis) {
        int bytes = 0;
        for (Seg seg = s.dispatch(millis); seg != null; seg = s.dispatch(millis)) {
            bytes += seg.payload.length;
        }
        return bytes;
    }

    private static int offsetOf(Seg seg) {
        return seg.seq - (LOCAL_SEQ + 1);
    }

    @Test
    void noCongestionControlByDefaultAsSmoltcp() {
        TcpTestSocket s = socketEstablished();
        assertEquals(TcpSocket.CONGESTION_NONE, s.socket.congestionControl());
        assertEquals(CongestionController.UNLIMITED, s.socket.congestionWindow());
    }

    @Test
    void unknownKindIsRejected() {
        TcpSocket socket = socketEstablished().socket;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.setCongestionControl(3));
        assertTrue(e.getMessage().endsWith("got 3"), e.getMessage());
    }

    @Test
    void renoSlowStartSendsAtMostCwndAndGrowsPerAck() {
        TcpTestSocket s = established(TcpSocket.CONGESTION_RENO);
        assertEquals(4 * SMSS, s.socket.congestionWindow());
        assertEquals(4 * SMSS, drain(s, 0)); // the peer's 64 KiB window would allow all 10000
        s.send(10, ackOf(SMSS).win(WINDOW));
        assertEquals(5 * SMSS, s.socket.congestionWindow());
        assertEquals(2 * SMSS, drain(s, 10)); // one segment acknowledged, cwnd one larger
        s.send(20, ackOf(3 * SMSS).win(WINDOW));
        assertEquals(6 * SMSS, s.socket.congestionWindow()); // a stretch ACK counts one segment
        assertEquals(3 * SMSS, drain(s, 20));
    }

    @Test
    void renoHalvesOnTripleDuplicateAckAndNewRenoRetransmitsOnPartialAcks() {
        TcpTestSocket s = established(TcpSocket.CONGESTION_RENO);
        drain(s, 0);
        s.send(10, ackOf(SMSS).win(WINDOW));
        drain(s, 10); // flight: offsets 536 .. 3216 (5 segments)
        for (int i = 0; i < 3; i++) {
            s.send(20, ackOf(SMSS).win(WINDOW));
        }
        assertTrue(s.socket.inFastRecovery());
        assertEquals(5 * SMSS / 2, s.socket.congestionWindow());
        Seg retransmission = s.dispatch(30);
        assertEquals(SMSS, offsetOf(retransmission));
        assertEquals(SMSS, retransmission.payload.length);
        assertNull(s.dispatch(30)); // the flight exceeds the halved window: no new data
        s.send(40, ackOf(2 * SMSS).win(WINDOW)); // partial: the next segment was lost too
        assertTrue(s.socket.inFastRecovery());
        assertEquals(2 * SMSS, offsetOf(s.dispatch(40)));
        assertNull(s.dispatch(40));
        s.send(50, ackOf(6 * SMSS).win(WINDOW)); // full ACK: recovery ends
        assertFalse(s.socket.inFastRecovery());
        assertEquals(5 * SMSS / 2, s.socket.congestionWindow());
        assertEquals(2 * SMSS, drain(s, 50)); // Nagle holds the last 268 bytes of the window
        assertEquals(1, s.socket.fastRetransmits());
    }

    @Test
    void cubicReducesTheFlightByBeta() {
        TcpTestSocket s = established(TcpSocket.CONGESTION_CUBIC);
        drain(s, 0);
        s.send(10, ackOf(SMSS).win(WINDOW));
        drain(s, 10);
        for (int i = 0; i < 3; i++) {
            s.send(20, ackOf(SMSS).win(WINDOW));
        }
        assertEquals((int) (5 * SMSS * 0.7), s.socket.congestionWindow());
    }

    @Test
    void timeoutShrinksRenoToOneSegment() {
        TcpTestSocket s = established(TcpSocket.CONGESTION_RENO);
        drain(s, 0);
        Seg first = s.dispatch(1000); // RTO 1 s: go back to SND.UNA
        assertEquals(0, offsetOf(first));
        assertEquals(SMSS, s.socket.congestionWindow());
        assertNull(s.dispatch(1000));
    }

    @Test
    void switchingControllersStartsAfresh() {
        TcpTestSocket s = established(TcpSocket.CONGESTION_CUBIC);
        s.socket.setCongestionControl(TcpSocket.CONGESTION_RENO);
        assertEquals(TcpSocket.CONGESTION_RENO, s.socket.congestionControl());
        assertEquals(4 * SMSS, s.socket.congestionWindow());
        s.socket.setCongestionControl(TcpSocket.CONGESTION_NONE);
        assertEquals(CongestionController.UNLIMITED, s.socket.congestionWindow());
        assertEquals(10000 - 10000 % SMSS, drain(s, 0)); // only the peer's window and Nagle limit it
    }
}
