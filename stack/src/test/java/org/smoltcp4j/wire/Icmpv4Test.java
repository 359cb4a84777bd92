package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.wire.Ipv4Test.filled;
import static org.smoltcp4j.wire.Ipv4Test.hex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.Tshark;

class Icmpv4Test {

    /** smoltcp wire/icmpv4.rs ECHO_PACKET_BYTES: echo request id 0x1234 seq 0xabcd, data aa 00 00 ff. */
    static final byte[] ECHO = hex("08008efe1234abcdaa0000ff");
    static final byte[] ECHO_DATA = hex("aa0000ff");
    /** The datagram every scapy error below quotes: 10.0.0.1:40000 > 10.0.0.2:53 UDP, id 7, DF, TTL 64, 5 data bytes; first 28 bytes. */
    static final String QUOTE = "4500002100074000401126c30a0000010a0000029c400035000d0b8a";
    /** scapy ICMP(type=3, code=3)/quote: port unreachable. */
    static final byte[] PORT_UNREACHABLE = hex("030354f000000000" + QUOTE);
    /** scapy ICMP(type=3, code=4, nexthopmtu=1400)/quote. */
    static final byte[] FRAGMENTATION_NEEDED = hex("03044f7700000578" + QUOTE);
    /** scapy ICMP(type=11, code=0)/quote. */
    static final byte[] TIME_EXCEEDED = hex("0b004cf300000000" + QUOTE);
    /** scapy ICMP(type=5, code=1, gw=10.0.0.254)/quote. */
    static final byte[] REDIRECT = hex("050147f40a0000fe" + QUOTE);
    /** scapy ICMP(type=12, code=0, ptr=8)/quote. */
    static final byte[] PARAMETER_PROBLEM = hex("0c0043f308000000" + QUOTE);
    /** scapy ICMP(type=13)/12 bytes: a timestamp request. */
    static final byte[] TIMESTAMP = hex("0d00ead4000000000138ac2b0138ac2b0138ac2b000000000000000000000000");

    private final Icmpv4Packet packet = new Icmpv4Packet();
    private final Icmpv4Repr repr = new Icmpv4Repr();

    /** The header of the quoted datagram, as the interface would have parsed it. */
    static Ipv4Repr quotedOriginal() {
        return new Ipv4Repr().set(Ipv4Address.of(10, 0, 0, 1), Ipv4Address.of(10, 0, 0, 2), IpProtocol.UDP, 13, 64)
                .setFragmentation(7, true);
    }

    @Test
    void echoDeconstruct() {
        packet.wrap(ECHO, 0, ECHO.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(Icmpv4Packet.TYPE_ECHO_REQUEST, packet.type());
        assertEquals(0, packet.code());
        assertEquals(0x8efe, packet.checksum());
        assertEquals(0x1234, packet.echoIdentifier());
        assertEquals(0xabcd, packet.echoSequence());
        assertArrayEquals(ECHO_DATA, Arrays.copyOfRange(ECHO, packet.dataOffset(), packet.dataOffset() + packet.dataLength()));
        assertTrue(packet.verifyChecksum());
    }

    @Test
    void echoConstruct() {
        byte[] bytes = filled(12);
        packet.wrap(bytes, 0, bytes.length);
        packet.setType(Icmpv4Packet.TYPE_ECHO_REQUEST);
        packet.setCode(0);
        packet.setEcho(0x1234, 0xabcd);
        System.arraycopy(ECHO_DATA, 0, bytes, packet.dataOffset(), 4);
        packet.fillChecksum();
        assertArrayEquals(ECHO, bytes);
    }

    @Test
    void echoParse() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ECHO, 0, ECHO.length), true));
        assertEquals(Icmpv4Packet.TYPE_ECHO_REQUEST, repr.type());
        assertFalse(repr.isError());
        assertEquals(0x1234, repr.identifier());
        assertEquals(0xabcd, repr.sequence());
        assertEquals(8, repr.dataOffset());
        assertEquals(4, repr.dataLength());
        assertTrue(repr.sameAs(new Icmpv4Repr().setEchoRequest(0x1234, 0xabcd, 4)));
    }

    @Test
    void echoEmit() {
        repr.setEchoRequest(0x1234, 0xabcd, ECHO_DATA.length);
        byte[] bytes = filled(repr.bufferLen());
        repr.emit(packet.wrap(bytes, 0, bytes.length), false);
        assertEquals(0, packet.checksum(), "checksum left for after the data");
        System.arraycopy(ECHO_DATA, 0, bytes, packet.dataOffset(), ECHO_DATA.length);
        packet.fillChecksum();
        assertArrayEquals(ECHO, bytes);
        repr.emit(packet, true); // data already in place: emit can fill the checksum itself
        assertArrayEquals(ECHO, bytes);
    }

    @Test
    void checkLength() {
        byte[] bytes = hex("0b00000000000000");
        assertEquals(WireStatus.TRUNCATED, packet.wrap(bytes, 0, 0).check());
        assertEquals(WireStatus.TRUNCATED, packet.wrap(bytes, 0, 4).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet, false));
        assertEquals(WireStatus.OK, packet.wrap(bytes, 0, 8).check());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "3, 3, 0, 0, 0",
        "3, 4, 1400, 0, 0",
        "11, 0, 0, 0, 0",
        "5, 1, 0, 0, 0x0a0000fe",
        "12, 0, 0, 8, 0",
    })
    void scapyErrorsParseAndEmitByteForByte(int type, int code, int mtu, int pointer, int gateway) {
        byte[] golden = golden(type, code);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(golden, 0, golden.length), true));
        assertTrue(repr.isError());
        assertEquals(type, repr.type());
        assertEquals(code, repr.code());
        assertEquals(mtu, repr.nextHopMtu());
        assertEquals(pointer, repr.pointer());
        assertEquals(gateway, repr.gateway());
        assertTrue(repr.embeddedHeader().sameAs(quotedOriginal()));
        assertEquals(28, repr.embeddedDataOffset());
        assertEquals(8, repr.embeddedDataLength());
        assertEquals(40000, NetworkBytes.getU16(golden, repr.embeddedDataOffset()), "the UDP source port the interface looks up");
        assertEquals(53, NetworkBytes.getU16(golden, repr.embeddedDataOffset() + 2));

        Icmpv4Repr built = buildError(type, code, mtu, pointer, gateway);
        assertTrue(built.sameAs(repr));
        byte[] bytes = filled(built.bufferLen());
        built.emit(packet.wrap(bytes, 0, bytes.length), false);
        System.arraycopy(golden, 28, bytes, 28, 8);
        packet.fillChecksum();
        assertArrayEquals(golden, bytes);
    }

    private static byte[] golden(int type, int code) {
        switch (type) {
            case 3:
                return code == 3 ? PORT_UNREACHABLE : FRAGMENTATION_NEEDED;
            case 11:
                return TIME_EXCEEDED;
            case 5:
                return REDIRECT;
            default:
                return PARAMETER_PROBLEM;
        }
    }

    private static Icmpv4Repr buildError(int type, int code, int mtu, int pointer, int gateway) {
        Icmpv4Repr built = new Icmpv4Repr();
        switch (type) {
            case 3:
                return built.setDestinationUnreachable(code, mtu, quotedOriginal(), 8);
            case 11:
                return built.setTimeExceeded(code, quotedOriginal(), 8);
            case 5:
                return built.setRedirect(code, gateway, quotedOriginal(), 8);
            default:
                return built.setParameterProblem(code, pointer, quotedOriginal(), 8);
        }
    }

    @Test
    void fragmentationNeededCarriesTheMtu() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(FRAGMENTATION_NEEDED, 0, FRAGMENTATION_NEEDED.length), true));
        assertEquals(Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED, repr.code());
        assertEquals(1400, repr.nextHopMtu());
        assertEquals(1400, packet.nextHopMtu());
    }

    @Test
    void otherTypesAndUnknownCodesAreUnsupported() {
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(TIMESTAMP, 0, TIMESTAMP.length), true));
        int[][] changes = {{4, 0}, {9, 0}, {10, 0}, {42, 0}, {3, 16}, {5, 4}, {11, 2}, {12, 3}};
        for (int[] change : changes) {
            byte[] bytes = mutated(PORT_UNREACHABLE, 0, change[0]);
            bytes[1] = (byte) change[1];
            packet.wrap(bytes, 0, bytes.length).fillChecksum();
            assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet, true), "type " + change[0] + " code " + change[1]);
        }
    }

    @Test
    void echoWithACodeIsMalformed() {
        byte[] bytes = mutated(ECHO, 1, 1);
        packet.wrap(bytes, 0, bytes.length).fillChecksum();
        assertEquals(WireStatus.MALFORMED, repr.parse(packet, true));
    }

    @Test
    void badChecksumIsReportedOnlyWhenVerifying() {
        byte[] bytes = mutated(ECHO, 5, 0x35);
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet.wrap(bytes, 0, bytes.length), true));
        assertEquals(WireStatus.OK, repr.parse(packet, false));
        assertEquals(0x1235, repr.identifier());
    }

    @Test
    void quotesThatAreNotAnIpv4HeaderAndEightBytesAreMalformed() {
        assertMalformed(Arrays.copyOf(PORT_UNREACHABLE, 8 + 19), "quote shorter than a header");
        assertMalformed(Arrays.copyOf(PORT_UNREACHABLE, 8 + 27), "7 payload bytes quoted");
        assertMalformed(mutated(PORT_UNREACHABLE, 8, 0x65), "quoted version 6");
        assertMalformed(mutated(PORT_UNREACHABLE, 8, 0x44), "quoted IHL 4");
        assertMalformed(mutated(PORT_UNREACHABLE, 8, 0x48), "quoted options beyond the message");
        assertMalformed(mutated(PORT_UNREACHABLE, 11, 0x10), "quoted total length below the header");
        assertMalformed(mutated(PARAMETER_PROBLEM, 4, 20), "pointer past the quoted header");
    }

    @Test
    void shortOriginalPayloadsAndPaddedQuotesAreAccepted() {
        byte[] shortOriginal = Arrays.copyOf(PORT_UNREACHABLE, 8 + 24);
        shortOriginal[8 + 3] = 24; // the original had 4 payload bytes: all of them are quoted
        Ipv4Packet quoted = new Ipv4Packet().wrap(shortOriginal, 8, 20);
        quoted.fillChecksum();
        packet.wrap(shortOriginal, 0, shortOriginal.length).fillChecksum();
        assertEquals(WireStatus.OK, repr.parse(packet, true));
        assertEquals(4, repr.embeddedDataLength());

        byte[] padded = Arrays.copyOf(PORT_UNREACHABLE, 8 + 20 + 128); // RFC 4884 pads the quote to 128 bytes
        packet.wrap(padded, 0, padded.length).fillChecksum();
        assertEquals(WireStatus.OK, repr.parse(packet, true));
        assertEquals(13, repr.embeddedDataLength(), "the quote stops where the original payload did");
    }

    @Test
    void quotedHeaderOptionsAreSkipped() {
        byte[] bytes = new byte[8 + 24 + 8];
        System.arraycopy(PARAMETER_PROBLEM, 0, bytes, 0, 8);
        bytes[4] = 21; // the pointer names the option
        System.arraycopy(PARAMETER_PROBLEM, 8, bytes, 8, 20);
        bytes[8] = 0x46;
        bytes[8 + 3] = 0x25;
        System.arraycopy(PARAMETER_PROBLEM, 28, bytes, 32, 8);
        new Ipv4Packet().wrap(bytes, 8, 24).fillChecksum();
        packet.wrap(bytes, 0, bytes.length).fillChecksum();
        assertEquals(WireStatus.OK, repr.parse(packet, true));
        assertEquals(21, repr.pointer());
        assertEquals(32, repr.embeddedDataOffset());
        assertEquals(8, repr.embeddedDataLength());
        assertEquals(13, repr.embeddedHeader().payloadLength());
    }

    private void assertMalformed(byte[] bytes, String what) {
        packet.wrap(bytes, 0, bytes.length).fillChecksum();
        assertEquals(WireStatus.MALFORMED, repr.parse(packet, true), what);
    }

    private static byte[] mutated(byte[] golden, int at, int value) {
        byte[] bytes = golden.clone();
        bytes[at] = (byte) value;
        return bytes;
    }

    @Test
    void misuseIsReportedClearly() {
        Ipv4Repr original = quotedOriginal();
        assertThrows(IllegalArgumentException.class, () -> repr.setEchoRequest(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setEchoReply(0, 0x10000, 0));
        assertEquals("echo data length must be 0..65507, got 65508",
                assertThrows(IllegalArgumentException.class, () -> repr.setEchoRequest(0, 0, 65508)).getMessage());
        assertEquals("ICMPv4 type 3 code must be 0..15, got 16",
                assertThrows(IllegalArgumentException.class, () -> repr.setDestinationUnreachable(16, 0, original, 8)).getMessage());
        assertEquals("next-hop MTU (non-zero only for code 4) must be 0..0, got 1500",
                assertThrows(IllegalArgumentException.class, () -> repr.setDestinationUnreachable(3, 1500, original, 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setDestinationUnreachable(4, 0x10000, original, 8));
        assertThrows(IllegalArgumentException.class, () -> repr.setTimeExceeded(2, original, 8));
        assertThrows(IllegalArgumentException.class, () -> repr.setRedirect(4, 0, original, 8));
        assertThrows(IllegalArgumentException.class, () -> repr.setParameterProblem(3, 0, original, 8));
        assertEquals("parameter problem pointer must be 0..19, got 20",
                assertThrows(IllegalArgumentException.class, () -> repr.setParameterProblem(0, 20, original, 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setParameterProblem(2, 256, original, 8));
        assertEquals("quoted payload length must be 8..13 for an original payload of 13 bytes, got 7",
                assertThrows(IllegalArgumentException.class, () -> repr.setTimeExceeded(0, original, 7)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setTimeExceeded(0, original, 14));
        assertEquals("the quoted original IPv4 header is null",
                assertThrows(IllegalArgumentException.class, () -> repr.setTimeExceeded(0, null, 8)).getMessage());
        repr.setEchoRequest(1, 1, 4);
        assertEquals("ICMPv4 packet of 13 bytes must be exactly the 12 bytes of this message",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[13], 0, 13), true)).getMessage());
        assertTrue(repr.isError() == false && repr.dataOffset() == -1, "a built repr points at no buffer");
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(packet.wrap(ECHO, 0, ECHO.length), true);
        assertEquals("ICMPv4 echo request id 4660 seq 43981 len 4", repr.appendTo(new StringBuilder()).toString());
        assertEquals("ICMPv4 echo reply id 1 seq 2 len 0", repr.setEchoReply(1, 2, 0).appendTo(new StringBuilder()).toString());
        String quoted = " for (IPv4 10.0.0.1 > 10.0.0.2 UDP ttl 64 id 7 DF len 13)";
        String[] expected = {
            "ICMPv4 destination unreachable code 3" + quoted,
            "ICMPv4 destination unreachable code 4 mtu 1400" + quoted,
            "ICMPv4 time exceeded code 0" + quoted,
            "ICMPv4 redirect code 1 to 10.0.0.254" + quoted,
            "ICMPv4 parameter problem code 0 pointer 8" + quoted,
        };
        byte[][] goldens = {PORT_UNREACHABLE, FRAGMENTATION_NEEDED, TIME_EXCEEDED, REDIRECT, PARAMETER_PROBLEM};
        for (int i = 0; i < goldens.length; i++) {
            repr.parse(packet.wrap(goldens[i], 0, goldens[i].length), true);
            assertEquals(expected[i], repr.appendTo(new StringBuilder()).toString());
        }
    }

    @Test
    void parseBuildEmitAndPrintAreAllocationFree() {
        Ipv4Repr original = quotedOriginal();
        byte[] out = new byte[36];
        Icmpv4Packet outPacket = new Icmpv4Packet();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("ICMPv4 parse, build, emit and print", () -> {
            repr.parse(packet.wrap(ECHO, 0, ECHO.length), true);
            text.setLength(0);
            repr.appendTo(text);
            repr.parse(packet.wrap(PORT_UNREACHABLE, 0, PORT_UNREACHABLE.length), true);
            text.setLength(0);
            repr.appendTo(text);
            repr.setDestinationUnreachable(Icmpv4Packet.UNREACHABLE_PORT, 0, original, 8);
            repr.emit(outPacket.wrap(out, 0, 36), true);
            repr.setEchoReply(1, 2, 28);
            repr.emit(outPacket, true);
        });
    }

    @Provide
    Arbitrary<Icmpv4Repr> reprs() {
        Arbitrary<Ipv4Repr> originals = Combinators.combine(Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 2000), Arbitraries.integers().between(0, 255))
                .as((src, dst, proto, len, ttl) -> new Ipv4Repr().set(src, dst, proto, len, ttl));
        Arbitrary<Icmpv4Repr> echoes = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 1500))
                .as((request, id, seq, len) -> request ? new Icmpv4Repr().setEchoRequest(id, seq, len) : new Icmpv4Repr().setEchoReply(id, seq, len));
        Arbitrary<Icmpv4Repr> errors = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 15),
                Arbitraries.integers(), originals, Arbitraries.integers().between(0, 600))
                .as((kind, code, value, original, quoted) -> {
                    int q = Math.max(Math.min(quoted, original.payloadLength()), Math.min(8, original.payloadLength()));
                    switch (kind) {
                        case 0:
                            return new Icmpv4Repr().setDestinationUnreachable(code, code == 4 ? value & 0xffff : 0, original, q);
                        case 1:
                            return new Icmpv4Repr().setTimeExceeded(code & 1, original, q);
                        case 2:
                            return new Icmpv4Repr().setRedirect(code & 3, value, original, q);
                        default:
                            return new Icmpv4Repr().setParameterProblem(code % 3, (value & 0xff) % 20, original, q);
                    }
                });
        return Arbitraries.oneOf(echoes, errors);
    }

    @Property
    void emittedReprsParseBack(@ForAll("reprs") Icmpv4Repr original) {
        byte[] bytes = new byte[original.bufferLen()];
        original.emit(new Icmpv4Packet().wrap(bytes, 0, bytes.length), true);
        Icmpv4Repr parsed = new Icmpv4Repr();
        assertEquals(WireStatus.OK, parsed.parse(new Icmpv4Packet().wrap(bytes, 0, bytes.length), true));
        assertTrue(parsed.sameAs(original));
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitStably(@ForAll byte[] bytes) {
        Icmpv4Repr parsed = new Icmpv4Repr();
        if (parsed.parse(new Icmpv4Packet().wrap(bytes, 0, bytes.length), false) != WireStatus.OK) {
            return;
        }
        // A pointer into quoted options cannot survive re-emission, which never emits options.
        Assume.that(!(parsed.type() == Icmpv4Packet.TYPE_PARAMETER_PROBLEM && parsed.code() == 0 && parsed.pointer() >= 20));
        byte[] out = new byte[parsed.bufferLen()];
        Icmpv4Packet outPacket = new Icmpv4Packet().wrap(out, 0, out.length);
        parsed.emit(outPacket, false);
        if (parsed.isError()) {
            System.arraycopy(bytes, parsed.embeddedDataOffset(), out, 28, parsed.embeddedDataLength());
        } else {
            System.arraycopy(bytes, parsed.dataOffset(), out, 8, parsed.dataLength());
        }
        outPacket.fillChecksum();
        Icmpv4Repr again = new Icmpv4Repr();
        assertEquals(WireStatus.OK, again.parse(outPacket, true));
        assertTrue(again.sameAs(parsed));
    }

    @Property
    void mutatedGoldenPacketsNeverThrow(@ForAll @IntRange(min = 0, max = 35) int at, @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 36) int len, @ForAll boolean verify) {
        byte[] bytes = PARAMETER_PROBLEM.clone();
        bytes[at] = value;
        new Icmpv4Repr().parse(new Icmpv4Packet().wrap(bytes, 0, len), verify);
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        Icmpv4Repr request = new Icmpv4Repr().setEchoRequest(0x1234, 7, 8);
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(request, hex("6162636465666768"))));
        frames.add(Frames.ipv4(Frames.DESTINATION_IPV4, Frames.SOURCE_IPV4, IpProtocol.ICMP,
                emitWithData(new Icmpv4Repr().setEchoReply(0x1234, 7, 8), hex("6162636465666768"))));
        byte[] quotedPayload = Arrays.copyOfRange(PORT_UNREACHABLE, 28, 36);
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(buildError(3, 3, 0, 0, 0), quotedPayload)));
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(buildError(3, 4, 1400, 0, 0), quotedPayload)));
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(buildError(11, 0, 0, 0, 0), quotedPayload)));
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(buildError(5, 1, 0, 0, 0x0a0000fe), quotedPayload)));
        frames.add(Frames.ipv4(IpProtocol.ICMP, emitWithData(buildError(12, 0, 0, 8, 0), quotedPayload)));
        List<String[]> rows = Tshark.judge(dir.resolve("icmpv4.pcap"), PcapFormat.LINKTYPE_ETHERNET, frames,
                "icmp.type", "icmp.code", "icmp.checksum.status", "icmp.ident", "icmp.seq", "icmp.mtu", "icmp.redir_gw",
                "icmp.pointer", "udp.dstport");
        String[][] expected = {
            {"8", "0", "1", "4660", "7", "", "", "", ""},
            {"0", "0", "1", "4660", "7", "", "", "", ""},
            {"3", "3", "1", "", "", "", "", "", "53"},
            {"3", "4", "1", "", "", "1400", "", "", "53"},
            {"11", "0", "1", "", "", "", "", "", "53"},
            {"5", "1", "1", "", "", "", "10.0.0.254", "", "53"},
            {"12", "0", "1", "", "", "", "", "8", "53"},
        };
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], rows.get(i), "frame " + (i + 1));
        }
    }

    private static byte[] emitWithData(Icmpv4Repr message, byte[] data) {
        byte[] bytes = new byte[message.bufferLen()];
        Icmpv4Packet view = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
        message.emit(view, false);
        System.arraycopy(data, 0, bytes, bytes.length - data.length, data.length);
        view.fillChecksum();
        return bytes;
    }
}
