package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;
import org.smoltcp4j.wire.WireStatus;

/** The UDP socket over IPv6: dual-stack binding, IPv6 senders, sending to IPv6 with the mandatory checksum. */
class UdpSocketIpv6Test {

    private static final int PORT = 6969;
    private static final int REMOTE_PORT = 40000;
    private static final long PREFIX = RecordingEmitter.LOCAL6_HIGH;
    private static final long LOCAL6 = RecordingEmitter.LOCAL6_LOW;
    private static final long REMOTE6 = 2;
    private static final long OTHER6 = 3;
    /** ff02::fb, mDNS over IPv6. */
    private static final long MDNS_HIGH = 0xff02_0000_0000_0000L;
    private static final long MDNS_LOW = 0xfb;
    private static final byte[] DATA = {1, 2, 3, 4, 5};

    private final RecordingEmitter emitter = new RecordingEmitter();
    private final UdpRepr udp = new UdpRepr().setSourcePort(REMOTE_PORT).setDestinationPort(PORT).setPayloadLength(DATA.length);

    private static UdpSocket socket() {
        return new UdpSocket(2, 64, 2, 64);
    }

    private static IpRepr fromV6(long destinationHigh, long destinationLow) {
        return new IpRepr().setIpv6(PREFIX, REMOTE6, destinationHigh, destinationLow, IpProtocol.UDP, 64, 8 + DATA.length);
    }

    private static IpRepr fromV4(int destination) {
        return new IpRepr().setIpv4(Ipv4Address.of(10, 0, 0, 2), destination, IpProtocol.UDP, 64, 8 + DATA.length);
    }

    @Test
    void boundToEveryAddressTakesBothVersionsAndKeepsTheSendersIpv6Address() {
        UdpSocket s = socket();
        s.bind(PORT);
        assertEquals(0, s.endpointAddressHigh());
        assertEquals(0, s.endpointAddressLow());
        assertTrue(s.accepts(fromV4(RecordingEmitter.LOCAL), udp, false));
        IpRepr ip = fromV6(PREFIX, LOCAL6);
        assertTrue(s.accepts(ip, udp, false));
        assertTrue(s.process(ip, udp, DATA, 0));
        byte[] out = new byte[16];
        assertEquals(DATA.length, s.recv(out, 0, out.length));
        assertArrayEquals(DATA, Arrays.copyOf(out, DATA.length));
        assertEquals(PREFIX, s.remoteAddressHigh());
        assertEquals(REMOTE6, s.remoteAddressLow());
        assertEquals(REMOTE_PORT, s.remotePort());
        assertEquals(PREFIX, s.localAddressHigh());
        assertEquals(LOCAL6, s.localAddressLow());
        assertEquals(Ipv4Address.UNSPECIFIED, s.remoteAddress(), "no IPv4 address for an IPv6 sender");
        assertEquals(Ipv4Address.UNSPECIFIED, s.localAddress());
    }

    @Test
    void anIpv4SenderReadsTheSameThroughBothAccessors() {
        UdpSocket s = socket();
        s.bind(PORT);
        assertTrue(s.process(fromV4(RecordingEmitter.LOCAL), udp, DATA, 0));
        assertEquals(DATA.length, s.peek());
        assertEquals(Ipv4Address.of(10, 0, 0, 2), s.remoteAddress());
        assertEquals(0, s.remoteAddressHigh());
        assertEquals(Ipv6Address.ipv4MappedLow(Ipv4Address.of(10, 0, 0, 2)), s.remoteAddressLow());
        assertEquals(RecordingEmitter.LOCAL, s.localAddress());
    }

    @Test
    void boundToAnIpv6AddressTakesOnlyThatAddressAndIpv6Multicast() {
        UdpSocket s = socket();
        s.bind(PREFIX, LOCAL6, PORT);
        assertEquals(PREFIX, s.endpointAddressHigh());
        assertEquals(LOCAL6, s.endpointAddressLow());
        assertEquals(Ipv4Address.UNSPECIFIED, s.endpointAddress());
        assertTrue(s.accepts(fromV6(PREFIX, LOCAL6), udp, false));
        assertFalse(s.accepts(fromV6(PREFIX, OTHER6), udp, false));
        assertFalse(s.accepts(fromV4(RecordingEmitter.LOCAL), udp, false));
        assertTrue(s.accepts(fromV6(MDNS_HIGH, MDNS_LOW), udp, true), "multicast of its version");
        assertFalse(s.accepts(fromV4(Ipv4Address.BROADCAST), udp, true), "IPv4 broadcast is another version's");
    }

    @Test
    void anIpv4BoundSocketDoesNotSeeIpv6Traffic() {
        UdpSocket s = socket();
        s.bind(RecordingEmitter.LOCAL, PORT);
        assertTrue(s.accepts(fromV4(RecordingEmitter.LOCAL), udp, false));
        assertFalse(s.accepts(fromV6(PREFIX, LOCAL6), udp, false));
        assertFalse(s.accepts(fromV6(MDNS_HIGH, MDNS_LOW), udp, true));
        assertFalse(s.accepts(fromV6(0, Ipv6Address.ipv4MappedLow(RecordingEmitter.LOCAL) ^ 1), udp, false));
    }

    @Test
    void boundToTheMappedUnspecifiedAddressTakesEveryIpv4AddressAndNoIpv6One() {
        UdpSocket s = socket();
        s.bind(0, Ipv6Address.ipv4MappedLow(Ipv4Address.UNSPECIFIED), PORT); // Linux: ::ffff:0.0.0.0 is IPv4's any
        assertTrue(s.accepts(fromV4(RecordingEmitter.LOCAL), udp, false));
        assertTrue(s.accepts(fromV4(Ipv4Address.of(192, 168, 7, 7)), udp, false));
        assertTrue(s.accepts(fromV4(Ipv4Address.BROADCAST), udp, true));
        assertFalse(s.accepts(fromV6(PREFIX, LOCAL6), udp, false));
        assertFalse(s.accepts(fromV6(MDNS_HIGH, MDNS_LOW), udp, true));
        assertThrows(IllegalArgumentException.class, () -> s.send(DATA, 0, DATA.length, PREFIX, REMOTE6, REMOTE_PORT));
        s.send(DATA, 0, DATA.length, Ipv4Address.of(10, 0, 0, 2), REMOTE_PORT);
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(emitter, emitter));
        assertFalse(emitter.ipv6);
        assertEquals(RecordingEmitter.LOCAL, emitter.source, "the interface chose the source");
    }

    @Test
    void sendsToAnIpv6AddressOverIpv6WithAVerifiedChecksum() {
        UdpSocket s = socket();
        s.bind(PORT);
        assertEquals(UdpSocket.SEND_OK, s.send(DATA, 0, DATA.length, PREFIX, REMOTE6, REMOTE_PORT));
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(emitter, emitter));
        assertTrue(emitter.ipv6);
        assertEquals(PREFIX, emitter.destinationHigh);
        assertEquals(REMOTE6, emitter.destinationLow);
        assertEquals(PREFIX, emitter.sourceHigh, "the interface chose the source");
        assertEquals(LOCAL6, emitter.sourceLow);
        assertEquals(IpProtocol.UDP, emitter.protocol);
        assertEquals(UdpSocket.DEFAULT_TTL, emitter.ttl);
        UdpPacket packet = new UdpPacket().wrap(emitter.sent(), 0, emitter.length);
        assertTrue(packet.verifyChecksumIpv6(PREFIX, LOCAL6, PREFIX, REMOTE6));
        UdpRepr parsed = new UdpRepr();
        assertEquals(WireStatus.OK, parsed.parseIpv6(packet, PREFIX, LOCAL6, PREFIX, REMOTE6, true));
        assertEquals(PORT, parsed.sourcePort());
        assertEquals(REMOTE_PORT, parsed.destinationPort());
        assertArrayEquals(DATA, Arrays.copyOfRange(emitter.sent(), 8, 8 + DATA.length));
    }

    @Test
    void anIpv6ChecksumIsNeverZero() {
        // A two-byte payload takes every 16-bit value: one of them sums to a zero checksum, which
        // IPv6 forbids (RFC 8200 8.1), so it is sent as 0xffff.
        UdpSocket s = new UdpSocket(0, 0, 1, 8);
        s.bind(PORT);
        byte[] payload = new byte[2];
        boolean sawAllOnes = false;
        for (int value = 0; value <= 0xffff; value++) {
            payload[0] = (byte) (value >>> 8);
            payload[1] = (byte) value;
            s.send(payload, 0, 2, PREFIX, REMOTE6, REMOTE_PORT);
            s.dispatch(emitter, emitter);
            UdpPacket packet = new UdpPacket().wrap(emitter.buffer, 0, emitter.length);
            assertNotEquals(0, packet.checksum(), "payload " + value);
            sawAllOnes |= packet.checksum() == 0xffff;
        }
        assertTrue(sawAllOnes);
    }

    @Test
    void sendsFromTheBoundIpv6AddressAndToMulticastWithTheMulticastHopLimit() {
        UdpSocket s = socket();
        s.bind(PREFIX, LOCAL6, PORT);
        s.setMulticastTtl(3);
        int at = s.beginSend(DATA.length, MDNS_HIGH, MDNS_LOW, 5353);
        System.arraycopy(DATA, 0, s.sendBuffer(), at, DATA.length);
        s.commitSend();
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(emitter, emitter));
        assertTrue(emitter.ipv6);
        assertEquals(3, emitter.ttl);
        assertEquals(LOCAL6, emitter.sourceLow);
        assertEquals(MDNS_LOW, emitter.destinationLow);
    }

    @Test
    void anIpv4MappedDestinationGoesOutOverIpv4() {
        UdpSocket s = socket();
        s.bind(PORT);
        int remote = Ipv4Address.of(10, 0, 0, 2);
        s.send(DATA, 0, DATA.length, 0, Ipv6Address.ipv4MappedLow(remote), REMOTE_PORT);
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(emitter, emitter));
        assertFalse(emitter.ipv6);
        assertEquals(remote, emitter.destination);
        assertTrue(new UdpPacket().wrap(emitter.sent(), 0, emitter.length).verifyChecksumIpv4(RecordingEmitter.LOCAL, remote));
    }

    @Test
    void refusesToSendAcrossVersionsOrToNoAddress() {
        UdpSocket v4 = socket();
        v4.bind(RecordingEmitter.LOCAL, PORT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v4.send(DATA, 0, DATA.length, PREFIX, REMOTE6, REMOTE_PORT));
        assertEquals("a socket bound to 10.0.0.1 cannot send to 2001:db8::2 (another IP version)", e.getMessage());
        UdpSocket v6 = socket();
        v6.bind(PREFIX, LOCAL6, PORT);
        assertThrows(IllegalArgumentException.class, () -> v6.send(DATA, 0, DATA.length, Ipv4Address.of(10, 0, 0, 2), REMOTE_PORT));
        assertThrows(IllegalArgumentException.class, () -> v6.send(DATA, 0, DATA.length, 0, 0, REMOTE_PORT));
        assertThrows(IllegalArgumentException.class,
                () -> v6.beginSend(DATA.length, 0, Ipv6Address.ipv4MappedLow(0), REMOTE_PORT), "::ffff:0.0.0.0");
    }

    @Test
    void noRouteToAnIpv6DestinationIsASoftError() {
        UdpSocket s = socket();
        s.bind(PORT);
        s.send(DATA, 0, DATA.length, PREFIX, REMOTE6, REMOTE_PORT);
        emitter.refuseWith = PacketEmitter.NO_ROUTE;
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(emitter, emitter));
        assertEquals(UdpSocket.ERROR_NO_ROUTE, s.takeError());
        assertEquals(PREFIX, s.errorAddressHigh(), "which IPv6 destination had no route");
        assertEquals(REMOTE6, s.errorAddressLow());
        assertEquals(Ipv4Address.UNSPECIFIED, s.errorAddress());
        assertEquals(REMOTE_PORT, s.errorPort());
        assertTrue(s.canSend(), "dropped");
    }

    @Test
    void closeForgetsTheIpv6Binding() {
        UdpSocket s = socket();
        s.bind(PREFIX, LOCAL6, PORT);
        s.close();
        assertEquals(0, s.endpointAddressHigh());
        assertEquals(0, s.endpointAddressLow());
        s.bind(PORT);
        assertTrue(s.accepts(fromV4(RecordingEmitter.LOCAL), udp, false));
    }

    @Test
    void anIpv6RoundTripAllocatesNothing() {
        UdpSocket sender = socket();
        sender.bind(PORT);
        UdpSocket receiver = socket();
        receiver.bind(PREFIX, LOCAL6, PORT);
        IpRepr ip = fromV6(PREFIX, LOCAL6);
        byte[] out = new byte[16];
        AllocationProbe.assertAllocationFree("UDP over IPv6: send, dispatch, receive", () -> {
            sender.send(DATA, 0, DATA.length, PREFIX, REMOTE6, REMOTE_PORT);
            sender.dispatch(emitter, emitter);
            receiver.process(ip, udp, DATA, 0);
            receiver.recv(out, 0, out.length);
        });
    }
}
