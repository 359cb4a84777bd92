package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.testing.AllocationProbe;

class SixlowpanIphcTest {

    static final int ABSENT = Ieee802154Frame.MODE_ABSENT;
    static final int SHORT = Ieee802154Frame.MODE_SHORT;
    static final int EXTENDED = Ieee802154Frame.MODE_EXTENDED;
    static final long FE80 = 0xfe80_0000_0000_0000L;
    static final long FD00 = 0xfd00_0000_0000_0000L;

    private final Ieee802154Frame frame = new Ieee802154Frame();
    private final Ieee802154Repr link = new Ieee802154Repr();
    private final SixlowpanIphcPacket packet = new SixlowpanIphcPacket();
    private final SixlowpanContexts contexts = new SixlowpanContexts();
    private final SixlowpanIphcRepr repr = new SixlowpanIphcRepr(contexts);

    /** Parses the 802.15.4 frame and points {@link #packet} at its payload. */
    private SixlowpanIphcPacket iphcOf(byte[] bytes) {
        assertEquals(WireStatus.OK, link.parse(frame.wrap(bytes, 0, bytes.length)));
        return packet.wrap(bytes, frame.payloadOffset(), frame.payloadLength());
    }

    private byte[] emit() {
        byte[] out = new byte[repr.bufferLen() + 1];
        Arrays.fill(out, (byte) 0xa5);
        repr.emit(new SixlowpanIphcPacket().wrap(out, 0, out.length));
        assertEquals((byte) 0xa5, out[out.length - 1], "emit writes bufferLen() bytes");
        return Arrays.copyOf(out, out.length - 1);
    }

    /** Parses {@code emitted} back (with an NHC octet after it when the next header is compressed). */
    private void assertReparses(byte[] emitted) {
        byte[] bytes = Arrays.copyOf(emitted, emitted.length + 1);
        bytes[emitted.length] = (byte) (repr.nextHeader() == IpProtocol.UDP ? 0xf0 : 0xe0 | SixlowpanNhcExtRepr.eidOf(repr.nextHeader()) << 1);
        SixlowpanIphcRepr back = new SixlowpanIphcRepr(contexts);
        SixlowpanIphcPacket view = new SixlowpanIphcPacket().wrap(bytes, 0, bytes.length);
        assertEquals(WireStatus.OK, back.parse(view, repr.llSrcMode(), repr.llSrc(), repr.llDstMode(), repr.llDst()));
        assertEquals(repr.appendTo(new StringBuilder()).toString(), back.appendTo(new StringBuilder()).toString());
        assertEquals(emitted.length, view.headerLength());
    }

    @Test
    void iphcFields() {
        // smoltcp iphc.rs iphc_fields.
        byte[] first = {0x7a, 0x33, 0x3a};
        assertEquals(WireStatus.OK, packet.wrap(first, 0, 3).check());
        assertEquals(3, packet.tf());
        assertFalse(packet.nextHeaderCompressed());
        assertEquals(2, packet.hlim());
        assertFalse(packet.hasContextIds());
        assertFalse(packet.sac());
        assertEquals(3, packet.sam());
        assertFalse(packet.multicast());
        assertFalse(packet.dac());
        assertEquals(3, packet.dam());
        assertEquals(IpProtocol.ICMPV6, packet.nextHeader());
        assertEquals(0, packet.srcInlineLength());
        assertEquals(0, packet.dstInlineLength());
        assertEquals(64, packet.hopLimit());
        byte[] second = {0x7e, (byte) 0xf7, 0x00};
        assertEquals(WireStatus.OK, packet.wrap(second, 0, 3).check());
        assertEquals(3, packet.tf());
        assertTrue(packet.nextHeaderCompressed());
        assertEquals(-1, packet.nextHeader());
        assertTrue(packet.hasContextIds());
        assertTrue(packet.sac());
        assertEquals(3, packet.sam());
        assertTrue(packet.dac());
        assertEquals(3, packet.dam());
        assertEquals(0, packet.srcContextId());
        assertEquals(0, packet.dstContextId());
        assertEquals(0, packet.srcInlineLength());
        assertEquals(0, packet.dstInlineLength());
        assertEquals(64, packet.hopLimit());
    }

    @Test
    void echoRequestFromSmoltcpInterfaceTests() {
        byte[] bytes = Hex8.sixlowpan("echo-request");
        assertEquals(WireStatus.OK, repr.parse(iphcOf(bytes), link));
        assertEquals(FE80, repr.srcHigh());
        assertEquals(0x241c_2957_34a6_3a62L, repr.srcLow());
        assertEquals(FE80, repr.dstHigh());
        assertEquals(0x180b_4242_4242_4242L, repr.dstLow());
        assertEquals(IpProtocol.ICMPV6, repr.nextHeader());
        assertEquals(64, repr.hopLimit());
        assertEquals(0xa6217, repr.flowLabel());
        assertEquals(6, packet.headerLength());
        assertEquals((byte) 0x80, bytes[packet.payloadOffset()], "ICMPv6 echo request follows");
        assertArrayEquals(Arrays.copyOfRange(bytes, frame.payloadOffset(), packet.payloadOffset()), emit());
    }

    @Test
    void rplDaoWithContextZero() {
        // smoltcp interface/sixlowpan.rs test_sixlowpan_decompress_hop_by_hop_with_icmpv6: context 0 = fd00::/64.
        contexts.set(0, FD00, 0, 64);
        byte[] bytes = Hex8.sixlowpan("rpl-dao");
        assertEquals(WireStatus.OK, repr.parse(iphcOf(bytes), link));
        assertEquals(FD00, repr.srcHigh());
        assertEquals(0x0203_0003_0003_0003L, repr.srcLow());
        assertEquals(FD00, repr.dstHigh());
        assertEquals(0x0201_0001_0001_0001L, repr.dstLow());
        assertEquals(IpProtocol.HOP_BY_HOP, repr.nextHeader());
        assertTrue(repr.nextHeaderCompressed());
        // The frame carries a CID octet of 0; context 0 needs none, so our encoding is one octet shorter.
        assertArrayEquals(Ieee802154Test.bytes(0x7e, 0x77), emit());
        assertReparses(emit());
        // Without the context, as smoltcp's test_sixlowpan_compress_hop_by_hop_with_icmpv6 expects: both in-line.
        contexts.clear(0);
        byte[] inline = emit();
        assertArrayEquals(Hex8.parse("7e00 fd000000000000000203000300030003 fd000000000000000201000100010001"), inline);
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(iphcOf(bytes), link), "context 0 is unknown now");
    }

    @Test
    void pingFragmentFromContikiNg() {
        // smoltcp tests/sixlowpan.rs test_echo_request_sixlowpan_128_bytes: first fragment of a ping from Contiki-NG.
        byte[] bytes = Hex8.sixlowpan("ping-frag1");
        SixlowpanFragPacket frag = new SixlowpanFragPacket().wrap(bytes, 0, bytes.length);
        assertEquals(WireStatus.OK, frag.check());
        packet.wrap(bytes, frag.payloadOffset(), frag.payloadLength());
        assertEquals(WireStatus.OK, repr.parse(packet, EXTENDED, 0x4242_4242_4242_0b1aL, EXTENDED, 0x90fc_48c2_a441_fc76L));
        assertEquals(FE80, repr.srcHigh());
        assertEquals(0x4042_4242_4242_0b1aL, repr.srcLow());
        assertEquals(0x92fc_48c2_a441_fc76L, repr.dstLow());
    }

    @Test
    void echoReplyEmittedBySmoltcp() {
        // The IPHC header of the first fragment smoltcp sends in the same test: SAM=01 and DAM=01.
        byte[] bytes = Hex8.sixlowpan("echo-reply-frag1-head");
        repr.setSource(FE80, 0x92fc_48c2_a441_fc76L).setDestination(FE80, 0x4042_4242_4242_0b1aL)
                .setNextHeader(IpProtocol.ICMPV6, false).setHopLimit(64)
                .setLinkLayerSource(EXTENDED, 0x0202_0202_0202_0202L).setLinkLayerDestination(EXTENDED, 0);
        byte[] emitted = emit();
        assertArrayEquals(Arrays.copyOfRange(bytes, 25, 25 + 19), emitted);
        assertReparses(emitted);
    }

    @Test
    void udpFromUnspecifiedToUnspecified() {
        // tests/sixlowpan.rs test_sixlowpan_udp_with_fragmentation: smoltcp's output starts 7e 40 + 16 zero octets.
        repr.setSource(0, 0).setDestination(0, 0).setNextHeader(IpProtocol.UDP, true).setHopLimit(64)
                .setLinkLayerSource(EXTENDED, 0x0202_0202_0202_0202L).setLinkLayerDestination(EXTENDED, 0);
        byte[] emitted = emit();
        assertArrayEquals(Hex8.parse("7e40 00000000000000000000000000000000"), emitted);
        assertReparses(emitted);
    }

    @Test
    void scapyFrameResolvesAddressesFromTheLinkLayer() {
        // scapy: LoWPAN_IPHC(tf=3, nh=0, hlim=2, sam=3, dam=3) under a frame with short dst 0xffff, extended src.
        byte[] bytes = Hex8.parse("41d807cdabffff7766554433221100 7a33 11 16331633000a6e066869");
        assertEquals(WireStatus.OK, repr.parse(iphcOf(bytes), link));
        assertEquals(FE80, repr.srcHigh());
        assertEquals(0x0211_2233_4455_6677L, repr.srcLow());
        assertEquals(0x0000_00ff_fe00_ffffL, repr.dstLow());
        assertEquals(IpProtocol.UDP, repr.nextHeader());
        assertEquals(3, packet.headerLength());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // what, source, destination, link source mode/value, link destination mode/value, expected IPHC
        "SAM=11 DAM=11 from extended, fe80::211:2233:4455:6677, fe80::ff:fe00:1234, 3, 0011223344556677, 2, 1234, 7a33",
        "SAM=10 DAM=10 (short IID in-line), fe80::ff:fe00:1234, fe80::ff:fe00:5678, 2, 9999, 2, 9999, 7a22 1234 5678",
        "SAM=01 DAM=01, fe80::1, fe80::2, 3, 0011223344556677, 3, 0011223344556677, 7a11 0000000000000001 0000000000000002",
        "SAM=00 DAM=00, 2001:db8::1, 2001:db8::2, 0, 0, 0, 0, 7a00 20010db8000000000000000000000001 20010db8000000000000000000000002",
        "ff02::1 in one octet, fe80::ff:fe00:1, ff02::1, 2, 0001, 2, ffff, 7a3b 01",
        "ffXX::00XX:XXXX in four, fe80::ff:fe00:1, ff05::1:3, 2, 0001, 2, ffff, 7a3a 05010003",
        "ffXX::00XX:XXXX:XXXX in six, fe80::ff:fe00:1, ff05::12:3456:789a, 2, 0001, 2, ffff, 7a39 05123456789a",
        "other multicast in-line, fe80::ff:fe00:1, ff05:1::1, 2, 0001, 2, ffff, 7a38 ff050001000000000000000000000001",
        "unspecified source, ::, ff02::1:ff00:1, 3, 0011223344556677, 2, ffff, 7a49 0201ff000001",
    })
    void statelessCompressionPicksTheSmallestForm(String what, String src, String dst, int llSrcMode, String llSrc,
            int llDstMode, String llDst, String expected) {
        long[] s = ipv6(src);
        long[] d = ipv6(dst);
        repr.setSource(s[0], s[1]).setDestination(d[0], d[1]).setNextHeader(IpProtocol.UDP, false).setHopLimit(64)
                .setLinkLayerSource(llSrcMode, Long.parseUnsignedLong(llSrc, 16))
                .setLinkLayerDestination(llDstMode, Long.parseUnsignedLong(llDst, 16));
        byte[] emitted = emit();
        byte[] want = Hex8.parse(expected);
        want = insertNextHeader(want);
        assertArrayEquals(want, emitted, what);
        assertReparses(emitted);
    }

    /** Puts the in-line next header (UDP) after the two base octets, as the table leaves it out. */
    private static byte[] insertNextHeader(byte[] base) {
        byte[] out = new byte[base.length + 1];
        out[0] = base[0];
        out[1] = base[1];
        out[2] = 0x11;
        System.arraycopy(base, 2, out, 3, base.length - 2);
        return out;
    }

    @Test
    void statefulCompressionUsesContexts() {
        contexts.set(1, 0x2001_0db8_0000_0000L, 0, 64);
        contexts.set(2, 0x2001_0db8_0000_0000L, 0xaaaa_bbbb_cccc_0000L, 112);
        // Context 1 with the IID from a short link-layer address: SAC=1 SAM=11, CID octet 0x10.
        repr.setSource(0x2001_0db8_0000_0000L, 0x0000_00ff_fe00_beefL).setDestination(0x2001_0db8_0000_0000L, 0xaaaa_bbbb_cccc_ddddL)
                .setNextHeader(IpProtocol.UDP, true).setHopLimit(255)
                .setLinkLayerSource(SHORT, 0xbeef).setLinkLayerDestination(SHORT, 0x0001);
        byte[] emitted = emit();
        // Destination: a /112 context covers all but the last 16 bits, which travel as a "short IID".
        assertArrayEquals(Hex8.parse("7ff6 12 dddd"), emitted);
        assertReparses(emitted);
        // Unicast-prefix-based multicast (RFC 3306) with context 1: M=1 DAC=1 DAM=00, 48 bits in-line.
        repr.setDestination(0xff3e_0040_2001_0db8L, 0x0000_0000_1234_5678L);
        emitted = emit();
        assertArrayEquals(Hex8.parse("7ffc 11 3e00 12345678"), emitted);
        assertReparses(emitted);
        // Context 0 (listed first, same prefix as 1) serves both addresses and needs no CID octet.
        contexts.set(0, 0x2001_0db8_0000_0000L, 0, 64);
        repr.setDestination(0x2001_0db8_0000_0000L, 0x0211_2233_4455_6677L).setLinkLayerDestination(EXTENDED, 0x0011_2233_4455_6677L);
        emitted = emit();
        assertArrayEquals(Hex8.parse("7f77"), emitted);
        assertReparses(emitted);
    }

    @ParameterizedTest(name = "ecn={0} dscp={1} flow={2} -> {3}")
    @CsvSource({"1, 5, 74565, 00", "2, 0, 3, 01", "0, 10, 0, 02", "3, 0, 0, 02", "0, 0, 0, 03"})
    void trafficClassAndFlowLabelForms(int ecn, int dscp, int flow, int tf) {
        repr.setSource(FE80, 1).setDestination(FE80, 2).setNextHeader(IpProtocol.UDP, false).setHopLimit(17)
                .setTrafficClass(ecn, dscp, flow).setLinkLayerSource(ABSENT, 0).setLinkLayerDestination(ABSENT, 0);
        byte[] emitted = emit();
        SixlowpanIphcPacket view = new SixlowpanIphcPacket().wrap(emitted, 0, emitted.length);
        assertEquals(WireStatus.OK, view.check());
        assertEquals(tf, view.tf());
        assertEquals(ecn, view.ecn());
        assertEquals(dscp, view.dscp());
        assertEquals(flow, view.flowLabel());
        assertEquals(17, view.hopLimit());
        assertReparses(emitted);
    }

    @Test
    void hopLimitForms() {
        repr.setSource(FE80, 1).setDestination(FE80, 2).setNextHeader(IpProtocol.UDP, false);
        int[] limits = {1, 64, 255, 0};
        for (int i = 0; i < limits.length; i++) {
            repr.setHopLimit(limits[i]);
            byte[] emitted = emit();
            SixlowpanIphcPacket view = new SixlowpanIphcPacket().wrap(emitted, 0, emitted.length);
            assertEquals(WireStatus.OK, view.check());
            assertEquals((i + 1) & 3, view.hlim());
            assertEquals(limits[i], view.hopLimit());
        }
    }

    @Test
    void everyErrorStatus() {
        SixlowpanIphcRepr fresh = new SixlowpanIphcRepr();
        assertEquals(WireStatus.TRUNCATED, fresh.parse(packet.wrap(new byte[] {0x7a}, 0, 1), ABSENT, 0, ABSENT, 0));
        assertEquals(WireStatus.TRUNCATED, fresh.parse(packet.wrap(Hex8.parse("7a00 11 fe80"), 0, 5), ABSENT, 0, ABSENT, 0));
        assertEquals(WireStatus.MALFORMED, packet.wrap(Hex8.parse("4133"), 0, 2).check(), "not IPHC");
        assertEquals(WireStatus.MALFORMED, packet.wrap(Hex8.parse("7a34 11"), 0, 3).check(), "M=0 DAC=1 DAM=00 is reserved");
        assertEquals(WireStatus.MALFORMED, packet.wrap(Hex8.parse("7a3d 11"), 0, 3).check(), "M=1 DAC=1 DAM=01 is reserved");
        assertEquals(WireStatus.MALFORMED, fresh.parse(packet.wrap(Hex8.parse("7a33 11"), 0, 3), ABSENT, 0, SHORT, 1),
                "source elided, no link-layer source");
        assertEquals(WireStatus.MALFORMED, fresh.parse(packet.wrap(Hex8.parse("7a33 11"), 0, 3), SHORT, 1, ABSENT, 0),
                "destination elided, no link-layer destination");
        assertEquals(WireStatus.UNSUPPORTED, fresh.parse(packet.wrap(Hex8.parse("7af3 20 11"), 0, 4), SHORT, 1, SHORT, 2),
                "unknown source context 2");
        assertEquals(WireStatus.UNSUPPORTED, fresh.parse(packet.wrap(Hex8.parse("7ab7 02 11"), 0, 4), SHORT, 1, SHORT, 2),
                "unknown destination context 2");
        assertEquals(WireStatus.UNSUPPORTED, fresh.parse(packet.wrap(Hex8.parse("7a3c 11 3e00 12345678"), 0, 9), SHORT, 1, SHORT, 2),
                "unknown context for a prefix-based multicast");
        assertEquals(WireStatus.TRUNCATED, fresh.parse(packet.wrap(Hex8.parse("7e33"), 0, 2), SHORT, 1, SHORT, 2),
                "compressed next header, nothing follows");
        assertEquals(WireStatus.MALFORMED, fresh.parse(packet.wrap(Hex8.parse("7e33 00"), 0, 3), SHORT, 1, SHORT, 2),
                "compressed next header, no NHC");
        assertEquals(WireStatus.MALFORMED, fresh.parse(packet.wrap(Hex8.parse("7e33 ea"), 0, 3), SHORT, 1, SHORT, 2),
                "reserved EID 5");
        assertEquals(WireStatus.UNSUPPORTED, fresh.parse(packet.wrap(Hex8.parse("7e33 ee"), 0, 3), SHORT, 1, SHORT, 2),
                "EID 7: an IPv6 header");
    }

    @Test
    void misuseIsReportedClearly() {
        assertThrows(NullPointerException.class, () -> new SixlowpanIphcRepr(null));
        assertEquals("next header must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> repr.setNextHeader(256, false)).getMessage());
        assertEquals("next header 58 has no LOWPAN_NHC encoding",
                assertThrows(IllegalArgumentException.class, () -> repr.setNextHeader(58, true)).getMessage());
        assertEquals("hop limit must be 0..255, got -1",
                assertThrows(IllegalArgumentException.class, () -> repr.setHopLimit(-1)).getMessage());
        assertEquals("ECN must be 0..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(4, 0, 0)).getMessage());
        assertEquals("DSCP must be 0..63, got 64",
                assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(0, 64, 0)).getMessage());
        assertEquals("flow label must be 0..0xfffff, got 1048576",
                assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(0, 0, 0x100000)).getMessage());
        assertEquals("link-layer source address 0x10000 does not fit IEEE 802.15.4 addressing mode 2",
                assertThrows(IllegalArgumentException.class, () -> repr.setLinkLayerSource(SHORT, 0x10000)).getMessage());
        assertEquals("link-layer destination address 0x1 does not fit IEEE 802.15.4 addressing mode 0",
                assertThrows(IllegalArgumentException.class, () -> repr.setLinkLayerDestination(ABSENT, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.parse(packet.wrap(Hex8.parse("7a33 11"), 0, 3), 1, 0, SHORT, 1));
        repr.setSource(0x2001_0db8_0000_0000L, 1).setDestination(0x2001_0db8_0000_0000L, 2);
        byte[] small = new byte[10];
        assertEquals("packet of 10 bytes cannot hold the 35-byte IPHC header",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(small, 0, 10))).getMessage());
        assertEquals("IPHC base must start with dispatch 011, got 0x4133",
                assertThrows(IllegalArgumentException.class, () -> packet.wrap(small, 0, 10).setBase(0x4133)).getMessage());
        assertEquals("context identifier must be 0..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> contexts.set(4, 0, 0, 64)).getMessage());
        assertEquals("context prefix length must be 1..128, got 0",
                assertThrows(IllegalArgumentException.class, () -> contexts.set(0, 0, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> contexts.clear(-1));
        assertThrows(IllegalArgumentException.class, () -> contexts.prefixHigh(9));
        assertFalse(contexts.isDefined(9));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(small, 8, 3));
    }

    @Test
    void contextsKeepOnlyThePrefixBits() {
        contexts.set(3, 0x2001_0db8_ffff_ffffL, -1L, 36);
        assertEquals(0x2001_0db8_f000_0000L, contexts.prefixHigh(3));
        assertEquals(0, contexts.prefixLow(3));
        assertEquals(36, contexts.prefixLength(3));
        contexts.set(3, 0, -1L, 100);
        assertEquals(0xffff_ffff_f000_0000L, contexts.prefixLow(3));
        contexts.set(3, -1L, -1L, 128);
        assertEquals(-1L, contexts.prefixLow(3));
        contexts.clear(3);
        assertEquals(0, contexts.prefixLength(3));
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(iphcOf(Hex8.sixlowpan("echo-request")), link);
        assertEquals("IPHC src=fe80::241c:2957:34a6:3a62 dst=fe80::180b:4242:4242:4242 nxt=ICMPv6 hlim=64 ecn=0 dscp=0 flow=680471",
                repr.appendTo(new StringBuilder()).toString());
        repr.setNextHeader(IpProtocol.UDP, true).setTrafficClass(0, 0, 0);
        assertEquals("IPHC src=fe80::241c:2957:34a6:3a62 dst=fe80::180b:4242:4242:4242 nxt=UDP(NHC) hlim=64",
                repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        contexts.set(0, FD00, 0, 64);
        byte[] dao = Hex8.sixlowpan("rpl-dao");
        byte[] out = new byte[64];
        SixlowpanIphcPacket outPacket = new SixlowpanIphcPacket();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IPHC parse, emit and print", () -> {
            link.parse(frame.wrap(dao, 0, dao.length));
            repr.parse(packet.wrap(dao, frame.payloadOffset(), frame.payloadLength()), link);
            repr.emit(outPacket.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitToTheSameRepr(@ForAll byte[] bytes, @ForAll("linkModes") int mode) {
        SixlowpanContexts table = new SixlowpanContexts().set(0, FD00, 0, 64).set(1, 0x2001_0db8_0000_0000L, 0, 48);
        SixlowpanIphcRepr parsed = new SixlowpanIphcRepr(table);
        long ll = mode == SHORT ? 0x1234 : mode == EXTENDED ? 0x0011_2233_4455_6677L : 0;
        if (parsed.parse(new SixlowpanIphcPacket().wrap(bytes, 0, bytes.length), mode, ll, mode, ll) != WireStatus.OK) {
            return;
        }
        byte[] out = new byte[parsed.bufferLen() + 1];
        parsed.emit(new SixlowpanIphcPacket().wrap(out, 0, out.length));
        out[out.length - 1] = (byte) (parsed.nextHeader() == IpProtocol.UDP ? 0xf0 : 0xe0 | SixlowpanNhcExtRepr.eidOf(parsed.nextHeader()) << 1);
        SixlowpanIphcRepr again = new SixlowpanIphcRepr(table);
        assertEquals(WireStatus.OK, again.parse(new SixlowpanIphcPacket().wrap(out, 0, out.length), mode, ll, mode, ll));
        assertEquals(parsed.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
    }

    /** Whole golden frames, mutated, through 802.15.4, dispatch, fragment, IPHC and NHC parsing: no exception. */
    @Property
    void mutatedGoldenFramesNeverThrow(@ForAll("mutatedFrames") byte[] bytes) {
        SixlowpanContexts table = new SixlowpanContexts().set(0, FD00, 0, 64);
        Ieee802154Frame wpan = new Ieee802154Frame().wrap(bytes, 0, bytes.length);
        Ieee802154Repr mac = new Ieee802154Repr();
        if (mac.parse(wpan) != WireStatus.OK || wpan.payloadLength() < 1) {
            return;
        }
        mac.appendTo(new StringBuilder());
        int at = wpan.payloadOffset();
        int length = wpan.payloadLength();
        int kind = SixlowpanDispatch.classify(bytes[at]);
        if (kind == SixlowpanDispatch.FRAG1 || kind == SixlowpanDispatch.FRAGN) {
            SixlowpanFragPacket frag = new SixlowpanFragPacket().wrap(bytes, at, length);
            if (new SixlowpanFragRepr().parse(frag) != WireStatus.OK || !frag.isFirstFragment()) {
                return;
            }
            at = frag.payloadOffset();
            length = frag.payloadLength();
        }
        SixlowpanIphcPacket view = new SixlowpanIphcPacket().wrap(bytes, at, length);
        SixlowpanIphcRepr ip = new SixlowpanIphcRepr(table);
        if (ip.parse(view, mac) != WireStatus.OK || !ip.nextHeaderCompressed()) {
            return;
        }
        ip.appendTo(new StringBuilder());
        if (ip.nextHeader() == IpProtocol.UDP) {
            new SixlowpanNhcUdpRepr().parse(new SixlowpanNhcUdpPacket().wrap(bytes, view.payloadOffset(), view.payloadLength()),
                    true, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow());
        } else {
            new SixlowpanNhcExtRepr().parse(new SixlowpanNhcExtPacket().wrap(bytes, view.payloadOffset(), view.payloadLength()));
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        Arbitrary<byte[]> golden = Arbitraries.of(Hex8.sixlowpan("echo-request"), Hex8.sixlowpan("rpl-dao"),
                Hex8.sixlowpan("three-fragments-1"), Hex8.sixlowpan("three-fragments-2"), Hex8.sixlowpan("echo-reply-frag1-head"));
        return Combinators.combine(golden, Arbitraries.integers().between(0, 127), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 40)).as((g, at, value, cut) -> {
                    byte[] copy = g.clone();
                    copy[at % copy.length] = (byte) (int) value;
                    return Arrays.copyOf(copy, Math.max(0, copy.length - cut));
                });
    }

    @Provide
    Arbitrary<Integer> linkModes() {
        return Arbitraries.of(ABSENT, SHORT, EXTENDED);
    }

    @Property
    void generatedReprsRoundTrip(@ForAll("addresses") long[] src, @ForAll("addresses") long[] dst,
            @ForAll("linkModes") int llMode, @ForAll("headerFields") int[] fields) {
        SixlowpanContexts table = new SixlowpanContexts().set(0, FD00, 0, 64).set(2, 0x2001_0db8_0000_0000L, 0x1111_0000_0000_0000L, 80);
        long ll = llMode == SHORT ? src[1] & 0xffff : llMode == EXTENDED ? src[1] ^ 0x0200_0000_0000_0000L : 0;
        SixlowpanIphcRepr generated = new SixlowpanIphcRepr(table).setSource(src[0], src[1]).setDestination(dst[0], dst[1])
                .setNextHeader(fields[0], false).setHopLimit(fields[1]).setTrafficClass(fields[2] & 3, fields[3] & 0x3f, fields[4])
                .setLinkLayerSource(llMode, ll).setLinkLayerDestination(llMode, ll);
        byte[] out = new byte[generated.bufferLen()];
        generated.emit(new SixlowpanIphcPacket().wrap(out, 0, out.length));
        SixlowpanIphcRepr back = new SixlowpanIphcRepr(table);
        assertEquals(WireStatus.OK, back.parse(new SixlowpanIphcPacket().wrap(out, 0, out.length), llMode, ll, llMode, ll));
        assertEquals(src[0], back.srcHigh());
        assertEquals(src[1], back.srcLow());
        assertEquals(dst[0], back.dstHigh());
        assertEquals(dst[1], back.dstLow());
        assertEquals(fields[0], back.nextHeader());
        assertEquals(fields[1], back.hopLimit());
        assertEquals(fields[4], back.flowLabel());
    }

    @Provide
    Arbitrary<long[]> addresses() {
        Arbitrary<Long> high = Arbitraries.of(FE80, FD00, 0x2001_0db8_0000_0000L, 0xff02_0000_0000_0000L, 0xff05_0000_0000_0000L,
                0xff3e_0040_2001_0db8L, 0L, 0x2001_0db8_0000_0001L);
        Arbitrary<Long> low = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 0xffffff),
                Arbitraries.longs().between(0, 0xffff).map(v -> 0x0000_00ff_fe00_0000L | v), Arbitraries.of(0L, 1L, 0x1111_2222_3333_4444L));
        return Combinators.combine(high, low).as((h, l) -> new long[] {h, l});
    }

    @Provide
    Arbitrary<int[]> headerFields() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.of(0, 1, 2, 63, 64, 65, 254, 255),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 63), Arbitraries.integers().between(0, 0xfffff))
                .as((nh, hl, ecn, dscp, flow) -> new int[] {nh, hl, ecn, dscp, flow});
    }

    static long[] ipv6(String text) {
        try {
            byte[] b = java.net.InetAddress.getByName(text).getAddress();
            return new long[] {Ipv6Address.readHigh(b, 0), Ipv6Address.readLow(b, 0)};
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
