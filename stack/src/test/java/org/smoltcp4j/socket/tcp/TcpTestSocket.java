package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.SocketContext;
import org.smoltcp4j.socket.TcpSequenceSource;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * smoltcp's {@code TestSocket} with its {@code send!}/{@code recv!}/{@code recv_nothing!} macros:
 * a {@link TcpSocket} on a virtual clock (milliseconds, as the Rust tests write them), fed
 * segments at the Repr level, with every segment it emits parsed back (checksum verified) and
 * compared exactly. It is the socket's context and emitter: IP MTU 1500, local 192.168.1.1 and
 * 2001:db8::1. With {@link #ipv6} set, segments are fed from 2001:db8::2 to 2001:db8::1 and those
 * emitted must go out over IPv6 between them (checksum over the IPv6 pseudo-header).
 */
final class TcpTestSocket implements SocketContext, PacketEmitter {

    static final int LOCAL_ADDR = Ipv4Address.of(192, 168, 1, 1);
    static final int REMOTE_ADDR = Ipv4Address.of(192, 168, 1, 2);
    static final int OTHER_ADDR = Ipv4Address.of(192, 168, 1, 3);
    /** 2001:db8::/64: the IPv6 addresses' high half. */
    static final long PREFIX6 = 0x2001_0db8_0000_0000L;
    static final long LOCAL6_LOW = 1;
    static final long REMOTE6_LOW = 2;
    static final long OTHER6_LOW = 3;
    /** MSS of a 1500-byte IP MTU. */
    static final int BASE_MSS = 1460;
    /** MSS of a 1500-byte IP MTU over IPv6 (40-byte header). */
    static final int BASE_MSS6 = 1440;

    /** ISN LOCAL_SEQ, ephemeral port 49152 and TSval = the clock in ms, as smoltcp's cfg(test) values. */
    static final TcpSequenceSource FIXED = new FixedSequences(Seg.LOCAL_SEQ);

    /** A fixed ISN, ephemeral port 49152 and no timestamp offset. */
    private static final class FixedSequences implements TcpSequenceSource {
        private final int isn;

        FixedSequences(int isn) {
            this.isn = isn;
        }

        @Override
        public int initialSequenceNumber(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
                int remotePort, long now) {
            return isn;
        }

        @Override
        public int ephemeralPort(long localHigh, long localLow, long remoteHigh, long remoteLow, int remotePort) {
            return 49152;
        }

        @Override
        public int timestampOffset(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
                int remotePort) {
            return 0;
        }
    }

    final TcpSocket socket;
    long now;
    /** The interface's address; a test changes it to take the socket's address away. */
    int ownAddress = LOCAL_ADDR;
    /** A second address of the interface (unspecified: none), which the route to the peer never picks. */
    int secondAddress = Ipv4Address.UNSPECIFIED;
    boolean refuse;
    /** What a refusing emitter answers. */
    int refuseWith = DEVICE_BUSY;
    /** The largest TCP packet the "device" takes; above the MTU it segments itself (TSO). */
    int segmentationLimit = 1500;
    /** Calls of {@link #beginIpv4} and {@link #beginIpv6}, refused ones included. */
    int attempts;
    /** Segments are fed and expected over IPv6 (2001:db8::2 -> 2001:db8::1). */
    boolean ipv6;
    private final byte[] buffer = new byte[70000];
    private int length;
    private boolean sentIpv6;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int ttl;
    private boolean committed;
    private final TcpRepr inRepr = new TcpRepr();
    private final IpRepr ip = new IpRepr();

    TcpTestSocket(int txLen, int rxLen) {
        this(txLen, rxLen, FIXED);
    }

    /** A socket whose ISN is {@code isn} (the rest as {@link #FIXED}). */
    TcpTestSocket(int txLen, int rxLen, int isn) {
        this(txLen, rxLen, new FixedSequences(isn));
    }

    private TcpTestSocket(int txLen, int rxLen, TcpSequenceSource sequences) {
        socket = new TcpSocket(new RingBuffer(rxLen), new RingBuffer(txLen), 4, sequences);
        socket.setAckDelay(0);
        socket.setTimestampsEnabled(false); // as smoltcp's TestSocket: no TSval generator unless a test sets one
    }

    // --- the macros ------------------------------------------------------------------------------

    /** send!(s, time ms, seg): the segment is processed and produces no reply. */
    void send(long millis, Seg seg) {
        Seg reply = process(millis, seg);
        if (reply != null) {
            fail("expected no reply to " + seg + " but got " + reply);
        }
    }

    void send(Seg seg) {
        send(0, seg);
    }

    /** send!(s, time ms, seg, Some(reply)). */
    void send(long millis, Seg seg, Seg expectedReply) {
        assertEquals(expectedReply, process(millis, seg), "reply to " + seg);
    }

    void send(Seg seg, Seg expectedReply) {
        send(0, seg, expectedReply);
    }

    /** recv!(s, time ms, [segs]): exactly these segments come out, PSH ignored, then nothing. */
    void recv(long millis, Seg... expected) {
        for (Seg seg : expected) {
            Seg got = dispatch(millis);
            if (got == null) {
                fail("expected " + seg + " but nothing was sent at " + millis + " ms");
            }
            assertEquals(seg.withoutPsh(), got.withoutPsh());
        }
        recvNothing(millis);
    }

    void recv(Seg... expected) {
        recv(0, expected);
    }

    /** recv!(s, time ms, seg, exact): one segment, PSH included. */
    void recvExact(long millis, Seg expected) {
        assertEquals(expected, dispatch(millis));
    }

    /** recv_nothing!(s, time ms). */
    void recvNothing(long millis) {
        Seg got = dispatch(millis);
        if (got != null) {
            fail("expected nothing at " + millis + " ms but got " + got);
        }
    }

    void recvNothing() {
        recvNothing(0);
    }

    /** Feeds {@code seg} at {@code millis}; returns the immediate reply, or null. */
    Seg process(long millis, Seg seg) {
        int replied = deliver(millis, seg);
        if (replied == Socket.DISPATCH_IDLE) {
            return null;
        }
        assertEquals(Socket.DISPATCH_SENT, replied);
        return parsed();
    }

    /** Feeds {@code seg} at {@code millis} and sends the reply it leaves: sendReply's result, DISPATCH_IDLE for none. */
    int deliver(long millis, Seg seg) {
        now = millis * 1000;
        fromPeer(seg);
        seg.toRepr(inRepr);
        assertTrue(socket.accepts(ip, inRepr), "socket does not accept " + seg);
        if (!socket.process(this, ip, inRepr, seg.payload, 0)) {
            return Socket.DISPATCH_IDLE;
        }
        committed = false;
        return socket.sendReply(this);
    }

    /** The IP header of {@code seg} from the peer to us, in the family {@link #ipv6} selects. */
    private IpRepr fromPeer(Seg seg) {
        int length = TcpPacket.HEADER_LEN + seg.payload.length;
        return ipv6 ? ip.setIpv6(PREFIX6, REMOTE6_LOW, PREFIX6, LOCAL6_LOW, IpProtocol.TCP, 64, length)
                : ip.setIpv4(REMOTE_ADDR, LOCAL_ADDR, IpProtocol.TCP, 64, length);
    }

    /** Whether the socket would take {@code seg} (smoltcp's accepts). */
    boolean accepts(Seg seg) {
        return socket.accepts(fromPeer(seg), seg.toRepr(inRepr));
    }

    boolean accepts(int from, int to, Seg seg) {
        ip.setIpv4(from, to, IpProtocol.TCP, 64, TcpPacket.HEADER_LEN + seg.payload.length);
        return socket.accepts(ip, seg.toRepr(inRepr));
    }

    /** Whether the socket would take {@code seg} from {@code PREFIX6:fromLow} to {@code PREFIX6:toLow}. */
    boolean accepts6(long fromLow, long toLow, Seg seg) {
        ip.setIpv6(PREFIX6, fromLow, PREFIX6, toLow, IpProtocol.TCP, 64, TcpPacket.HEADER_LEN + seg.payload.length);
        return socket.accepts(ip, seg.toRepr(inRepr));
    }

    /** One dispatch at {@code millis}: the segment sent, or null. */
    Seg dispatch(long millis) {
        now = millis * 1000;
        committed = false;
        int result = socket.dispatch(this, this);
        if (result != Socket.DISPATCH_SENT) {
            return null;
        }
        assertTrue(committed, "DISPATCH_SENT without a commit");
        return parsed();
    }

    private Seg parsed() {
        assertEquals(ipv6, sentIpv6, "IP version of the emitted segment");
        TcpPacket packet = new TcpPacket().wrap(buffer, 0, length);
        TcpRepr repr = new TcpRepr();
        if (ipv6) {
            assertEquals(PREFIX6, sourceHigh, "source address");
            assertEquals(LOCAL6_LOW, sourceLow, "source address");
            assertEquals(PREFIX6, destinationHigh, "destination address");
            assertEquals(REMOTE6_LOW, destinationLow, "destination address");
            assertEquals(WireStatus.OK, repr.parseIpv6(packet, sourceHigh, sourceLow, destinationHigh, destinationLow, true),
                    "emitted segment parses");
        } else {
            assertEquals(Ipv6Address.ipv4MappedLow(LOCAL_ADDR), sourceLow, "source address");
            assertEquals(Ipv6Address.ipv4MappedLow(REMOTE_ADDR), destinationLow, "destination address");
            assertEquals(WireStatus.OK, repr.parseIpv4(packet, LOCAL_ADDR, REMOTE_ADDR, true), "emitted segment parses");
        }
        return Seg.of(repr, buffer, packet.payloadOffset());
    }

    /** pollAt in milliseconds (Long.MAX_VALUE for never). */
    long pollAtMillis(long millis) {
        now = millis * 1000;
        long at = socket.pollAt(this);
        return at == Socket.POLL_NEVER ? Long.MAX_VALUE : at / 1000;
    }

    // --- SocketContext ---------------------------------------------------------------------------

    @Override
    public long now() {
        return now;
    }

    @Override
    public boolean hasIpv4Address(int address) {
        return address == ownAddress || address != Ipv4Address.UNSPECIFIED && address == secondAddress;
    }

    @Override
    public int ipv4SourceFor(int destination) {
        return LOCAL_ADDR;
    }

    @Override
    public boolean hasIpv6Address(long high, long low) {
        return high == PREFIX6 && low == LOCAL6_LOW;
    }

    @Override
    public long ipv6SourceHighFor(long destinationHigh, long destinationLow) {
        return PREFIX6;
    }

    @Override
    public long ipv6SourceLowFor(long destinationHigh, long destinationLow) {
        return LOCAL6_LOW;
    }

    @Override
    public int ipMtu() {
        return 1500;
    }

    @Override
    public int tcpSegmentationLimit() {
        return segmentationLimit;
    }

    // --- PacketEmitter ---------------------------------------------------------------------------

    @Override
    public int beginIpv4(int source, int destination, int protocol, int ttl, int payloadLength) {
        attempts++;
        if (refuse) {
            return refuseWith;
        }
        assertEquals(IpProtocol.TCP, protocol);
        return lend(false, 0, Ipv6Address.ipv4MappedLow(source), 0, Ipv6Address.ipv4MappedLow(destination), ttl,
                payloadLength);
    }

    @Override
    public int beginIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader,
            int hopLimit, int payloadLength) {
        attempts++;
        if (refuse) {
            return refuseWith;
        }
        assertEquals(IpProtocol.TCP, nextHeader);
        return lend(true, sourceHigh, sourceLow, destinationHigh, destinationLow, hopLimit, payloadLength);
    }

    private int lend(boolean version6, long sh, long sl, long dh, long dl, int hopLimit, int payloadLength) {
        this.sentIpv6 = version6;
        this.sourceHigh = sh;
        this.sourceLow = sl;
        this.destinationHigh = dh;
        this.destinationLow = dl;
        this.ttl = hopLimit;
        this.length = payloadLength;
        return OK;
    }

    @Override
    public int beginIpv4Packet(int destination, int packetLength) {
        throw new AssertionError("TCP sends IP payloads only");
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public int payloadOffset() {
        return 0;
    }

    @Override
    public int source() {
        return Ipv6Address.ipv4OfMapped(sourceLow);
    }

    @Override
    public long sourceHigh() {
        return sourceHigh;
    }

    @Override
    public long sourceLow() {
        return sourceLow;
    }

    @Override
    public boolean checksumBySoftware(int protocol) {
        return true;
    }

    @Override
    public void commit() {
        committed = true;
    }

    @Override
    public void abort() {
        throw new AssertionError("TCP never aborts a lent buffer");
    }

    int lastTtl() {
        return ttl;
    }
}
