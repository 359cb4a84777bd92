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

/** smoltcp wire/ndisc.rs and ndiscoption.rs, plus scapy-crafted messages of every NDISC type. */
class NdiscTest {

    /** smoltcp ROUTER_ADVERT_BYTES, fe80::1 to fe80::2: hop limit 64, M, lifetime 900 s, 900 ms, 900 ms, SLLA 52:54:00:12:34:56. */
    static final byte[] ROUTER_ADVERT = Ipv6Vectors.bytes(
            0x86, 0x00, 0xa9, 0xde, 0x40, 0x80, 0x03, 0x84, 0x00, 0x00, 0x03, 0x84, 0x00, 0x00, 0x03,
            0x84, 0x01, 0x01, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56);
    /** smoltcp PREFIX_OPT_BYTES: /64, L and A, valid 900 s, preferred 1000 s, fe80::1. */
    static final byte[] PREFIX_OPT = Ipv6Vectors.bytes(
            0x03, 0x04, 0x40, 0xc0, 0x00, 0x00, 0x03, 0x84, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x00,
            0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01);
    static final long MAC = 0x5254_0012_3456L;
    static final long DB8 = 0x2001_0db8_0000_0000L;

    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final NdiscRepr repr = new NdiscRepr();
    private final NdiscOption option = new NdiscOption();

    private NdiscRepr routerAdvertRepr() {
        return new NdiscRepr().setRouterAdvertisement(64, NdiscRepr.ROUTER_FLAG_MANAGED, 900, 900, 900).setSourceLinkLayer(MAC);
    }

    /** An RS carrying {@code options}, for parsing single options through the repr. */
    private int parseInSolicitation(byte[] options) {
        byte[] bytes = new byte[8 + options.length];
        bytes[0] = (byte) Icmpv6Packet.TYPE_ROUTER_SOLICITATION;
        System.arraycopy(options, 0, bytes, 8, options.length);
        return repr.parse(packet.wrap(bytes, 0, bytes.length), false, 0, 0, 0, 0);
    }

    // ---- ndisc.rs

    @Test
    void routerAdvertDeconstruct() {
        packet.wrap(ROUTER_ADVERT, 0, ROUTER_ADVERT.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT, packet.type());
        assertEquals(0, packet.code());
        assertEquals(64, packet.currentHopLimit());
        assertEquals(NdiscRepr.ROUTER_FLAG_MANAGED, packet.routerFlags());
        assertEquals(900, packet.routerLifetime());
        assertEquals(900, packet.reachableTime());
        assertEquals(900, packet.retransTimer());
        assertEquals(16, packet.payloadOffset());
        assertEquals(8, packet.payloadLength());
    }

    @Test
    void routerAdvertConstruct() {
        byte[] bytes = new byte[24];
        packet.wrap(bytes, 0, 24).setTypeAndCode(Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT, 0);
        packet.setRouterAdvertisement(64, NdiscRepr.ROUTER_FLAG_MANAGED, 900, 900, 900);
        System.arraycopy(ROUTER_ADVERT, 16, bytes, 16, 8);
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(ROUTER_ADVERT, bytes);
    }

    @Test
    void routerAdvertReprParse() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ROUTER_ADVERT, 0, ROUTER_ADVERT.length), true, LL, 1, LL, 2));
        assertEquals(routerAdvertRepr().appendTo(new StringBuilder()).toString(), repr.appendTo(new StringBuilder()).toString());
        assertEquals("NDISC router advertisement hop_limit=64 flags=M lifetime=900 reachable=900 retrans=900 sll=52:54:00:12:34:56",
                repr.appendTo(new StringBuilder()).toString());
        assertEquals(NdiscRepr.ABSENT, repr.mtu());
        assertEquals(0, repr.prefixCount());
    }

    @Test
    void routerAdvertReprEmit() {
        byte[] bytes = new byte[24];
        Arrays.fill(bytes, (byte) 0x2a);
        NdiscRepr advert = routerAdvertRepr();
        assertEquals(24, advert.bufferLen());
        advert.emit(packet.wrap(bytes, 0, 24));
        packet.fillChecksum(LL, 1, LL, 2);
        assertArrayEquals(ROUTER_ADVERT, bytes);
    }

    @Test
    void badChecksumAndCodeAndTypeAreReported() {
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet.wrap(ROUTER_ADVERT, 0, 24), true, LL, 1, LL, 3));
        byte[] bytes = ROUTER_ADVERT.clone();
        bytes[1] = 1;
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(bytes, 0, 24), false, 0, 0, 0, 0));
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(Icmpv6Test.ECHO, 0, 12), false, 0, 0, 0, 0));
        for (int len = 0; len < 16; len++) {
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(ROUTER_ADVERT, 0, len), false, 0, 0, 0, 0), "length " + len);
        }
    }

    // ---- ndiscoption.rs

    @Test
    void optionDeconstruct() {
        assertEquals(WireStatus.OK, option.reset(PREFIX_OPT, 0, PREFIX_OPT.length).next());
        assertEquals(NdiscOption.TYPE_PREFIX_INFORMATION, option.type());
        assertEquals(32, option.optionLength());
        assertEquals(64, option.prefixLength());
        assertEquals(NdiscOption.PREFIX_FLAG_ON_LINK | NdiscOption.PREFIX_FLAG_AUTONOMOUS, option.prefixFlags());
        assertEquals(900, option.validLifetime());
        assertEquals(1000, option.preferredLifetime());
        assertEquals(LL, option.prefixHigh());
        assertEquals(1, option.prefixLow());
        assertEquals(NdiscOption.END, option.next());
    }

    @Test
    void optionConstruct() {
        byte[] bytes = new byte[32];
        assertEquals(32, NdiscOption.writePrefix(bytes, 0, 64, 0xc0, 900, 1000, LL, 1));
        assertArrayEquals(PREFIX_OPT, bytes);
    }

    @Test
    void shortOptions() {
        assertEquals(WireStatus.MALFORMED, option.reset(new byte[2], 0, 2).next(), "zero length would loop forever");
        assertEquals(WireStatus.TRUNCATED, option.reset(Ipv6Vectors.bytes(0x03, 0x01, 0, 0, 0, 0, 0, 0), 0, 1).next());
        assertEquals(WireStatus.TRUNCATED, option.reset(Ipv6Vectors.bytes(0x03, 0x02, 0, 0, 0, 0, 0, 0), 0, 8).next());
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(Ipv6Vectors.bytes(0x03, 0x01, 0, 0, 0, 0, 0, 0)), "prefix info of 8 bytes");
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(new byte[8]), "zero-length option in a message");
        assertEquals(WireStatus.TRUNCATED, parseInSolicitation(Ipv6Vectors.bytes(0x01, 0x02, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void linkLayerOptionsForEthernet() {
        byte[] bytes = Ipv6Vectors.bytes(0x01, 0x01, 0x54, 0x52, 0x00, 0x12, 0x23, 0x34);
        assertEquals(WireStatus.OK, parseInSolicitation(bytes));
        assertEquals(0x5452_0012_2334L, repr.sourceLinkLayer());
        assertEquals(NdiscRepr.ABSENT, repr.targetLinkLayer());
        bytes[0] = 0x02;
        assertEquals(WireStatus.OK, parseInSolicitation(bytes));
        assertEquals(0x5452_0012_2334L, repr.targetLinkLayer());
        assertEquals(NdiscRepr.ABSENT, repr.sourceLinkLayer());
    }

    @Test
    void linkLayerOptionsForIeee802154AreUnsupported() {
        byte[] bytes = Ipv6Vectors.bytes(0x01, 0x02, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0, 0, 0, 0, 0, 0);
        assertEquals(WireStatus.UNSUPPORTED, parseInSolicitation(bytes));
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(Arrays.copyOf(Ipv6Vectors.bytes(0x02, 0x03), 24)));
    }

    @Test
    void prefixInformationParse() {
        assertEquals(WireStatus.OK, parseInSolicitation(PREFIX_OPT));
        assertEquals(1, repr.prefixCount());
        assertEquals(64, repr.prefixLength(0));
        assertEquals(0xc0, repr.prefixFlags(0));
        assertEquals(900, repr.validLifetime(0));
        assertEquals(1000, repr.preferredLifetime(0));
        assertEquals(LL, repr.prefixHigh(0));
        assertEquals(1, repr.prefixLow(0));
        byte[] tooLong = PREFIX_OPT.clone();
        tooLong[2] = (byte) 129;
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(tooLong));
    }

    @Test
    void prefixInformationEmit() {
        repr.setRouterSolicitation().addPrefix(64, 0xc0, 900, 1000, LL, 1);
        byte[] bytes = new byte[repr.bufferLen()];
        Arrays.fill(bytes, (byte) 0x2a);
        repr.emit(packet.wrap(bytes, 0, bytes.length));
        assertArrayEquals(PREFIX_OPT, Arrays.copyOfRange(bytes, 8, 40));
    }

    @Test
    void mtuParse() {
        assertEquals(WireStatus.OK, parseInSolicitation(Ipv6Vectors.bytes(0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc)));
        assertEquals(1500, repr.mtu());
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(Arrays.copyOf(Ipv6Vectors.bytes(0x05, 0x02), 16)));
    }

    @Test
    void unknownOptionsAreSkippedByLength() {
        byte[] options = Arrays.copyOf(Ipv6Vectors.bytes(0x99, 0x02), 24);
        System.arraycopy(Ipv6Vectors.bytes(0x05, 0x01, 0, 0, 0, 0, 0x05, 0x00), 0, options, 16, 8);
        assertEquals(WireStatus.OK, parseInSolicitation(options));
        assertEquals(1280, repr.mtu());
    }

    // ---- scapy messages of every type

    @Test
    void routerAdvertisementWithPrefixMtuAndRdnssFromScapy() {
        byte[] bytes = Ipv6Vectors.afterIpv6(Ipv6Vectors.RA);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length), true, LL, 1,
                Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW));
        assertEquals(64, repr.hopLimit());
        // scapy sets the default router preference (RFC 4191) to high: bits 0x08, kept as received.
        assertEquals(NdiscRepr.ROUTER_FLAG_OTHER | 0x08, repr.flags());
        assertEquals(1800, repr.routerLifetime());
        assertEquals(30000, repr.reachableTime());
        assertEquals(1000, repr.retransTimer());
        assertEquals(0x0200_0000_0001L, repr.sourceLinkLayer());
        assertEquals(1500, repr.mtu());
        assertEquals(0x2001_0db8_0001_0000L, repr.prefixHigh(0));
        assertEquals(86400, repr.validLifetime(0));
        assertEquals(14400, repr.preferredLifetime(0));
        assertEquals(600, repr.dnsLifetime());
        assertEquals(2, repr.dnsServerCount());
        assertEquals(0x53, repr.dnsServerLow(0));
        assertEquals(0x54, repr.dnsServerLow(1));
        assertEquals(DB8, repr.dnsServerHigh(1));
        assertEquals("NDISC router advertisement hop_limit=64 flags=O lifetime=1800 reachable=30000 retrans=1000 sll=02:00:00:00:00:01"
                + " mtu=1500 prefix=2001:db8:1::/64 rdnss=2001:db8::53 rdnss=2001:db8::54", repr.appendTo(new StringBuilder()).toString());
        assertReEmits(bytes, LL, 1, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW);
    }

    @Test
    void solicitationsAdvertisementAndRedirectFromScapy() {
        byte[] ns = Ipv6Vectors.afterIpv6(Ipv6Vectors.NS);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ns, 0, ns.length), true, LL, 1, Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(2)));
        assertEquals("NDISC neighbor solicitation target=fe80::2 sll=02:00:00:00:00:01", repr.appendTo(new StringBuilder()).toString());
        assertReEmits(ns, LL, 1, Ipv6Address.solicitedNodeHigh(), Ipv6Address.solicitedNodeLow(2));

        byte[] na = Ipv6Vectors.afterIpv6(Ipv6Vectors.NA);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(na, 0, na.length), true, LL, 2, LL, 1));
        assertEquals(NdiscRepr.NEIGHBOR_FLAG_SOLICITED | NdiscRepr.NEIGHBOR_FLAG_OVERRIDE, repr.flags());
        assertEquals("NDISC neighbor advertisement target=fe80::2 flags=SO tll=02:00:00:00:00:02", repr.appendTo(new StringBuilder()).toString());
        assertReEmits(na, LL, 2, LL, 1);

        byte[] rs = Ipv6Vectors.afterIpv6(Ipv6Vectors.RS);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(rs, 0, rs.length), true, LL, 1, Ipv6Address.ALL_ROUTERS_HIGH, Ipv6Address.ALL_ROUTERS_LOW));
        assertEquals("NDISC router solicitation sll=02:00:00:00:00:01", repr.appendTo(new StringBuilder()).toString());
        assertReEmits(rs, LL, 1, Ipv6Address.ALL_ROUTERS_HIGH, Ipv6Address.ALL_ROUTERS_LOW);

        byte[] redirect = Ipv6Vectors.afterIpv6(Ipv6Vectors.REDIRECT);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(redirect, 0, redirect.length), true, LL, 1, LL, 2));
        assertEquals("NDISC redirect target=fe80::3 dst=2001:db8::1 tll=02:00:00:00:00:03", repr.appendTo(new StringBuilder()).toString());
        assertReEmits(redirect, LL, 1, LL, 2);
    }

    private void assertReEmits(byte[] expected, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        assertEquals(expected.length, repr.bufferLen());
        byte[] out = Ipv6Vectors.filled(expected.length);
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(srcHigh, srcLow, dstHigh, dstLow);
        assertArrayEquals(expected, out);
    }

    @Test
    void redirectedHeaderIsLocated() {
        repr.setRedirect(LL, 3, DB8, 1);
        byte[] bytes = new byte[40 + 8 + 40];
        repr.emit(packet.wrap(bytes, 0, 40));
        bytes[40] = NdiscOption.TYPE_REDIRECTED_HEADER;
        bytes[41] = 6;
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length), false, 0, 0, 0, 0));
        assertEquals(48, repr.redirectedOffset());
        assertEquals(40, repr.redirectedLength());
    }

    @Test
    void limitsAreReportedAsUnsupported() {
        byte[] prefixes = new byte[32 * (NdiscRepr.MAX_PREFIXES + 1)];
        for (int i = 0; i <= NdiscRepr.MAX_PREFIXES; i++) {
            System.arraycopy(PREFIX_OPT, 0, prefixes, 32 * i, 32);
        }
        assertEquals(WireStatus.UNSUPPORTED, parseInSolicitation(prefixes));
        byte[] rdnss = new byte[8 + 16 * (NdiscRepr.MAX_DNS_SERVERS + 1)];
        rdnss[0] = NdiscOption.TYPE_RDNSS;
        rdnss[1] = (byte) (rdnss.length / 8);
        assertEquals(WireStatus.UNSUPPORTED, parseInSolicitation(rdnss));
        rdnss[1] = 2;
        assertEquals(WireStatus.MALFORMED, parseInSolicitation(Arrays.copyOf(rdnss, 16)), "RDNSS without an address");
    }

    @Test
    void misuseIsReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.setNeighborAdvertisement(0x10, 0, 0));
        assertEquals("neighbor advertisement flags must be within 0xe0, got 0x10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setRouterAdvertisement(256, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setRouterAdvertisement(64, 0, 0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setRouterAdvertisement(64, 0, 0, 1L << 32, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setSourceLinkLayer(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> repr.setMtu(-2));
        assertThrows(IllegalArgumentException.class, () -> repr.addPrefix(129, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.addPrefix(64, 0x20, 0, 0, 0, 0));
        repr.setRouterSolicitation();
        for (int i = 0; i < NdiscRepr.MAX_PREFIXES; i++) {
            assertTrue(repr.addPrefix(64, 0, 0, 0, DB8 + i, 0));
        }
        assertFalse(repr.addPrefix(64, 0, 0, 0, 0, 0));
        for (int i = 0; i < NdiscRepr.MAX_DNS_SERVERS; i++) {
            assertTrue(repr.addDnsServer(60, DB8, i));
        }
        assertFalse(repr.addDnsServer(60, DB8, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.prefixHigh(NdiscRepr.MAX_PREFIXES));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[8], 0, 8)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] ra = Ipv6Vectors.afterIpv6(Ipv6Vectors.RA);
        byte[] out = new byte[ra.length];
        Icmpv6Packet outPacket = new Icmpv6Packet();
        StringBuilder text = new StringBuilder(512);
        AllocationProbe.assertAllocationFree("NDISC parse, emit and print", () -> {
            repr.parse(packet.wrap(ra, 0, ra.length), true, LL, 1, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW);
            repr.emit(outPacket.wrap(out, 0, out.length));
            outPacket.fillChecksum(LL, 1, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitStably(@ForAll @IntRange(min = 133, max = 137) int type, @ForAll byte[] body) {
        byte[] bytes = Arrays.copyOf(Ipv6Vectors.bytes(type, 0), 2 + body.length);
        System.arraycopy(body, 0, bytes, 2, body.length);
        bytes[1] = 0;
        NdiscRepr parsed = new NdiscRepr();
        if (parsed.parse(new Icmpv6Packet().wrap(bytes, 0, bytes.length), false, 0, 0, 0, 0) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new Icmpv6Packet().wrap(out, 0, out.length));
            NdiscRepr again = new NdiscRepr();
            assertEquals(WireStatus.OK, again.parse(new Icmpv6Packet().wrap(out, 0, out.length), false, 0, 0, 0, 0));
            assertEquals(parsed.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
        }
    }

    @Property
    void mutatedRouterAdvertisementsNeverThrow(@ForAll @IntRange(max = 143) int index, @ForAll byte value) {
        byte[] bytes = Ipv6Vectors.afterIpv6(Ipv6Vectors.RA);
        bytes[index % bytes.length] = value;
        new NdiscRepr().parse(new Icmpv6Packet().wrap(bytes, 0, bytes.length), true, LL, 1, 0, 0);
    }

    @Property
    void generatedAdvertisementsSurviveEmitAndParse(@ForAll @IntRange(max = 255) int hopLimit, @ForAll @IntRange(max = 0xffff) int lifetime,
            @ForAll @IntRange(max = 128) int prefixLength, @ForAll long prefix, @ForAll @IntRange(min = 1280, max = 9000) int mtu) {
        repr.setRouterAdvertisement(hopLimit, NdiscRepr.ROUTER_FLAG_OTHER, lifetime, 30000, 1000).setSourceLinkLayer(MAC).setMtu(mtu);
        repr.addPrefix(prefixLength, NdiscOption.PREFIX_FLAG_ON_LINK, 0xffffffffL, 3600, prefix, 0);
        repr.addDnsServer(60, DB8, 0x53);
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(LL, 1, LL, 2);
        NdiscRepr parsed = new NdiscRepr();
        assertEquals(WireStatus.OK, parsed.parse(packet, true, LL, 1, LL, 2));
        assertEquals(repr.appendTo(new StringBuilder()).toString(), parsed.appendTo(new StringBuilder()).toString());
        assertEquals(0xffffffffL, parsed.validLifetime(0));
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        repr.setNeighborSolicitation(LL, 2).setSourceLinkLayer(Frames.SOURCE_MAC);
        byte[] ns = emitForFrames();
        repr.setNeighborAdvertisement(NdiscRepr.NEIGHBOR_FLAG_SOLICITED | NdiscRepr.NEIGHBOR_FLAG_OVERRIDE, LL, 1)
                .setTargetLinkLayer(Frames.SOURCE_MAC);
        byte[] na = emitForFrames();
        repr.setRouterAdvertisement(64, NdiscRepr.ROUTER_FLAG_MANAGED | NdiscRepr.ROUTER_FLAG_OTHER, 1800, 30000, 1000)
                .setSourceLinkLayer(Frames.SOURCE_MAC).setMtu(1500);
        repr.addPrefix(64, 0xc0, 86400, 14400, DB8, 0);
        repr.addDnsServer(600, DB8, 0x53);
        byte[] ra = emitForFrames();
        repr.setRouterSolicitation();
        byte[] rs = emitForFrames();
        repr.setRedirect(LL, 3, DB8, 1).setTargetLinkLayer(0x0200_0000_0003L);
        byte[] redirect = emitForFrames();
        List<String[]> rows = Tshark.judge(dir.resolve("ndisc.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(frame(ns), frame(na), frame(ra), frame(rs), frame(redirect)),
                "icmpv6.type", "icmpv6.checksum.status", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address",
                "icmpv6.opt.linkaddr", "icmpv6.opt.prefix", "icmpv6.opt.mtu", "icmpv6.opt.rdnss", "icmpv6.nd.ra.flag.m",
                "icmpv6.nd.rd.target_address");
        assertArrayEquals(new String[] {"135", "1", "fe80::2", "", "02:00:00:00:00:01", "", "", "", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"136", "1", "", "fe80::1", "02:00:00:00:00:01", "", "", "", "", ""}, rows.get(1));
        assertArrayEquals(new String[] {"134", "1", "", "", "02:00:00:00:00:01", "2001:db8::", "1500", "2001:db8::53", "1", ""}, rows.get(2));
        assertArrayEquals(new String[] {"133", "1", "", "", "", "", "", "", "", ""}, rows.get(3));
        assertArrayEquals(new String[] {"137", "1", "", "", "02:00:00:00:00:03", "", "", "", "", "fe80::3"}, rows.get(4));
    }

    private byte[] emitForFrames() {
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        return out;
    }

    private static byte[] frame(byte[] icmp) {
        byte[] frame = Frames.ipv6(IpProtocol.ICMPV6, icmp);
        frame[14 + 7] = (byte) 255;
        return frame;
    }
}
