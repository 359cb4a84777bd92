package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Issue 6, the receiver's ACK policy for bulk data (TcpReceiver's class comment): more than one MSS
 * unacknowledged, counted in bytes so a TSO/GRO super-frame counts as the segments it stands for,
 * is acknowledged without the delayed-ACK timer (RFC 5681 4.2, RFC 9293 SHLD-19); an ACK that
 * would offer a smaller window than the last waits exactly one dispatch, the application's turn to
 * read, so that it opens the window the application freed. The peer sent no MSS option: its MSS is
 * 536; our buffer of 4096 bytes is not scaled.
 */
class TcpAckPolicyTest {

    private static final int MSS = TcpSocket.DEFAULT_MSS;
    private static final int RX = 4096;

    /** Established, delayed ACK on (10 ms), nothing received yet. */
    private static TcpTestSocket receiver() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, RX);
        s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        return s;
    }

    /** The peer's segment of {@code length} bytes at {@code offset} in its stream. */
    private static Seg peerData(int offset, int length) {
        return send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(new byte[length]);
    }

    /** Our pure ACK of the peer's first {@code received} bytes, offering {@code window}. */
    private static Seg ourAck(int received, int window) {
        return recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + received).win(window);
    }

    private static void read(TcpTestSocket s, int count) {
        assertEquals(count, s.socket.recv(new byte[count], 0, count));
    }

    @Test
    void superFrameOfMoreThanOneMssIsDueWithoutTheDelayedAckTimer() {
        TcpTestSocket s = receiver();
        // One segment of MSS + 1 bytes from an idle receiver: before issue 6 it started the 10 ms timer.
        s.send(peerData(0, MSS + 1));
        assertEquals(0, s.pollAtMillis(0), "the ACK is due now");
        s.recvNothing(0); // the application's turn comes first: the window would shrink
        s.recv(0, ourAck(MSS + 1, RX - MSS - 1));
    }

    @Test
    void segmentOfOneMssStillWaitsForTheTimer() {
        TcpTestSocket s = receiver();
        s.send(peerData(0, MSS));
        assertEquals(10, s.pollAtMillis(0));
        read(s, MSS); // a read does not make a delayed ACK due
        s.recvNothing(9);
        s.recv(10, ourAck(MSS, RX));
    }

    @Test
    void ackAfterTheApplicationReadOpensTheWholeWindowInOneSegment() {
        TcpTestSocket s = receiver();
        s.send(peerData(0, 2 * MSS));
        read(s, 2 * MSS);
        // The window does not shrink any more: the ACK goes in the first dispatch, with all of it,
        // and no window update follows.
        s.recv(0, ourAck(2 * MSS, RX));
    }

    @Test
    void heldAckWaitsOneDispatchOnlyAndCoversWhatCameMeanwhile() {
        TcpTestSocket s = receiver();
        s.send(peerData(0, 2 * MSS));
        s.recvNothing(0);
        // The application did not read and more data came before the next dispatch: the ACK waits no
        // longer (at least every second full-sized segment is acknowledged), and covers it all.
        s.send(peerData(2 * MSS, MSS));
        assertEquals(0, s.pollAtMillis(0));
        s.recv(0, ourAck(3 * MSS, RX - 3 * MSS));
        // The next two segments are held once again, not acknowledged by the earlier hold.
        s.send(peerData(3 * MSS, 2 * MSS));
        s.recvNothing(0);
        s.recv(0, ourAck(5 * MSS, RX - 5 * MSS));
    }

    @Test
    void ackReplyEndsTheAckThatWasDue() {
        TcpTestSocket s = receiver();
        s.send(peerData(0, 2 * MSS));
        // A retransmission of what we hold is answered at once; that reply acknowledges everything.
        s.send(peerData(0, 2 * MSS), ourAck(2 * MSS, RX - 2 * MSS));
        s.recvNothing(0);
        // So a later small segment waits for the delayed-ACK timer, as on a fresh connection.
        s.send(peerData(2 * MSS, 1));
        assertEquals(10, s.pollAtMillis(0));
        s.recvNothing(9);
        s.recv(10, ourAck(2 * MSS + 1, RX - 2 * MSS - 1));
    }

    @Test
    void dataOfOursCarriesTheAckWithoutWaiting() {
        TcpTestSocket s = receiver();
        s.send(peerData(0, 2 * MSS));
        sendData(s, "xyz");
        s.recv(0, ourAck(2 * MSS, RX - 2 * MSS).payload("xyz"));
    }

    @Test
    void withoutAckDelayEverySegmentIsAcknowledgedInTheNextDispatch() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, RX);
        s.send(peerData(0, 2 * MSS));
        s.recv(0, ourAck(2 * MSS, RX - 2 * MSS));
    }
}
