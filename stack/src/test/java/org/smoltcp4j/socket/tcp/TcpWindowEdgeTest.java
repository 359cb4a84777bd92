package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedScaled;

import net.jqwik.api.ForAll;
import org.junit.jupiter.api.Test;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.TcpPacket;

/**
 * Issue 6 follow-up: the right edge of the receive window we advertise (SEG.ACK + SEG.WND scaled)
 * does not move back (RFC 9293 3.8.6.2.2) by more than the scaling's rounding (less than
 * 2^shift bytes, RFC 7323 2.4), and every byte a peer sends up to the furthest edge we advertised
 * is taken. Linux keeps the larger window of two ACKs with the same
 * acknowledgment number and sends up to it; against {@code nc} a data+FIN segment ended past the
 * edge we accepted.
 */
class TcpWindowEdgeTest {

    /** The peer's full-sized segment: the MSS our SYN-ACK announced. */
    private static final int PEER_MSS = TcpTestSocket.BASE_MSS;

    /** A peer that sends what our windows allow and records every edge we advertise. */
    private static final class EdgeWatcher {
        final TcpTestSocket s;
        final int shift;
        final byte[] readBuffer = new byte[16384];
        /** Bytes the peer sent, past REMOTE_SEQ + 1, all in order. */
        int sent;
        int read;
        /** The furthest right edge advertised, past REMOTE_SEQ + 1: the peer sends up to it. */
        int edge;
        final StringBuilder log = new StringBuilder();
        /** The peer's segments: acknowledgment and window. */
        Seg peerAck = send().ack(LOCAL_SEQ + 1);

        EdgeWatcher(TcpTestSocket s, int shift, int synWindow) {
            this.s = s;
            this.shift = shift;
            this.edge = synWindow; // our SYN-ACK's window, never scaled
        }

        void peerSends(long millis, int length) {
            int room = edge - sent;
            int n = Math.min(length, room);
            if (n <= 0) {
                return;
            }
            log.append(" send ").append(n);
            observe(s.process(millis, peerAck.seq(REMOTE_SEQ + 1 + sent).payload(new byte[n])));
            sent += n;
            assertEquals(sent - read, s.socket.recvQueue(), "bytes taken of the peer's " + sent + " within our edge:" + recent());
        }

        void applicationReads(int max) {
            int n = s.socket.recv(readBuffer, 0, Math.min(max, readBuffer.length));
            log.append(" read ").append(n);
            read += Math.max(0, n);
        }

        Seg dispatch(long millis) {
            Seg ours = s.dispatch(millis);
            observe(ours);
            return ours;
        }

        /** The peer fills the window up to the furthest edge advertised. */
        void peerFills(long millis) {
            while (sent < edge) {
                peerSends(millis, PEER_MSS);
            }
        }

        /** The last events, for a failure's message. */
        private String recent() {
            return log.substring(Math.max(0, log.length() - 300));
        }

        private void observe(Seg ours) {
            if (ours == null || (ours.flags & TcpPacket.FLAG_ACK) == 0) {
                return;
            }
            int advertised = ours.ack - (REMOTE_SEQ + 1) + (ours.window << shift);
            log.append(" ack ").append(ours.ack - (REMOTE_SEQ + 1)).append(" edge ").append(advertised);
            // A window field in units of 2^shift cannot always express the edge already advertised
            // without offering more than the free space: RFC 7323 2.4 lets it retract by less than
            // 2^shift bytes, and the receiver still takes everything up to the furthest edge.
            int slack = (1 << shift) - 1;
            assertTrue(advertised >= edge - slack, "our right edge moved back from " + edge + " to " + advertised + ":" + recent());
            edge = Math.max(edge, advertised);
        }
    }

    /**
     * Random peer segments (in order, within the furthest edge advertised), application reads of
     * random sizes, dispatches and clock steps, on a 64 KiB or larger buffer (window shift 1 or 2)
     * with or without the delayed ACK: each action is {@code kind + 4 * amount}, the kinds a segment,
     * the peer filling the window to the furthest edge, a read, a clock step with a dispatch.
     */
    @Property(tries = 300)
    void ourRightEdgeDoesNotMoveBackAndThePeerMayFillIt(
            @ForAll @Size(min = 1, max = 400) int[] actions,
            @ForAll @IntRange(min = 0, max = 2) int buffer,
            @ForAll boolean delayedAck) {
        int rxLen = buffer == 0 ? 65536 : buffer == 1 ? 100001 : 131072;
        int shift = rxLen > 65536 ? (rxLen > 131071 ? 2 : 1) : 1;
        TcpTestSocket s = socketEstablishedScaled(1024, rxLen, 7);
        if (delayedAck) {
            s.socket.setAckDelay(TcpSocket.DEFAULT_ACK_DELAY);
        }
        EdgeWatcher peer = new EdgeWatcher(s, shift, Math.min(rxLen, 0xffff));
        long millis = 0;
        for (int action : actions) {
            int amount = (action & 0x7fffffff) >>> 2;
            switch (action & 3) {
                case 0:
                    peer.peerSends(millis, 1 + amount % PEER_MSS);
                    break;
                case 1:
                    peer.peerFills(millis);
                    break;
                case 2:
                    peer.applicationReads(1 + amount % 12000);
                    break;
                default:
                    millis += amount % 300;
                    peer.dispatch(millis);
                    break;
            }
        }
    }

    /**
     * A zero-window probe (and so a keep-alive) acknowledges and advertises a window too: the peer
     * takes both (Linux does, tcp_ack), so its edge must bound what we accept. Here the application
     * read the buffer empty just before the probe, which offers the freed window; the peer fills it
     * before our next dispatch (on a TAP, Linux answers inside our write).
     */
    @Test
    void theWindowOfAZeroWindowProbeIsHonoured() {
        TcpTestSocket s = socketEstablishedScaled(1024, 65536, 7);
        EdgeWatcher peer = new EdgeWatcher(s, 1, 0xffff);
        s.socket.send(new byte[10], 0, 10);
        assertEquals(10, peer.dispatch(0).payload.length);
        s.socket.send(new byte[10], 0, 10); // waits behind the unacknowledged 10 (Nagle)
        peer.peerAck = send().ack(LOCAL_SEQ + 1 + 10).win(0);
        peer.peerFills(0);
        assertEquals(0, peer.dispatch(0).window, "our window is full");
        peer.applicationReads(16384);
        peer.applicationReads(16384);
        peer.applicationReads(16384);
        peer.applicationReads(16384);
        assertEquals(0, s.socket.recvQueue());
        Seg probe = peer.dispatch(5000);
        assertEquals(1, probe.payload.length, "a zero-window probe: " + probe);
        assertTrue(probe.window > 0, "it offers the freed window: " + probe);
        peer.peerFills(5000);
    }

    /**
     * Our SYN-ACK's window is never scaled (RFC 7323 2.2): before our first ACK, a segment past it
     * (here at the buffer's last byte and past its end) is outside the window, answered with an ACK
     * and not taken, so it never joins the data that fills the window.
     */
    @Test
    void theSynAckWindowIsNotScaled() {
        TcpTestSocket s = socketEstablishedScaled(1024, 65536, 7);
        Seg beyond = send().seq(REMOTE_SEQ + 1 + 0xffff).ack(LOCAL_SEQ + 1).payload(new byte[100]);
        Seg ack = s.process(0, beyond);
        assertEquals(REMOTE_SEQ + 1, ack.ack, "an ACK of nothing new: " + ack);
        EdgeWatcher peer = new EdgeWatcher(s, 1, 0xffff);
        peer.peerFills(0); // asserts that exactly the bytes sent are queued: none from beyond
        assertEquals(0xffff, s.socket.recvQueue());
    }
}
