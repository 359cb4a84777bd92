package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.testing.AllocationProbe;

class SixlowpanNhcTest {

    /** smoltcp nhc.rs RPL_HOP_BY_HOP_PACKET: hop-by-hop with an RPL option, next header ICMPv6 in-line. */
    static final byte[] RPL_HOP_BY_HOP = Ieee802154Test.bytes(0xe0, 0x3a, 0x06, 0x63, 0x04, 0x00, 0x1e, 0x03, 0x00);
    /** smoltcp nhc.rs ROUTING_SR_PACKET: an RPL source routing header, next header compressed. */
    static final byte[] ROUTING_SR = Hex8.parse("e31e 0303 9930 0000 05000500050005 06000600060006 020002000200020000 00");

    private final SixlowpanNhcExtPacket ext = new SixlowpanNhcExtPacket();
    private final SixlowpanNhcExtRepr extRepr = new SixlowpanNhcExtRepr();
    private final SixlowpanNhcUdpPacket udp = new SixlowpanNhcUdpPacket();
    private final SixlowpanNhcUdpRepr udpRepr = new SixlowpanNhcUdpRepr();

    @Test
    void rplHopByHopOptionDeconstruct() {
        assertEquals(WireStatus.OK, ext.wrap(RPL_HOP_BY_HOP, 0, RPL_HOP_BY_HOP.length).check());
        assertEquals(IpProtocol.ICMPV6, ext.nextHeader());
        assertEquals(SixlowpanNhcExtPacket.EID_HOP_BY_HOP, ext.eid());
        // The RPL option: type 0x63, length 4, flags 0, instance 0x1e, sender rank 0x0300.
        assertArrayEquals(Ieee802154Test.bytes(0x63, 0x04, 0x00, 0x1e, 0x03, 0x00),
                Arrays.copyOfRange(RPL_HOP_BY_HOP, ext.payloadOffset(), ext.payloadOffset() + ext.payloadLength()));
        assertEquals(WireStatus.OK, extRepr.parse(ext));
        assertEquals(IpProtocol.HOP_BY_HOP, extRepr.header());
    }

    @Test
    void rplHopByHopOptionEmit() {
        extRepr.setHeader(IpProtocol.HOP_BY_HOP).setNextHeader(IpProtocol.ICMPV6, false).setLength(6);
        byte[] out = new byte[extRepr.bufferLen() + 6];
        extRepr.emit(ext.wrap(out, 0, out.length));
        System.arraycopy(Ieee802154Test.bytes(0x63, 0x04, 0x00, 0x1e, 0x03, 0x00), 0, out, extRepr.bufferLen(), 6);
        assertArrayEquals(RPL_HOP_BY_HOP, out);
    }

    @Test
    void sourceRoutingDeconstruct() {
        assertEquals(32, ROUTING_SR.length);
        assertEquals(WireStatus.OK, ext.wrap(ROUTING_SR, 0, ROUTING_SR.length).check());
        assertTrue(ext.nextHeaderCompressed());
        assertEquals(SixlowpanNhcExtPacket.EID_ROUTING, ext.eid());
        assertEquals(30, ext.bodyLength());
        int body = ext.payloadOffset();
        assertEquals(3, ROUTING_SR[body], "routing type 3 (RPL source route)");
        assertEquals(3, ROUTING_SR[body + 1], "segments left");
        assertEquals((byte) 0x99, ROUTING_SR[body + 2], "CmprI = CmprE = 9");
        assertEquals(3, (ROUTING_SR[body + 3] & 0xff) >>> 4, "pad");
        assertEquals(32, ext.nextOffset());
        assertEquals(WireStatus.TRUNCATED, extRepr.parse(ext), "a compressed next header must follow");
    }

    @Test
    void sourceRoutingEmit() {
        extRepr.setHeader(IpProtocol.IPV6_ROUTE).setNextHeader(IpProtocol.UDP, true).setLength(30);
        byte[] out = new byte[32];
        extRepr.emit(ext.wrap(out, 0, out.length));
        System.arraycopy(ROUTING_SR, 2, out, 2, 30);
        assertArrayEquals(ROUTING_SR, out);
    }

    @Test
    void extHeaderNhInlined() {
        byte[] bytes = {(byte) 0xe2, 0x3a, 0x6, 0x3, 0x0, (byte) 0xff, 0x0, 0x0, 0x0};
        assertEquals(WireStatus.OK, extRepr.parse(ext.wrap(bytes, 0, bytes.length)));
        assertEquals(3, ext.headerLength());
        assertEquals(6, ext.bodyLength());
        assertEquals(IpProtocol.IPV6_ROUTE, extRepr.header());
        assertEquals(IpProtocol.ICMPV6, extRepr.nextHeader());
        assertFalse(extRepr.nextHeaderCompressed());
        assertArrayEquals(Ieee802154Test.bytes(3, 0, 0xff, 0, 0, 0), Arrays.copyOfRange(bytes, ext.payloadOffset(), bytes.length));
    }

    @Test
    void extHeaderNhElided() {
        byte[] bytes = {(byte) 0xe3, 0x06, 0x03, 0x00, (byte) 0xff, 0x00, 0x00, 0x00, (byte) 0xf0};
        assertEquals(WireStatus.OK, extRepr.parse(ext.wrap(bytes, 0, bytes.length)));
        assertEquals(2, ext.headerLength());
        assertEquals(6, extRepr.length());
        assertEquals(IpProtocol.IPV6_ROUTE, extRepr.header());
        assertTrue(extRepr.nextHeaderCompressed());
        assertEquals(IpProtocol.UDP, extRepr.nextHeader(), "inferred from the NHC octet after the body");
        assertArrayEquals(Ieee802154Test.bytes(3, 0, 0xff, 0, 0, 0), Arrays.copyOfRange(bytes, ext.payloadOffset(), ext.nextOffset()));
    }

    @Test
    void extHeaderEmit() {
        extRepr.setHeader(IpProtocol.IPV6_ROUTE).setNextHeader(IpProtocol.IPV6_FRAGMENT, true).setLength(6);
        byte[] out = new byte[extRepr.bufferLen() + 1];
        Arrays.fill(out, (byte) 0xa5);
        extRepr.emit(ext.wrap(out, 0, out.length));
        assertArrayEquals(Ieee802154Test.bytes(0xe3, 0x06, 0xa5), out);
        assertEquals(SixlowpanNhcExtPacket.EID_ROUTING, ext.eid());
        assertTrue(ext.nextHeaderCompressed());
    }

    @Test
    void everyExtensionHeaderId() {
        int[] protocols = {IpProtocol.HOP_BY_HOP, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_FRAGMENT,
            IpProtocol.IPV6_DESTINATION_OPTIONS, SixlowpanNhcExtRepr.MOBILITY};
        for (int eid = 0; eid < protocols.length; eid++) {
            extRepr.setHeader(protocols[eid]).setNextHeader(IpProtocol.UDP, false).setLength(0);
            byte[] out = new byte[3];
            extRepr.emit(ext.wrap(out, 0, 3));
            assertEquals(eid, ext.eid());
            SixlowpanNhcExtRepr back = new SixlowpanNhcExtRepr();
            assertEquals(WireStatus.OK, back.parse(ext));
            assertEquals(protocols[eid], back.header());
            assertEquals(protocols[eid], SixlowpanNhcExtRepr.protocolOfNhc(out[0]));
        }
    }

    @Test
    void udpNhcFields() {
        byte[] bytes = {(byte) 0xf0, 0x16, 0x2e, 0x22, 0x3d, 0x28, (byte) 0xc4};
        assertEquals(WireStatus.OK, udp.wrap(bytes, 0, bytes.length).check());
        assertFalse(udp.checksumElided());
        assertEquals(0x28c4, udp.checksum());
        assertEquals(5678, udp.srcPort());
        assertEquals(8765, udp.dstPort());
    }

    @Test
    void udpEmit() {
        byte[] payload = "Hello World!".getBytes(StandardCharsets.US_ASCII);
        udpRepr.setSrcPort(0xf0b1).setDstPort(0xf001);
        byte[] out = new byte[udpRepr.bufferLen() + payload.length];
        udpRepr.emit(udp.wrap(out, 0, out.length));
        System.arraycopy(payload, 0, out, udpRepr.bufferLen(), payload.length);
        SixlowpanNhcUdpRepr.fillChecksum(udp, 0, 0, 0, 0);
        assertEquals(SixlowpanNhcUdpPacket.PORTS_SRC_8, udp.portsMode());
        assertEquals(0xf0b1, udp.srcPort());
        assertEquals(0xf001, udp.dstPort());
        assertArrayEquals(payload, Arrays.copyOfRange(out, udp.payloadOffset(), out.length));
        SixlowpanNhcUdpRepr back = new SixlowpanNhcUdpRepr();
        assertEquals(WireStatus.OK, back.parse(udp, true, 0, 0, 0, 0));
        assertEquals(0xf0b1, back.srcPort());
        assertEquals(0xf001, back.dstPort());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "61617, 61618, f3 12",
        "61441, 5683, f2 01 1633",
        "5683, 61441, f1 1633 01",
        "5683, 5684, f0 1633 1634",
        "61616, 61695, f2 b0 f0ff",
    })
    void portCompressionForms(int src, int dst, String expected) {
        udpRepr.setSrcPort(src).setDstPort(dst);
        byte[] out = new byte[udpRepr.bufferLen()];
        udpRepr.emit(udp.wrap(out, 0, out.length));
        byte[] want = Hex8.parse(expected);
        assertArrayEquals(want, Arrays.copyOf(out, want.length));
        assertEquals(want.length + 2, out.length, "checksum in-line");
        assertEquals(src, udp.srcPort());
        assertEquals(dst, udp.dstPort());
    }

    @Test
    void udpDatagramOfSmoltcpFragmentationTest() {
        // tests/sixlowpan.rs test_sixlowpan_udp_with_fragmentation: reassemble FRAG1 + FRAGN payloads.
        byte[] first = Hex8.sixlowpan("udp-frag1");
        byte[] next = Hex8.sixlowpan("udp-fragn");
        SixlowpanIphcPacket iphc = new SixlowpanIphcPacket().wrap(first, 4, first.length - 4);
        SixlowpanIphcRepr ip = new SixlowpanIphcRepr();
        assertEquals(WireStatus.OK, ip.parse(iphc, Ieee802154Frame.MODE_EXTENDED, 0x4242_4242_4242_0b1aL,
                Ieee802154Frame.MODE_EXTENDED, 0x90fc_48c2_a441_fc76L));
        byte[] datagram = new byte[first.length - iphc.payloadOffset() + next.length - 5];
        System.arraycopy(first, iphc.payloadOffset(), datagram, 0, first.length - iphc.payloadOffset());
        System.arraycopy(next, 5, datagram, first.length - iphc.payloadOffset(), next.length - 5);
        udp.wrap(datagram, 0, datagram.length);
        // smoltcp's test switches UDP checksums off: the frame carries 0xbfa0, the datagram sums to 0xc794.
        assertEquals(WireStatus.BAD_CHECKSUM, udpRepr.parse(udp, true, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow()));
        assertEquals(WireStatus.OK, udpRepr.parse(udp, false, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow()));
        NetworkBytes.setU16(datagram, 5, 0xc794);
        assertEquals(WireStatus.OK, udpRepr.parse(udp, true, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow()));
        assertEquals(54217, udpRepr.srcPort());
        assertEquals(6969, udpRepr.dstPort());
        assertEquals("Lorem ipsum dolor sit amet, consectetur adipiscing elit. In at rhoncus tortor. "
                + "Cras blandit tellus diam, varius vestibulum nibh commodo nec.",
                new String(datagram, udp.payloadOffset(), udp.payloadLength(), StandardCharsets.US_ASCII));
        assertEquals(0xbc, 40 + 8 + udp.payloadLength(), "FRAG1's datagram size is the uncompressed IPv6 packet");
    }

    @Test
    void elidedChecksumParses() {
        byte[] bytes = {(byte) 0xf7, 0x12, 'h', 'i'};
        assertEquals(WireStatus.OK, udpRepr.parse(udp.wrap(bytes, 0, bytes.length), true, 0, 0, 0, 0));
        assertTrue(udp.checksumElided());
        assertEquals(-1, udp.checksum());
        assertEquals(2, udp.headerLength());
        assertEquals(0xf0b1, udpRepr.srcPort());
    }

    @Test
    void everyErrorStatus() {
        assertEquals(WireStatus.TRUNCATED, udpRepr.parse(udp.wrap(new byte[0], 0, 0), false, 0, 0, 0, 0));
        assertEquals(WireStatus.TRUNCATED, udpRepr.parse(udp.wrap(Hex8.parse("f0 1633 16"), 0, 4), false, 0, 0, 0, 0));
        assertEquals(WireStatus.MALFORMED, udpRepr.parse(udp.wrap(Hex8.parse("e0 1633 1633 0000"), 0, 7), false, 0, 0, 0, 0));
        byte[] bad = {(byte) 0xf3, 0x12, 0x12, 0x34, 'x'};
        assertEquals(WireStatus.BAD_CHECKSUM, udpRepr.parse(udp.wrap(bad, 0, bad.length), true, 0, 0, 0, 0));
        assertEquals(WireStatus.OK, udpRepr.parse(udp, false, 0, 0, 0, 0), "not verified");
        byte[] zero = {(byte) 0xf3, 0x12, 0x00, 0x00};
        assertEquals(WireStatus.BAD_CHECKSUM, udpRepr.parse(udp.wrap(zero, 0, zero.length), true, 0, 0, 0, 0),
                "a zero UDP checksum is invalid over IPv6");
        assertEquals(WireStatus.TRUNCATED, extRepr.parse(ext.wrap(new byte[0], 0, 0)));
        assertEquals(WireStatus.TRUNCATED, extRepr.parse(ext.wrap(Hex8.parse("e0 3a"), 0, 2)));
        assertEquals(WireStatus.TRUNCATED, extRepr.parse(ext.wrap(Hex8.parse("e0 3a 06 0000"), 0, 5)));
        assertEquals(WireStatus.MALFORMED, extRepr.parse(ext.wrap(Hex8.parse("f0 3a 00"), 0, 3)), "UDP, not an extension");
        assertEquals(WireStatus.MALFORMED, extRepr.parse(ext.wrap(Hex8.parse("ea 3a 00"), 0, 3)), "EID 5 reserved");
        assertEquals(WireStatus.MALFORMED, extRepr.parse(ext.wrap(Hex8.parse("ec 3a 00"), 0, 3)), "EID 6 reserved");
        assertEquals(WireStatus.UNSUPPORTED, extRepr.parse(ext.wrap(Hex8.parse("ee 00"), 0, 2)), "EID 7 IPv6");
        assertEquals(WireStatus.MALFORMED, extRepr.parse(ext.wrap(Hex8.parse("e1 00 00"), 0, 3)), "no NHC after the body");
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("source port must be 0..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> udpRepr.setSrcPort(65536)).getMessage());
        assertEquals("destination port must be 0..65535, got -1",
                assertThrows(IllegalArgumentException.class, () -> udpRepr.setDstPort(-1)).getMessage());
        byte[] small = new byte[3];
        udpRepr.setSrcPort(1).setDstPort(2);
        assertEquals("packet of 3 bytes cannot hold the 7-byte UDP NHC header",
                assertThrows(IllegalArgumentException.class, () -> udpRepr.emit(udp.wrap(small, 0, 3))).getMessage());
        assertEquals("ports mode must be 0..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> udp.setHeader(4, false)).getMessage());
        udp.wrap(small, 0, 3).setHeader(3, true);
        assertEquals("the header elides the checksum", assertThrows(IllegalStateException.class, () -> udp.setChecksum(1)).getMessage());
        assertEquals("protocol 58 is no extension header LOWPAN_NHC encodes",
                assertThrows(IllegalArgumentException.class, () -> extRepr.setHeader(58)).getMessage());
        assertEquals("next header 6 has no LOWPAN_NHC encoding",
                assertThrows(IllegalArgumentException.class, () -> extRepr.setNextHeader(6, true)).getMessage());
        assertEquals("extension header length must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> extRepr.setLength(256)).getMessage());
        extRepr.setHeader(0).setNextHeader(17, false);
        assertEquals("packet of 2 bytes cannot hold the 3-byte extension header NHC",
                assertThrows(IllegalArgumentException.class, () -> extRepr.emit(ext.wrap(small, 0, 2))).getMessage());
        ext.wrap(small, 0, 3).setHeader(0, true);
        assertEquals("the header compresses the next header",
                assertThrows(IllegalStateException.class, () -> ext.setNextHeader(17)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> udp.wrap(small, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> ext.wrap(small, -1, 1));
    }

    @Test
    void printsLikeTcpdump() {
        assertEquals("NHC-UDP src=61617 dst=5683", udpRepr.setSrcPort(0xf0b1).setDstPort(5683).appendTo(new StringBuilder()).toString());
        extRepr.setHeader(IpProtocol.IPV6_ROUTE).setNextHeader(IpProtocol.ICMPV6, false).setLength(6);
        assertEquals("NHC-EXT hdr=IPv6-Route nxt=ICMPv6 len=6", extRepr.appendTo(new StringBuilder()).toString());
        extRepr.setNextHeader(IpProtocol.UDP, true);
        assertEquals("NHC-EXT hdr=IPv6-Route nxt=UDP(NHC) len=6", extRepr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] datagram = new byte[64];
        byte[] extOut = new byte[16];
        SixlowpanNhcUdpPacket udpOut = new SixlowpanNhcUdpPacket();
        SixlowpanNhcExtPacket extOutPacket = new SixlowpanNhcExtPacket();
        StringBuilder text = new StringBuilder(128);
        udpRepr.setSrcPort(0xf0b1).setDstPort(0xf0b2);
        AllocationProbe.assertAllocationFree("NHC parse, emit and print", () -> {
            udpRepr.emit(udpOut.wrap(datagram, 0, datagram.length));
            SixlowpanNhcUdpRepr.fillChecksum(udpOut, 1, 2, 3, 4);
            udpRepr.parse(udp.wrap(datagram, 0, datagram.length), true, 1, 2, 3, 4);
            extRepr.parse(ext.wrap(RPL_HOP_BY_HOP, 0, RPL_HOP_BY_HOP.length));
            extRepr.emit(extOutPacket.wrap(extOut, 0, extOut.length));
            text.setLength(0);
            udpRepr.appendTo(text);
            extRepr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitToTheSameRepr(@ForAll byte[] bytes) {
        SixlowpanNhcUdpRepr u = new SixlowpanNhcUdpRepr();
        if (u.parse(new SixlowpanNhcUdpPacket().wrap(bytes, 0, bytes.length), true, 0, 0, 0, 0) == WireStatus.OK) {
            byte[] out = new byte[u.bufferLen()];
            u.emit(new SixlowpanNhcUdpPacket().wrap(out, 0, out.length));
            SixlowpanNhcUdpRepr back = new SixlowpanNhcUdpRepr();
            assertEquals(WireStatus.OK, back.parse(new SixlowpanNhcUdpPacket().wrap(out, 0, out.length), false, 0, 0, 0, 0));
            assertEquals(u.srcPort(), back.srcPort());
            assertEquals(u.dstPort(), back.dstPort());
        }
        SixlowpanNhcExtRepr e = new SixlowpanNhcExtRepr();
        SixlowpanNhcExtPacket view = new SixlowpanNhcExtPacket().wrap(bytes, 0, bytes.length);
        if (e.parse(view) == WireStatus.OK) {
            byte[] out = Arrays.copyOf(bytes, bytes.length);
            e.emit(new SixlowpanNhcExtPacket().wrap(out, 0, out.length));
            assertArrayEquals(bytes, out);
        }
    }

    @Property
    void generatedUdpReprsRoundTripWithAValidChecksum(@ForAll @IntRange(max = 65535) int src, @ForAll @IntRange(max = 65535) int dst,
            @ForAll byte[] payload, @ForAll long addressBits) {
        udpRepr.setSrcPort(src).setDstPort(dst);
        byte[] out = new byte[udpRepr.bufferLen() + payload.length];
        udpRepr.emit(udp.wrap(out, 0, out.length));
        System.arraycopy(payload, 0, out, udpRepr.bufferLen(), payload.length);
        SixlowpanNhcUdpRepr.fillChecksum(udp, 0xfe80_0000_0000_0000L, addressBits, 0xff02_0000_0000_0000L, 1);
        SixlowpanNhcUdpRepr back = new SixlowpanNhcUdpRepr();
        assertEquals(WireStatus.OK, back.parse(udp, true, 0xfe80_0000_0000_0000L, addressBits, 0xff02_0000_0000_0000L, 1));
        assertEquals(src, back.srcPort());
        assertEquals(dst, back.dstPort());
    }
}
