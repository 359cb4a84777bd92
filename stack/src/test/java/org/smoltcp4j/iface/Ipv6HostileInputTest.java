package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv6Fixture.ALL_NODES_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.NEXT_ICMPV6;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.NetworkBytes;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What a hostile peer may send over IPv6: every malformed case ends as a drop counted under its
 * reason (or the error RFC 8200 asks for), nothing throws, and the next ping is still answered.
 */
class Ipv6HostileInputTest {

    private static final byte[] ECHO = Ipv6Fixture.echoRequest(0x1234, 1, new byte[] {1, 2});

    private static byte[] ping() {
        return Ipv6Fixture.ping(ULA_HIGH, OUR_LOW, 1, new byte[] {1, 2});
    }

    /** The echo request behind the extension headers {@code headers}, whose first is {@code firstHeader}. */
    private static byte[] echoBehind(long destinationHigh, long destinationLow, int firstHeader, byte[] headers) {
        byte[] payload = Arrays.copyOf(headers, headers.length + ECHO.length);
        System.arraycopy(ECHO, 0, payload, headers.length, ECHO.length);
        byte[] packet = Ipv6Fixture.fromPeer(destinationHigh, destinationLow, firstHeader, payload);
        return Ipv6Fixture.withChecksum(packet, 40 + headers.length, 58, 42 + headers.length);
    }

    private static byte[] withByte(byte[] packet, int at, int value) {
        packet[at] = (byte) value;
        return packet;
    }

    static Stream<Arguments> dropCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int medium : new int[] {Medium.ETHERNET, Medium.IP}) {
            byte[] longer = ping();
            NetworkBytes.setU16(longer, 4, 100);
            cases.add(Arguments.of(medium, "payload length past the packet", longer, Counters.RX_IPV6_TRUNCATED));
            cases.add(Arguments.of(medium, "shorter than the header", Arrays.copyOf(ping(), 30), Counters.RX_IPV6_TRUNCATED));
            cases.add(Arguments.of(medium, "multicast source",
                    Ipv6Fixture.ipv6(0xff02_0000_0000_0000L, 1, ULA_HIGH, OUR_LOW, 59, 64, new byte[0]), Counters.RX_IPV6_BAD_SOURCE));
            cases.add(Arguments.of(medium, "not for us", Ipv6Fixture.ping(ULA_HIGH, 3, 1, new byte[0]), Counters.RX_IPV6_NOT_FOR_US));
            cases.add(Arguments.of(medium, "fragment header", echoBehind(ULA_HIGH, OUR_LOW, 44, bytes(58, 0, 0, 1, 0, 0, 0, 7)),
                    Counters.RX_IPV6_FRAGMENT_DROPPED));
            cases.add(Arguments.of(medium, "fragment header cut short", Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 44, bytes(58, 0, 0, 0)),
                    Counters.RX_IPV6_MALFORMED));
            cases.add(Arguments.of(medium, "hop-by-hop longer than the packet",
                    Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 0, bytes(58, 1, 1, 4, 0, 0, 0, 0)), Counters.RX_IPV6_MALFORMED));
            cases.add(Arguments.of(medium, "option past its header", echoBehind(ULA_HIGH, OUR_LOW, 0, bytes(58, 0, 1, 9, 0, 0, 0, 0)),
                    Counters.RX_IPV6_MALFORMED));
            cases.add(Arguments.of(medium, "routing header longer than the packet",
                    Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 43, bytes(58, 2, 0, 0, 0, 0, 0, 0)), Counters.RX_IPV6_MALFORMED));
            cases.add(Arguments.of(medium, "destination option of discard type",
                    echoBehind(ULA_HIGH, OUR_LOW, 60, bytes(58, 0, 0x41, 0, 1, 2, 0, 0)), Counters.RX_IPV6_OPTION_DISCARDED));
            cases.add(Arguments.of(medium, "destination option asking for an error only if unicast, to all nodes",
                    echoBehind(ALL_NODES_HIGH, 1, 60, bytes(58, 0, 0xc1, 0, 1, 2, 0, 0)), Counters.RX_IPV6_OPTION_DISCARDED));
            cases.add(Arguments.of(medium, "ICMPv6 bad checksum", withByte(ping(), 43, 0), Counters.RX_ICMPV6_BAD_CHECKSUM));
            cases.add(Arguments.of(medium, "ICMPv6 of three bytes", Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, NEXT_ICMPV6, bytes(128, 0, 0)),
                    Counters.RX_ICMPV6_MALFORMED));
            cases.add(Arguments.of(medium, "MLD query from a global source",
                    Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(ALL_NODES_HIGH, 1, NEXT_ICMPV6, Ipv6Fixture.icmp(130, 0, new byte[20])),
                            40, 58, 42), Counters.RX_MLD_BAD_SOURCE));
            cases.add(Arguments.of(medium, "UDP bad checksum", withByte(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 7, new byte[] {1}), 47, 0),
                    Counters.RX_UDP_BAD_CHECKSUM));
            byte[] zeroChecksum = Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 7, new byte[] {1});
            NetworkBytes.setU16(zeroChecksum, 46, 0);
            cases.add(Arguments.of(medium, "UDP without checksum (RFC 8200 8.1 forbids it)", zeroChecksum, Counters.RX_UDP_BAD_CHECKSUM));
            cases.add(Arguments.of(medium, "UDP shorter than its header", Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 17, new byte[4]),
                    Counters.RX_UDP_MALFORMED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} (medium {0})")
    @MethodSource("dropCases")
    void hostileIpv6IsCountedAndThePingAfterItAnswered(int medium, String what, byte[] packet, int counter) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        f.injectIp(packet);
        assertEquals(List.of(), f.poll(1));
        assertEquals(1, f.counter(counter), what + ": " + f.counters());
        assertPingAnswered(f);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void routingHeaderWithNoSegmentsLeftIsIgnored(int medium) {
        assertEchoBehindAnswered(medium, 43, bytes(58, 0, 4, 0, 0, 0, 0, 0));
    }

    /** Sends the echo request behind {@code headers} and expects it answered; returns the fixture. */
    private static Ipv6Fixture assertEchoBehindAnswered(int medium, int firstHeader, byte[] headers) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        f.injectIp(echoBehind(ULA_HIGH, OUR_LOW, firstHeader, headers));
        assertEquals(1, f.poll(0).size());
        assertEquals(1, f.counter(Counters.TX_ICMPV6_ECHO_REPLIES));
        return f;
    }

    /** RFC 6946 (and RFC 8200 4.5): a fragment header of offset 0 without M is a whole packet, processed as one. */
    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void atomicFragmentIsProcessedAsAWholePacket(int medium) {
        Ipv6Fixture f = assertEchoBehindAnswered(medium, 44, bytes(58, 0, 0, 0, 0, 0, 0, 7));
        assertEquals(0, f.counter(Counters.RX_IPV6_FRAGMENT_DROPPED));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void routingHeaderWithSegmentsLeftGetsParameterProblemAtTheRoutingType(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        f.injectIp(echoBehind(ULA_HIGH, OUR_LOW, 43, bytes(58, 0, 4, 1, 0, 0, 0, 0)));
        assertParameterProblem(f, 0, 42);
        assertEquals(1, f.counter(Counters.RX_IPV6_ROUTING_REFUSED));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopAfterAnotherHeaderGetsParameterProblemAtTheFieldNamingIt(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        f.injectIp(echoBehind(ULA_HIGH, OUR_LOW, 60, bytes(0, 0, 1, 4, 0, 0, 0, 0, 58, 0, 1, 4, 0, 0, 0, 0)));
        assertParameterProblem(f, 1, 40);
        assertEquals(1, f.counter(Counters.RX_IPV6_HOP_BY_HOP_NOT_FIRST));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void destinationOptionsOfSkipTypeAreSkipped(int medium) {
        assertEchoBehindAnswered(medium, 60, bytes(58, 0, 0x3e, 2, 1, 2, 0, 0));
    }

    @org.junit.jupiter.api.Test
    void ipv6HeaderOfVersionFourInAnIpv6FrameIsMalformed() {
        Ipv6Fixture f = new Ipv6Fixture(Medium.ETHERNET);
        f.learnPeer(0);
        f.injectIp(withByte(ping(), 0, 0x40));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_MALFORMED));
    }

    @org.junit.jupiter.api.Test
    void solicitedNodeFrameOfAnotherNodeIsFilteredByMac() {
        Ipv6Fixture f = new Ipv6Fixture(Medium.ETHERNET);
        f.device.inject(Ipv4Fixture.ethernetFrame(0x3333_ff00_0009L, Ipv6Fixture.PEER_MAC, EtherType.IPV6,
                Ipv6Fixture.ping(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0009L, 1, new byte[0])));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_LINK_NOT_FOR_US));
    }

    private static void assertParameterProblem(Ipv6Fixture f, int code, int pointer) {
        List<byte[]> out = f.pollIp(0);
        assertEquals(1, out.size(), f.counters());
        byte[] error = out.get(0);
        assertArrayEquals(new byte[] {4, (byte) code}, Arrays.copyOfRange(error, 40, 42));
        assertEquals(pointer, NetworkBytes.getU32(error, 44));
    }

    private static void assertPingAnswered(Ipv6Fixture f) {
        f.injectIp(ping());
        List<byte[]> out = f.pollIp(2);
        assertEquals(1, out.size(), "the ping after: " + f.counters());
        assertEquals(129, out.get(0)[40] & 0xff);
    }

    @Property(tries = 300)
    void anyCorruptionOfAPacketNeverThrows(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 999) Integer> flips,
            @ForAll boolean ethernet, @ForAll @IntRange(min = 0, max = 3) int kind) {
        Ipv6Fixture f = new Ipv6Fixture(ethernet ? Medium.ETHERNET : Medium.IP);
        f.learnPeer(0);
        byte[] packet;
        switch (kind) {
            case 0:
                packet = ping();
                break;
            case 1:
                packet = Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ULA_HIGH, OUR_LOW, Ipv6Fixture.PEER_MAC, 255);
                break;
            case 2:
                packet = echoBehind(ULA_HIGH, OUR_LOW, 0, bytes(60, 0, 0xc2, 2, 1, 2, 0, 0, 43, 0, 1, 4, 0, 0, 0, 0, 58, 0, 4, 0, 0, 0, 0, 0));
                break;
            default:
                packet = Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 7, new byte[20]);
        }
        for (int flip : flips) {
            packet[flip % packet.length] ^= (byte) (1 + flip / packet.length);
        }
        f.injectIp(packet);
        f.poll(0);
    }
}
