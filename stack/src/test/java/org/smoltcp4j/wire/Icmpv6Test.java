package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.wire.Ipv6Vectors.LL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.Tshark;

/** smoltcp wire/icmpv6.rs (echo and packet too big, between fe80::1 and fe80::2) plus scapy errors. */
class Icmpv6Test {

    static final byte[] ECHO = Ipv6Vectors.bytes(0x80, 0x00, 0x19, 0xb3, 0x12, 0x34, 0xab, 0xcd, 0xaa, 0x00, 0x00, 0xff);
    static final byte[] ECHO_PAYLOAD = Ipv6Vectors.bytes(0xaa, 0x00, 0x00, 0xff);
    static final byte[] TOO_BIG = Ipv6Vectors.bytes(
            0x02, 0x00, 0x0f, 0xc9, 0x00, 0x00, 0x05, 0xdc,
            0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x11, 0x40,
            0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
            0xbf, 0x00, 0x00, 0x35, 0x00, 0x0c, 0x12, 0x4d, 0xaa, 0x00, 0x00, 0xff);

    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final Icmpv6Repr repr = new Icmpv6Repr();

    private int parse(byte[] bytes) {
        return repr.parse(packet.wrap(bytes, 0, bytes.length), true, LL, 1, LL, 2);
    }

    @Test
    void echoDeconstruct() {
        packet.wrap(ECHO, 0, ECHO.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(Icmpv6Packet.TYPE_ECHO_REQUEST, packet.type());
        assertEquals(0, packet.code());
        assertEquals(0x19b3, packet.checksum());
        assertEquals(0x1234, packet.echoIdentifier());
        assertEquals(0xabcd, packet.echoSequence());
        assertEquals(8, packet.payloadOffset());
        assertEquals(4, packet.payloadLength());
        assertTrue(packet.verifyChecksum(LL, 1, LL, 2));
        assertFalse(Icmpv6Packet.isError(packet.type()));
    }

    /** RFC 7915 5.2; the interface tests check every assigned code through the sockets. */
    @Test
    void icmpv4EquivalentOfEchoAndUnassignedCodesIsNone() {
        Ipv6Repr quoted = new Ipv6Repr();
        assertEquals(Icmpv6Repr.NO_ICMPV4_EQUIVALENT, repr.setEcho(true, 1, 1, 0).icmpv4Equivalent());
        assertEquals(Icmpv6Repr.NO_ICMPV4_EQUIVALENT, repr.setError(Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE, 7, 0, quoted, 0)
                .icmpv4Equivalent());
        assertEquals(Icmpv6Repr.NO_ICMPV4_EQUIVALENT, repr.setError(Icmpv6Packet.TYPE_TIME_EXCEEDED, 2, 0, quoted, 0).icmpv4Equivalent());
        assertEquals(0x304, repr.setError(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, 1500, quoted, 0).icmpv4Equivalent());
        assertEquals(0x303, repr.setError(Icmpv6Packet.TYPE_DESTINATION_UNREACHABLE, 4, 0, quoted, 0).icmpv4Equivalent());
        assertEquals(0xc00, repr.setError(Icmpv6Packet.TYPE_PARAMETER_PROBLEM, 2, 40, quoted, 0).icmpv4Equivalent());
    }

    @Test
    void echoConstruct() {
        byte[] bytes = Ipv6Vectors.filled(12);
        packet.wrap(bytes, 0, 12).setTypeAndCode(Icmpv6Packet.TYPE_ECHO_REQUEST, 0);
        packet.setEcho(0x1234, 0xabcd);
        System.arraycopy(ECHO_PAYLOAD, 0, bytes, 8, 4);
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(ECHO, bytes);
    }

    @Test
    void echoReprParse() {
        assertEquals(WireStatus.OK, parse(ECHO));
        assertEquals(Icmpv6Packet.TYPE_ECHO_REQUEST, repr.type());
        assertEquals(0x1234, repr.echoIdentifier());
        assertEquals(0xabcd, repr.echoSequence());
        assertEquals(8, repr.dataOffset());
        assertEquals(4, repr.dataLength());
        assertEquals("ICMPv6 echo request id=4660 seq=43981 len=4", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void echoEmit() {
        repr.setEcho(true, 0x1234, 0xabcd, 4);
        byte[] bytes = Ipv6Vectors.filled(repr.bufferLen() + 4);
        repr.emit(packet.wrap(bytes, 0, bytes.length));
        System.arraycopy(ECHO_PAYLOAD, 0, bytes, 8, 4);
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(ECHO, bytes);
    }

    @Test
    void tooBigDeconstruct() {
        packet.wrap(TOO_BIG, 0, TOO_BIG.length);
        assertEquals(Icmpv6Packet.TYPE_PACKET_TOO_BIG, packet.type());
        assertEquals(0x0fc9, packet.checksum());
        assertEquals(1500, packet.word());
        assertEquals(8, packet.payloadOffset());
        assertEquals(52, packet.payloadLength());
        assertTrue(packet.verifyChecksum(LL, 1, LL, 2));
        assertTrue(Icmpv6Packet.isError(packet.type()));
    }

    @Test
    void tooBigConstruct() {
        byte[] bytes = Ipv6Vectors.filled(60);
        packet.wrap(bytes, 0, 60).setTypeAndCode(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0);
        packet.setWord(1500);
        System.arraycopy(TOO_BIG, 8, bytes, 8, 52);
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(TOO_BIG, bytes);
    }

    @Test
    void tooBigReprParse() {
        assertEquals(WireStatus.OK, parse(TOO_BIG));
        assertEquals(1500, repr.mtu());
        Ipv6Repr quoted = repr.invokingHeader();
        assertEquals(LL, quoted.sourceHigh());
        assertEquals(1, quoted.sourceLow());
        assertEquals(2, quoted.destinationLow());
        assertEquals(IpProtocol.UDP, quoted.nextHeader());
        assertEquals(12, quoted.payloadLength());
        assertEquals(0x40, quoted.hopLimit());
        assertEquals(48, repr.dataOffset());
        assertEquals(12, repr.dataLength());
        assertEquals("ICMPv6 packet too big mtu=1500 (IPv6 src=fe80::1 dst=fe80::2 nxt_hdr=UDP hop_limit=64)",
                repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void tooBigEmit() {
        Ipv6Repr quoted = new Ipv6Repr().set(LL, 1, LL, 2, IpProtocol.UDP, 12, 0x40);
        repr.setError(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, 1500, quoted, 12);
        assertEquals(48, repr.bufferLen());
        byte[] bytes = Ipv6Vectors.filled(60);
        repr.emit(packet.wrap(bytes, 0, 60));
        System.arraycopy(TOO_BIG, 48, bytes, 48, 12);
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(TOO_BIG, bytes);
    }

    @Test
    void parameterProblemFromScapy() {
        byte[] bytes = Ipv6Vectors.afterIpv6(Ipv6Vectors.PARAM_PROBLEM);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length), true, LL, 2, LL, 1));
        assertEquals(Icmpv6Packet.TYPE_PARAMETER_PROBLEM, repr.type());
        assertEquals(1, repr.code());
        assertEquals(40, repr.pointer());
        assertEquals(0, repr.mtu());
        assertEquals(200, repr.invokingHeader().nextHeader());
        assertEquals(8, repr.dataLength());
        assertEquals("ICMPv6 parameter problem code=1 pointer=40 (IPv6 src=fe80::1 dst=fe80::2 nxt_hdr=proto 200 hop_limit=64)",
                repr.appendTo(new StringBuilder()).toString());
        byte[] out = Ipv6Vectors.filled(bytes.length);
        repr.emit(packet.wrap(out, 0, out.length));
        System.arraycopy(bytes, 48, out, 48, 8);
        packet.fillChecksum(LL, 2, LL, 1);
        assertArrayEquals(bytes, out);
    }

    @Test
    void destinationUnreachableAndEchoFromScapy() {
        byte[] bytes = Ipv6Vectors.afterIpv6(Ipv6Vectors.DEST_UNREACHABLE);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length), true, LL, 2, LL, 1));
        assertEquals(4, repr.code());
        assertEquals(IpProtocol.UDP, repr.invokingHeader().nextHeader());
        assertEquals(8, repr.dataLength());
        assertEquals("ICMPv6 destination unreachable code=4 (IPv6 src=fe80::1 dst=fe80::2 nxt_hdr=UDP hop_limit=64)",
                repr.appendTo(new StringBuilder()).toString());
        byte[] ping = Ipv6Vectors.afterIpv6(Ipv6Vectors.PING);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ping, 0, ping.length), true, LL, 1, LL, 2));
        assertEquals(7, repr.echoSequence());
        assertEquals(5, repr.dataLength());
    }

    @Test
    void timeExceededRoundTrip() {
        Ipv6Repr quoted = new Ipv6Repr().set(LL, 1, LL, 2, IpProtocol.TCP, 0, 1);
        repr.setError(Icmpv6Packet.TYPE_TIME_EXCEEDED, 0, 0, quoted, 0);
        byte[] bytes = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(bytes, 0, bytes.length));
        packet.fillChecksum(LL, 2, LL, 1);
        Icmpv6Repr parsed = new Icmpv6Repr();
        assertEquals(WireStatus.OK, parsed.parse(packet, true, LL, 2, LL, 1));
        assertEquals("ICMPv6 time exceeded code=0 (IPv6 src=fe80::1 dst=fe80::2 nxt_hdr=TCP hop_limit=1)",
                parsed.appendTo(new StringBuilder()).toString());
    }

    @Test
    void everyErrorPathHasAStatus() {
        for (int len = 0; len < 8; len++) {
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(ECHO, 0, len), false, 0, 0, 0, 0), "length " + len);
        }
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(TOO_BIG, 0, 47), false, 0, 0, 0, 0), "quote shorter than IPv6");
        byte[] bad = ECHO.clone();
        bad[11] ^= 1;
        assertEquals(WireStatus.BAD_CHECKSUM, parse(bad));
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bad, 0, bad.length), false, LL, 1, LL, 2), "verification off (offload)");
        byte[] notIpv6 = TOO_BIG.clone();
        notIpv6[8] = 0x45;
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(notIpv6, 0, notIpv6.length), false, 0, 0, 0, 0));
        byte[] ns = Ipv6Vectors.afterIpv6(Ipv6Vectors.NS);
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(ns, 0, ns.length), true, LL, 1, 0, 0), "NDISC is NdiscRepr's");
        byte[] mldv1 = new byte[24];
        mldv1[0] = (byte) Icmpv6Packet.TYPE_MLD_QUERY;
        assertEquals(WireStatus.UNSUPPORTED, packet.wrap(mldv1, 0, 24).check());
        assertEquals(WireStatus.TRUNCATED, packet.wrap(mldv1, 0, 23).check());
    }

    @Test
    void misuseIsReportedClearly() {
        Ipv6Repr quoted = new Ipv6Repr();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.setError(5, 0, 0, quoted, 0));
        assertEquals("ICMPv6 error type must be 1..4, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setError(1, 0, 1500, quoted, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setError(2, 0, 1L << 32, quoted, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setError(2, 256, 1280, quoted, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setError(2, 0, 1280, quoted, -1));
        assertThrows(IllegalArgumentException.class, () -> repr.setEcho(true, 0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setEcho(true, 0, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setError(2, 0, 1280, quoted, 0).emit(packet.wrap(new byte[47], 0, 47)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[60];
        Icmpv6Packet outPacket = new Icmpv6Packet();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("ICMPv6 parse, emit and print", () -> {
            repr.parse(packet.wrap(TOO_BIG, 0, TOO_BIG.length), true, LL, 1, LL, 2);
            repr.emit(outPacket.wrap(out, 0, out.length));
            outPacket.fillChecksum(LL, 1, LL, 2);
            text.setLength(0);
            repr.appendTo(text);
            repr.parse(packet.wrap(ECHO, 0, ECHO.length), true, LL, 1, LL, 2);
            repr.emit(outPacket.wrap(out, 0, 12));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        Icmpv6Repr parsed = new Icmpv6Repr();
        if (parsed.parse(new Icmpv6Packet().wrap(bytes, 0, bytes.length), false, 0, 0, 0, 0) == WireStatus.OK) {
            byte[] out = bytes.clone();
            Arrays.fill(out, 0, parsed.bufferLen(), (byte) 0xa5);
            parsed.emit(new Icmpv6Packet().wrap(out, 0, out.length));
            Icmpv6Repr again = new Icmpv6Repr();
            assertEquals(WireStatus.OK, again.parse(new Icmpv6Packet().wrap(out, 0, out.length), false, 0, 0, 0, 0));
            assertEquals(parsed.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
        }
    }

    @Property
    void mutatedGoldenVectorsNeverThrow(@ForAll @IntRange(max = 59) int index, @ForAll byte value, @ForAll @IntRange(max = 60) int length) {
        byte[] bytes = TOO_BIG.clone();
        bytes[index] = value;
        new Icmpv6Repr().parse(new Icmpv6Packet().wrap(bytes, 0, length), true, LL, 1, LL, 2);
        new NdiscRepr().parse(new Icmpv6Packet().wrap(bytes, 0, length), true, LL, 1, LL, 2);
        new MldRepr().parse(new Icmpv6Packet().wrap(bytes, 0, length), true, LL, 1, LL, 2);
    }

    @Property
    void generatedEchoesSurviveEmitAndParse(@ForAll boolean request, @ForAll @IntRange(max = 0xffff) int id,
            @ForAll @IntRange(max = 0xffff) int seq, @ForAll byte[] data) {
        repr.setEcho(request, id, seq, data.length);
        byte[] out = new byte[8 + data.length];
        repr.emit(packet.wrap(out, 0, out.length));
        System.arraycopy(data, 0, out, 8, data.length);
        packet.fillChecksum(LL, 1, LL, 2);
        Icmpv6Repr parsed = new Icmpv6Repr();
        assertEquals(WireStatus.OK, parsed.parse(packet, true, LL, 1, LL, 2));
        assertEquals(repr.appendTo(new StringBuilder()).toString(), parsed.appendTo(new StringBuilder()).toString());
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        repr.setEcho(true, 0x1234, 7, 4);
        byte[] echo = new byte[12];
        repr.emit(packet.wrap(echo, 0, 12));
        System.arraycopy(ECHO_PAYLOAD, 0, echo, 8, 4);
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        Ipv6Repr quoted = new Ipv6Repr().set(LL, 2, LL, 1, IpProtocol.UDP, 0, 64);
        repr.setError(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, 1280, quoted, 0);
        byte[] tooBig = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(tooBig, 0, tooBig.length));
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        repr.setError(Icmpv6Packet.TYPE_PARAMETER_PROBLEM, 0, 6, quoted, 0);
        byte[] problem = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(problem, 0, problem.length));
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        List<String[]> rows = Tshark.judge(dir.resolve("icmpv6.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(Frames.ipv6(IpProtocol.ICMPV6, echo), Frames.ipv6(IpProtocol.ICMPV6, tooBig), Frames.ipv6(IpProtocol.ICMPV6, problem)),
                "icmpv6.type", "icmpv6.code", "icmpv6.checksum.status", "icmpv6.echo.identifier", "icmpv6.mtu", "icmpv6.pointer");
        assertArrayEquals(new String[] {"128", "0", "1", "0x1234", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"2", "0", "1", "", "1280", ""}, rows.get(1));
        assertArrayEquals(new String[] {"4", "0", "1", "", "", "6"}, rows.get(2));
    }
}
