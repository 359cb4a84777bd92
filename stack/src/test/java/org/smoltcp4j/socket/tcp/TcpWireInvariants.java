package org.smoltcp4j.socket.tcp;

import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.SimulatedWire;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;
import org.smoltcp4j.wire.WireStatus;

/**
 * Checks every TCP segment of one connection as an end puts it on a {@link SimulatedWire}, before
 * the wire's faults: what a correct sender may emit, judged from what both ends have sent so far.
 * <ul>
 * <li>the segment parses and its checksum is right;</li>
 * <li>no RST, except from an end whose socket is closed already (the answer to a FIN
 * retransmitted after TIME-WAIT ended);</li>
 * <li>a retransmitted SYN keeps its initial sequence number;</li>
 * <li>every payload byte is the byte the application gave at that stream offset (but a
 * keep-alive's one garbage octet, which the peer has acknowledged already);</li>
 * <li>no byte lies beyond the largest right edge (ACK + scaled window) the peer has advertised,
 * except a one-byte zero-window probe;</li>
 * <li>the FIN sits right after the whole stream;</li>
 * <li>an ACK never acknowledges what the peer has not sent, and never goes backwards.</li>
 * </ul>
 * Failures throw AssertionError out of the poll that sent the segment. Passing segments allocate
 * nothing (the views are reused), so the checker may stay on inside allocation probes.
 */
final class TcpWireInvariants implements SimulatedWire.FrameTap {

    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket packet = new TcpPacket();
    private final TcpRepr tcp = new TcpRepr();
    private final Sender[] senders = new Sender[2];
    private final boolean cyclic;
    private long segments;

    /**
     * @param streamA what {@code socketA}, behind end A, sends in full; {@code streamB} likewise
     * @param cyclic  whether each end sends its stream over and over (no FIN) instead of once
     */
    TcpWireInvariants(byte[] streamA, byte[] streamB, TcpSocket socketA, TcpSocket socketB, boolean cyclic) {
        this.cyclic = cyclic;
        senders[SimulatedWire.END_A] = new Sender(streamA, socketA);
        senders[SimulatedWire.END_B] = new Sender(streamB, socketB);
    }

    /** TCP segments checked so far. */
    long segments() {
        return segments;
    }

    @Override
    public void transmitted(int from, long now, byte[] buf, int off, int len) {
        if (ethernet.wrap(buf, off, len).check() != WireStatus.OK || ethernet.etherType() != EtherType.IPV4) {
            return;
        }
        ip.wrap(buf, ethernet.payloadOffset(), ethernet.payloadLength());
        if (ip.check() != WireStatus.OK || ip.protocol() != IpProtocol.TCP) {
            return;
        }
        packet.wrap(buf, ip.payloadOffset(), ip.payloadLength());
        int status = packet.check();
        if (status == WireStatus.OK) {
            status = tcp.parseIpv4(packet, ip.source(), ip.destination(), true);
        }
        if (status != WireStatus.OK) {
            fail(from, "emitted a TCP segment that does not parse (status " + status + ")");
        }
        segments++;
        check(from, senders[from], senders[1 - from], packet.payloadOffset());
    }

    private void check(int from, Sender self, Sender peer, int payloadOffset) {
        if (tcp.hasFlags(TcpPacket.FLAG_RST)) {
            if (self.socket.state() != TcpSocket.CLOSED) {
                fail(from, "sent a RST");
            }
            return;
        }
        int seq = tcp.sequenceNumber();
        if (tcp.hasFlags(TcpPacket.FLAG_SYN)) {
            if (self.synSeen && seq != self.isn) {
                fail(from, "retransmitted its SYN with ISN " + seq + " instead of " + self.isn);
            }
            self.synSeen = true;
            self.isn = seq;
            self.windowScale = tcp.windowScale();
            self.advance(seq + 1);
            seq++;
        }
        if (!self.synSeen) {
            fail(from, "sent a segment before its SYN");
        }
        int length = tcp.payloadLength();
        if (length == 1 && !tcp.hasFlags(TcpPacket.FLAG_FIN) && peer.hasAck && TcpSeqNumber.lessThan(seq, peer.lastAck)) {
            return; // a keep-alive probe: one garbage octet the peer has acknowledged already (RFC 1122 4.2.3.6)
        }
        if (length > 0) {
            checkPayload(from, self, peer, seq, length, payloadOffset);
        }
        int end = seq + length;
        if (tcp.hasFlags(TcpPacket.FLAG_FIN)) {
            int finSeq = self.isn + 1 + self.stream.length;
            if (end != finSeq) {
                fail(from, "sent FIN at " + end + ", the stream ends at " + finSeq);
            }
            end++;
        }
        self.advance(end);
        if (tcp.hasFlags(TcpPacket.FLAG_ACK)) {
            checkAck(from, self, peer);
        }
    }

    private void checkPayload(int from, Sender self, Sender peer, int seq, int length, int payloadOffset) {
        long offset = (seq - (self.isn + 1)) & 0xffffffffL;
        if (!cyclic && offset + length > self.stream.length) {
            fail(from, "sent " + length + " bytes at stream offset " + offset + ", the stream has " + self.stream.length);
        }
        byte[] buf = packet.buffer();
        for (int i = 0; i < length; i++) {
            if (buf[payloadOffset + i] != self.stream[(int) ((offset + i) % self.stream.length)]) {
                fail(from, "sent a wrong byte at stream offset " + (offset + i));
            }
        }
        if (peer.hasRightEdge && length > 1 && TcpSeqNumber.greaterThan(seq + length, peer.rightEdge)) {
            fail(from, "sent up to " + (seq + length) + ", beyond the peer's largest right edge " + peer.rightEdge);
        }
    }

    private void checkAck(int from, Sender self, Sender peer) {
        int ack = tcp.ackNumber();
        if (!peer.synSeen || TcpSeqNumber.greaterThan(ack, peer.highest)) {
            fail(from, "acknowledged " + ack + ", beyond all the peer has sent (" + peer.highest + ")");
        }
        if (self.hasAck && TcpSeqNumber.lessThan(ack, self.lastAck)) {
            fail(from, "sent ACK " + ack + " after ACK " + self.lastAck);
        }
        self.hasAck = true;
        self.lastAck = ack;
        boolean scaled = !tcp.hasFlags(TcpPacket.FLAG_SYN) && self.windowScale != TcpRepr.NONE && peer.windowScale != TcpRepr.NONE;
        int edge = ack + (tcp.window() << (scaled ? self.windowScale : 0));
        if (!self.hasRightEdge || TcpSeqNumber.greaterThan(edge, self.rightEdge)) {
            self.rightEdge = edge;
            self.hasRightEdge = true;
        }
    }

    private void fail(int from, String what) {
        throw new AssertionError("end " + (from == SimulatedWire.END_A ? 'A' : 'B') + " " + what + ": " + tcp.appendTo(new StringBuilder()));
    }

    /** What one end has sent so far. */
    private static final class Sender {
        final byte[] stream;
        final TcpSocket socket;
        boolean synSeen;
        int isn;
        int windowScale = TcpRepr.NONE;
        boolean hasHighest;
        /** One past the highest sequence number sent (SYN and FIN count). */
        int highest;
        boolean hasAck;
        int lastAck;
        boolean hasRightEdge;
        /** The largest ACK + window this end has advertised. */
        int rightEdge;

        Sender(byte[] stream, TcpSocket socket) {
            this.stream = stream;
            this.socket = socket;
        }

        void advance(int end) {
            if (!hasHighest || TcpSeqNumber.greaterThan(end, highest)) {
                highest = end;
                hasHighest = true;
            }
        }
    }
}
