package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.assertRecv;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socket;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketCloseWait;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketClosing;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait1;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketFinWait2;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketLastAck;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketListen;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketTimeWait;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;

/** smoltcp's tcp.rs tests for FIN-WAIT-1 .. LAST-ACK and for transitions through several states, in its order. */
class TcpClosingTest {

    private static Seg ourFin() {
        return recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1);
    }

    // --- FIN-WAIT-1 ------------------------------------------------------------------------------

    @Test
    void finWait1FinAck() {
        TcpTestSocket s = socketFinWait1();
        s.recv(ourFin());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
    }

    @Test
    void finWait1FinFin() {
        TcpTestSocket s = socketFinWait1();
        s.recv(ourFin());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
    }

    @Test
    void finWait1FinWithDataQueued() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(6));
        sendData(s, "abcdef123456");
        s.socket.close();
        // Issue 6 (SWS): 6 of 12 bytes is a silly segment for a peer that offered 64; the override timer sends it.
        s.recvNothing(0);
        assertEquals(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"), s.dispatch(200).withoutPsh());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6));
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
    }

    @Test
    void finWait1Recv() {
        TcpTestSocket s = socketFinWait1();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
        assertRecv(s, "abc");
    }

    @Test
    void finWait1Close() {
        TcpTestSocket s = socketFinWait1();
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
    }

    // --- FIN-WAIT-2 ------------------------------------------------------------------------------

    @Test
    void finWait2Fin() {
        TcpTestSocket s = socketFinWait2();
        s.send(1000, send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        assertEquals(1000, s.pollAtMillis(1000)); // the ACK of the FIN is due
        s.recv(1000, recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(11000, s.pollAtMillis(1000)); // then TIME-WAIT ends at 1 s + 10 s
    }

    @Test
    void finWait2Recv() {
        TcpTestSocket s = socketFinWait2();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1).payload("abc"));
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
        assertRecv(s, "abc");
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 3).win(61)); // issue 6 (SWS): the right edge stays
    }

    @Test
    void finWait2Close() {
        TcpTestSocket s = socketFinWait2();
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
    }

    // --- CLOSING ---------------------------------------------------------------------------------

    @Test
    void closingAckFin() {
        TcpTestSocket s = socketClosing();
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(1000, send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void closingClose() {
        TcpTestSocket s = socketClosing();
        s.socket.close();
        assertEquals(TcpSocket.CLOSING, s.socket.state());
    }

    // --- TIME-WAIT -------------------------------------------------------------------------------

    @Test
    void timeWaitFromFinWait2Ack() {
        TcpTestSocket s = socketTimeWait(false);
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
    }

    @Test
    void timeWaitFromClosingNoAck() {
        TcpTestSocket s = socketTimeWait(true);
        s.recv();
    }

    @Test
    void timeWaitClose() {
        TcpTestSocket s = socketTimeWait(false);
        s.socket.close();
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void timeWaitRetransmit() {
        TcpTestSocket s = socketTimeWait(false);
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(5000, send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1),
                recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(15000, s.pollAtMillis(5000)); // restarted: 5 s + 10 s
    }

    @Test
    void timeWaitTimeout() {
        TcpTestSocket s = socketTimeWait(false);
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recvNothing(60000);
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void timeWaitConfigurable() {
        TcpTestSocket s = socketFinWait2();
        s.socket.setTimeWait(2000000);
        s.send(1000, send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        s.recv(1000, recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        s.recvNothing(2999);
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recvNothing(3000);
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    // --- CLOSE-WAIT ------------------------------------------------------------------------------

    @Test
    void closeWaitAck() {
        TcpTestSocket s = socketCloseWait();
        sendData(s, "abcdef");
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1).payload("abcdef"));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 6));
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void closeWaitClose() {
        TcpTestSocket s = socketCloseWait();
        s.socket.close();
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
    }

    @Test
    void closeWaitRecvFinished() {
        TcpTestSocket s = socketCloseWait();
        assertEquals(TcpSocket.FINISHED, s.socket.recv(new byte[4], 0, 4));
    }

    // --- LAST-ACK --------------------------------------------------------------------------------

    @Test
    void lastAckFinAck() {
        TcpTestSocket s = socketLastAck();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void lastAckAckNotOfFin() {
        TcpTestSocket s = socketLastAck();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1),
                recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void lastAckDuplicateAckChallengeAck() {
        TcpTestSocket s = socketLastAck();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        Seg duplicate = send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1);
        s.send(duplicate, recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(duplicate); // rate-limited
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    /** smoltcp wires the unacknowledged byte in; ours sends it with the FIN from CLOSE-WAIT. */
    @Test
    void lastAckPartialAckNoChallengeAck() {
        TcpTestSocket s = socketCloseWait();
        sendData(s, "x");
        s.socket.close();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1).payload("x"));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1)); // the byte, not the FIN: no challenge
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
        assertEquals(0, s.socket.sendQueue());
        assertEquals(0, s.socket.challengeAcks());
    }

    @Test
    void lastAckClose() {
        TcpTestSocket s = socketLastAck();
        s.socket.close();
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
    }

    // --- transitions through several states ------------------------------------------------------

    @Test
    void listen() {
        TcpTestSocket s = socket();
        s.socket.listen(LOCAL_PORT);
        assertEquals(TcpSocket.LISTEN, s.socket.state());
    }

    @Test
    void threeWayHandshake() {
        TcpTestSocket s = socketListen();
        s.send(send().syn().seq(REMOTE_SEQ).noAck());
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
    }

    @Test
    void remoteClose() {
        TcpTestSocket s = socketEstablished();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        s.socket.close();
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }

    @Test
    void localClose() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(ourFin());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
    }

    @Test
    void simultaneousClose() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(ourFin());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv();
    }

    @Test
    void simultaneousCloseCombinedFinAck() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(ourFin());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
    }

    @Test
    void simultaneousCloseRaced() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv();
    }

    @Test
    void simultaneousCloseRacedWithData() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.socket.close();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1).payload("abcdef"));
        s.send(send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 6 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        s.recv();
    }

    @Test
    void finWithData() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.socket.close();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
    }

    @Test
    void mutualCloseWithData1() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void mutualCloseWithData2() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.socket.close();
        assertEquals(TcpSocket.FIN_WAIT_1, s.socket.state());
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).payload("abcdef"));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6 + 1));
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 6 + 1));
        s.recv(recv().seq(LOCAL_SEQ + 1 + 6 + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void halfCloseKeepsReceiving() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        s.recv(ourFin());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2));
        assertEquals(TcpSocket.INVALID_STATE, s.socket.send(new byte[1], 0, 1));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2).payload("still here"));
        assertRecv(s, "still here");
        s.send(send().fin().seq(REMOTE_SEQ + 11).ack(LOCAL_SEQ + 2));
        assertEquals(TcpSocket.FINISHED, s.socket.recv(new byte[1], 0, 1));
    }
}
