package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketSynSent;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;

/**
 * An emitter that refuses with NO_ROUTE (or TOO_LARGE): RFC 1122's soft error. The segment counts as
 * lost, the retransmission timer decides when to try again (so the main loop does not spin, unlike
 * smoltcp #594), the application can read the error, and only the user timeout gives up.
 */
class TcpNoRouteTest {

    private static Seg ourSyn() {
        return recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS).ws(0).sackOk();
    }

    private static TcpTestSocket unroutable(TcpTestSocket s) {
        s.refuse = true;
        s.refuseWith = PacketEmitter.NO_ROUTE;
        s.attempts = 0;
        return s;
    }

    @Test
    void synIsRetriedOnTheRtoScheduleNotAtEveryPoll() {
        TcpTestSocket s = unroutable(socketSynSent());
        s.recvNothing(0);
        assertEquals(1, s.attempts);
        assertEquals(1000, s.pollAtMillis(0), "next attempt after the initial RTO, not now");
        assertEquals(TcpSocket.ERROR_NO_ROUTE, s.socket.takeSoftError());
        assertEquals(TcpSocket.ERROR_NONE, s.socket.takeSoftError(), "taking clears it");

        s.recvNothing(999);
        assertEquals(1, s.attempts, "nothing tried before the RTO");
        s.recvNothing(1000);
        assertEquals(2, s.attempts);
        assertEquals(3000, s.pollAtMillis(1000), "RTO doubled");
        s.recvNothing(3000);
        assertEquals(3, s.attempts);
        assertEquals(7000, s.pollAtMillis(3000));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state(), "a soft error does not end the connection");
        assertEquals(TcpSocket.ERROR_NO_ROUTE, s.socket.takeSoftError());

        s.refuse = false; // the route is back: the next retransmission gets through
        s.recvNothing(6999);
        s.recv(7000, ourSyn());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(TcpSocket.ERROR_NONE, s.socket.takeSoftError());
    }

    @Test
    void userTimeoutEndsAnUnroutableConnect() {
        TcpTestSocket s = unroutable(socketSynSent());
        s.socket.setTimeout(5_000_000);
        s.recvNothing(0);
        s.recvNothing(1000);
        s.recvNothing(3000);
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
        assertEquals(5000, s.pollAtMillis(3000), "the timeout comes before the next RTO (7 s)");
        s.recvNothing(5000);
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        assertEquals(Socket.POLL_NEVER, s.socket.pollAt(s));
    }

    @Test
    void unroutableDataIsRetransmittedAfterTheRto() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        unroutable(s).recvNothing(0);
        assertEquals(1000, s.pollAtMillis(0));
        assertEquals(TcpSocket.ERROR_NO_ROUTE, s.socket.takeSoftError());
        s.refuse = false;
        s.recvNothing(999);
        s.recv(1000, data(0, "abcdef"));
        assertEquals(1, s.socket.retransmissionTimeouts());
    }

    @Test
    void unroutableAckIsNotRetriedAtEveryPoll() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        unroutable(s).recvNothing(0);
        assertEquals(1, s.attempts);
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(0), "a lost ACK waits for the peer's retransmission");
        assertEquals(TcpSocket.ERROR_NO_ROUTE, s.socket.takeSoftError());
    }

    @Test
    void unroutableReplyIsDroppedAndRecorded() {
        TcpTestSocket s = socketEstablished();
        unroutable(s);
        // An old segment gets an ACK reply.
        assertEquals(Socket.DISPATCH_BLOCKED, s.deliver(0, send().seq(REMOTE_SEQ - 10).ack(LOCAL_SEQ + 1).payload("old")));
        assertEquals(PacketEmitter.NO_ROUTE, s.socket.blockedStatus());
        assertFalse(s.socket.hasReply());
        assertEquals(TcpSocket.ERROR_NO_ROUTE, s.socket.takeSoftError());
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(0));
    }

    @Test
    void tooLargeIsASoftErrorToo() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.refuse = true;
        s.refuseWith = PacketEmitter.TOO_LARGE;
        s.recvNothing(0);
        assertEquals(1000, s.pollAtMillis(0));
        assertEquals(TcpSocket.ERROR_TOO_LARGE, s.socket.takeSoftError());
    }

    @Test
    void transientRefusalsAreNoSoftError() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abcdef");
        s.refuse = true;
        for (int refusal : new int[] {PacketEmitter.DEVICE_BUSY, PacketEmitter.NEIGHBOR_PENDING}) {
            s.refuseWith = refusal;
            assertEquals(Socket.DISPATCH_BLOCKED, s.socket.dispatch(s, s));
            assertEquals(refusal, s.socket.blockedStatus());
            assertEquals(0, s.pollAtMillis(0), "the segment waits for the next poll");
        }
        assertEquals(TcpSocket.ERROR_NONE, s.socket.takeSoftError());
    }

    @Test
    void reopeningClearsTheSoftError() {
        TcpTestSocket s = unroutable(socketSynSent());
        s.recvNothing(0);
        s.socket.abort();
        s.recvNothing(0); // the RST is lost too
        s.socket.listen(Seg.LOCAL_PORT);
        assertEquals(TcpSocket.ERROR_NONE, s.socket.takeSoftError());
    }

    @Test
    void establishedCloseOnSrcIpChange() {
        TcpTestSocket s = socketEstablished();
        sendData(s, "abc");
        s.recv(data(0, "abc"));
        s.ownAddress = TcpTestSocket.OTHER_ADDR; // the interface's address changed
        sendData(s, "def");
        s.recvNothing(); // no RST from an address we no longer own
        assertEquals(TcpSocket.CLOSED, s.socket.state());
    }
}
