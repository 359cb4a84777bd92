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
import org.smoltcp4j.testing.Tshark;

class Ipv6Test {

    /** smoltcp wire/ipv6.rs REPR_PACKET_BYTES: UDP from fe80::1 to ff02::1, hop limit 64, 12-byte payload. */
    static final byte[] PACKET = Ipv6Vectors.bytes(
            0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x11, 0x40, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00,
            0x0c, 0x02, 0x4e, 0xff, 0xff, 0xff, 0xff);
    static final byte[] PAYLOAD = Arrays.copyOfRange(PACKET, 40, 52);

    private final Ipv6Packet packet = new Ipv6Packet();
    private final Ipv6Repr repr = new Ipv6Repr();

    private Ipv6Repr packetRepr() {
        return new Ipv6Repr().set(LL, 1, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, IpProtocol.UDP, 12, 64);
    }

    private static void assertSameRepr(Ipv6Repr expected, Ipv6Repr actual) {
        assertEquals(expected.appendTo(new StringBuilder()).toString(), actual.appendTo(new StringBuilder()).toString());
        assertEquals(expected.payloadLength(), actual.payloadLength());
        assertEquals(expected.trafficClass(), actual.trafficClass());
        assertEquals(expected.flowLabel(), actual.flowLabel());
        assertEquals(expected.sourceLow(), actual.sourceLow());
        assertEquals(expected.destinationLow(), actual.destinationLow());
    }

    @Test
    void packetDeconstruction() {
        packet.wrap(PACKET, 0, PACKET.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(6, packet.version());
        assertEquals(0, packet.trafficClass());
        assertEquals(0, packet.flowLabel());
        assertEquals(0x34, packet.totalLength());
        assertEquals(12, packet.payloadLength());
        assertEquals(IpProtocol.UDP, packet.nextHeader());
        assertEquals(0x40, packet.hopLimit());
        assertEquals(LL, packet.sourceHigh());
        assertEquals(1, packet.sourceLow());
        assertEquals(Ipv6Address.ALL_NODES_HIGH, packet.destinationHigh());
        assertEquals(Ipv6Address.ALL_NODES_LOW, packet.destinationLow());
        assertEquals(40, packet.payloadOffset());
    }

    @Test
    void packetConstructionKeepsUnalignedFieldsApart() {
        byte[] bytes = new byte[52];
        Arrays.fill(bytes, (byte) 0xff);
        packet.wrap(bytes, 0, 52);
        packet.setVersionClassFlow(6, 0x99, 0x54321);
        assertEquals(6, packet.version());
        assertEquals(0x99, packet.trafficClass());
        assertEquals(0x54321, packet.flowLabel());
        packet.setPayloadLength(0xc);
        packet.setNextHeader(IpProtocol.UDP);
        packet.setHopLimit(0xfe);
        packet.setSource(Ipv6Address.ALL_ROUTERS_HIGH, Ipv6Address.ALL_ROUTERS_LOW);
        packet.setDestination(Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW);
        System.arraycopy(PAYLOAD, 0, bytes, 40, 12);
        byte[] expected = Ipv6Vectors.bytes(
                0x69, 0x95, 0x43, 0x21, 0x00, 0x0c, 0x11, 0xfe, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff, 0x02, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                0x00, 0x01, 0x00, 0x02, 0x00, 0x0c, 0x02, 0x4e, 0xff, 0xff, 0xff, 0xff);
        assertEquals(WireStatus.OK, packet.check());
        assertArrayEquals(expected, bytes);
    }

    @Test
    void overlongBufferKeepsThePayloadLength() {
        byte[] bytes = Arrays.copyOf(PACKET, PACKET.length + 1);
        packet.wrap(bytes, 0, bytes.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(12, packet.payloadLength());
        assertEquals(52, packet.totalLength());
    }

    @Test
    void payloadLengthBeyondTheBufferIsTruncated() {
        byte[] bytes = PACKET.clone();
        bytes[5] = (byte) 0x80;
        assertEquals(WireStatus.TRUNCATED, packet.wrap(bytes, 0, bytes.length).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet));
    }

    @Test
    void reprParseValid() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(PACKET, 0, PACKET.length)));
        assertSameRepr(packetRepr(), repr);
    }

    @Test
    void reprParseBadVersionIsMalformed() {
        byte[] bytes = new byte[40];
        packet.wrap(bytes, 0, 40).setVersionClassFlow(4, 0, 0);
        assertEquals(WireStatus.MALFORMED, repr.parse(packet));
    }

    @Test
    void reprParseSmallerThanHeaderIsTruncated() {
        byte[] bytes = new byte[40];
        packet.wrap(bytes, 0, 40).setVersionClassFlow(6, 0, 0);
        packet.setPayloadLength(39);
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet));
    }

    @Test
    void reprParseSmallerThanPayloadIsTruncated() {
        byte[] bytes = new byte[40];
        packet.wrap(bytes, 0, 40).setVersionClassFlow(6, 0, 0);
        packet.setPayloadLength(1);
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet));
    }

    @Test
    void truncatedAtEveryLengthBelowTheHeader() {
        for (int len = 0; len < 40; len++) {
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(PACKET, 0, len)), "length " + len);
        }
    }

    @Test
    void basicReprEmit() {
        byte[] bytes = Ipv6Vectors.filled(52);
        Ipv6Repr r = packetRepr();
        assertEquals(40, r.bufferLen());
        r.emit(packet.wrap(bytes, 0, bytes.length));
        System.arraycopy(PAYLOAD, 0, bytes, 40, 12);
        assertArrayEquals(PACKET, bytes);
    }

    @Test
    void trafficClassAndFlowLabelRoundTrip() {
        byte[] bytes = Ipv6Vectors.filled(40);
        packetRepr().setPayloadLength(0).setTrafficClass(0xb8).setFlowLabel(0xabcde).emit(packet.wrap(bytes, 0, 40));
        assertEquals(WireStatus.OK, repr.parse(packet));
        assertEquals(0xb8, repr.trafficClass());
        assertEquals(0xabcde, repr.flowLabel());
        assertEquals(0, repr.payloadLength());
    }

    @Test
    void prettyPrint() {
        repr.parse(packet.wrap(PACKET, 0, PACKET.length));
        assertEquals("IPv6 src=fe80::1 dst=ff02::1 nxt_hdr=UDP hop_limit=64", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void quotedHeaderParsesWithoutItsPayload() {
        assertEquals(WireStatus.OK, repr.parseQuoted(packet.wrap(PACKET, 0, 40)));
        assertEquals(12, repr.payloadLength());
        assertEquals(WireStatus.TRUNCATED, repr.parseQuoted(packet.wrap(PACKET, 0, 39)));
        byte[] v4 = PACKET.clone();
        v4[0] = 0x45;
        assertEquals(WireStatus.MALFORMED, repr.parseQuoted(packet.wrap(v4, 0, 40)));
    }

    @Test
    void scapyPacketsParse() {
        byte[] ping = Ipv6Vectors.hex(Ipv6Vectors.PING);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ping, 0, ping.length)));
        assertEquals(IpProtocol.ICMPV6, repr.nextHeader());
        assertEquals(13, repr.payloadLength());
        assertEquals(2, repr.destinationLow());
        byte[] report = Ipv6Vectors.hex(Ipv6Vectors.MLD_REPORT);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(report, 0, report.length)));
        assertEquals(IpProtocol.HOP_BY_HOP, repr.nextHeader());
        assertEquals(1, repr.hopLimit());
    }

    @Test
    void multicastAddressesAreClassified() {
        assertTrue(Ipv6Address.isMulticast(Ipv6Address.ALL_ROUTERS_HIGH));
        assertFalse(Ipv6Address.isLinkLocal(Ipv6Address.ALL_ROUTERS_HIGH));
        assertFalse(Ipv6Address.isLoopback(Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW));
        assertFalse(Ipv6Address.isUnspecified(Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW));
    }

    @Test
    void linkLocalAndLoopbackAreClassified() {
        assertTrue(Ipv6Address.isLinkLocal(LL));
        assertFalse(Ipv6Address.isMulticast(LL));
        assertTrue(Ipv6Address.isLoopback(0, 1));
        assertFalse(Ipv6Address.isLinkLocal(0));
    }

    @Test
    void solicitedNodeMulticastOfTheNsTarget() {
        byte[] ns = Ipv6Vectors.hex(Ipv6Vectors.NS);
        repr.parse(packet.wrap(ns, 0, ns.length));
        assertEquals(Ipv6Address.solicitedNodeHigh(), repr.destinationHigh());
        assertEquals(Ipv6Address.solicitedNodeLow(2), repr.destinationLow());
    }

    @Test
    void misuseIsReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.setFlowLabel(0x100000));
        assertEquals("flow label must be 0..1048575, got 1048576", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(256));
        assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 0, 0, 256, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 0, 0, 17, 65536, 64));
        assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 0, 0, 17, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[39], 0, 39)));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(new byte[10], 5, 6));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[52];
        Ipv6Packet outPacket = new Ipv6Packet();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IPv6 parse, emit and print", () -> {
            repr.parse(packet.wrap(PACKET, 0, PACKET.length));
            repr.emit(outPacket.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        Ipv6Repr parsed = new Ipv6Repr();
        if (parsed.parse(new Ipv6Packet().wrap(bytes, 0, bytes.length)) == WireStatus.OK) {
            byte[] out = new byte[40];
            parsed.emit(new Ipv6Packet().wrap(out, 0, 40));
            assertArrayEquals(Arrays.copyOf(bytes, 40), out);
        }
    }

    @Property
    void generatedReprsSurviveEmitAndParse(@ForAll long srcHigh, @ForAll long srcLow, @ForAll long dstHigh, @ForAll long dstLow,
            @ForAll @IntRange(max = 255) int nextHeader, @ForAll @IntRange(max = 255) int hopLimit,
            @ForAll @IntRange(max = 255) int trafficClass, @ForAll @IntRange(max = 0xfffff) int flowLabel,
            @ForAll @IntRange(max = 64) int payloadLength) {
        Ipv6Repr original = new Ipv6Repr().set(srcHigh, srcLow, dstHigh, dstLow, nextHeader, payloadLength, hopLimit)
                .setTrafficClass(trafficClass).setFlowLabel(flowLabel);
        byte[] out = new byte[40 + payloadLength];
        original.emit(new Ipv6Packet().wrap(out, 0, out.length));
        Ipv6Repr parsed = new Ipv6Repr();
        assertEquals(WireStatus.OK, parsed.parse(new Ipv6Packet().wrap(out, 0, out.length)));
        assertSameRepr(original, parsed);
        assertEquals(srcHigh, parsed.sourceHigh());
        assertEquals(dstHigh, parsed.destinationHigh());
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] ip = new byte[40 + 8];
        new Ipv6Repr().set(LL, 1, LL, 2, IpProtocol.IPV6_NO_NEXT_HEADER, 8, 17).setTrafficClass(0x20).setFlowLabel(0x12345)
                .emit(packet.wrap(ip, 0, ip.length));
        List<String[]> rows = Tshark.judge(dir.resolve("ipv6.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(Ipv6Vectors.ethernet(ip)),
                "ipv6.version", "ipv6.nxt", "ipv6.hlim", "ipv6.plen", "ipv6.src", "ipv6.dst", "ipv6.flow", "ipv6.tclass");
        assertArrayEquals(new String[] {"6", "59", "17", "8", "fe80::1", "fe80::2", "0x012345", "0x00000020"}, rows.get(0));
    }
}
