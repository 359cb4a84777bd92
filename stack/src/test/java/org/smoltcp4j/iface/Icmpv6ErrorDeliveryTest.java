package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Received ICMPv6 errors about our TCP segments and UDP datagrams through the interface: each
 * reaches the socket that sent the quoted packet with its ICMPv4 equivalent's meaning, Packet Too
 * Big lowers a connection's path MTU (RFC 8201), and errors that cannot be about us (a sequence
 * number not in flight, someone else's address, a short quote) are counted and ignored. The
 * errors quote packets the sockets really sent.
 */
class Icmpv6ErrorDeliveryTest {

    private static final int PEER_PORT = 80;
    private static final int LOCAL_PORT = 40001;
    private static final int UDP_PORT = 6969;
    private static final int UDP_PEER_PORT = 7000;
    private static final int DATA = 3000;
    /** fdbe::77: an address on our link that is not ours. */
    private static final long STRANGER_LOW = 0x77;
    private static final int UNREACHABLE = Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE;
    private static final int TOO_BIG = Icmpv6Packet.TYPE_PACKET_TOO_BIG;
    private static final int TIME_EXCEEDED = Icmpv6Packet.TYPE_TIME_EXCEEDED;
    private static final int PARAMETER_PROBLEM = Icmpv6Packet.TYPE_PARAMETER_PROBLEM;
    /** Counter of each ICMPv6 error type 1..4. */
    private static final int[] RECEIVED = {
        Counters.RX_ICMPV6_DESTINATION_UNREACHABLE, Counters.RX_ICMPV6_PACKET_TOO_BIG, Counters.RX_ICMPV6_TIME_EXCEEDED,
        Counters.RX_ICMPV6_PARAMETER_PROBLEM,
    };

    private Ipv6Fixture f;
    private TcpSocket client;

    private void newFixture(int medium) {
        f = new Ipv6Fixture(medium);
        f.learnPeer(0);
    }

    // --- TCP -------------------------------------------------------------------------------------

    /** {@link #client} sends its SYN from fdbe::1 port 40001 to fdbe::2 port 80; returns that packet. */
    private byte[] startConnect(int medium) {
        newFixture(medium);
        client = new TcpSocket(8192, 8192, 7);
        client.connect(f.iface.context(0), ULA_HIGH, PEER_LOW, PEER_PORT, 0, 0, LOCAL_PORT);
        f.sockets.add(client);
        List<byte[]> out = f.pollIp(0);
        assertEquals(1, out.size(), "the SYN");
        return out.get(0);
    }

    /** {@link #client} connects (peer window 8000, MSS 1440: full segments fill 1500-byte packets). */
    private void connect(int medium) {
        TcpRepr syn = segmentOf(startConnect(medium));
        TcpRepr synAck = new TcpRepr().setSourcePort(PEER_PORT).setDestinationPort(LOCAL_PORT)
                .setFlags(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK).setSequenceNumber(5000).setAckNumber(syn.sequenceNumber() + 1)
                .setWindow(8000).setMaxSegmentSize(1440);
        byte[] tcp = new byte[synAck.bufferLen()];
        synAck.emit(new TcpPacket().wrap(tcp, 0, tcp.length));
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 6, tcp), 40, 6, 56));
        assertEquals(1, f.pollIp(1).size(), "the ACK");
        assertEquals(TcpSocket.ESTABLISHED, client.state());
    }

    /** Queues {@link #DATA} bytes and returns the packets that carry them out first. */
    private List<byte[]> sendData() {
        assertEquals(DATA, client.send(new byte[DATA], 0, DATA));
        List<byte[]> out = f.pollIp(2);
        assertFalse(out.isEmpty());
        assertEquals(1500, out.get(0).length, "a full-sized first segment");
        return out;
    }

    /** The TCP segment of IPv6 packet {@code packet} (no extension headers), its checksum verified. */
    private static TcpRepr segmentOf(byte[] packet) {
        assertEquals(6, packet[6], "next header TCP");
        TcpRepr repr = new TcpRepr();
        assertEquals(WireStatus.OK, repr.parseIpv6(new TcpPacket().wrap(packet, 40, packet.length - 40), NetworkBytes.getU64(packet, 8),
                NetworkBytes.getU64(packet, 16), NetworkBytes.getU64(packet, 24), NetworkBytes.getU64(packet, 32), true));
        return repr;
    }

    /** A copy of our IPv6 packet carrying TCP whose sequence number is moved by {@code delta}. */
    private static byte[] withSequenceMoved(byte[] packet, int delta) {
        byte[] copy = packet.clone();
        NetworkBytes.setU32(copy, 40 + 4, NetworkBytes.getU32(copy, 40 + 4) + delta);
        return copy;
    }

    /** A copy of our IPv6 packet {@code packet} with its source's low half replaced. */
    private static byte[] withSourceLow(byte[] packet, long low) {
        byte[] copy = packet.clone();
        NetworkBytes.setU64(copy, 16, low);
        return copy;
    }

    private void inject(int type, int code, long word, byte[] original) {
        f.injectIp(Ipv6Fixture.icmpError(type, code, word, original));
    }

    /** Asserts the poll at {@code now} sent nothing and every error was counted under its type and as ignored. */
    private void assertIgnored(long now, int ignored) {
        assertEquals(List.of(), f.poll(now));
        assertEquals(ignored, f.counter(Counters.RX_ICMPV6_ERRORS_IGNORED), f.counters());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void destinationUnreachableIsASoftErrorAndTheConnectionGoesOn(int medium) {
        connect(medium);
        inject(UNREACHABLE, 3, 0, sendData().get(0));
        assertTrue(f.poll(3).isEmpty(), "a soft error sends nothing");
        assertEquals(TcpSocket.ESTABLISHED, client.state());
        assertEquals(0x301, client.softError(), "address unreachable is ICMPv4 host unreachable");
        assertEquals(1, f.counter(Counters.RX_TCP_ICMP_ERRORS));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_DESTINATION_UNREACHABLE));
        assertEquals(0, f.counter(Counters.RX_ICMPV6_ERRORS_IGNORED));
    }

    /** RFC 7915 5.2's translation, administratively prohibited as RFC 1812's code 13 (5 and 6 are its subsets). */
    @ParameterizedTest
    @CsvSource({"1,0,0x301", "1,1,0x30d", "1,2,0x301", "1,3,0x301", "1,4,0x303", "1,5,0x30d", "1,6,0x30d", "3,0,0xb00", "3,1,0xb01",
        "4,0,0xc00", "4,1,0x302", "4,2,0xc00"})
    void everyErrorIsReportedAsItsIcmpv4EquivalentAndLeavesAnEstablishedConnectionAlone(int type, int code, int expected) {
        connect(Medium.ETHERNET);
        inject(type, code, 0, sendData().get(0));
        assertTrue(f.poll(3).isEmpty());
        assertEquals(TcpSocket.ESTABLISHED, client.state());
        assertEquals(expected, client.softError());
        assertEquals(1, f.counter(RECEIVED[type - 1]), f.counters());
        assertEquals(1, f.counter(Counters.RX_TCP_ICMP_ERRORS));
    }

    @Test
    void unassignedCodesAreCountedAndIgnored() {
        connect(Medium.ETHERNET);
        byte[] first = sendData().get(0);
        inject(UNREACHABLE, 7, 0, first);
        inject(TIME_EXCEEDED, 2, 0, first);
        assertIgnored(3, 2);
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
        assertEquals(1, f.counter(Counters.RX_ICMPV6_DESTINATION_UNREACHABLE));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_TIME_EXCEEDED));
    }

    /** Port unreachable and unrecognised next header (ICMPv4's protocol unreachable) are hard errors in SYN-SENT. */
    @ParameterizedTest
    @CsvSource({"1,4,0x303", "4,1,0x302"})
    void hardErrorEndsTheConnectionAttemptWithoutReset(int type, int code, int expected) {
        for (int medium : new int[] {Medium.ETHERNET, Medium.IP}) {
            inject(type, code, 0, startConnect(medium));
            assertTrue(f.poll(1).isEmpty(), "no RST: the peer has no connection");
            assertEquals(TcpSocket.CLOSED, client.state());
            assertEquals(expected, client.softError());
            assertTrue(f.poll(5000).isEmpty(), "nor a SYN retransmission");
        }
    }

    @Test
    void administrativelyProhibitedDoesNotEndTheConnectionAttempt() {
        inject(UNREACHABLE, 1, 0, startConnect(Medium.ETHERNET));
        assertTrue(f.poll(1).isEmpty());
        assertEquals(TcpSocket.SYN_SENT, client.state());
        assertEquals(0x30d, client.softError());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void packetTooBigResendsInFlightDataInSegmentsThatFit(int medium) {
        connect(medium);
        List<byte[]> out = sendData();
        int una = segmentOf(out.get(0)).sequenceNumber();
        inject(TOO_BIG, 0, 1400, out.get(0));
        List<byte[]> resent = f.pollIp(3);
        assertEquals(1400, client.pathMtu());
        assertFalse(resent.isEmpty());
        assertEquals(una, segmentOf(resent.get(0)).sequenceNumber(), "from SND.UNA again");
        for (byte[] packet : resent) {
            assertTrue(packet.length <= 1400, "packet of " + packet.length + " bytes");
        }
        assertEquals(1400 - 60, segmentOf(resent.get(0)).payloadLength());
        assertEquals(1, f.counter(Counters.RX_TCP_ICMP_ERRORS));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_PACKET_TOO_BIG));
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError(), "Packet Too Big is path MTU discovery's, not an error");
    }

    @Test
    void packetTooBigOfTheMinimumMtuLeavesTheMinimumMss() {
        connect(Medium.ETHERNET);
        inject(TOO_BIG, 0, 1280, sendData().get(0));
        List<byte[]> resent = f.pollIp(3);
        assertEquals(1280, client.pathMtu());
        assertEquals(1280, resent.get(0).length);
        assertEquals(1280 - 60, segmentOf(resent.get(0)).payloadLength());
    }

    /** RFC 8201 4 / RFC 8200 5: every IPv6 link carries 1280 bytes, so a smaller MTU is a mistake or a forgery. */
    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void packetTooBigBelowTheMinimumMtuIsIgnored(int medium) {
        connect(medium);
        inject(TOO_BIG, 0, 1000, sendData().get(0));
        assertIgnored(3, 1);
        assertEquals(65535, client.pathMtu());
        assertEquals(1, f.counter(Counters.RX_ICMPV6_PACKET_TOO_BIG));
        assertEquals(0, f.counter(Counters.RX_TCP_ICMP_ERRORS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorQuotingASequenceNumberNotInFlightIsCountedAndIgnored(int medium) {
        connect(medium);
        byte[] forged = withSequenceMoved(sendData().get(0), 100000);
        inject(UNREACHABLE, 4, 0, forged);
        inject(TOO_BIG, 0, 1300, forged);
        assertTrue(f.poll(3).isEmpty());
        assertEquals(2, f.counter(Counters.RX_TCP_ICMP_OUT_OF_WINDOW));
        assertEquals(0, f.counter(Counters.RX_TCP_ICMP_ERRORS));
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
        assertEquals(65535, client.pathMtu());
        assertEquals(TcpSocket.ESTABLISHED, client.state());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorQuotingSomeoneElsesAddressIsIgnored(int medium) {
        connect(medium);
        inject(UNREACHABLE, 0, 0, withSourceLow(sendData().get(0), STRANGER_LOW));
        assertIgnored(3, 1);
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
        assertEquals(0, f.counter(Counters.RX_TCP_ICMP_ERRORS) + f.counter(Counters.RX_TCP_ICMP_OUT_OF_WINDOW));
    }

    @Test
    void errorQuotingAnotherConnectionOrTooLittleIsIgnored() {
        connect(Medium.ETHERNET);
        byte[] first = sendData().get(0);
        byte[] otherPort = first.clone();
        NetworkBytes.setU16(otherPort, 40 + 2, PEER_PORT + 1);
        inject(UNREACHABLE, 0, 0, otherPort);
        inject(UNREACHABLE, 0, 0, Arrays.copyOf(first, 40 + 7));
        byte[] notTransport = first.clone();
        notTransport[6] = 60; // a Destination Options header first: we never send one
        inject(UNREACHABLE, 0, 0, notTransport);
        assertIgnored(3, 3);
        assertEquals(TcpSocket.NO_SOFT_ERROR, client.softError());
    }

    // --- UDP -------------------------------------------------------------------------------------

    /** A UDP socket on port 6969 of every address that has sent a datagram to fdbe::2 port 7000; returns that packet. */
    private UdpSocket udpSender(int medium, List<byte[]> sent) {
        newFixture(medium);
        UdpSocket socket = new UdpSocket(2, 256, 2, 256);
        socket.bind(UDP_PORT);
        f.sockets.add(socket);
        socket.send(new byte[] {1, 2, 3}, 0, 3, ULA_HIGH, PEER_LOW, UDP_PEER_PORT);
        sent.addAll(f.pollIp(0));
        assertEquals(1, sent.size(), "the datagram");
        return socket;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void portUnreachableIsTheUdpSocketsSoftError(int medium) {
        List<byte[]> sent = new ArrayList<>();
        UdpSocket socket = udpSender(medium, sent);
        inject(UNREACHABLE, 4, 0, sent.get(0));
        assertEquals(List.of(), f.poll(1));
        assertEquals(UdpSocket.ERROR_UNREACHABLE, socket.takeError());
        assertEquals(3, socket.errorIcmpCode(), "ICMPv4's port unreachable code");
        assertEquals(ULA_HIGH, socket.errorAddressHigh());
        assertEquals(PEER_LOW, socket.errorAddressLow());
        assertEquals(UDP_PEER_PORT, socket.errorPort());
        assertEquals(1, f.counter(Counters.RX_ICMPV6_DESTINATION_UNREACHABLE));
        assertEquals(0, f.counter(Counters.RX_ICMPV6_ERRORS_IGNORED));
    }

    /** As over IPv4, a UDP socket hears of destination unreachables (Packet Too Big is "fragmentation needed") only. */
    @ParameterizedTest
    @CsvSource({"1,1,13", "1,0,1", "2,0,4", "4,1,2"})
    void unreachableKindsReachTheUdpSocketAsTheirIcmpv4Codes(int type, int code, int icmpv4Code) {
        List<byte[]> sent = new ArrayList<>();
        UdpSocket socket = udpSender(Medium.ETHERNET, sent);
        inject(type, code, type == TOO_BIG ? 1280 : 0, sent.get(0));
        f.poll(1);
        assertEquals(UdpSocket.ERROR_UNREACHABLE, socket.takeError());
        assertEquals(icmpv4Code, socket.errorIcmpCode());
        assertEquals(1, f.counter(RECEIVED[type - 1]));
    }

    @Test
    void timeExceededAndOtherParameterProblemsDoNotReachUdpSocketsAsOverIpv4() {
        List<byte[]> sent = new ArrayList<>();
        UdpSocket socket = udpSender(Medium.ETHERNET, sent);
        inject(TIME_EXCEEDED, 0, 0, sent.get(0));
        inject(PARAMETER_PROBLEM, 0, 6, sent.get(0));
        assertIgnored(1, 2);
        assertEquals(UdpSocket.ERROR_NONE, socket.takeError());
        assertEquals(1, f.counter(Counters.RX_ICMPV6_TIME_EXCEEDED));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_PARAMETER_PROBLEM));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpErrorQuotingSomeoneElsesAddressIsIgnoredEvenByASocketOnEveryAddress(int medium) {
        List<byte[]> sent = new ArrayList<>();
        UdpSocket socket = udpSender(medium, sent);
        inject(UNREACHABLE, 4, 0, withSourceLow(sent.get(0), STRANGER_LOW));
        inject(TOO_BIG, 0, 1279, sent.get(0));
        assertIgnored(1, 2);
        assertEquals(UdpSocket.ERROR_NONE, socket.takeError());
    }

    // --- allocation ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorsThroughTheInterfaceAllocateNothing(int medium) {
        connect(medium);
        UdpSocket udp = new UdpSocket(2, 256, 2, 256);
        udp.bind(UDP_PORT);
        f.sockets.add(udp);
        byte[] first = sendData().get(0);
        udp.send(new byte[] {1}, 0, 1, ULA_HIGH, PEER_LOW, UDP_PEER_PORT);
        byte[] datagram = f.pollIp(3).get(0);
        ReplayDevice device = new ReplayDevice(f.device.capabilities(),
                f.frame(Ipv6Fixture.icmpError(UNREACHABLE, 3, 0, first)),
                f.frame(Ipv6Fixture.icmpError(TOO_BIG, 0, 1400, first)),
                f.frame(Ipv6Fixture.icmpError(UNREACHABLE, 4, 0, withSequenceMoved(first, -1))),
                f.frame(Ipv6Fixture.icmpError(UNREACHABLE, 4, 0, datagram)),
                f.frame(Ipv6Fixture.icmpError(TIME_EXCEEDED, 0, 0, withSourceLow(first, STRANGER_LOW))));
        Interface iface = f.iface;
        SocketSet sockets = f.sockets;
        TcpSocket tcp = client;
        AllocationProbe.assertAllocationFree("ICMPv6 errors about TCP segments and UDP datagrams through the interface", () -> {
            device.arm(5);
            iface.poll(4, device, sockets);
            tcp.softError();
            udp.takeError();
        });
        assertEquals(1400, client.pathMtu());
        assertTrue(f.counter(Counters.RX_TCP_ICMP_ERRORS) > 2L * AllocationProbe.DEFAULT_RUNS, f.counters());
        assertTrue(f.counter(Counters.RX_TCP_ICMP_OUT_OF_WINDOW) > AllocationProbe.DEFAULT_RUNS);
        assertTrue(f.counter(Counters.RX_ICMPV6_ERRORS_IGNORED) > AllocationProbe.DEFAULT_RUNS);
        assertTrue(f.counter(Counters.RX_ICMPV6_DESTINATION_UNREACHABLE) > 3L * AllocationProbe.DEFAULT_RUNS);
    }
}
