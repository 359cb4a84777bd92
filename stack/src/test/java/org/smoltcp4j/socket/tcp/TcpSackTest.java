package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpFixtures.PEER_TSVAL;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * RFC 2018 section 4 at the receiver: which SACK blocks our ACKs carry, in which order, and that
 * they go when the holes fill. Offsets count from REMOTE_SEQ + 1 (the peer's first data byte).
 */
class TcpSackTest {

    private static final int BASE = REMOTE_SEQ + 1;

    /** The peer's 5-byte segment at {@code offset}. */
    private static Seg segment(int offset) {
        return send().seq(BASE + offset).ack(LOCAL_SEQ + 1).payload("xxxxx");
    }

    /** Our ACK of everything before {@code offset}, with the window of a 64-byte buffer holding it. */
    private static Seg ackTo(int offset) {
        return recv().seq(LOCAL_SEQ + 1).ack(BASE + offset).win(64 - offset);
    }

    @Test
    void blocksAreOrderedByRecency() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(64, 64);
        s.send(segment(20), ackTo(0).sack(BASE + 20, BASE + 25));
        s.send(segment(40), ackTo(0).sack(BASE + 40, BASE + 45).sack(BASE + 20, BASE + 25));
        s.send(segment(30), ackTo(0).sack(BASE + 30, BASE + 35).sack(BASE + 40, BASE + 45).sack(BASE + 20, BASE + 25));
        // Extending a block puts it first again; the others keep their last reported order.
        s.send(segment(45), ackTo(0).sack(BASE + 40, BASE + 50).sack(BASE + 30, BASE + 35).sack(BASE + 20, BASE + 25));
        // Joining two blocks reports the union once.
        s.send(segment(25), ackTo(0).sack(BASE + 20, BASE + 35).sack(BASE + 40, BASE + 50));
    }

    @Test
    void blocksDisappearAsTheHolesFill() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(64, 64);
        s.send(segment(10), ackTo(0).sack(BASE + 10, BASE + 15));
        s.send(segment(20), ackTo(0).sack(BASE + 20, BASE + 25).sack(BASE + 10, BASE + 15));
        // The first hole filled: the ACK advances past [10, 15); a segment that advanced the ACK
        // has no block of its own (RFC 2018 section 4), the remaining block is repeated.
        s.send(send().seq(BASE).ack(LOCAL_SEQ + 1).payload("0123456789"), ackTo(15).sack(BASE + 20, BASE + 25));
        s.send(send().seq(BASE + 15).ack(LOCAL_SEQ + 1).payload("xxxxx"), ackTo(25));
        s.recvNothing();
    }

    @Test
    void noBlocksWithoutNegotiation() {
        TcpTestSocket s = TcpFixtures.socketEstablished();
        s.send(segment(20), ackTo(0));
        s.send(segment(40), ackTo(0));
    }

    @Test
    void fourBlocksWithoutTimestamps() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(64, 64);
        reportsMostRecentBlocks(s, ackTo(0), 4);
    }

    @Test
    void threeBlocksBesideTimestamps() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithTimestamps(64, 64, true);
        reportsMostRecentBlocks(s, ackTo(0).ts(0, PEER_TSVAL), 3);
        // [0, 15) acknowledged: the blocks reported last are repeated in their order.
        s.send(segment(0).payload("0123456789"), ackTo(15).ts(0, PEER_TSVAL)
                .sack(BASE + 40, BASE + 45).sack(BASE + 30, BASE + 35).sack(BASE + 20, BASE + 25));
        s.send(segment(15), ackTo(25).ts(0, PEER_TSVAL).sack(BASE + 40, BASE + 45).sack(BASE + 30, BASE + 35));
    }

    /**
     * Segments at 10, 20, 30 and 40 (four holes): each ACK reports the newest block first, then
     * the earlier ones newest first, as many as {@code room}: the least recently reported drop out.
     */
    private static void reportsMostRecentBlocks(TcpTestSocket s, Seg ack, int room) {
        for (int i = 1; i <= 4; i++) {
            Seg expected = ack;
            for (int j = i; j > Math.max(0, i - room); j--) {
                expected = expected.sack(BASE + 10 * j, BASE + 10 * j + 5);
            }
            s.send(segment(10 * i), expected);
        }
    }

    @Test
    void outgoingDataCarriesTheBlocks() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithSack(64, 64);
        s.send(segment(20), ackTo(0).sack(BASE + 20, BASE + 25));
        s.socket.send("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        s.recv(ackTo(0).payload("abc").sack(BASE + 20, BASE + 25));
    }

    @Test
    void outOfOrderReceiveWithOptionsAllocatesNothing() {
        TcpTestSocket s = TcpFixtures.socketEstablishedWithTimestamps(64, 64, true);
        IpRepr ip = new IpRepr();
        TcpRepr ahead = new TcpRepr();
        TcpRepr filler = new TcpRepr();
        byte[] payload = new byte[8];
        byte[] sink = new byte[64];
        send().seq(BASE + 8).ack(LOCAL_SEQ + 1).payload(payload).ts(PEER_TSVAL, 0).toRepr(ahead);
        send().seq(BASE).ack(LOCAL_SEQ + 1).payload(payload).ts(PEER_TSVAL, 0).toRepr(filler);
        ip.setIpv4(TcpTestSocket.REMOTE_ADDR, TcpTestSocket.LOCAL_ADDR, IpProtocol.TCP, 64, TcpPacket.HEADER_LEN + 8);
        int[] next = {BASE};
        AllocationProbe.assertAllocationFree("out-of-order segment, SACK+TS reply, gap filled", () -> {
            ahead.setSequenceNumber(next[0] + 8);
            filler.setSequenceNumber(next[0]);
            s.now += 1000;
            if (s.socket.process(s, ip, ahead, payload, 0)) {
                s.socket.sendReply(s);
            }
            if (s.socket.process(s, ip, filler, payload, 0)) {
                s.socket.sendReply(s);
            }
            s.socket.recv(sink, 0, sink.length);
            s.socket.dispatch(s, s);
            next[0] += 16;
        });
        assertEquals(Socket.DISPATCH_IDLE, s.socket.dispatch(s, s));
    }
}
