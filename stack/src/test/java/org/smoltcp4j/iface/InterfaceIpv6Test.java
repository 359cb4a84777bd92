package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv6Fixture.ALL_NODES_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.NEXT_HOP_BY_HOP;
import static org.smoltcp4j.iface.Ipv6Fixture.NEXT_ICMPV6;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.bytes;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * smoltcp's src/iface/interface/tests/ipv6.rs, the cases not about sockets, on both media, with
 * its packets byte for byte; where this stack differs from smoltcp the test says so.
 */
class InterfaceIpv6Test {

    private static final byte[] LOREM_IPSUM = "Lorem Ipsum".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** smoltcp icmp_echo_request: fdbe::2 -> fdbe::1, ident 42, seq 420, "Lorem Ipsum". */
    private static final byte[] ECHO_REQUEST = bytes(
            0x60, 0x0, 0x0, 0x0, 0x0, 0x13, 0x3a, 0x40, 0xfd, 0xbe, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
            0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x2, 0xfd, 0xbe, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
            0x0, 0x0, 0x0, 0x0, 0x1, 0x80, 0x0, 0x2c, 0x88, 0x0, 0x2a, 0x1, 0xa4, 0x4c, 0x6f, 0x72,
            0x65, 0x6d, 0x20, 0x49, 0x70, 0x73, 0x75, 0x6d);

    /** smoltcp's hop-by-hop cases: fdbe::2 -> {@code destination}, PadN, option {@code optionType}, PadN, then the echo request. */
    private static byte[] hopByHopEcho(int destinationFirst, int destinationLast, int optionType) {
        return bytes(
                0x60, 0x0, 0x0, 0x0, 0x0, 0x1b, 0x0, 0x40, 0xfd, 0xbe, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
                0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x2, destinationFirst, destinationLast, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
                0x0, 0x0, 0x0, 0x0, 0x1, 0x3a, 0x0, 0x1, 0x0, optionType, 0x0, 0x1, 0x0, 0x80, 0x0, 0x2c, 0x88,
                0x0, 0x2a, 0x1, 0xa4, 0x4c, 0x6f, 0x72, 0x65, 0x6d, 0x20, 0x49, 0x70, 0x73, 0x75, 0x6d);
    }

    /** The echo reply smoltcp expects: fdbe::1 -> fdbe::2, hop limit 64. */
    private static byte[] expectedReply(int identifier, int sequence, byte[] data) {
        byte[] rest = new byte[4 + data.length];
        NetworkBytes.setU16(rest, 0, identifier);
        NetworkBytes.setU16(rest, 2, sequence);
        System.arraycopy(data, 0, rest, 4, data.length);
        return Ipv6Fixture.withChecksum(Ipv6Fixture.ipv6(ULA_HIGH, OUR_LOW, ULA_HIGH, PEER_LOW, NEXT_ICMPV6, 64,
                Ipv6Fixture.icmp(129, 0, rest)), 40, 58, 42);
    }

    /** The ICMPv6 error we must send about {@code offending}: the whole packet quoted. */
    private static byte[] expectedError(int type, int code, int pointer, byte[] offending) {
        byte[] rest = new byte[4 + offending.length];
        NetworkBytes.setU32(rest, 0, pointer);
        System.arraycopy(offending, 0, rest, 4, offending.length);
        return Ipv6Fixture.withChecksum(Ipv6Fixture.ipv6(ULA_HIGH, OUR_LOW, ULA_HIGH, PEER_LOW, NEXT_ICMPV6, 64,
                Ipv6Fixture.icmp(type, code, rest)), 40, 58, 42);
    }

    private static Ipv6Fixture fixture(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium);
        f.learnPeer(0);
        return f;
    }

    private static void assertOnlyReply(Ipv6Fixture f, byte[] expected) {
        List<byte[]> out = f.pollIp(0);
        assertEquals(1, out.size(), f.counters());
        assertArrayEquals(expected, out.get(0));
    }

    // --- smoltcp: icmp_echo_request, imcp_empty_echo_request ---------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestIsAnswered(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(ECHO_REQUEST);
        List<byte[]> frames = f.poll(0);
        assertEquals(1, frames.size());
        assertArrayEquals(expectedReply(42, 420, LOREM_IPSUM), f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "echo6", frames, "ipv6.src", "ipv6.dst", "icmpv6.type", "icmpv6.checksum.status");
        assertEquals(List.of("fdbe::1", "fdbe::2", "129", "1"), List.of(rows.get(0)));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_ECHO_REQUESTS));
        assertEquals(1, f.counter(Counters.TX_ICMPV6_ECHO_REPLIES));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void emptyEchoRequestIsAnswered(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(bytes(
                0x60, 0x0, 0x0, 0x0, 0x0, 0x8, 0x3a, 0x40, 0xfd, 0xbe, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
                0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x2, 0xfd, 0xbe, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
                0x0, 0x0, 0x0, 0x0, 0x1, 0x80, 0x0, 0x84, 0x3c, 0x0, 0x0, 0x0, 0x0));
        assertOnlyReply(f, expectedReply(0, 0, new byte[0]));
    }

    // --- smoltcp: any_ip (this stack has no any-IP mode) --------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestToAnAddressNotOursIsDropped(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.ping(ULA_HIGH, 3, 1, new byte[0]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_NOT_FOR_US));
    }

    // --- smoltcp: multicast_source_address ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void multicastSourceIsDropped(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.ipv6(0xff00_0000_0000_0000L, 1, ULA_HIGH, OUR_LOW, 59, 64, new byte[0]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_BAD_SOURCE));
    }

    // --- smoltcp: hop_by_hop_skip_with_icmp, _discard_with_icmp, _discard_param_problem, _discard_with_multicast

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopOptionOfSkipTypeIsSkipped(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(hopByHopEcho(0xfd, 0xbe, 0x0f));
        assertOnlyReply(f, expectedReply(42, 420, LOREM_IPSUM));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopOptionOfDiscardTypeDropsSilently(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(hopByHopEcho(0xfd, 0xbe, 0x40));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_OPTION_DISCARDED));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopOptionOfParameterProblemTypeIsAnsweredPointingAtTheOption(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        byte[] offending = hopByHopEcho(0xfd, 0xbe, 0xc0);
        f.injectIp(offending);
        List<byte[]> frames = f.poll(0);
        // smoltcp points at the Hop-by-Hop header (40); RFC 4443 3.4 says the octet where the error was: the option type, 44.
        assertArrayEquals(expectedError(4, 2, 44, offending), f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "hbh-param-problem", frames, "icmpv6.type", "icmpv6.code", "icmpv6.pointer");
        // tshark decodes the quoted echo request too: its values follow ours after a comma.
        assertEquals(List.of("4,128", "2,0", "44"), List.of(rows.get(0)));
        assertEquals(1, f.counter(Counters.TX_ICMPV6_ERRORS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopOptionAskingForAnErrorEvenIfMulticastIsAnsweredWhenSentToAllNodes(int medium) {
        Ipv6Fixture f = fixture(medium);
        byte[] offending = hopByHopEcho(0xff, 0x02, 0x80);
        f.injectIp(offending);
        assertOnlyReply(f, expectedError(4, 2, 44, offending));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void hopByHopOptionAskingForAnErrorOnlyIfUnicastIsNotAnsweredWhenSentToAllNodes(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(hopByHopEcho(0xff, 0x02, 0xc0));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_OPTION_DISCARDED));
    }

    /**
     * RFC 4443 2.4 e.1: no error about an ICMPv6 error, even when what is wrong is an extension
     * header in front of it (as Linux's is_ineligible); an informational message still gets one.
     */
    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void parameterProblemsAboutAnIcmpv6ErrorAreNotSent(int medium) {
        Ipv6Fixture f = fixture(medium);
        byte[] unreachable = new byte[8 + 40];
        unreachable[0] = 1;
        unreachable[1] = 4;
        unreachable[8] = 0x60;
        byte[] badOption = new byte[8 + unreachable.length];
        System.arraycopy(bytes(NEXT_ICMPV6, 0, 0x1, 0x0, 0xc0, 0x0, 0x1, 0x0), 0, badOption, 0, 8);
        System.arraycopy(unreachable, 0, badOption, 8, unreachable.length);
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, NEXT_HOP_BY_HOP, badOption), 48, 58, 50));
        byte[] routed = new byte[8 + unreachable.length];
        System.arraycopy(bytes(NEXT_ICMPV6, 0, 0xfd, 1, 0, 0, 0, 0), 0, routed, 0, 8);
        System.arraycopy(unreachable, 0, routed, 8, unreachable.length);
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 43, routed), 48, 58, 50));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_OPTION_DISCARDED));
        assertEquals(1, f.counter(Counters.RX_IPV6_ROUTING_REFUSED));
        assertEquals(0, f.counter(Counters.TX_ICMPV6_ERRORS));
    }

    // --- smoltcp: unknown_proto, unknown_proto_with_multicast_dst_address ---------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void unknownNextHeaderGetsParameterProblemPointingAtTheField(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        byte[] offending = Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 0x0c, new byte[0]);
        f.injectIp(offending);
        List<byte[]> frames = f.poll(0);
        assertArrayEquals(expectedError(4, 1, 6, offending), f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "unknown-next-header", frames, "icmpv6.type", "icmpv6.code", "icmpv6.pointer");
        assertEquals(List.of("4", "1", "6"), List.of(rows.get(0)));
        assertEquals(1, f.counter(Counters.RX_IPV6_UNKNOWN_NEXT_HEADER));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void unknownNextHeaderToMulticastGetsNoError(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.fromPeer(ALL_NODES_HIGH, 1, 0x0c, new byte[0]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_IPV6_UNKNOWN_NEXT_HEADER));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void unknownNextHeaderAfterAnExtensionHeaderPointsAtThatHeadersField(int medium) {
        Ipv6Fixture f = fixture(medium);
        byte[] offending = Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, NEXT_HOP_BY_HOP, bytes(0x0c, 0, 1, 4, 0, 0, 0, 0));
        f.injectIp(offending);
        assertOnlyReply(f, expectedError(4, 1, 40, offending));
    }

    // --- UDP to a closed port (smoltcp: test_icmp_reply_size over IPv6) -----------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpToAClosedPortGetsPortUnreachable(int medium, @TempDir Path dir) throws Exception {
        Ipv6Fixture f = fixture(medium);
        byte[] offending = Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[] {1, 2, 3});
        f.injectIp(offending);
        List<byte[]> frames = f.poll(0);
        assertArrayEquals(expectedError(1, 4, 0, offending), f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "port-unreachable", frames, "icmpv6.type", "icmpv6.code", "icmpv6.checksum.status");
        assertEquals(List.of("1", "4", "1"), List.of(rows.get(0)));
        assertEquals(1, f.counter(Counters.RX_UDP_NO_PORT));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorsQuoteAtMostWhatFitsTheMinimumMtu(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[1400]));
        List<byte[]> out = f.pollIp(0);
        assertEquals(1280, out.get(0).length, "RFC 4443 2.4 c: the error must not exceed the minimum IPv6 MTU");
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpToAClosedPortOnAllNodesGetsNoError(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.udp(ALL_NODES_HIGH, 1, 6969, new byte[] {1}));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_UDP_NO_PORT));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void errorsAreRateLimitedAsForIpv4(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium, new InterfaceConfig().icmpErrorsPerSecond(1));
        f.learnPeer(0);
        f.injectIp(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[] {1}));
        f.injectIp(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[] {2}));
        assertEquals(1, f.poll(0).size());
        assertEquals(1, f.counter(Counters.TX_ICMPV6_ERRORS_RATE_LIMITED));
        f.injectIp(Ipv6Fixture.udp(ULA_HIGH, OUR_LOW, 6969, new byte[] {3}));
        assertEquals(1, f.poll(1_000_000).size(), "a token is back after a second");
    }

    // --- echo to multicast: answered, as Linux does (net.ipv6.icmp.echo_ignore_multicast = 0) -------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestToAllNodesIsAnsweredFromTheAddressFacingTheSender(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.ping(ALL_NODES_HIGH, 1, 7, new byte[] {9}));
        assertOnlyReply(f, expectedReply(0x1234, 7, new byte[] {9}));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestToAGroupWeAreNotInIsDropped(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.ping(ALL_NODES_HIGH, 9, 7, new byte[0]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(medium == Medium.ETHERNET ? 1 : 0, f.counter(Counters.RX_LINK_NOT_FOR_US), "33:33:00:00:00:09 is filtered by MAC");
        assertEquals(medium == Medium.ETHERNET ? 0 : 1, f.counter(Counters.RX_IPV6_NOT_FOR_US));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestToOurSolicitedNodeGroupIsAccepted(int medium) {
        Ipv6Fixture f = fixture(medium);
        f.injectIp(Ipv6Fixture.ping(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0001L, 7, new byte[0]));
        assertOnlyReply(f, expectedReply(0x1234, 7, new byte[0]));
    }
}
