package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_PORT;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS6;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.LOCAL6_LOW;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.LOCAL_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.OTHER6_LOW;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.PREFIX6;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE6_LOW;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.RecordingEmitter;
import org.smoltcp4j.socket.SeededTcpSequenceSource;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSequenceSource;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * The TCP socket over IPv6, with {@link TcpTestSocket} in its IPv6 mode: both handshakes with the
 * IPv6 MSS (IP MTU - 60), data, the close, dual-stack listening, and an allocation-free data path.
 */
class TcpIpv6Test {

    private static final Seg SYN = send().syn().seq(REMOTE_SEQ).noAck();

    private static TcpTestSocket ipv6Socket() {
        TcpTestSocket s = new TcpTestSocket(64, 64);
        s.ipv6 = true;
        return s;
    }

    /** A passive open over IPv6: SYN, SYN|ACK with the IPv6 MSS, ACK. */
    private static TcpTestSocket establishedPassively() {
        TcpTestSocket s = ipv6Socket();
        s.socket.listen(LOCAL_PORT);
        s.send(SYN);
        s.recv(recv().syn().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).mss(BASE_MSS6));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        return s;
    }

    @Test
    void passiveOpenDataAndCloseOverIpv6() {
        TcpTestSocket s = establishedPassively();
        assertTrue(s.socket.isIpv6());
        assertEquals(PREFIX6, s.socket.localAddressHigh());
        assertEquals(LOCAL6_LOW, s.socket.localAddressLow());
        assertEquals(PREFIX6, s.socket.remoteAddressHigh());
        assertEquals(REMOTE6_LOW, s.socket.remoteAddressLow());
        assertEquals(Ipv4Address.UNSPECIFIED, s.socket.remoteAddress(), "no IPv4 address");

        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
        byte[] got = new byte[6];
        assertEquals(6, s.socket.recv(got, 0, 6));
        assertEquals("abcdef", new String(got, StandardCharsets.US_ASCII));

        byte[] reply = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, s.socket.send(reply, 0, reply.length));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).payload("hello").win(58)); // SWS avoidance: the window reopens by an MSS or half the buffer
        s.send(send().seq(REMOTE_SEQ + 1 + 6).ack(LOCAL_SEQ + 1 + 5));

        s.socket.close();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1 + 5).ack(REMOTE_SEQ + 1 + 6).win(58));
        s.send(send().fin().seq(REMOTE_SEQ + 1 + 6).ack(LOCAL_SEQ + 1 + 5 + 1));
        s.recv(recv().seq(LOCAL_SEQ + 1 + 5 + 1).ack(REMOTE_SEQ + 1 + 6 + 1));
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
    }

    @Test
    void activeOpenOverIpv6SendsTheIpv6Mss() {
        TcpTestSocket s = ipv6Socket();
        s.socket.connect(s, PREFIX6, REMOTE6_LOW, REMOTE_PORT, 0, 0, LOCAL_PORT);
        assertTrue(s.socket.isIpv6());
        assertEquals(LOCAL6_LOW, s.socket.localAddressLow(), "the source the interface chose");
        s.recv(recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS6).ws(0).sackOk());
        s.send(send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(1400).ws(0));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(1400, s.socket.remoteMss());
    }

    @Test
    void connectFromAGivenIpv6AddressAndRefusalsOfTheWrongOnes() {
        TcpTestSocket s = ipv6Socket();
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> s.socket.connect(s, PREFIX6, REMOTE6_LOW, REMOTE_PORT, 0, Ipv6Address.ipv4MappedLow(LOCAL_ADDR),
                        LOCAL_PORT));
        assertEquals("local address 192.168.1.1 and remote address 2001:db8::2 are of different IP versions", mixed.getMessage());
        IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class,
                () -> s.socket.connect(s, PREFIX6, REMOTE6_LOW, REMOTE_PORT, PREFIX6, OTHER6_LOW, LOCAL_PORT));
        assertEquals("local address 2001:db8::3 is not an address of the interface", notOurs.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.socket.connect(s, 0, 0, REMOTE_PORT, 0, 0, LOCAL_PORT));
        s.socket.connect(s, PREFIX6, REMOTE6_LOW, REMOTE_PORT, PREFIX6, LOCAL6_LOW, 0);
        assertEquals(49152, s.socket.localPort(), "an ephemeral port");
        assertEquals("TCP SYN-SENT [2001:db8::1]:49152 -> [2001:db8::2]:" + REMOTE_PORT,
                s.socket.appendTo(new StringBuilder()).toString().replaceAll(" una=.*", ""));
    }

    @Test
    void listeningOnEveryAddressTakesBothVersions() {
        TcpTestSocket s = ipv6Socket();
        s.socket.listen(LOCAL_PORT);
        assertTrue(s.accepts(REMOTE_ADDR, LOCAL_ADDR, SYN));
        assertTrue(s.accepts6(REMOTE6_LOW, LOCAL6_LOW, SYN));
        assertFalse(s.socket.isIpv6(), "no connection yet");
        s.send(SYN);
        assertTrue(s.socket.isIpv6());
        assertFalse(s.accepts(REMOTE_ADDR, LOCAL_ADDR, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1)),
                "the connection is IPv6's now");
    }

    @Test
    void listeningOnAnIpv6AddressTakesOnlyThatAddress() {
        TcpTestSocket s = ipv6Socket();
        s.socket.listen(PREFIX6, LOCAL6_LOW, LOCAL_PORT);
        assertTrue(s.accepts6(REMOTE6_LOW, LOCAL6_LOW, SYN));
        assertFalse(s.accepts6(REMOTE6_LOW, OTHER6_LOW, SYN));
        assertFalse(s.accepts(REMOTE_ADDR, LOCAL_ADDR, SYN));
        assertEquals(0, s.socket.localAddress());
        assertEquals(LOCAL6_LOW, s.socket.localAddressLow());
        s.socket.listen(PREFIX6, LOCAL6_LOW, LOCAL_PORT); // the same endpoint again: fine
        assertThrows(IllegalStateException.class, () -> s.socket.listen(LOCAL_PORT));
    }

    @Test
    void anIpv4ListenerStaysIpv4() {
        TcpTestSocket s = new TcpTestSocket(64, 64);
        s.socket.listen(LOCAL_ADDR, LOCAL_PORT);
        assertTrue(s.accepts(REMOTE_ADDR, LOCAL_ADDR, SYN));
        assertFalse(s.accepts6(REMOTE6_LOW, LOCAL6_LOW, SYN));
        s.send(SYN);
        s.recv(recv().syn().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).mss(TcpTestSocket.BASE_MSS));
        assertFalse(s.socket.isIpv6());
    }

    @Test
    void aListenBacklogOnAnIpv6AddressCoversOnlyIt() {
        TcpListener listener = new TcpListener(new TcpSocket[] {new TcpSocket(64, 64, 1)}, PREFIX6, LOCAL6_LOW, 80);
        assertTrue(listener.covers(PREFIX6, LOCAL6_LOW, 80));
        assertFalse(listener.covers(PREFIX6, OTHER6_LOW, 80));
        assertFalse(listener.covers(LOCAL_ADDR, 80));
        assertEquals(PREFIX6, listener.addressHigh());
        assertEquals(LOCAL6_LOW, listener.addressLow());
        assertEquals(0, listener.address());
        TcpListener any = TcpListener.withNewSockets(1, 64, 64, 1, 80);
        assertTrue(any.covers(PREFIX6, OTHER6_LOW, 80));
        assertTrue(any.covers(LOCAL_ADDR, 80));
    }

    @Test
    void icmpv4ErrorsDoNotReachAnIpv6Connection() {
        TcpTestSocket s = establishedPassively();
        assertFalse(s.socket.acceptsIcmpError((int) LOCAL6_LOW, LOCAL_PORT, (int) REMOTE6_LOW, REMOTE_PORT));
    }

    @Test
    void isnsDifferAcrossIpv6FourTuples() {
        TcpSequenceSource shared = new SeededTcpSequenceSource(42);
        RecordingEmitter e = new RecordingEmitter();
        int first = synSequence(shared, e, 2);
        int second = synSequence(shared, e, 3);
        assertNotEquals(first, second);
        assertEquals(first, synSequence(shared, e, 2), "the same 4-tuple at the same time: the same ISN");
    }

    /** The sequence number of the SYN a socket sends to 2001:db8::{@code remoteLow} port 80 from port 50000. */
    private static int synSequence(TcpSequenceSource sequences, RecordingEmitter e, long remoteLow) {
        TcpSocket socket = new TcpSocket(new RingBuffer(64), new RingBuffer(64), Assembler.DEFAULT_MAX_RANGES, sequences);
        socket.connect(e, RecordingEmitter.LOCAL6_HIGH, remoteLow, 80, 0, 0, 50000);
        assertEquals(Socket.DISPATCH_SENT, socket.dispatch(e, e));
        assertTrue(e.ipv6);
        TcpRepr syn = new TcpRepr();
        assertEquals(WireStatus.OK, syn.parseIpv6(new TcpPacket().wrap(e.buffer, 0, e.length), e.sourceHigh, e.sourceLow,
                e.destinationHigh, e.destinationLow, true));
        return syn.sequenceNumber();
    }

    @Test
    void dataOverIpv6AllocatesNothing() {
        TcpTestSocket s = establishedPassively();
        IpRepr ip = new IpRepr().setIpv6(PREFIX6, REMOTE6_LOW, PREFIX6, LOCAL6_LOW, IpProtocol.TCP, 64,
                TcpPacket.HEADER_LEN + 8);
        TcpRepr data = new TcpRepr();
        byte[] payload = new byte[8];
        byte[] chunk = new byte[8];
        byte[] sink = new byte[64];
        send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload(payload).toRepr(data);
        int[] next = {0, 0}; // the peer's bytes sent, ours acknowledged
        AllocationProbe.assertAllocationFree("TCP over IPv6: data both ways, ACKs, reads", () -> {
            s.now += 1000;
            data.setSequenceNumber(REMOTE_SEQ + 1 + next[0]);
            if (s.socket.process(s, ip, data, payload, 0)) {
                s.socket.sendReply(s);
            }
            next[0] += 8;
            s.socket.recv(sink, 0, sink.length);
            s.socket.send(chunk, 0, chunk.length);
            s.socket.dispatch(s, s);
            next[1] += 8;
            data.setAckNumber(LOCAL_SEQ + 1 + next[1]);
        });
    }
}
