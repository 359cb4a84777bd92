package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

class Ipv4Test {

    /** smoltcp wire/ipv4.rs PACKET_BYTES: ident 0x102, DF and MF, offset 0x203 units, TTL 0x1a, ICMP. */
    static final byte[] PACKET = hex("4500001e" + "01026203" + "1a01d56e" + "11121314" + "21222324" + "aa0000000000000000ff");
    static final byte[] PAYLOAD = hex("aa0000000000000000ff");
    /** smoltcp wire/ipv4.rs REPR_PACKET_BYTES: 17.18.19.20 > 33.34.35.36 ICMP, TTL 64, DF, 4 payload bytes. */
    static final byte[] REPR_PACKET = hex("45000018" + "00004000" + "4001d279" + "11121314" + "21222324" + "aa0000ff");
    /** scapy: IP(src=10.0.0.1, dst=224.0.0.22, ttl=1, id=0x1234, options=[Router Alert])/IGMP(0x16, 239.1.2.3). */
    static final byte[] WITH_OPTIONS = hex("46000020123400000102288d0a000001e0000016940400001614f8e6ef010203");

    private final Ipv4Packet packet = new Ipv4Packet();
    private final Ipv4Repr repr = new Ipv4Repr();

    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    static byte[] filled(int length) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) 0xa5);
        return out;
    }

    private static Ipv4Repr smoltcpRepr() {
        return new Ipv4Repr().set(Ipv4Address.of(0x11, 0x12, 0x13, 0x14), Ipv4Address.of(0x21, 0x22, 0x23, 0x24), IpProtocol.ICMP, 4, 64);
    }

    @Test
    void deconstruct() {
        packet.wrap(PACKET, 0, PACKET.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(4, packet.version());
        assertEquals(20, packet.headerLength());
        assertEquals(0, packet.dscp());
        assertEquals(0, packet.ecn());
        assertEquals(30, packet.totalLength());
        assertEquals(0x102, packet.identification());
        assertTrue(packet.moreFragments());
        assertTrue(packet.dontFragment());
        assertEquals(0x203, packet.fragmentOffsetUnits());
        assertEquals(0x203 * 8, packet.fragmentOffsetBytes());
        assertTrue(packet.isFragment());
        assertEquals(0x1a, packet.ttl());
        assertEquals(IpProtocol.ICMP, packet.protocol());
        assertEquals(0xd56e, packet.checksum());
        assertEquals(Ipv4Address.of(0x11, 0x12, 0x13, 0x14), packet.source());
        assertEquals(Ipv4Address.of(0x21, 0x22, 0x23, 0x24), packet.destination());
        assertTrue(packet.verifyChecksum());
        assertEquals(20, packet.payloadOffset());
        assertEquals(10, packet.payloadLength());
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(PACKET, 20, 30));
    }

    @Test
    void construct() {
        byte[] bytes = filled(30);
        packet.wrap(bytes, 0, bytes.length);
        packet.setVersion(4);
        packet.setHeaderLength(20);
        packet.setDscp(0);
        packet.setEcn(0);
        packet.setTotalLength(30);
        packet.setIdentification(0x102);
        packet.setFlagsAndFragmentOffset(true, true, 0x203 * 8);
        packet.setTtl(0x1a);
        packet.setProtocol(IpProtocol.ICMP);
        packet.setSource(Ipv4Address.of(0x11, 0x12, 0x13, 0x14));
        packet.setDestination(Ipv4Address.of(0x21, 0x22, 0x23, 0x24));
        packet.fillChecksum();
        System.arraycopy(PACKET, 20, bytes, 20, 10);
        assertArrayEquals(PACKET, bytes);
    }

    @Test
    void overlongBufferKeepsThePayloadOfTheTotalLength() {
        byte[] padded = Arrays.copyOf(PACKET, PACKET.length + 1);
        packet.wrap(padded, 0, padded.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(PAYLOAD.length, packet.payloadLength());
    }

    @Test
    void totalLengthBeyondTheBufferIsTruncated() {
        byte[] bytes = PACKET.clone();
        packet.wrap(bytes, 0, bytes.length).setTotalLength(128);
        assertEquals(WireStatus.TRUNCATED, packet.check());
    }

    @Test
    void parse() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(REPR_PACKET, 0, REPR_PACKET.length), true));
        assertTrue(repr.sameAs(smoltcpRepr()));
        assertEquals(4, repr.payloadLength());
        assertEquals(64, repr.ttl());
        assertTrue(repr.dontFragment());
    }

    @Test
    void parseBadVersionIsMalformed() {
        byte[] bytes = REPR_PACKET.clone();
        packet.wrap(bytes, 0, bytes.length).setVersion(6);
        packet.fillChecksum();
        assertEquals(WireStatus.MALFORMED, repr.parse(packet, true));
    }

    @Test
    void totalLengthBelowHeaderLengthIsMalformed() {
        byte[] bytes = new byte[40];
        bytes[0] = 0x49; // smoltcp's case, with version 4 so the length is what is wrong
        assertEquals(WireStatus.MALFORMED, packet.wrap(bytes, 0, bytes.length).check());
        bytes[0] = 0x09; // smoltcp's exact bytes: version 0 is malformed as well
        assertEquals(WireStatus.MALFORMED, packet.check());
    }

    @Test
    void emit() {
        Ipv4Repr source = smoltcpRepr();
        byte[] bytes = filled(source.bufferLen() + 4);
        source.emit(packet.wrap(bytes, 0, bytes.length), true);
        System.arraycopy(REPR_PACKET, 20, bytes, packet.payloadOffset(), 4);
        assertArrayEquals(REPR_PACKET, bytes);
    }

    @Test
    void unspecifiedAddress() {
        assertTrue(Ipv4Address.isUnspecified(Ipv4Address.UNSPECIFIED));
        assertFalse(Ipv4Address.isBroadcast(Ipv4Address.UNSPECIFIED));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.UNSPECIFIED));
        assertFalse(Ipv4Address.isLinkLocal(Ipv4Address.UNSPECIFIED));
        assertFalse(Ipv4Address.isLoopback(Ipv4Address.UNSPECIFIED));
    }

    @Test
    void broadcastAddress() {
        assertFalse(Ipv4Address.isUnspecified(Ipv4Address.BROADCAST));
        assertTrue(Ipv4Address.isBroadcast(Ipv4Address.BROADCAST));
        assertFalse(Ipv4Address.isMulticast(Ipv4Address.BROADCAST));
        assertFalse(Ipv4Address.isLinkLocal(Ipv4Address.BROADCAST));
        assertFalse(Ipv4Address.isLoopback(Ipv4Address.BROADCAST));
    }

    /** smoltcp test_cidr, on the foundation's inSubnet: 192.168.1.10/24 contains these, not those. */
    @Test
    void cidrContainsAddressesAndSubnets() {
        int network = Ipv4Address.of(192, 168, 1, 10);
        int[][] inside = {{192, 168, 1, 0}, {192, 168, 1, 1}, {192, 168, 1, 2}, {192, 168, 1, 10}, {192, 168, 1, 127}, {192, 168, 1, 255}};
        int[][] outside = {{192, 168, 0, 0}, {127, 0, 0, 1}, {192, 168, 2, 0}, {192, 168, 0, 255}, {0, 0, 0, 0}, {255, 255, 255, 255}};
        for (int[] a : inside) {
            assertTrue(Ipv4Address.inSubnet(Ipv4Address.of(a[0], a[1], a[2], a[3]), network, 24), Arrays.toString(a));
        }
        for (int[] a : outside) {
            assertFalse(Ipv4Address.inSubnet(Ipv4Address.of(a[0], a[1], a[2], a[3]), network, 24), Arrays.toString(a));
        }
        // contains_subnet(s) == prefix 24 <= s.prefix && s.address in 192.168.1.10/24
        int[][] subnets = {{192, 168, 1, 0, 32}, {192, 168, 1, 255, 24}, {192, 168, 1, 10, 30}};
        int[][] notSubnets = {{192, 168, 1, 10, 23}, {127, 0, 0, 1, 8}, {192, 168, 1, 0, 0}, {192, 168, 0, 255, 32}};
        for (int[] s : subnets) {
            assertTrue(s[4] >= 24 && Ipv4Address.inSubnet(Ipv4Address.of(s[0], s[1], s[2], s[3]), network, 24), Arrays.toString(s));
        }
        for (int[] s : notSubnets) {
            assertFalse(s[4] >= 24 && Ipv4Address.inSubnet(Ipv4Address.of(s[0], s[1], s[2], s[3]), network, 24), Arrays.toString(s));
        }
        assertTrue(Ipv4Address.inSubnet(Ipv4Address.LOOPBACK, network, 0), "prefix 0 contains everything");
    }

    /** smoltcp test_cidr_netmask. */
    @Test
    void cidrNetmask() {
        int[][] cases = {{0, 0, 0, 0, 0}, {24, 255, 255, 255, 0}, {32, 255, 255, 255, 255}, {8, 255, 0, 0, 0},
            {16, 255, 255, 0, 0}, {17, 255, 255, 128, 0}, {12, 255, 240, 0, 0}};
        for (int[] c : cases) {
            assertEquals(Ipv4Address.of(c[1], c[2], c[3], c[4]), Ipv4Address.netmask(c[0]), "/" + c[0]);
        }
    }

    @Test
    void headerLengthBelowFiveWordsIsMalformedAndOptionsAreSkipped() {
        byte[] bytes = REPR_PACKET.clone();
        bytes[0] = 0x44;
        assertEquals(WireStatus.MALFORMED, packet.wrap(bytes, 0, bytes.length).check());
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(WITH_OPTIONS, 0, WITH_OPTIONS.length), true));
        assertEquals(24, packet.headerLength());
        assertEquals(24, packet.payloadOffset());
        assertEquals(8, repr.payloadLength());
        assertEquals(IpProtocol.IGMP, repr.protocol());
        assertEquals(1, repr.ttl());
        assertEquals(0x1234, repr.identification());
        assertFalse(repr.dontFragment());
        assertFalse(packet.isFragment());
    }

    @Test
    void truncatedAtEveryLengthShorterThanTheTotal() {
        for (int len = 0; len < WITH_OPTIONS.length; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(WITH_OPTIONS, 0, len).check(), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet, true), "length " + len);
        }
        assertEquals(WireStatus.TRUNCATED, packet.wrap(WITH_OPTIONS, 0, 22).checkHeader(), "options cut off");
        assertEquals(WireStatus.OK, packet.wrap(WITH_OPTIONS, 0, 24).checkHeader(), "header alone is complete");
    }

    @Test
    void badChecksumIsReportedOnlyWhenVerifying() {
        byte[] bytes = REPR_PACKET.clone();
        bytes[8] = 63;
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet.wrap(bytes, 0, bytes.length), true));
        assertEquals(WireStatus.OK, repr.parse(packet, false));
        assertEquals(63, repr.ttl());
    }

    @Test
    void fragmentsParseAndExposeTheirFields() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(PACKET, 0, PACKET.length), true));
        assertTrue(packet.isFragment());
        assertEquals(10, repr.payloadLength(), "a fragment's own payload");
        byte[] last = PACKET.clone();
        packet.wrap(last, 0, last.length).setFlagsAndFragmentOffset(false, false, 1480);
        assertEquals(185, packet.fragmentOffsetUnits());
        assertTrue(packet.isFragment(), "the last fragment has an offset");
        packet.setFlagsAndFragmentOffset(false, true, 0);
        assertTrue(packet.isFragment(), "the first fragment has MF");
        assertFalse(packet.dontFragment());
    }

    @Test
    void emitWithoutChecksumLeavesZeroForOffload() {
        byte[] bytes = filled(24);
        smoltcpRepr().emit(packet.wrap(bytes, 0, bytes.length), false);
        assertEquals(0, packet.checksum());
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet, true));
    }

    @Test
    void trafficClassAndIdentificationRoundTrip() {
        Ipv4Repr source = smoltcpRepr().setTrafficClass(46, 2).setFragmentation(0xbeef, false);
        byte[] bytes = filled(24);
        source.emit(packet.wrap(bytes, 0, bytes.length), true);
        assertEquals(0xb8 | 2, bytes[1] & 0xff);
        assertEquals(WireStatus.OK, repr.parse(packet, true));
        assertTrue(repr.sameAs(source));
        assertEquals(46, repr.dscp());
        assertEquals(2, repr.ecn());
        assertEquals(0xbeef, repr.identification());
        assertFalse(repr.dontFragment());
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("protocol must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 256, 0, 64)).getMessage());
        assertEquals("payload length must be 0..65515, got 65516",
                assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 1, 65516, 64)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.set(0, 0, 1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> repr.setPayloadLength(-1));
        assertEquals("DSCP must be 0..63, got 64", assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(64, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setTrafficClass(0, 4));
        assertThrows(IllegalArgumentException.class, () -> repr.setFragmentation(0x10000, true));
        assertEquals("IPv4 packet of 19 bytes cannot hold the 20-byte header",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[19], 0, 19), true)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(new byte[10], 5, 6));
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(packet.wrap(REPR_PACKET, 0, REPR_PACKET.length), true);
        assertEquals("IPv4 17.18.19.20 > 33.34.35.36 ICMP ttl 64 id 0 DF len 4", repr.appendTo(new StringBuilder()).toString());
        repr.setTrafficClass(46, 1).setFragmentation(7, false);
        assertEquals("IPv4 17.18.19.20 > 33.34.35.36 ICMP ttl 64 id 7 dscp 46 ecn 1 len 4", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[20];
        Ipv4Packet outPacket = new Ipv4Packet();
        StringBuilder text = new StringBuilder(128);
        AllocationProbe.assertAllocationFree("IPv4 parse, emit and print", () -> {
            repr.parse(packet.wrap(WITH_OPTIONS, 0, WITH_OPTIONS.length), true);
            repr.emit(outPacket.wrap(out, 0, out.length), true);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Provide
    Arbitrary<Ipv4Repr> reprs() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, Ipv4Repr.MAX_PAYLOAD_LEN), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 63), Arbitraries.integers().between(0, 0xffff), Arbitraries.of(true, false))
                .as((src, dst, proto, len, ttl, dscp, id, df) -> new Ipv4Repr().set(src, dst, proto, len, ttl)
                        .setTrafficClass(dscp, ttl & 3).setFragmentation(id, df));
    }

    @Property
    void emittedReprsParseBack(@ForAll("reprs") Ipv4Repr original) {
        byte[] bytes = new byte[20 + original.payloadLength()];
        original.emit(new Ipv4Packet().wrap(bytes, 0, bytes.length), true);
        Ipv4Repr parsed = new Ipv4Repr();
        assertEquals(WireStatus.OK, parsed.parse(new Ipv4Packet().wrap(bytes, 0, bytes.length), true));
        assertTrue(parsed.sameAs(original));
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitStably(@ForAll byte[] bytes, @ForAll boolean verify) {
        Ipv4Packet view = new Ipv4Packet().wrap(bytes, 0, bytes.length);
        Ipv4Repr parsed = new Ipv4Repr();
        if (parsed.parse(view, verify) == WireStatus.OK) {
            view.isFragment();
            byte[] out = new byte[20 + parsed.payloadLength()];
            parsed.emit(new Ipv4Packet().wrap(out, 0, out.length), true);
            Ipv4Repr again = new Ipv4Repr();
            assertEquals(WireStatus.OK, again.parse(new Ipv4Packet().wrap(out, 0, out.length), true));
            assertTrue(again.sameAs(parsed));
        }
    }

    @Property
    void mutatedGoldenPacketsNeverThrow(@ForAll @IntRange(min = 0, max = 31) int at, @ForAll byte value, @ForAll @IntRange(min = 0, max = 32) int len) {
        byte[] bytes = WITH_OPTIONS.clone();
        bytes[at] = value;
        new Ipv4Repr().parse(new Ipv4Packet().wrap(bytes, 0, len), true);
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] plain = frame(new Ipv4Repr().set(Ipv4Address.of(10, 0, 0, 1), Ipv4Address.of(10, 0, 0, 2), 253, 4, 64), 0, false);
        byte[] marked = frame(new Ipv4Repr().set(Ipv4Address.of(10, 0, 0, 2), Ipv4Address.of(10, 0, 0, 1), 253, 4, 1)
                .setTrafficClass(46, 0).setFragmentation(0x4242, false), 0, false);
        byte[] fragment = frame(new Ipv4Repr().set(Ipv4Address.of(10, 0, 0, 1), Ipv4Address.of(10, 0, 0, 2), 253, 8, 64)
                .setFragmentation(7, false), 1480, true);
        List<String[]> rows = Tshark.judge(dir.resolve("ipv4.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(plain, marked, fragment),
                "ip.src", "ip.dst", "ip.proto", "ip.ttl", "ip.len", "ip.id", "ip.flags.df", "ip.flags.mf", "ip.frag_offset", "ip.dsfield.dscp",
                "ip.checksum.status"); // status 1: good; frag_offset in 8-byte units
        assertArrayEquals(new String[] {"10.0.0.1", "10.0.0.2", "253", "64", "24", "0x0000", "1", "0", "0", "0", "1"}, rows.get(0));
        assertArrayEquals(new String[] {"10.0.0.2", "10.0.0.1", "253", "1", "24", "0x4242", "0", "0", "0", "46", "1"}, rows.get(1));
        assertArrayEquals(new String[] {"10.0.0.1", "10.0.0.2", "253", "64", "28", "0x0007", "0", "1", "185", "0", "1"}, rows.get(2));
    }

    /** Ethernet + our IPv4 header + payload; a fragment is made by patching the emitted header as a fragmenter would. */
    private static byte[] frame(Ipv4Repr ip, int fragmentOffset, boolean moreFragments) {
        byte[] bytes = new byte[14 + 20 + ip.payloadLength()];
        new EthernetRepr().setSource(0x0200_0000_0001L).setDestination(0x0200_0000_0002L).setEtherType(EtherType.IPV4)
                .emit(new EthernetFrame().wrap(bytes, 0, bytes.length));
        Ipv4Packet view = new Ipv4Packet().wrap(bytes, 14, bytes.length - 14);
        ip.emit(view, true);
        if (fragmentOffset != 0 || moreFragments) {
            view.setFlagsAndFragmentOffset(false, moreFragments, fragmentOffset);
            view.fillChecksum();
        }
        return bytes;
    }
}
