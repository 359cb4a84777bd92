package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;
import org.smoltcp4j.wire.WireStatus;

/** smoltcp's src/socket/icmp.rs tests, IPv4 and IPv6, plus binding. */
class IcmpSocketTest {

    static final int LOCAL = RecordingEmitter.LOCAL;
    static final int REMOTE = Ipv4Address.of(10, 0, 0, 2);

    /** smoltcp's buffer(packets): 66 bytes per packet. */
    static IcmpSocket socket(int rxPackets, int txPackets) {
        return new IcmpSocket(rxPackets, 66 * rxPackets, txPackets, 66 * txPackets);
    }

    /** ECHOV4_REPR: echo request 0x1234/0x5678 with 16 bytes of 0xff, emitted with its checksum. */
    static byte[] echo(int type, int identifier) {
        byte[] bytes = new byte[24];
        Icmpv4Repr repr = type == Icmpv4Packet.TYPE_ECHO_REQUEST ? new Icmpv4Repr().setEchoRequest(identifier, 0x5678, 16)
                : new Icmpv4Repr().setEchoReply(identifier, 0x5678, 16);
        Icmpv4Packet packet = new Icmpv4Packet().wrap(bytes, 0, 24);
        repr.emit(packet, false);
        Arrays.fill(bytes, 8, 24, (byte) 0xff);
        packet.fillChecksum();
        return bytes;
    }

    static Icmpv4Repr parse(byte[] bytes) {
        Icmpv4Repr repr = new Icmpv4Repr();
        assertEquals(WireStatus.OK, repr.parse(new Icmpv4Packet().wrap(bytes, 0, bytes.length), true));
        return repr;
    }

    static IpRepr remoteIp(int payloadLength) {
        return new IpRepr().setIpv4(REMOTE, LOCAL, IpProtocol.ICMP, 64, payloadLength);
    }

    @Test
    void sendUnaddressable() {
        IcmpSocket s = socket(0, 1);
        assertThrows(IllegalArgumentException.class, () -> s.send(echo(8, 1), 0, 24, Ipv4Address.UNSPECIFIED));
        assertEquals(IcmpSocket.SEND_OK, s.send(echo(8, 1), 0, 24, REMOTE));
    }

    @Test
    void sendDispatch() {
        IcmpSocket s = socket(0, 1);
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        assertThrows(IllegalArgumentException.class, () -> s.send(new byte[67], 0, 67, REMOTE), "longer than the buffer");
        assertTrue(s.canSend());
        byte[] echo = echo(Icmpv4Packet.TYPE_ECHO_REQUEST, 0x1234);
        assertEquals(IcmpSocket.SEND_OK, s.send(echo, 0, 24, REMOTE));
        assertEquals(IcmpSocket.SEND_BUFFER_FULL, s.send(new byte[8], 0, 8, REMOTE));
        assertFalse(s.canSend());

        e.refuseWith = PacketEmitter.NEIGHBOR_PENDING;
        assertEquals(Socket.DISPATCH_BLOCKED, s.dispatch(e, e));
        assertFalse(s.canSend(), "not taken off the queue while refused");

        e.refuseWith = PacketEmitter.OK;
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertTrue(s.canSend());
        assertEquals(REMOTE, e.destination);
        assertEquals(IpProtocol.ICMP, e.protocol);
        assertEquals(64, e.ttl);
        assertArrayEquals(echo, e.sent());
    }

    @Test
    void socketFillsTheChecksum() {
        IcmpSocket s = socket(0, 1);
        byte[] echo = echo(Icmpv4Packet.TYPE_ECHO_REQUEST, 7);
        echo[2] = 0;
        echo[3] = 0;
        s.send(echo, 0, 24, REMOTE);
        RecordingEmitter e = new RecordingEmitter();
        s.dispatch(e, e);
        assertTrue(new Icmpv4Packet().wrap(e.sent(), 0, 24).verifyChecksum());
    }

    @Test
    void setHopLimitV4() {
        IcmpSocket s = socket(0, 1);
        s.setTtl(0x2a);
        s.send(echo(8, 0x1234), 0, 24, REMOTE);
        RecordingEmitter e = new RecordingEmitter();
        s.dispatch(e, e);
        assertEquals(0x2a, e.ttl);
        assertEquals(24, e.length);
        assertThrows(IllegalArgumentException.class, () -> s.setTtl(0));
    }

    @Test
    void recvProcess() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        assertFalse(s.canRecv());
        assertEquals(IcmpSocket.EMPTY, s.recv(new byte[66], 0, 66));
        byte[] data = echo(Icmpv4Packet.TYPE_ECHO_REQUEST, 0x1234);
        Icmpv4Repr repr = parse(data);
        assertTrue(s.accepts(remoteIp(24), repr, data));
        assertTrue(s.process(remoteIp(24), data, 0, 24));
        assertTrue(s.canRecv());
        assertTrue(s.accepts(remoteIp(24), repr, data));
        assertFalse(s.process(remoteIp(24), data, 0, 24));
        byte[] out = new byte[66];
        assertEquals(24, s.recv(out, 0, 66));
        assertArrayEquals(data, Arrays.copyOf(out, 24));
        assertEquals(REMOTE, s.remoteAddress());
        assertFalse(s.canRecv());
    }

    @Test
    void acceptsEchoRepliesToo() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        byte[] reply = echo(Icmpv4Packet.TYPE_ECHO_REPLY, 0x1234);
        assertTrue(s.accepts(remoteIp(24), parse(reply), reply));
    }

    @Test
    void acceptBadId() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        byte[] data = echo(Icmpv4Packet.TYPE_ECHO_REQUEST, 0x4321);
        assertFalse(s.accepts(remoteIp(24), parse(data), data));
    }

    /** A port unreachable about a UDP datagram LOCAL:53 -> REMOTE:9090 with 10 bytes of 0xff. */
    static byte[] portUnreachable(int sourcePort) {
        byte[] udp = new byte[18];
        UdpPacket packet = new UdpPacket().wrap(udp, 0, 18);
        new UdpRepr().setSourcePort(sourcePort).setDestinationPort(9090).setPayloadLength(10).emit(packet);
        Arrays.fill(udp, 8, 18, (byte) 0xff);
        packet.fillChecksumIpv4(LOCAL, REMOTE);
        Ipv4Repr original = new Ipv4Repr().set(LOCAL, REMOTE, IpProtocol.UDP, 18, 64);
        Icmpv4Repr repr = new Icmpv4Repr().setDestinationUnreachable(Icmpv4Packet.UNREACHABLE_PORT, 0, original, 18);
        byte[] bytes = new byte[repr.bufferLen()];
        Icmpv4Packet icmp = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
        repr.emit(icmp, false);
        System.arraycopy(udp, 0, bytes, bytes.length - 18, 18);
        icmp.fillChecksum();
        return bytes;
    }

    @Test
    void acceptsUdp() {
        IcmpSocket s = socket(1, 1);
        s.bindUdp(LOCAL, 53);
        byte[] data = portUnreachable(53);
        IpRepr ip = remoteIp(data.length);
        Icmpv4Repr repr = parse(data);
        assertFalse(s.canRecv());
        assertTrue(s.accepts(ip, repr, data));
        assertTrue(s.process(ip, data, 0, data.length));
        byte[] out = new byte[66];
        assertEquals(data.length, s.recv(out, 0, 66));
        assertArrayEquals(data, Arrays.copyOf(out, data.length));
        assertEquals(REMOTE, s.remoteAddress());

        byte[] other = portUnreachable(54);
        assertFalse(s.accepts(ip, parse(other), other), "another port's error");
        IcmpSocket elsewhere = socket(1, 1);
        elsewhere.bindUdp(Ipv4Address.of(10, 0, 0, 9), 53);
        assertFalse(elsewhere.accepts(ip, repr, data), "bound to another local address");
        IcmpSocket byIdent = socket(1, 1);
        byIdent.bindIdentifier(53);
        assertFalse(byIdent.accepts(ip, repr, data));
    }

    @Test
    void binding() {
        IcmpSocket s = socket(1, 1);
        assertFalse(s.isOpen());
        assertFalse(s.accepts(remoteIp(24), parse(echo(8, 1)), echo(8, 1)), "an unbound socket receives nothing");
        assertThrows(IllegalArgumentException.class, () -> s.bindIdentifier(-1));
        assertThrows(IllegalArgumentException.class, () -> s.bindUdp(0, 0));
        s.bindIdentifier(1);
        assertTrue(s.isOpen());
        assertThrows(IllegalStateException.class, () -> s.bindUdp(0, 53));
        s.close();
        assertFalse(s.isOpen());
        s.bindUdp(0, 53);
        assertThrows(IllegalArgumentException.class, () -> s.send(new byte[7], 0, 7, REMOTE), "shorter than an ICMP header");
    }

    @Test
    void inPlaceSend() {
        IcmpSocket s = socket(0, 1);
        int at = s.beginSend(24, REMOTE);
        System.arraycopy(echo(8, 5), 0, s.sendBuffer(), at, 24);
        s.commitSend();
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertEquals(5, parse(e.sent()).identifier());
    }

    // --- ICMPv6 (smoltcp's *_ipv6 tests) ----------------------------------------------------------

    private static final long PREFIX = RecordingEmitter.LOCAL6_HIGH;
    private static final long LOCAL6 = RecordingEmitter.LOCAL6_LOW;
    private static final long REMOTE6 = 2;

    /** ECHOV6_REPR: an echo request or reply with 16 bytes of 0xff, checksummed for REMOTE6 -> LOCAL6. */
    static byte[] echo6(boolean request, int identifier) {
        Icmpv6Repr repr = new Icmpv6Repr().setEcho(request, identifier, 0x5678, 16);
        byte[] bytes = new byte[24];
        Icmpv6Packet packet = new Icmpv6Packet().wrap(bytes, 0, 24);
        repr.emit(packet);
        Arrays.fill(bytes, 8, 24, (byte) 0xff);
        packet.fillChecksum(PREFIX, REMOTE6, PREFIX, LOCAL6);
        return bytes;
    }

    static Icmpv6Repr parse6(byte[] bytes) {
        Icmpv6Repr repr = new Icmpv6Repr();
        assertEquals(WireStatus.OK, repr.parse(new Icmpv6Packet().wrap(bytes, 0, bytes.length), true, PREFIX, REMOTE6, PREFIX,
                LOCAL6));
        return repr;
    }

    static IpRepr remoteIp6(int payloadLength) {
        return new IpRepr().setIpv6(PREFIX, REMOTE6, PREFIX, LOCAL6, IpProtocol.ICMPV6, 64, payloadLength);
    }

    @Test
    void sendUnaddressableIpv6() {
        IcmpSocket s = socket(0, 1);
        assertThrows(IllegalArgumentException.class, () -> s.send(echo6(true, 1), 0, 24, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.send(new byte[4], 0, 4, PREFIX, REMOTE6), "shorter than a header");
        assertEquals(IcmpSocket.SEND_OK, s.send(echo6(true, 1), 0, 24, PREFIX, REMOTE6));
    }

    @Test
    void sendDispatchIpv6() {
        IcmpSocket s = socket(0, 1);
        s.setTtl(0x2a);
        RecordingEmitter e = new RecordingEmitter();
        byte[] request = echo6(true, 0x1234);
        int at = s.beginSend(24, PREFIX, REMOTE6);
        System.arraycopy(request, 0, s.sendBuffer(), at, 24);
        s.commitSend();
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertTrue(s.canSend());
        assertTrue(e.ipv6);
        assertEquals(IpProtocol.ICMPV6, e.protocol);
        assertEquals(0x2a, e.ttl);
        assertEquals(PREFIX, e.destinationHigh);
        assertEquals(REMOTE6, e.destinationLow);
        Icmpv6Packet sent = new Icmpv6Packet().wrap(e.sent(), 0, e.length);
        assertTrue(sent.verifyChecksum(e.sourceHigh, e.sourceLow, PREFIX, REMOTE6), "checksum over our chosen source");
        Icmpv6Repr repr = new Icmpv6Repr();
        assertEquals(WireStatus.OK, repr.parse(sent, true, e.sourceHigh, e.sourceLow, PREFIX, REMOTE6));
        assertEquals(Icmpv6Packet.TYPE_ECHO_REQUEST, repr.type());
        assertEquals(0x1234, repr.echoIdentifier());
    }

    @Test
    void anIcmpv6MessageIsLeftToADeviceThatChecksumsIt() {
        IcmpSocket s = socket(0, 1);
        byte[] request = echo6(true, 0x1234);
        request[2] = 0;
        request[3] = 0;
        s.send(request, 0, 24, PREFIX, REMOTE6);
        RecordingEmitter e = new RecordingEmitter();
        e.softwareChecksum = false;
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertEquals(0, e.sent()[2] | e.sent()[3], "checksum left to the device");
    }

    @Test
    void recvProcessIpv6() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        byte[] reply = echo6(false, 0x1234);
        Icmpv6Repr repr = parse6(reply);
        assertTrue(s.acceptsIcmpv6(repr));
        assertTrue(s.process(remoteIp6(24), reply, 0, 24));
        assertTrue(s.acceptsIcmpv6(repr));
        assertFalse(s.process(remoteIp6(24), reply, 0, 24), "queue full");
        byte[] out = new byte[66];
        assertEquals(24, s.recv(out, 0, 66));
        assertArrayEquals(reply, Arrays.copyOf(out, 24));
        assertEquals(PREFIX, s.remoteAddressHigh());
        assertEquals(REMOTE6, s.remoteAddressLow());
        assertEquals(Ipv4Address.UNSPECIFIED, s.remoteAddress());
        assertTrue(s.acceptsIcmpv6(parse6(echo6(true, 0x1234))), "requests too, as smoltcp");
    }

    @Test
    void acceptBadIdIpv6() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        assertFalse(s.acceptsIcmpv6(parse6(echo6(false, 0x4321))));
        IcmpSocket byPort = socket(1, 1);
        byPort.bindUdp(0, 0x1234);
        assertFalse(byPort.acceptsIcmpv6(parse6(echo6(false, 0x1234))), "a UDP binding takes no ICMPv6");
        assertFalse(socket(1, 1).acceptsIcmpv6(parse6(echo6(false, 0x1234))), "unbound");
    }

    @Test
    void anIcmpv4MessageToAMappedAddressGoesOverIpv4() {
        IcmpSocket s = socket(0, 1);
        s.send(echo(Icmpv4Packet.TYPE_ECHO_REQUEST, 1), 0, 24, 0, Ipv6Address.ipv4MappedLow(REMOTE));
        RecordingEmitter e = new RecordingEmitter();
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertFalse(e.ipv6);
        assertEquals(REMOTE, e.destination);
        assertEquals(IpProtocol.ICMP, e.protocol);
    }

    @Test
    void pingOverIpv6AllocatesNothing() {
        IcmpSocket s = socket(1, 1);
        s.bindIdentifier(0x1234);
        RecordingEmitter e = new RecordingEmitter();
        byte[] request = echo6(true, 0x1234);
        byte[] reply = echo6(false, 0x1234);
        Icmpv6Repr repr = parse6(reply);
        IpRepr ip = remoteIp6(24);
        byte[] out = new byte[66];
        AllocationProbe.assertAllocationFree("ICMPv6 echo: send, dispatch, receive", () -> {
            s.send(request, 0, 24, PREFIX, REMOTE6);
            s.dispatch(e, e);
            if (s.acceptsIcmpv6(repr)) {
                s.process(ip, reply, 0, 24);
            }
            s.recv(out, 0, out.length);
        });
    }
}
