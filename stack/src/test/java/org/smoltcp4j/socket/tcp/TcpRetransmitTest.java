package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketCloseWait;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedMss;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait1;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketRecved;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynReceived;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/**
 * smoltcp's retransmission tests, in its order. Where smoltcp sets remote_mss to 3 or 6 directly,
 * these announce the smallest MSS we honour (48) in the peer's SYN and send 48-byte chunks.
 * Where smoltcp's fixture has no RTT sample yet, ours has one from the handshake (0 ms), as a real
 * connection would: the RTO after a later sample is computed by RFC 6298 (2.3), not (2.2).
 */
class TcpRetransmitTest {

    private static final int MSS = TcpSocket.MIN_REMOTE_MSS;

    private static String chunk(char c) {
        return String.valueOf(c).repeat(MSS);
    }

    @Test
    void duplicateSeqAck() {
        TcpTestSocket s = socketRecved();
        // The peer retransmits what we acknowledged already: acknowledged again at once.
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
    }

    @Test
    void dataRetransmit() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(1000, data(0, "abcdef"));
        s.recvNothing(1050);
        s.recv(2000, data(0, "abcdef"));
    }

    @Test
    void dataRetransmitBursts() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a') + chunk('b'));
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')).psh());
        s.recvNothing(0);
        s.recvNothing(50);
        s.recvExact(1000, data(0, chunk('a')));
        s.recvExact(1500, data(MSS, chunk('b')).psh());
        s.recvNothing(1550);
        assertEquals(1, s.socket.retransmissionTimeouts());
    }

    @Test
    void dataRetransmitBurstsHalfAck() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a') + chunk('b'));
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')).psh());
        s.send(5, ackOf(MSS).win(MSS));
        s.recvExact(1500, data(MSS, chunk('b')).psh());
        s.recvNothing(1550);
    }

    @Test
    void retransmitTimerRestartOnPartialAck() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a') + chunk('b'));
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')).psh());
        s.send(600, ackOf(MSS).win(MSS));
        // RTT 600 ms after a 0 ms handshake sample: SRTT 75, RTTVAR 150, RTO max(1 s, 75 + 600) = 1 s.
        assertEquals(1000, s.socket.rtoMillis());
        s.recvNothing(1599);
        s.recvExact(1600, data(MSS, chunk('b')).psh());
    }

    @Test
    void dataRetransmitBurstsHalfAckClose() {
        TcpTestSocket s = socketEstablishedMss(128, MSS);
        sendData(s, chunk('a') + chunk('b'));
        s.socket.close();
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')).fin());
        s.send(5, ackOf(MSS).win(MSS));
        s.recvExact(1500, data(MSS, chunk('b')).fin());
        s.recvNothing(1550);
    }

    @Test
    void sendDataAfterSynAckRetransmit() {
        TcpTestSocket s = socketSynReceived();
        s.recv(50, synAck());
        s.recv(1050, synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        sendData(s, "abcdef");
        s.recv(data(0, "abcdef"));
    }

    @Test
    void establishedRetransmitForDupAck() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abc");
        s.recv(1000, data(0, "abc"));
        assertEquals(3, s.socket.sendQueue());
        s.send(ackOf(0)); // nothing new acknowledged: the timer stays
        s.recv(4000, data(0, "abc"));
    }

    @Test
    void establishedRetransmitResetAfterAck() {
        retransmitResetAfterAck(false);
    }

    /**
     * Three 6-byte segments into a 6-byte window, each acknowledged before the RTO: no retransmission.
     * Issue 6 (SWS): 6 of 12 or more queued bytes wait for the override timer (200 ms); the last 6 fit.
     */
    private static void retransmitResetAfterAck(boolean closing) {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(6));
        sendData(s, "abcdef");
        sendData(s, "123456");
        sendData(s, "ABCDEF");
        if (closing) {
            s.socket.close();
        }
        s.recvNothing(1000);
        s.recv(1200, data(0, "abcdef"));
        s.send(1205, ackOf(6).win(6));
        s.recvNothing(1210);
        s.recv(1410, data(6, "123456"));
        s.send(1415, ackOf(12).win(6));
        Seg last = data(12, "ABCDEF");
        s.recv(1420, closing ? last.fin() : last);
    }

    @Test
    void establishedQueueDuringRetransmission() {
        TcpTestSocket s = socketEstablishedMss(256, MSS);
        s.socket.setNagleEnabled(false);
        sendData(s, chunk('a') + chunk('b') + chunk('c'));
        s.recvExact(1000, data(0, chunk('a'))); // dropped
        s.recvExact(1005, data(MSS, chunk('b'))); // received
        s.recvExact(1010, data(2 * MSS, chunk('c')).psh()); // dropped
        s.recvExact(3000, data(0, chunk('a'))); // retransmission
        s.send(3005, ackOf(2 * MSS)); // acknowledges both
        s.recvExact(3010, data(2 * MSS, chunk('c')).psh()); // only what is unacknowledged
    }

    @Test
    void closeWaitRetransmitResetAfterAck() {
        TcpTestSocket s = socketCloseWait();
        s.send(send().seq(REMOTE_SEQ + 2).ack(LOCAL_SEQ + 1).win(6));
        sendData(s, "abcdef");
        sendData(s, "123456");
        sendData(s, "ABCDEF");
        s.recvNothing(1000); // issue 6 (SWS): 6 of 18 bytes waits for the override timer
        s.recv(1200, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2).payload("abcdef"));
        s.send(1205, send().seq(REMOTE_SEQ + 2).ack(LOCAL_SEQ + 7).win(6));
        s.recvNothing(1210);
        s.recv(1410, recv().seq(LOCAL_SEQ + 7).ack(REMOTE_SEQ + 2).payload("123456"));
        s.send(1415, send().seq(REMOTE_SEQ + 2).ack(LOCAL_SEQ + 13).win(6));
        s.recv(1420, recv().seq(LOCAL_SEQ + 13).ack(REMOTE_SEQ + 2).payload("ABCDEF"));
    }

    @Test
    void finWait1RetransmitResetAfterAck() {
        retransmitResetAfterAck(true);
    }

    @Test
    void fastRetransmitAfterTripleDuplicateAck() {
        TcpTestSocket s = socketEstablishedMss(512, MSS);
        s.send(0, ackOf(0).win(1000));
        String text = chunk('a') + chunk('B') + chunk('c') + chunk('D') + chunk('e') + chunk('F');
        sendData(s, text);
        s.recvExact(1000, data(0, chunk('a'))); // lost
        s.recvExact(1005, data(MSS, chunk('B')));
        s.recvExact(1010, data(2 * MSS, chunk('c')));
        s.recvExact(1015, data(3 * MSS, chunk('D')));
        // Nagle holds nothing here: every segment is full.
        s.send(1050, ackOf(0).win(1000));
        s.send(1055, ackOf(0).win(1000));
        s.send(1060, ackOf(0).win(1000));
        assertEquals(3, s.socket.duplicateAcks());
        assertEquals(1060, s.pollAtMillis(1060)); // fast retransmit due now
        s.recvExact(1100, data(0, chunk('a')));
        s.recvExact(1105, data(4 * MSS, chunk('e')));
        s.recvExact(1110, data(5 * MSS, chunk('F')).psh());
        s.send(1120, ackOf(6 * MSS).win(1000));
        assertEquals(0, s.socket.sendQueue());
        assertEquals(1, s.socket.fastRetransmits());
    }

    @Test
    void fastRetransmitDuplicateDetectionWithData() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abc"); // lost
        s.recv(1000, data(0, "abc"));
        s.send(ackOf(0)); // already a duplicate: the handshake ACK acknowledged LOCAL_SEQ + 1
        s.send(ackOf(0));
        assertEquals(2, s.socket.duplicateAcks());
        // Data is not a duplicate ACK: the count resets
        s.send(ackOf(0).payload("xxxxxx"));
        s.recv(recv().seq(LOCAL_SEQ + 1 + 3).ack(REMOTE_SEQ + 1 + 6).win(58));
        assertEquals(0, s.socket.duplicateAcks());
    }

    @Test
    void fastRetransmitDuplicateDetectionWithWindowUpdate() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abc");
        s.recv(1000, data(0, "abc"));
        s.send(ackOf(0));
        s.send(ackOf(0));
        assertEquals(2, s.socket.duplicateAcks());
        s.send(ackOf(0).win(400));
        assertEquals(0, s.socket.duplicateAcks());
    }

    @Test
    void fastRetransmitDuplicateDetection() {
        TcpTestSocket s = socketEstablishedMss(256, MSS);
        s.send(0, ackOf(0));
        s.send(0, ackOf(0)); // nothing in flight: not a duplicate
        assertEquals(0, s.socket.duplicateAcks());
        sendData(s, chunk('x') + chunk('y') + chunk('w') + chunk('z'));
        s.recvExact(1000, data(0, chunk('x')));
        s.recvExact(1005, data(MSS, chunk('y')));
        s.recvExact(1010, data(2 * MSS, chunk('w')));
        s.recvExact(1015, data(3 * MSS, chunk('z')).psh());
        s.send(1050, ackOf(0));
        s.send(1055, ackOf(0));
        s.send(1060, ackOf(3 * MSS)); // the reordered segment arrives
        assertEquals(0, s.socket.duplicateAcks());
        s.send(1120, ackOf(4 * MSS));
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void fastRetransmitDupAcksCounterSaturates() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abc");
        s.recv(data(0, "abc"));
        for (int i = 0; i < 300; i++) {
            s.send(ackOf(0));
            s.dispatch(0); // the fast retransmission, when due
        }
        assertEquals(255, s.socket.duplicateAcks());
    }

    @Test
    void fastRetransmitZeroWindow() {
        TcpTestSocket s = socketEstablished();
        s.send(1000, ackOf(0));
        sendData(s, "abc");
        s.recv(0, data(0, "abc"));
        s.send(1050, ackOf(0));
        s.send(1050, ackOf(0));
        s.send(1050, ackOf(0).win(0)); // a window update: not a duplicate, and the window is closed
        // No fast retransmission. smoltcp sends nothing at all here, and then runs no timer; the
        // timeout due since 1000 ms finds the window closed and probes it (issue 6, simulation seed 27000).
        s.recv(1050, data(0, "a"));
        assertEquals(0, s.socket.fastRetransmits());
    }

    @Test
    void retransmitExponentialBackoff() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        int rto = s.socket.rtoMillis();
        s.recvNothing(rto - 1);
        s.recv(rto, data(0, "abcdef"));
        assertEquals(2 * rto, s.socket.rtoMillis());
        s.recvNothing(3 * rto - 1);
        s.recv(3 * rto, data(0, "abcdef"));
        assertEquals(4 * rto, s.socket.rtoMillis());
    }

    @Test
    void retransmitBackoffStopsAtMaximum() {
        TcpTestSocket s = socketEstablished();
        s.socket.setRtoBounds(1000, 3000);
        sendData(s, "abcdef");
        s.recv(0, data(0, "abcdef"));
        s.recv(1000, data(0, "abcdef"));
        s.recv(3000, data(0, "abcdef"));
        s.recvNothing(5999);
        s.recv(6000, data(0, "abcdef"));
        assertEquals(3000, s.socket.rtoMillis());
    }

    @Test
    void dataRetransmitAckMoreThanExpected() {
        TcpTestSocket s = socketEstablishedMss(256, MSS);
        sendData(s, chunk('a') + chunk('b') + chunk('c'));
        s.recvExact(0, data(0, chunk('a')));
        s.recvExact(0, data(MSS, chunk('b')));
        s.recvExact(0, data(2 * MSS, chunk('c')).psh());
        s.recvNothing(0);
        s.recvNothing(50);
        // The timer expires; only two of three go out again (the device has no room for the third).
        s.recvExact(1000, data(0, chunk('a')));
        s.recvExact(1000, data(MSS, chunk('b')));
        s.send(3000, ackOf(MSS));
        s.send(3000, ackOf(3 * MSS)); // everything, the third segment included
        assertEquals(0, s.socket.sendQueue());
        s.recvNothing(5000);
    }

    @Test
    void retransmitFin() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(0, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.recvNothing(999);
        s.recv(1000, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
    }

    @Test
    void retransmitFinWait() {
        TcpTestSocket s = socketFinWait1();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1)); // the peer's FIN, not acknowledging ours
        s.recv(recv().seq(LOCAL_SEQ + 2).ack(REMOTE_SEQ + 2));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        s.recvNothing(999);
        s.recv(1000, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2));
        s.recvNothing(2999);
        s.recv(3000, recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2));
    }
}
