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
import java.util.Arrays;
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
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.Tshark;

class IgmpTest {

    /** smoltcp wire/igmp.rs LEAVE_PACKET_BYTES: leave 224.0.6.150. */
    static final byte[] LEAVE = hex("170002 69e0000696".replace(" ", ""));
    /** smoltcp wire/igmp.rs REPORT_PACKET_BYTES: v2 report 225.0.0.37. */
    static final byte[] REPORT = hex("160008dae1000025");
    /** scapy IGMP(type=0x11, mrcode=100): v2 general query, 10 s. */
    static final byte[] V2_QUERY = hex("1164ee9b00000000");
    /** scapy IGMPv3(mrcode=0x8c)/IGMPv3mq(gaddr=239.1.2.3, s=1, qrv=2, qqic=125, srcaddrs=[10.0.0.5, 10.0.0.6]). */
    static final byte[] V3_QUERY = hex("118cdee4ef0102030a7d00020a0000050a000006");

    private static final int GROUP = Ipv4Address.of(239, 1, 2, 3);

    private final IgmpPacket packet = new IgmpPacket();
    private final IgmpRepr repr = new IgmpRepr();

    @Test
    void leaveGroupDeconstruct() {
        packet.wrap(LEAVE, 0, LEAVE.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(IgmpPacket.TYPE_LEAVE_GROUP, packet.type());
        assertEquals(0, packet.maxRespCode());
        assertEquals(0x269, packet.checksum());
        assertEquals(Ipv4Address.of(224, 0, 6, 150), packet.groupAddress());
        assertTrue(packet.verifyChecksum());
    }

    @Test
    void reportDeconstruct() {
        packet.wrap(REPORT, 0, REPORT.length);
        assertEquals(IgmpPacket.TYPE_V2_MEMBERSHIP_REPORT, packet.type());
        assertEquals(0, packet.maxRespCode());
        assertEquals(0x08da, packet.checksum());
        assertEquals(Ipv4Address.of(225, 0, 0, 37), packet.groupAddress());
        assertTrue(packet.verifyChecksum());
    }

    @Test
    void leaveConstruct() {
        int group = Ipv4Address.of(224, 0, 6, 150);
        assertConstructs(LEAVE, IgmpPacket.TYPE_LEAVE_GROUP, group, new IgmpRepr().setLeave(group));
    }

    @Test
    void reportConstruct() {
        int group = Ipv4Address.of(225, 0, 0, 37);
        assertConstructs(REPORT, IgmpPacket.TYPE_V2_MEMBERSHIP_REPORT, group, new IgmpRepr().setReport(2, group));
    }

    /** Builds {@code golden} with the view's setters, then again from {@code built}, into 0xa5 bytes. */
    private void assertConstructs(byte[] golden, int type, int group, IgmpRepr built) {
        byte[] bytes = filled(8);
        packet.wrap(bytes, 0, 8);
        packet.setType(type);
        packet.setMaxRespCode(0);
        packet.setGroupAddress(group);
        packet.fillChecksum();
        assertArrayEquals(golden, bytes);
        Arrays.fill(bytes, (byte) 0xa5);
        built.emit(packet, true);
        assertArrayEquals(golden, bytes);
    }

    /** smoltcp max_resp_time_to_duration_and_back: every code survives decode then encode. */
    @Test
    void maxRespCodeDecodesAndEncodesBack() {
        for (int code = 0; code < 256; code++) {
            assertEquals(code, IgmpRepr.encodeCode(IgmpRepr.decodeCode(code)), "code " + code);
        }
        assertEquals(IgmpRepr.MAX_CODED_VALUE, IgmpRepr.decodeCode(0xff));
        assertEquals(128, IgmpRepr.decodeCode(0x80));
    }

    /** smoltcp duration_to_max_resp_time_max: values the code cannot hold saturate at 0xff. */
    @Test
    void largeValuesEncodeAsTheLargestCode() {
        for (int value = IgmpRepr.MAX_CODED_VALUE; value < 65536; value++) {
            assertEquals(0xff, IgmpRepr.encodeCode(value), "value " + value);
        }
    }

    @Test
    void parsesEveryMessage() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(LEAVE, 0, 8), true));
        assertEquals(IgmpPacket.TYPE_LEAVE_GROUP, repr.type());
        assertEquals(Ipv4Address.of(224, 0, 6, 150), repr.group());
        assertFalse(repr.isQuery());

        assertEquals(WireStatus.OK, repr.parse(packet.wrap(REPORT, 0, 8), true));
        assertEquals(2, repr.version());
        assertEquals(Ipv4Address.of(225, 0, 0, 37), repr.group());

        assertEquals(WireStatus.OK, repr.parse(packet.wrap(V2_QUERY, 0, 8), true));
        assertTrue(repr.isQuery());
        assertEquals(2, repr.version());
        assertEquals(100, repr.maxRespCode());
        assertEquals(10_000_000L, repr.maxResponseTimeMicros());
        assertEquals(0, repr.group());

        byte[] v1 = hex("1100eeff00000000");
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(v1, 0, 8), true));
        assertEquals(1, repr.version(), "an 8-byte query with code 0 is IGMPv1 (RFC 3376 7.1)");
        assertEquals(IgmpRepr.V1_MAX_RESPONSE_TIME_MICROS, repr.maxResponseTimeMicros());

        byte[] v1Report = hex("12000dfee0000001");
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(v1Report, 0, 8), true));
        assertEquals(IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT, repr.type());
        assertEquals(1, repr.version());
    }

    @Test
    void parsesAnIgmpv3QueryWithItsSources() {
        packet.wrap(V3_QUERY, 0, V3_QUERY.length);
        assertEquals(WireStatus.OK, packet.check());
        assertTrue(packet.isV3Query());
        assertEquals(2, packet.numberOfSources());
        assertEquals(WireStatus.OK, repr.parse(packet, true));
        assertEquals(3, repr.version());
        assertEquals(0x8c, repr.maxRespCode());
        assertEquals(IgmpRepr.decodeCode(0x8c) * 100_000L, repr.maxResponseTimeMicros());
        assertEquals(GROUP, repr.group());
        assertTrue(repr.suppressRouterProcessing());
        assertEquals(2, repr.querierRobustness());
        assertEquals(125, repr.querierQueryIntervalCode());
        assertEquals(125, repr.querierQueryIntervalSeconds());
        assertEquals(2, repr.sourceCount());
        assertEquals(Ipv4Address.of(10, 0, 0, 5), repr.source(0));
        assertEquals(Ipv4Address.of(10, 0, 0, 6), repr.source(1));

        IgmpRepr built = new IgmpRepr().setV3Query(0x8c, GROUP, true, 2, 125);
        assertTrue(built.addSource(Ipv4Address.of(10, 0, 0, 5)));
        assertTrue(built.addSource(Ipv4Address.of(10, 0, 0, 6)));
        assertTrue(built.sameAs(repr));
        byte[] bytes = filled(built.bufferLen());
        built.emit(packet.wrap(bytes, 0, bytes.length), true);
        assertArrayEquals(V3_QUERY, bytes);
    }

    @Test
    void truncatedMessagesAndSourceLists() {
        for (int len = 0; len < 8; len++) {
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(V3_QUERY, 0, len), false), "length " + len);
        }
        for (int len = 12; len < V3_QUERY.length; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(V3_QUERY, 0, len).check(), "length " + len);
        }
    }

    @Test
    void malformedQueriesAndGroups() {
        for (int len = 9; len < 12; len++) {
            byte[] bytes = Arrays.copyOf(V2_QUERY, len);
            packet.wrap(bytes, 0, len).fillChecksum();
            assertEquals(WireStatus.MALFORMED, repr.parse(packet, true), "query of " + len + " bytes");
        }
        assertMalformed(withGroup(V2_QUERY, Ipv4Address.of(10, 0, 0, 1)), "unicast query group");
        assertMalformed(withGroup(REPORT, 0), "report for 0.0.0.0");
        assertMalformed(withGroup(LEAVE, Ipv4Address.BROADCAST), "leave for broadcast");
    }

    private void assertMalformed(byte[] bytes, String what) {
        packet.wrap(bytes, 0, bytes.length).fillChecksum();
        assertEquals(WireStatus.MALFORMED, repr.parse(packet, true), what);
    }

    private static byte[] withGroup(byte[] golden, int group) {
        byte[] bytes = golden.clone();
        NetworkBytes.setU32(bytes, 4, group);
        return bytes;
    }

    @Test
    void v3ReportsUnknownTypesAndTooManySourcesAreUnsupported() {
        byte[] v3Report = hex("220000000000000102000000e00000fb");
        packet.wrap(v3Report, 0, v3Report.length).fillChecksum();
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet, true));
        byte[] mtrace = withGroup(REPORT, GROUP);
        mtrace[0] = 0x1f;
        packet.wrap(mtrace, 0, 8).fillChecksum();
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet, true));
        IgmpRepr small = new IgmpRepr(1);
        assertEquals(WireStatus.UNSUPPORTED, small.parse(packet.wrap(V3_QUERY, 0, V3_QUERY.length), true));
        assertTrue(small.setV3Query(0, 0, false, 0, 0).addSource(1));
        assertFalse(small.addSource(2), "a full source list is reported, not thrown");
    }

    @Test
    void badChecksumIsReportedOnlyWhenVerifying() {
        byte[] bytes = withGroup(REPORT, Ipv4Address.of(225, 0, 0, 38));
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet.wrap(bytes, 0, 8), true));
        assertEquals(WireStatus.OK, repr.parse(packet, false));
    }

    @Test
    void emitWithoutChecksumLeavesZeroForOffload() {
        byte[] bytes = filled(8);
        repr.setQuery(2, 100, 0).emit(packet.wrap(bytes, 0, 8), false);
        assertEquals(0, packet.checksum());
        repr.emit(packet, true);
        assertArrayEquals(V2_QUERY, bytes);
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("IGMP group must be a multicast address, got 0xa000001",
                assertThrows(IllegalArgumentException.class, () -> repr.setReport(2, Ipv4Address.of(10, 0, 0, 1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setReport(3, GROUP));
        assertThrows(IllegalArgumentException.class, () -> repr.setLeave(0));
        assertEquals("IGMPv1 query max response time must be 0..0, got 100",
                assertThrows(IllegalArgumentException.class, () -> repr.setQuery(1, 100, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setQuery(2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setQuery(2, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setQuery(3, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setQuery(2, 10, Ipv4Address.of(10, 0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> repr.setV3Query(256, 0, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setV3Query(0, 0, false, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.setV3Query(0, 0, false, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr(-1));
        assertThrows(IllegalArgumentException.class, () -> IgmpRepr.decodeCode(256));
        assertThrows(IllegalArgumentException.class, () -> IgmpRepr.encodeCode(-1));
        assertEquals("sources belong to IGMPv3 queries only",
                assertThrows(IllegalStateException.class, () -> repr.setLeave(GROUP).addSource(1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> repr.source(0));
        assertEquals("IGMP packet of 12 bytes must be exactly the 8 bytes of this message",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[12], 0, 12), true)).getMessage());
    }

    @Test
    void printsLikeTcpdump() {
        assertEquals("IGMPv2 leave group 224.0.6.150", parsed(LEAVE).appendTo(new StringBuilder()).toString());
        assertEquals("IGMPv2 report group 225.0.0.37", parsed(REPORT).appendTo(new StringBuilder()).toString());
        assertEquals("IGMPv2 query group 0.0.0.0 max resp 100", parsed(V2_QUERY).appendTo(new StringBuilder()).toString());
        assertEquals("IGMPv3 query group 239.1.2.3 max resp 140 qrv 2 qqic 125 S sources 10.0.0.5,10.0.0.6",
                parsed(V3_QUERY).appendTo(new StringBuilder()).toString());
    }

    private IgmpRepr parsed(byte[] bytes) {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length), true));
        return repr;
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[V3_QUERY.length];
        byte[] report = new byte[8];
        IgmpPacket outPacket = new IgmpPacket();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IGMP parse, emit and print", () -> {
            repr.parse(packet.wrap(V3_QUERY, 0, V3_QUERY.length), true);
            repr.emit(outPacket.wrap(out, 0, out.length), true);
            text.setLength(0);
            repr.appendTo(text);
            repr.setReport(2, GROUP).emit(outPacket.wrap(report, 0, 8), true);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Provide
    Arbitrary<IgmpRepr> reprs() {
        Arbitrary<Integer> groups = Arbitraries.integers().between(0xe000_0000, 0xefff_ffff);
        Arbitrary<IgmpRepr> simple = Combinators.combine(Arbitraries.integers().between(0, 4), groups, Arbitraries.integers().between(1, 255))
                .as((kind, group, code) -> {
                    switch (kind) {
                        case 0:
                            return new IgmpRepr().setQuery(1, 0, 0);
                        case 1:
                            return new IgmpRepr().setQuery(2, code, group);
                        case 2:
                            return new IgmpRepr().setReport(1, group);
                        case 3:
                            return new IgmpRepr().setReport(2, group);
                        default:
                            return new IgmpRepr().setLeave(group);
                    }
                });
        Arbitrary<IgmpRepr> v3 = Combinators.combine(Arbitraries.integers().between(0, 255), groups, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 255), Arbitraries.integers().list().ofMaxSize(16))
                .as((code, group, s, qrv, qqic, sources) -> {
                    IgmpRepr query = new IgmpRepr().setV3Query(code, group, s, qrv, qqic);
                    for (int source : sources) {
                        query.addSource(source);
                    }
                    return query;
                });
        return Arbitraries.oneOf(simple, v3);
    }

    @Property
    void emittedReprsParseBack(@ForAll("reprs") IgmpRepr original) {
        byte[] bytes = new byte[original.bufferLen()];
        original.emit(new IgmpPacket().wrap(bytes, 0, bytes.length), true);
        IgmpRepr parsed = new IgmpRepr();
        assertEquals(WireStatus.OK, parsed.parse(new IgmpPacket().wrap(bytes, 0, bytes.length), true));
        assertTrue(parsed.sameAs(original));
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        IgmpRepr parsed = new IgmpRepr();
        if (parsed.parse(new IgmpPacket().wrap(bytes, 0, bytes.length), false) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new IgmpPacket().wrap(out, 0, out.length), true);
            IgmpRepr again = new IgmpRepr();
            assertEquals(WireStatus.OK, again.parse(new IgmpPacket().wrap(out, 0, out.length), true));
            assertTrue(again.sameAs(parsed));
        }
    }

    @Property
    void mutatedGoldenPacketsNeverThrow(@ForAll @IntRange(min = 0, max = 19) int at, @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 20) int len, @ForAll boolean verify) {
        byte[] bytes = V3_QUERY.clone();
        bytes[at] = value;
        new IgmpRepr().parse(new IgmpPacket().wrap(bytes, 0, len), verify);
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        IgmpRepr v3 = new IgmpRepr().setV3Query(0x8c, GROUP, true, 2, 125);
        v3.addSource(Ipv4Address.of(10, 0, 0, 5));
        IgmpRepr[] messages = {
            new IgmpRepr().setQuery(2, 100, 0), new IgmpRepr().setReport(2, GROUP), new IgmpRepr().setLeave(GROUP),
            new IgmpRepr().setReport(1, GROUP), v3,
        };
        List<byte[]> frames = new java.util.ArrayList<>();
        for (IgmpRepr message : messages) {
            byte[] bytes = new byte[message.bufferLen()];
            message.emit(new IgmpPacket().wrap(bytes, 0, bytes.length), true);
            frames.add(Frames.ipv4(IpProtocol.IGMP, bytes));
        }
        List<String[]> rows = Tshark.judge(dir.resolve("igmp.pcap"), PcapFormat.LINKTYPE_ETHERNET, frames,
                "igmp.version", "igmp.type", "igmp.maddr", "igmp.max_resp", "igmp.checksum.status", "igmp.qrv", "igmp.qqic", "igmp.saddr");
        String[][] expected = {
            {"2", "0x11", "0.0.0.0", "100", "1", "", "", ""},
            {"2", "0x16", "239.1.2.3", "0", "1", "", "", ""},
            {"2", "0x17", "239.1.2.3", "0", "1", "", "", ""},
            {"1", "0x12", "239.1.2.3", "", "1", "", "", ""},
            // tshark decodes the v3 code 0x8c as we do: (0xc | 0x10) << 3 = 224 tenths
            {"3", "0x11", "239.1.2.3", "224", "1", "2", "125", "10.0.0.5"},
        };
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], rows.get(i), "frame " + (i + 1));
        }
    }
}
