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

/** smoltcp wire/mld.rs (checksums over ff02::1 -> ff02::2) plus scapy MLDv2 query and report. */
class MldTest {

    static final byte[] QUERY = Ipv6Vectors.bytes(
            0x82, 0x00, 0x73, 0x74, 0x04, 0x00, 0x00, 0x00, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x12, 0x00, 0x01, 0xff, 0x02,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02);
    static final byte[] REPORT = Ipv6Vectors.bytes(
            0x8f, 0x00, 0x73, 0x85, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xff, 0x02, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xff, 0x02,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02);
    static final long FF02 = Ipv6Address.ALL_NODES_HIGH;

    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final MldRepr repr = new MldRepr();
    private final MldRecordCursor cursor = new MldRecordCursor();

    private int parse(byte[] bytes) {
        return repr.parse(packet.wrap(bytes, 0, bytes.length), true, FF02, 1, FF02, 2);
    }

    private MldRepr queryRepr() {
        MldRepr query = new MldRepr().setQuery(0x400, FF02, 1, true, 2, 0x12);
        query.addSource(FF02, 2);
        return query;
    }

    private MldRepr reportRepr() {
        MldRepr report = new MldRepr().setReport();
        report.addRecord(MldRecordCursor.MODE_IS_INCLUDE, FF02, 1);
        report.addSource(FF02, 2);
        return report;
    }

    private static String text(MldRepr r) {
        return r.appendTo(new StringBuilder()).toString();
    }

    @Test
    void queryDeconstruct() {
        packet.wrap(QUERY, 0, QUERY.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(Icmpv6Packet.TYPE_MLD_QUERY, packet.type());
        assertEquals(0x7374, packet.checksum());
        assertEquals(0x400, packet.mldMaxResponseCode());
        assertEquals(FF02, packet.mldMulticastHigh());
        assertEquals(1, packet.mldMulticastLow());
        assertTrue(packet.mldSuppress());
        assertEquals(2, packet.mldQrv());
        assertEquals(0x12, packet.mldQqic());
        assertEquals(1, packet.mldSourceCount());
        assertEquals(2, packet.mldSourceLow(0));
        assertEquals(44, packet.payloadOffset());
    }

    @Test
    void queryConstruct() {
        byte[] bytes = new byte[44];
        Arrays.fill(bytes, (byte) 0xff);
        packet.wrap(bytes, 0, 44).setTypeAndCode(Icmpv6Packet.TYPE_MLD_QUERY, 0);
        packet.setMldQuery(0x400, FF02, 1, true, 2, 0x12, 1);
        packet.setMldSource(0, FF02, 2);
        packet.fillChecksum(FF02, 1, FF02, 2);
        assertArrayEquals(QUERY, bytes);
    }

    @Test
    void recordDeconstruct() {
        packet.wrap(REPORT, 0, REPORT.length);
        assertEquals(Icmpv6Packet.TYPE_MLDV2_REPORT, packet.type());
        assertEquals(0x7385, packet.checksum());
        assertEquals(1, packet.mldRecordCount());
        assertEquals(WireStatus.OK, cursor.reset(packet).next());
        assertEquals(MldRecordCursor.MODE_IS_INCLUDE, cursor.recordType());
        assertEquals(0, cursor.auxDataLength());
        assertEquals(1, cursor.sourceCount());
        assertEquals(FF02, cursor.multicastHigh());
        assertEquals(1, cursor.multicastLow());
        assertEquals(2, cursor.sourceLow(0));
        assertEquals(8, cursor.recordOffset());
        assertEquals(36, cursor.recordLength());
        assertEquals(MldRecordCursor.END, cursor.next());
    }

    @Test
    void recordConstruct() {
        byte[] bytes = new byte[44];
        Arrays.fill(bytes, (byte) 0xff);
        packet.wrap(bytes, 0, 44).setTypeAndCode(Icmpv6Packet.TYPE_MLDV2_REPORT, 0);
        packet.setMldRecordCount(1);
        int at = MldRecordCursor.writeRecordHeader(bytes, 8, MldRecordCursor.MODE_IS_INCLUDE, 1, FF02, 1);
        Ipv6Address.write(bytes, at, FF02, 2);
        packet.fillChecksum(FF02, 1, FF02, 2);
        assertArrayEquals(REPORT, bytes);
    }

    @Test
    void queryReprParse() {
        assertEquals(WireStatus.OK, parse(QUERY));
        assertTrue(repr.isQuery());
        assertEquals(text(queryRepr()), text(repr));
        assertEquals("MLDv2 query group=ff02::1 mrc=1024 s=1 qrv=2 qqic=18 sources=1", text(repr));
        assertEquals(2, repr.sourceLow(0));
    }

    @Test
    void reportReprParse() {
        assertEquals(WireStatus.OK, parse(REPORT));
        assertFalse(repr.isQuery());
        assertEquals(text(reportRepr()), text(repr));
        assertEquals("MLDv2 report records=[1:ff02::1/1]", text(repr));
        assertEquals(0, repr.recordFirstSource(0));
    }

    @Test
    void queryReprEmit() {
        byte[] bytes = new byte[44];
        Arrays.fill(bytes, (byte) 0x2a);
        MldRepr query = queryRepr();
        assertEquals(44, query.bufferLen());
        query.emit(packet.wrap(bytes, 0, 44));
        packet.fillChecksum(FF02, 1, FF02, 2);
        assertArrayEquals(QUERY, bytes);
    }

    @Test
    void reportReprEmit() {
        byte[] bytes = new byte[44];
        Arrays.fill(bytes, (byte) 0x2a);
        MldRepr report = reportRepr();
        assertEquals(44, report.bufferLen());
        report.emit(packet.wrap(bytes, 0, 44));
        packet.fillChecksum(FF02, 1, FF02, 2);
        assertArrayEquals(REPORT, bytes);
    }

    @Test
    void scapyReportWithTwoRecords() {
        byte[] bytes = Ipv6Vectors.hex(Ipv6Vectors.MLD_REPORT);
        byte[] icmp = Arrays.copyOfRange(bytes, 48, bytes.length);
        long mld = 0x16;
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(icmp, 0, icmp.length), true, LL, 1, FF02, mld));
        assertEquals(2, repr.recordCount());
        assertEquals(MldRecordCursor.CHANGE_TO_EXCLUDE, repr.recordType(0));
        assertEquals(0, repr.recordSourceCount(0));
        assertEquals(0xff05_0000_0000_0000L, repr.recordGroupHigh(1));
        assertEquals(0x1_0003L, repr.recordGroupLow(1));
        assertEquals(2, repr.recordSourceCount(1));
        assertEquals(2, repr.sourceLow(repr.recordFirstSource(1) + 1));
        assertEquals("MLDv2 report records=[4:ff02::fb/0 1:ff05::1:3/2]", text(repr));
        byte[] out = Ipv6Vectors.filled(icmp.length);
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(LL, 1, FF02, mld);
        assertArrayEquals(icmp, out);
    }

    @Test
    void scapyQueryWithOneSource() {
        byte[] bytes = Ipv6Vectors.hex(Ipv6Vectors.MLD_QUERY);
        byte[] icmp = Arrays.copyOfRange(bytes, 48, bytes.length);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(icmp, 0, icmp.length), true, LL, 1, FF02, 1));
        assertEquals(10000, repr.maxResponseCode());
        assertEquals(0xfb, repr.groupLow());
        assertFalse(repr.suppress());
        assertEquals(2, repr.qrv());
        assertEquals(125, repr.qqic());
        assertEquals(9, repr.sourceLow(0));
        byte[] out = Ipv6Vectors.filled(icmp.length);
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(LL, 1, FF02, 1);
        assertArrayEquals(icmp, out);
    }

    @Test
    void auxDataIsSkipped() {
        byte[] bytes = Arrays.copyOf(REPORT, 48);
        bytes[9] = 1;
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, 48), false, 0, 0, 0, 0));
        assertEquals(1, repr.recordSourceCount(0));
        assertEquals(44, repr.bufferLen());
    }

    @Test
    void everyErrorPathHasAStatus() {
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(QUERY, 0, 43), false, 0, 0, 0, 0), "query source cut");
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(REPORT, 0, 43), false, 0, 0, 0, 0), "record source cut");
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(REPORT, 0, 27), false, 0, 0, 0, 0), "record header cut");
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parse(packet.wrap(REPORT, 0, 44), true, FF02, 1, FF02, 3));
        byte[] bytes = REPORT.clone();
        bytes[1] = 1;
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(bytes, 0, 44), false, 0, 0, 0, 0));
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(Icmpv6Test.ECHO, 0, 12), false, 0, 0, 0, 0));
        byte[] manySources = new byte[28 + 16 * 9];
        manySources[0] = (byte) Icmpv6Packet.TYPE_MLD_QUERY;
        manySources[27] = 9;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(manySources, 0, manySources.length), false, 0, 0, 0, 0));
        byte[] manyRecords = new byte[8 + 20 * 5];
        manyRecords[0] = (byte) Icmpv6Packet.TYPE_MLDV2_REPORT;
        manyRecords[7] = 5;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(manyRecords, 0, manyRecords.length), false, 0, 0, 0, 0));
        assertEquals(WireStatus.OK, parse(REPORT));
        assertEquals(1, repr.recordCount(), "a failed parse left the holder alone");
    }

    @Test
    void misuseIsReportedClearly() {
        assertThrows(IllegalArgumentException.class, () -> repr.setQuery(0x10000, 0, 0, false, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.setQuery(0, 0, 0, false, 8, 0));
        assertEquals("QRV must be 0..7, got 8", e.getMessage());
        repr.setQuery(0, 0, 0, false, 0, 0);
        assertThrows(IllegalStateException.class, () -> repr.addRecord(1, FF02, 1));
        repr.setReport();
        assertThrows(IllegalStateException.class, () -> repr.addSource(0, 1));
        assertThrows(IllegalArgumentException.class, () -> repr.addRecord(7, FF02, 1));
        for (int i = 0; i < MldRepr.MAX_RECORDS; i++) {
            assertTrue(repr.addRecord(MldRecordCursor.ALLOW_NEW_SOURCES, FF02, i));
        }
        assertFalse(repr.addRecord(MldRecordCursor.BLOCK_OLD_SOURCES, FF02, 9));
        for (int i = 0; i < MldRepr.MAX_SOURCES; i++) {
            assertTrue(repr.addSource(LL, i));
        }
        assertFalse(repr.addSource(LL, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.recordType(MldRepr.MAX_RECORDS));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[8], 0, 8)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[44];
        Icmpv6Packet outPacket = new Icmpv6Packet();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("MLDv2 parse, emit and print", () -> {
            repr.parse(packet.wrap(QUERY, 0, QUERY.length), true, FF02, 1, FF02, 2);
            repr.emit(outPacket.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
            repr.parse(packet.wrap(REPORT, 0, REPORT.length), true, FF02, 1, FF02, 2);
            repr.emit(outPacket.wrap(out, 0, out.length));
            outPacket.fillChecksum(FF02, 1, FF02, 2);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitStably(@ForAll boolean query, @ForAll byte[] body) {
        byte[] bytes = Arrays.copyOf(Ipv6Vectors.bytes(query ? 130 : 143, 0), 2 + body.length);
        System.arraycopy(body, 0, bytes, 2, body.length);
        MldRepr parsed = new MldRepr();
        if (parsed.parse(new Icmpv6Packet().wrap(bytes, 0, bytes.length), false, 0, 0, 0, 0) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new Icmpv6Packet().wrap(out, 0, out.length));
            MldRepr again = new MldRepr();
            assertEquals(WireStatus.OK, again.parse(new Icmpv6Packet().wrap(out, 0, out.length), false, 0, 0, 0, 0));
            assertEquals(text(parsed), text(again));
        }
    }

    @Property
    void generatedReportsSurviveEmitAndParse(@ForAll @IntRange(min = 1, max = 4) int records, @ForAll @IntRange(max = 2) int sourcesEach,
            @ForAll long group) {
        repr.setReport();
        for (int r = 0; r < records; r++) {
            repr.addRecord(1 + r, FF02, group + r);
            for (int s = 0; s < sourcesEach; s++) {
                repr.addSource(LL, r * 10 + s);
            }
        }
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(out, 0, out.length));
        packet.fillChecksum(LL, 1, FF02, 0x16);
        MldRepr parsed = new MldRepr();
        assertEquals(WireStatus.OK, parsed.parse(packet, true, LL, 1, FF02, 0x16));
        assertEquals(text(repr), text(parsed));
        assertEquals(records * sourcesEach, parsed.sourceCount());
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        repr.setReport();
        repr.addRecord(MldRecordCursor.CHANGE_TO_EXCLUDE, FF02, 0xfb);
        repr.addRecord(MldRecordCursor.MODE_IS_INCLUDE, 0xff05_0000_0000_0000L, 0x1_0003L);
        repr.addSource(0x2001_0db8_0000_0000L, 1);
        byte[] report = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(report, 0, report.length));
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        repr.setQuery(10000, FF02, 0xfb, true, 2, 125).addSource(0x2001_0db8_0000_0000L, 9);
        byte[] query = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(query, 0, query.length));
        packet.fillChecksum(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        List<String[]> rows = Tshark.judge(dir.resolve("mld.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(Frames.ipv6(IpProtocol.ICMPV6, report), Frames.ipv6(IpProtocol.ICMPV6, query)),
                "icmpv6.type", "icmpv6.checksum.status", "icmpv6.mldr.nb_mcast_records", "icmpv6.mldr.mar.record_type",
                "icmpv6.mldr.mar.multicast_address", "icmpv6.mldr.mar.source_address", "icmpv6.mld.multicast_address",
                "icmpv6.mld.flag.qrv", "icmpv6.mld.qqi", "icmpv6.mld.source_address", "icmpv6.mld.maximum_response_code");
        assertArrayEquals(new String[] {"143", "1", "2", "4,1", "ff02::fb,ff05::1:3", "2001:db8::1", "", "", "", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"130", "1", "", "", "", "", "ff02::fb", "2", "125", "2001:db8::9", "10000"}, rows.get(1));
    }
}
