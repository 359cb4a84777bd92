package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpEstablishedTest.sendData;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablished;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithBufferSizes;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * Issue 6: silly-window-syndrome avoidance seen on the wire (RFC 1122 4.2.3.3 and 4.2.3.4). The peer
 * of these sockets sends no MSS option (536 applies) and offered 256 bytes in its SYN, so a window of
 * 128 bytes is half the largest it offered.
 */
class TcpSillyWindowTest {

    private static String text(int length, char c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(c);
        }
        return sb.toString();
    }

    // --- receiver --------------------------------------------------------------------------------

    @Test
    void readerTakingFewBytesGetsNoTinyWindowsSmallBuffer() {
        TcpTestSocket s = socketEstablished(); // 64-byte buffer: the threshold is 64 / 2 = 32
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(new byte[64]));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(0));
        byte[] sink = new byte[64];
        for (int read = 4; read < 32; read += 4) {
            assertEquals(4, s.socket.recv(sink, 0, 4));
            s.recvNothing(); // a window of 4, 8, ... 28 bytes would invite silly segments
        }
        assertEquals(4, s.socket.recv(sink, 0, 4));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 64).win(32));
        // The peer fills what was offered; the ACK keeps the right edge (0 left), though 4 more are free.
        assertEquals(4, s.socket.recv(sink, 0, 4));
        s.send(send().seq(REMOTE_SEQ + 1 + 64).ack(LOCAL_SEQ + 1).payload(new byte[32]));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 96).win(0));
    }

    @Test
    void readerTakingFewBytesGetsNoTinyWindowsLargeBuffer() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(64, 2048); // threshold min(1024, MSS 536) = 536
        for (int offset = 0; offset < 2048; offset += 512) {
            s.send(send().seq(REMOTE_SEQ + 1 + offset).ack(LOCAL_SEQ + 1).payload(new byte[512]));
            s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + offset + 512).win(2048 - offset - 512));
        }
        byte[] sink = new byte[100];
        for (int i = 0; i < 5; i++) {
            assertEquals(100, s.socket.recv(sink, 0, 100));
            s.recvNothing();
        }
        assertEquals(100, s.socket.recv(sink, 0, 100)); // 600 free: at least one MSS
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 2048).win(600));
    }

    @Test
    void acknowledgmentNeverPullsTheRightEdgeBack() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdefgh"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 8).win(56));
        byte[] sink = new byte[8];
        assertEquals(8, s.socket.recv(sink, 0, 8)); // 64 free, but 8 is below the threshold of 32
        s.send(send().seq(REMOTE_SEQ + 1 + 8).ack(LOCAL_SEQ + 1).payload("ijkl"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 12).win(52)); // the edge at 64 stays
    }

    // --- sender ----------------------------------------------------------------------------------

    /** Established; the peer offers 10 bytes and 40 bytes of {@code c} are queued: nothing goes at 0. */
    private static TcpTestSocket fortyBytesBehindWindowOfTen(char c) {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(10));
        sendData(s, text(40, c));
        s.recvNothing(0);
        return s;
    }

    @Test
    void senderFacingSmallWindowWaitsForUsefulOne() {
        TcpTestSocket s = socketEstablishedWithBufferSizes(1024, 64);
        s.send(ackOf(0).win(10));
        sendData(s, text(300, 'x'));
        s.recvNothing(0); // 10 of 300 bytes: below the MSS and half the largest window (256)
        s.recvNothing(100);
        s.send(150, ackOf(0).win(100));
        s.recvNothing(150); // 100 is still below 128
        s.send(160, ackOf(0).win(128));
        s.recv(160, data(0, text(128, 'x')));
    }

    @Test
    void overrideTimerSendsTheShortSegment() {
        TcpTestSocket s = fortyBytesBehindWindowOfTen('y');
        assertEquals(200, s.pollAtMillis(0));
        s.recvNothing(199);
        s.recv(200, data(0, text(10, 'y')));
        s.send(210, ackOf(10).win(10)); // the rest waits its own 200 ms
        s.recvNothing(210);
        assertEquals(410, s.pollAtMillis(210));
        s.recv(410, data(10, text(10, 'y')));
    }

    @Test
    void nagleOffStillAvoidsSillySegmentsButSendsWhatFits() {
        TcpTestSocket s = socketEstablished();
        s.socket.setNagleEnabled(false);
        s.send(ackOf(0).win(10));
        sendData(s, text(5, 'a'));
        s.recv(0, data(0, "aaaaa")); // everything queued fits: every send counts as pushed
        sendData(s, text(20, 'b'));
        s.recvNothing(0); // 5 usable of 20: silly, Nagle or not
        s.send(10, ackOf(5).win(10));
        s.recvNothing(10);
        s.recv(210, data(5, text(10, 'b')));
    }

    @Test
    void acknowledgmentCarriesNoSillySegment() {
        TcpTestSocket s = fortyBytesBehindWindowOfTen('z');
        // Data from the peer is acknowledged at once, without the 10 bytes the window would take.
        s.send(10, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(10).payload("abc"));
        s.recv(10, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61));
    }

    @Test
    void zeroWindowIsProbedThenSmallWindowWaits() {
        TcpTestSocket s = socketEstablished();
        s.send(ackOf(0).win(0));
        sendData(s, text(40, 'p'));
        s.recvNothing(999);
        s.recv(1000, data(0, "p")); // the zero-window probe is not held back
        s.send(1010, ackOf(1).win(5));
        s.recvNothing(1010); // 5 of 39 bytes: silly
        s.recv(1210, data(1, text(5, 'p')));
        s.send(1220, ackOf(6).win(64));
        s.recv(1220, data(6, text(34, 'p')));
    }

    @Test
    void smallSegmentsToSmallWindowsAllocateNothing() {
        TcpTestSocket s = socketEstablished();
        IpRepr ip = new IpRepr();
        TcpRepr ack = new TcpRepr();
        byte[] chunk = new byte[20];
        byte[] payload = new byte[4];
        byte[] sink = new byte[64];
        ackOf(0).win(10).payload(payload).toRepr(ack);
        ip.setIpv4(TcpTestSocket.REMOTE_ADDR, TcpTestSocket.LOCAL_ADDR, IpProtocol.TCP, 64, TcpPacket.HEADER_LEN + 4);
        int[] next = {0, 0}; // our bytes acknowledged, the peer's bytes sent
        AllocationProbe.assertAllocationFree("silly-window avoidance: held segment, override, small reads", () -> {
            s.socket.send(chunk, 0, chunk.length);
            s.socket.dispatch(s, s); // 10 of 20 usable: held
            for (int half = 0; half < 2; half++) {
                s.now += 200000;
                s.socket.dispatch(s, s); // the override (first half), then what fits (second half)
                next[0] += 10;
                next[1] += 4;
                ack.setAckNumber(LOCAL_SEQ + 1 + next[0]);
                ack.setSequenceNumber(REMOTE_SEQ + 1 + next[1] - 4);
                if (s.socket.process(s, ip, ack, payload, 0)) {
                    s.socket.sendReply(s);
                }
                s.socket.recv(sink, 0, 2); // a reader taking a few bytes at a time
                s.socket.dispatch(s, s);
            }
            s.socket.recv(sink, 0, sink.length);
            s.socket.dispatch(s, s);
        });
        assertEquals(0, s.socket.sendQueue());
        assertEquals(Socket.DISPATCH_IDLE, s.socket.dispatch(s, s));
    }
}
