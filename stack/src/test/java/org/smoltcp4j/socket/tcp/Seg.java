package org.smoltcp4j.socket.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * A TCP segment at the Repr level, as smoltcp's tests write them: {@link #send()} is SEND_TEMPL
 * (from the remote peer), {@link #recv()} is RECV_TEMPL (from the socket under test); the builder
 * methods return modified copies, like Rust's {@code ..TEMPL} struct update.
 */
final class Seg {

    static final int LOCAL_PORT = 80;
    static final int REMOTE_PORT = 49500;
    static final int LOCAL_SEQ = 10000;
    static final int REMOTE_SEQ = -10001;

    int sourcePort;
    int destinationPort;
    int flags;
    int seq;
    int ack;
    int window;
    int mss = TcpRepr.NONE;
    int windowScale = TcpRepr.NONE;
    boolean sackPermitted;
    boolean hasTimestamp;
    int tsval;
    int tsecr;
    int[] sack = new int[0];
    byte[] payload = new byte[0];

    /** SEND_TEMPL: remote -> local, ACK 0, window 256. */
    static Seg send() {
        Seg s = new Seg();
        s.sourcePort = REMOTE_PORT;
        s.destinationPort = LOCAL_PORT;
        s.flags = TcpPacket.FLAG_ACK;
        s.window = 256;
        return s;
    }

    /** RECV_TEMPL: local -> remote, ACK 0, window 64. */
    static Seg recv() {
        Seg s = new Seg();
        s.sourcePort = LOCAL_PORT;
        s.destinationPort = REMOTE_PORT;
        s.flags = TcpPacket.FLAG_ACK;
        s.window = 64;
        return s;
    }

    /** Our data segment at {@code offset} past LOCAL_SEQ + 1, acknowledging REMOTE_SEQ + 1. */
    static Seg data(int offset, String payload) {
        return recv().seq(LOCAL_SEQ + 1 + offset).ack(REMOTE_SEQ + 1).payload(payload);
    }

    /** The peer's ACK of our data up to {@code offset} past LOCAL_SEQ + 1. */
    static Seg ackOf(int offset) {
        return send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + offset);
    }

    private Seg copy() {
        Seg s = new Seg();
        s.sourcePort = sourcePort;
        s.destinationPort = destinationPort;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.window = window;
        s.mss = mss;
        s.windowScale = windowScale;
        s.sackPermitted = sackPermitted;
        s.hasTimestamp = hasTimestamp;
        s.tsval = tsval;
        s.tsecr = tsecr;
        s.sack = sack.clone();
        s.payload = payload.clone();
        return s;
    }

    Seg syn() {
        Seg s = copy();
        s.flags |= TcpPacket.FLAG_SYN;
        return s;
    }

    Seg fin() {
        Seg s = copy();
        s.flags |= TcpPacket.FLAG_FIN;
        return s;
    }

    Seg rst() {
        Seg s = copy();
        s.flags |= TcpPacket.FLAG_RST;
        return s;
    }

    Seg psh() {
        Seg s = copy();
        s.flags |= TcpPacket.FLAG_PSH;
        return s;
    }

    Seg seq(int seq) {
        Seg s = copy();
        s.seq = seq;
        return s;
    }

    Seg ack(int ack) {
        Seg s = copy();
        s.ack = ack;
        s.flags |= TcpPacket.FLAG_ACK;
        return s;
    }

    Seg noAck() {
        Seg s = copy();
        s.ack = 0;
        s.flags &= ~TcpPacket.FLAG_ACK;
        return s;
    }

    Seg ports(int source, int destination) {
        Seg s = copy();
        s.sourcePort = source;
        s.destinationPort = destination;
        return s;
    }

    Seg win(int window) {
        Seg s = copy();
        s.window = window;
        return s;
    }

    Seg mss(int mss) {
        Seg s = copy();
        s.mss = mss;
        return s;
    }

    Seg ws(int shift) {
        Seg s = copy();
        s.windowScale = shift;
        return s;
    }

    Seg sackOk() {
        Seg s = copy();
        s.sackPermitted = true;
        return s;
    }

    /** The timestamp option: TSval {@code value}, TSecr {@code echoReply}. */
    Seg ts(int value, int echoReply) {
        Seg s = copy();
        s.hasTimestamp = true;
        s.tsval = value;
        s.tsecr = echoReply;
        return s;
    }

    Seg sack(int left, int right) {
        Seg s = copy();
        s.sack = Arrays.copyOf(sack, sack.length + 2);
        s.sack[sack.length] = left;
        s.sack[sack.length + 1] = right;
        return s;
    }

    Seg payload(byte[] data) {
        Seg s = copy();
        s.payload = data.clone();
        return s;
    }

    Seg payload(String text) {
        return payload(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes this segment's header fields into {@code r} (the payload stays in {@link #payload}). */
    TcpRepr toRepr(TcpRepr r) {
        r.clearOptions().setFlags(flags).setSourcePort(sourcePort).setDestinationPort(destinationPort)
                .setSequenceNumber(seq).setWindow(window).setPayloadLength(payload.length);
        if ((flags & TcpPacket.FLAG_ACK) != 0) {
            r.setAckNumber(ack);
        }
        if (mss != TcpRepr.NONE) {
            r.setMaxSegmentSize(mss);
        }
        if (windowScale != TcpRepr.NONE) {
            r.setWindowScale(windowScale);
        }
        r.setSackPermitted(sackPermitted);
        if (hasTimestamp) {
            r.setTimestamp(tsval, tsecr);
        }
        for (int i = 0; i < sack.length; i += 2) {
            r.addSackBlock(sack[i], sack[i + 1]);
        }
        return r;
    }

    /** The segment {@code r} describes, with its payload copied from {@code buf[off, ...)}. */
    static Seg of(TcpRepr r, byte[] buf, int off) {
        Seg s = new Seg();
        s.sourcePort = r.sourcePort();
        s.destinationPort = r.destinationPort();
        s.flags = r.flags();
        s.seq = r.sequenceNumber();
        s.ack = r.ackNumber();
        s.window = r.window();
        s.mss = r.maxSegmentSize();
        s.windowScale = r.windowScale();
        s.sackPermitted = r.sackPermitted();
        s.hasTimestamp = r.hasTimestamp();
        s.tsval = r.timestampValue();
        s.tsecr = r.timestampEchoReply();
        s.sack = new int[r.sackBlockCount() * 2];
        for (int i = 0; i < r.sackBlockCount(); i++) {
            s.sack[2 * i] = r.sackLeft(i);
            s.sack[2 * i + 1] = r.sackRight(i);
        }
        s.payload = Arrays.copyOfRange(buf, off, off + r.payloadLength());
        return s;
    }

    /** As smoltcp's recv!: most tests do not care about PSH. */
    Seg withoutPsh() {
        Seg s = copy();
        s.flags &= ~TcpPacket.FLAG_PSH;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Seg)) {
            return false;
        }
        Seg s = (Seg) o;
        return sourcePort == s.sourcePort && destinationPort == s.destinationPort && flags == s.flags && seq == s.seq
                && ack == s.ack && window == s.window && mss == s.mss && windowScale == s.windowScale
                && sackPermitted == s.sackPermitted && hasTimestamp == s.hasTimestamp && tsval == s.tsval
                && tsecr == s.tsecr && Arrays.equals(sack, s.sack) && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, seq, ack, window);
    }

    @Override
    public String toString() {
        StringBuilder sb = toRepr(new TcpRepr()).appendTo(new StringBuilder());
        sb.append(" payload=");
        for (byte b : payload) {
            sb.append(b >= 32 && b < 127 ? (char) b : '.');
        }
        return sb.toString();
    }
}
