package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;
import org.smoltcp4j.wire.WireStatus;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** smoltcp's src/socket/udp.rs tests (all 16), plus soft errors, in-place use and statuses. */
class UdpSocketTest {

    static final int LOCAL_PORT = 53;
    static final int REMOTE_PORT = 49500;
    static final int LOCAL = RecordingEmitter.LOCAL;
    static final int REMOTE = Ipv4Address.of(10, 0, 0, 2);
    static final int OTHER = Ipv4Address.of(10, 0, 0, 3);
    static final byte[] ABCDEF = "abcdef".getBytes(StandardCharsets.US_ASCII);

    /** smoltcp's buffer(packets): 16 payload bytes per packet. */
    static UdpSocket socket(int rxPackets, int txPackets) {
        return new UdpSocket(rxPackets, 16 * rxPackets, txPackets, 16 * txPackets);
    }

    static IpRepr remoteIp(int destination) {
        return new IpRepr().setIpv4(REMOTE, destination, IpProtocol.UDP, 64, 8 + 6);
    }

    static UdpRepr remoteUdp(int destinationPort, int payloadLength) {
        return new UdpRepr().setSourcePort(REMOTE_PORT).setDestinationPort(destinationPort).setPayloadLength(payloadLength);
    }

    static boolean processAbcdef(UdpSocket s) {
        return s.process(remoteIp(LOCAL), remoteUdp(LOCAL_PORT, 6), ABCDEF, 0);
    }

    @Test
    void bindUnaddressable() {
        assertThrows(IllegalArgumentException.class, () -> socket(0, 0).bind(0));
    }

    @Test
    void bindTwice() {
        UdpSocket s = socket(0, 0);
        s.bind(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.bind(2));
        assertTrue(e.getMessage().contains("already bound"));
    }

    @Test
    void setHopLimitZero() {
        assertThrows(IllegalArgumentException.class, () -> socket(0, 1).setTtl(0));
        assertThrows(IllegalArgumentException.class, () -> socket(0, 1).setMulticastTtl(256));
    }

    @Test
    void sendUnaddressable() {
        UdpSocket s = socket(0, 1);
        IllegalStateException unbound = assertThrows(IllegalStateException.class, () -> s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT));
        assertTrue(unbound.getMessage().contains("not bound"));
        s.bind(LOCAL_PORT);
        assertThrows(IllegalArgumentException.class, () -> s.send(ABCDEF, 0, 6, Ipv4Address.UNSPECIFIED, REMOTE_PORT));
        assertThrows(IllegalArgumentException.class, () -> s.send(ABCDEF, 0, 6, REMOTE, 0));
        assertEquals(UdpSocket.SEND_OK, s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT));
    }

    @Test
    void sendWithSource() {
        UdpSocket s = socket(0, 1);
        s.bind(LOCAL, LOCAL_PORT);
        s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT);
        RecordingEmitter e = new RecordingEmitter();
        e.source = 0;
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertEquals(LOCAL, e.source);
    }

    @Test
    void sendDispatch() {
        UdpSocket s = socket(0, 1);
        s.bind(LOCAL, LOCAL_PORT);
        RecordingEmitter e = new RecordingEmitter();
        assertTrue(s.canSend());
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        assertEquals(Socket.POLL_NEVER, s.pollAt(e));

        assertEquals(UdpSocket.SEND_OK, s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT));
        assertEquals(UdpSocket.SEND_BUFFER_FULL, s.send("123456".getBytes(StandardCharsets.US_ASCII), 0, 6, REMOTE, REMOTE_PORT));
        assertFalse(s.canSend());
        assertEquals(e.now(), s.pollAt(e));

        e.refuseWith = PacketEmitter.DEVICE_BUSY;
        assertEquals(Socket.DISPATCH_BLOCKED, s.dispatch(e, e));
        assertEquals(PacketEmitter.DEVICE_BUSY, s.blockedStatus());
        assertFalse(s.canSend(), "a refused datagram stays queued");

        e.refuseWith = PacketEmitter.OK;
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertTrue(s.canSend());
        assertEquals(REMOTE, e.destination);
        assertEquals(IpProtocol.UDP, e.protocol);
        assertEquals(64, e.ttl);
        assertEquals(8 + 6, e.length);
        UdpPacket packet = new UdpPacket().wrap(e.sent(), 0, e.length);
        UdpRepr repr = new UdpRepr();
        assertEquals(WireStatus.OK, repr.parseIpv4(packet, LOCAL, REMOTE, true));
        assertEquals(LOCAL_PORT, repr.sourcePort());
        assertEquals(REMOTE_PORT, repr.destinationPort());
        assertTrue(packet.checksum() != 0, "checksum filled in software");
    }

    @Test
    void recvProcess() {
        UdpSocket s = socket(1, 0);
        s.bind(LOCAL_PORT);
        assertFalse(s.canRecv());
        assertEquals(UdpSocket.EMPTY, s.recv(new byte[16], 0, 16));

        assertTrue(s.accepts(remoteIp(LOCAL), remoteUdp(LOCAL_PORT, 6), false));
        assertTrue(processAbcdef(s));
        assertTrue(s.canRecv());
        assertTrue(s.accepts(remoteIp(LOCAL), remoteUdp(LOCAL_PORT, 6), false));
        assertFalse(processAbcdef(s), "the second datagram finds the queue full");

        byte[] out = new byte[16];
        assertEquals(6, s.recv(out, 0, 16));
        assertArrayEquals(ABCDEF, java.util.Arrays.copyOf(out, 6));
        assertEquals(REMOTE, s.remoteAddress());
        assertEquals(REMOTE_PORT, s.remotePort());
        assertEquals(LOCAL, s.localAddress());
        assertFalse(s.canRecv());
    }

    @Test
    void peekProcess() {
        UdpSocket s = socket(1, 0);
        s.bind(LOCAL_PORT);
        assertEquals(UdpSocket.EMPTY, s.peek());
        assertTrue(processAbcdef(s));
        assertEquals(6, s.peek());
        assertEquals(REMOTE_PORT, s.remotePort());
        assertArrayEquals(ABCDEF, java.util.Arrays.copyOfRange(s.receiveBuffer(), s.receiveOffset(), s.receiveOffset() + 6));
        byte[] out = new byte[6];
        assertEquals(6, s.recv(out, 0, 6));
        assertArrayEquals(ABCDEF, out);
        assertEquals(UdpSocket.EMPTY, s.peek());
        assertThrows(IllegalStateException.class, s::receiveOffset);
    }

    @Test
    void recvTruncatedSlice() {
        UdpSocket s = socket(1, 0);
        s.bind(LOCAL_PORT);
        assertTrue(processAbcdef(s));
        byte[] slice = new byte[4];
        assertEquals(4, s.recv(slice, 0, 4));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), slice);
        assertFalse(s.canRecv(), "the rest of a truncated datagram is dropped");
    }

    @Test
    void peekTruncatedSlice() {
        UdpSocket s = socket(1, 0);
        s.bind(LOCAL_PORT);
        assertTrue(processAbcdef(s));
        byte[] slice = new byte[4];
        assertEquals(4, s.peek(slice, 0, 4));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), slice);
        assertEquals(4, s.recv(slice, 0, 4));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), slice);
        assertEquals(UdpSocket.EMPTY, s.peek(slice, 0, 4));
    }

    @Test
    void setHopLimit() {
        UdpSocket s = socket(0, 1);
        s.bind(LOCAL, LOCAL_PORT);
        s.setTtl(0x2a);
        assertEquals(0x2a, s.ttl());
        s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT);
        RecordingEmitter e = new RecordingEmitter();
        s.dispatch(e, e);
        assertEquals(0x2a, e.ttl);
    }

    @Test
    void multicastUsesMulticastTtl() {
        UdpSocket s = socket(0, 2);
        s.bind(LOCAL_PORT);
        assertEquals(1, s.multicastTtl());
        s.setMulticastTtl(4);
        s.send(ABCDEF, 0, 6, Ipv4Address.of(224, 0, 0, 251), 5353);
        RecordingEmitter e = new RecordingEmitter();
        s.dispatch(e, e);
        assertEquals(4, e.ttl);
    }

    @Test
    void doesntAcceptWrongPort() {
        UdpSocket s = socket(1, 0);
        s.bind(LOCAL_PORT);
        assertTrue(s.accepts(remoteIp(LOCAL), remoteUdp(LOCAL_PORT, 6), false));
        assertFalse(s.accepts(remoteIp(LOCAL), remoteUdp(LOCAL_PORT + 1, 6), false));
    }

    @Test
    void doesntAcceptWrongIp() {
        UdpSocket portBound = socket(1, 0);
        portBound.bind(LOCAL_PORT);
        assertTrue(portBound.accepts(remoteIp(OTHER), remoteUdp(LOCAL_PORT, 6), false));
        UdpSocket ipBound = socket(1, 0);
        ipBound.bind(LOCAL, LOCAL_PORT);
        assertFalse(ipBound.accepts(remoteIp(OTHER), remoteUdp(LOCAL_PORT, 6), false));
        assertTrue(ipBound.accepts(remoteIp(Ipv4Address.BROADCAST), remoteUdp(LOCAL_PORT, 6), true), "broadcast reaches address-bound sockets");
    }

    @Test
    void sendLargePacket() {
        UdpSocket s = socket(0, 4);
        s.bind(LOCAL, LOCAL_PORT);
        byte[] tooLarge = new byte[16 * 4 + 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.send(tooLarge, 0, tooLarge.length, REMOTE, REMOTE_PORT));
        assertTrue(e.getMessage().contains("65 bytes"));
        assertEquals(UdpSocket.SEND_OK, s.send(tooLarge, 0, 16 * 4, REMOTE, REMOTE_PORT));
    }

    @Test
    void processEmptyPayload() {
        UdpSocket s = new UdpSocket(new PacketBuffer(1, 0, DatagramSocket.METADATA_WORDS),
                new PacketBuffer(0, 0, DatagramSocket.METADATA_WORDS));
        s.bind(LOCAL_PORT);
        assertTrue(s.process(remoteIp(LOCAL), remoteUdp(LOCAL_PORT, 0), ABCDEF, 0));
        assertEquals(0, s.recv(new byte[4], 0, 4));
        assertEquals(REMOTE_PORT, s.remotePort());
    }

    @Test
    void closing() {
        UdpSocket s = socket(1, 1);
        s.bind(LOCAL_PORT);
        assertTrue(s.isOpen());
        s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT);
        processAbcdef(s);
        s.close();
        assertFalse(s.isOpen());
        assertEquals(0, s.endpointPort());
        assertFalse(s.canRecv());
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        s.bind(LOCAL_PORT + 1);
        assertEquals(LOCAL_PORT + 1, s.endpointPort());
    }

    // --- beyond smoltcp --------------------------------------------------------------------------

    @Test
    void inPlaceSendIsHeldUntilCommitted() {
        UdpSocket s = socket(0, 2);
        s.bind(LOCAL_PORT);
        int at = s.beginSend(6, REMOTE, REMOTE_PORT);
        assertTrue(at >= 0);
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e), "an uncommitted datagram is not sent");
        assertThrows(IllegalStateException.class, () -> s.beginSend(1, REMOTE, REMOTE_PORT));
        System.arraycopy(ABCDEF, 0, s.sendBuffer(), at, 6);
        s.commitSend();
        assertThrows(IllegalStateException.class, s::commitSend);
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertArrayEquals(ABCDEF, java.util.Arrays.copyOfRange(e.sent(), 8, 14));
    }

    @Test
    void inPlaceRecvAndDiscard() {
        UdpSocket s = socket(2, 0);
        s.bind(LOCAL_PORT);
        processAbcdef(s);
        assertEquals(6, s.peek());
        assertEquals('a', s.receiveBuffer()[s.receiveOffset()]);
        assertTrue(s.discard());
        assertFalse(s.discard());
    }

    @Test
    void noRouteAndTooLargeDropTheDatagramWithASoftError() {
        UdpSocket s = socket(0, 2);
        s.bind(LOCAL_PORT);
        s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT);
        s.send(ABCDEF, 0, 6, OTHER, 7);
        RecordingEmitter e = new RecordingEmitter();
        e.refuseWith = PacketEmitter.NO_ROUTE;
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        assertEquals(UdpSocket.ERROR_NO_ROUTE, s.takeError());
        assertEquals(REMOTE, s.errorAddress());
        assertEquals(UdpSocket.ERROR_NONE, s.takeError(), "reading clears the error");
        e.refuseWith = PacketEmitter.TOO_LARGE;
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        assertEquals(UdpSocket.ERROR_TOO_LARGE, s.takeError());
        assertEquals(7, s.errorPort());
        assertTrue(s.canSend());
        assertEquals(Socket.POLL_NEVER, s.pollAt(e));
    }

    @Test
    void unreachableIsASoftError() {
        UdpSocket s = socket(0, 0);
        s.bind(LOCAL, LOCAL_PORT);
        assertTrue(s.acceptsIcmpError(LOCAL, LOCAL_PORT));
        assertFalse(s.acceptsIcmpError(OTHER, LOCAL_PORT));
        assertFalse(s.acceptsIcmpError(LOCAL, LOCAL_PORT + 1));
        s.processUnreachable(3, REMOTE, REMOTE_PORT);
        assertEquals(UdpSocket.ERROR_UNREACHABLE, s.takeError());
        assertEquals(3, s.errorIcmpCode());
        assertEquals(REMOTE, s.errorAddress());
        assertEquals(REMOTE_PORT, s.errorPort());
        assertEquals(UdpSocket.ERROR_NONE, s.takeError());
    }

    @Test
    void checksumOffloadLeavesTheFieldZero() {
        UdpSocket s = socket(0, 1);
        s.bind(LOCAL_PORT);
        s.send(ABCDEF, 0, 6, REMOTE, REMOTE_PORT);
        RecordingEmitter e = new RecordingEmitter();
        e.softwareChecksum = false;
        s.dispatch(e, e);
        assertEquals(0, new UdpPacket().wrap(e.sent(), 0, e.length).checksum());
    }

    @Test
    void misuseIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new UdpSocket(new PacketBuffer(1, 16, 1),
                new PacketBuffer(1, 16, DatagramSocket.METADATA_WORDS)));
        assertThrows(NullPointerException.class, () -> new UdpSocket(null, new PacketBuffer(1, 16, DatagramSocket.METADATA_WORDS)));
        UdpSocket s = socket(1, 1);
        s.bind(LOCAL_PORT);
        assertThrows(IndexOutOfBoundsException.class, () -> s.recv(new byte[4], 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> s.send(new byte[4], -1, 2, REMOTE, REMOTE_PORT));
        assertThrows(IllegalArgumentException.class, () -> s.beginSend(-1, REMOTE, REMOTE_PORT));
        assertThrows(IllegalArgumentException.class, () -> s.bind(0x10000));
        assertEquals(1, s.packetRecvCapacity());
        assertEquals(16, s.payloadRecvCapacity());
        assertEquals(1, s.packetSendCapacity());
        assertEquals(16, s.payloadSendCapacity());
    }

    @Property(tries = 200)
    void whatIsSentParsesBackAndIsReceivedIntact(@ForAll @Size(max = 64) byte[] payload,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        UdpSocket sender = new UdpSocket(0, 0, 1, 64);
        sender.bind(LOCAL_PORT);
        assertEquals(UdpSocket.SEND_OK, sender.send(payload, 0, payload.length, REMOTE, port));
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_SENT, sender.dispatch(e, e));
        byte[] wire = e.sent();
        UdpRepr udp = new UdpRepr();
        UdpPacket packet = new UdpPacket().wrap(wire, 0, wire.length);
        assertEquals(WireStatus.OK, udp.parseIpv4(packet, LOCAL, REMOTE, true));

        UdpSocket receiver = new UdpSocket(1, 64, 0, 0);
        receiver.bind(port);
        IpRepr ip = new IpRepr().setIpv4(LOCAL, REMOTE, IpProtocol.UDP, 64, wire.length);
        assertTrue(receiver.accepts(ip, udp, false));
        assertTrue(receiver.process(ip, udp, wire, packet.payloadOffset()));
        byte[] out = new byte[64];
        assertEquals(payload.length, receiver.recv(out, 0, 64));
        assertArrayEquals(payload, java.util.Arrays.copyOf(out, payload.length));
        assertEquals(LOCAL_PORT, receiver.remotePort());
        assertEquals(LOCAL, receiver.remoteAddress());
    }
}
