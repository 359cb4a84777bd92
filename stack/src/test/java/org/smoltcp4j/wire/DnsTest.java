package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

class DnsTest {

    // smoltcp wire/dns.rs vectors (real captures)
    static final byte[] REQUEST = hex("51840120000100000000000006676f6f676c6503636f6d0000010001");
    static final byte[] RESPONSE = hex("51848180000100010000000006676f6f676c6503636f6d0000010001c00c00010001000000ca0004acd9a8ae");
    static final byte[] MULTIPLE_A = hex("4b9e8180000100040000000009727573742d6c616e67036f72670000010001c00c000100010000000900040de07735"
            + "c00c000100010000000900040de07728c00c000100010000000900040de07743c00c000100010000000900040de07762");
    static final byte[] CNAME = hex("786c81800001000200000000037777770866616365626f6f6b03636f6d0000010001c00c00050001000005f3"
            + "001109737461722d6d696e690463313072c010c02e000100010000000500041f0d5324");
    static final byte[] NXDOMAIN = hex("63c48183000100000001000013616861736467686c616b736a68626161736c6403636f6d0000010001c020"
            + "0006000100000383003d01610c67746c642d73657276657273036e657400056e73746c640c766572697369676e2d677273c0205fce8b85"
            + "000007080000038400093a8000015180");
    static final byte[] EMIT = hex("12340100000100000000000009727573742d6c616e67036f72670000010001");
    /** scapy: dns_compress(DNS(id=0xbeef, qr=1, rd=1, ra=1, qd AAAA www.example.com, an CNAME example.com + AAAA 2606:2800:220:1:248:1893:25c8:1946)). */
    static final byte[] SCAPY_AAAA = hex("beef8180000100020000000003777777076578616d706c6503636f6d00001c0001c00c000500010000012c0002"
            + "c010c010001c00010000003c001026062800022000010248189325c81946");
    /** scapy: DNS(id=0, qd=DNSQR(qname="printer.local", qtype="A", qclass=0x8001)), an mDNS "QU" query. */
    static final byte[] SCAPY_MDNS_QU = hex("000001000001000000000000077072696e746572056c6f63616c0000018001");
    /** scapy: an mDNS announcement without question: printer.local A 192.168.1.77, cache-flush class 0x8001. */
    static final byte[] SCAPY_MDNS_ANSWER = hex("000085000000000100000000077072696e746572056c6f63616c0000018001000000780004c0a8014d");

    private final DnsPacket packet = new DnsPacket();
    private final DnsRepr repr = new DnsRepr();
    private final DnsRecordCursor records = new DnsRecordCursor();
    private final DnsNameReader names = new DnsNameReader();

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A message with the given counts and body, flags 0, id 0x1234. */
    static byte[] message(int questions, int answers, String body) {
        return DhcpTest.concat(hex(String.format("12340000%04x%04x00000000", questions, answers)), hex(body));
    }

    private DnsPacket wrap(byte[] bytes) {
        return packet.wrap(bytes, 0, bytes.length);
    }

    private List<String> labels(byte[] bytes, int at) {
        names.start(wrap(bytes), at);
        List<String> result = new ArrayList<>();
        int step;
        while ((step = names.next()) > 0) {
            result.add(new String(bytes, names.labelOffset(), names.labelLength(), StandardCharsets.US_ASCII));
        }
        assertEquals(DnsNameReader.END_OF_NAME, step);
        return result;
    }

    private String name(byte[] bytes, int at) {
        return names.appendTo(wrap(bytes), at, new StringBuilder()).toString();
    }

    /** Parses with the repr and collects "section type data ttl" per record through the cursor. */
    private List<String> parseAll(byte[] bytes) {
        assertEquals(WireStatus.OK, repr.parse(wrap(bytes)));
        assertEquals(WireStatus.OK, records.start(packet));
        List<String> lines = new ArrayList<>();
        int status;
        while ((status = records.next()) == WireStatus.OK) {
            lines.add(records.section() + " " + records.appendTo(new StringBuilder()));
        }
        assertEquals(DnsRecordCursor.END, status);
        return lines;
    }

    // ---- smoltcp's seven tests ----

    @Test
    void parseName() {
        assertEquals(List.of("www", "facebook", "com"), labels(CNAME, 0x0c));
        assertEquals(List.of("www", "facebook", "com"), labels(CNAME, 0x22));
        assertEquals(List.of("star-mini", "c10r", "facebook", "com"), labels(CNAME, 0x2e));
        assertEquals(List.of("star-mini", "c10r", "facebook", "com"), labels(CNAME, 0x3f));
    }

    @Test
    void parseRequest() {
        assertEquals(List.of(), parseAll(REQUEST));
        assertEquals(0x5184, packet.transactionId());
        assertEquals(DnsPacket.FLAG_RECURSION_DESIRED | DnsPacket.FLAG_AUTHENTIC_DATA, packet.flags());
        assertEquals(DnsPacket.OPCODE_QUERY, packet.opcode());
        assertEquals(1, packet.questionCount());
        assertEquals(0, packet.answerCount());
        assertEquals(0, packet.authorityCount());
        assertEquals(0, packet.additionalCount());
        byte[] name = new byte[DnsName.MAX_LENGTH];
        assertEquals(12, repr.copyQuestionName(name, 0));
        assertArrayEquals(hex("06676f6f676c6503636f6d00"), Arrays.copyOf(name, 12));
        assertEquals(DnsPacket.TYPE_A, repr.questionType());
        assertFalse(repr.isResponse());
    }

    @Test
    void parseResponse() {
        assertEquals(List.of("1 google.com A 172.217.168.174 ttl=202"), parseAll(RESPONSE));
        assertEquals(0x5184, repr.transactionId());
        assertEquals(DnsPacket.FLAG_RESPONSE | DnsPacket.FLAG_RECURSION_DESIRED | DnsPacket.FLAG_RECURSION_AVAILABLE, repr.flags());
        assertEquals(DnsPacket.RCODE_NO_ERROR, repr.rcode());
        assertEquals(1, packet.answerCount());
        assertTrue(repr.questionNameEquals(hex("06676f6f676c6503636f6d00"), 0, 12));
        assertEquals(WireStatus.OK, records.moveTo(packet, 0));
        assertEquals(0x1c, records.nameOffset());
        assertEquals(202, records.ttl());
        assertEquals(Ipv4Address.of(0xac, 0xd9, 0xa8, 0xae), records.a());
        assertTrue(names.matches(packet, records.nameOffset(), hex("06676f6f676c6503636f6d00"), 0, 12));
    }

    @Test
    void parseResponseMultipleA() {
        assertEquals(List.of("1 rust-lang.org A 13.224.119.53 ttl=9", "1 rust-lang.org A 13.224.119.40 ttl=9",
                "1 rust-lang.org A 13.224.119.67 ttl=9", "1 rust-lang.org A 13.224.119.98 ttl=9"), parseAll(MULTIPLE_A));
        assertEquals(0x4b9e, repr.transactionId());
        assertEquals(4, packet.answerCount());
        assertEquals(WireStatus.OK, records.moveTo(packet, 3));
        assertEquals(3, records.index());
        assertEquals(Ipv4Address.of(13, 224, 119, 98), records.a());
        assertEquals(DnsRecordCursor.END, records.moveTo(packet, 4));
    }

    @Test
    void parseResponseCname() {
        assertEquals(List.of("1 www.facebook.com CNAME star-mini.c10r.facebook.com ttl=1523",
                "1 star-mini.c10r.facebook.com A 31.13.83.36 ttl=5"), parseAll(CNAME));
        assertEquals(0x786c, repr.transactionId());
        assertEquals(WireStatus.OK, records.moveTo(packet, 0));
        assertEquals(DnsPacket.TYPE_CNAME, records.type());
        assertEquals(0x2e, records.cnameOffset());
        assertEquals(17, records.dataLength());
        int target = records.cnameOffset();
        assertEquals(WireStatus.OK, records.next());
        assertFalse(names.matches(packet, records.nameOffset(), CNAME, target, 0), "an empty query name matches nothing");
        byte[] copied = new byte[DnsName.MAX_LENGTH];
        int length = names.copyTo(packet, target, copied, 0);
        assertEquals(29, length);
        assertTrue(names.matches(packet, records.nameOffset(), copied, 0, length), "A owner is the CNAME target");
    }

    @Test
    void parseResponseNxdomain() {
        assertEquals(List.of("2 com SOA (61 bytes) ttl=899"), parseAll(NXDOMAIN));
        assertEquals(0x63c4, repr.transactionId());
        assertEquals(DnsPacket.RCODE_NAME_ERROR, repr.rcode());
        assertEquals(1, packet.authorityCount());
        assertEquals(DnsPacket.TYPE_A, repr.questionType());
        records.moveTo(packet, 0);
        assertEquals(DnsRecordCursor.SECTION_AUTHORITY, records.section());
        assertEquals(DnsPacket.TYPE_SOA, records.type());
        assertEquals("DNS 0x63c4 response rd ra NXDomain A? ahasdghlaksjhbaasld.com", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void emit() {
        repr.setTransactionId(0x1234).setFlags(DnsPacket.FLAG_RECURSION_DESIRED).setOpcode(DnsPacket.OPCODE_QUERY)
                .setQuestionLabels(hex("09727573742d6c616e67036f726700"), 0, 15, DnsPacket.TYPE_A);
        assertEquals(EMIT.length, repr.bufferLen());
        byte[] out = new byte[repr.bufferLen()];
        Arrays.fill(out, (byte) 0xa5);
        repr.emit(wrap(out));
        assertArrayEquals(EMIT, out);
        repr.setQuestion(ascii("rust-lang.org."), 0, 14, DnsPacket.TYPE_A);
        Arrays.fill(out, (byte) 0xa5);
        repr.emit(wrap(out));
        assertArrayEquals(EMIT, out, "dotted text gives the same bytes");
        assertEquals("DNS 0x1234 query rd A? rust-lang.org", repr.appendTo(new StringBuilder()).toString());
    }

    // ---- beyond smoltcp ----

    @Test
    void parsesScapyCompressedAaaaThroughACname() {
        assertEquals(List.of("1 www.example.com CNAME example.com ttl=300", "1 example.com AAAA 2606:2800:220:1:248:1893:25c8:1946 ttl=60"),
                parseAll(SCAPY_AAAA));
        assertEquals(DnsPacket.TYPE_AAAA, repr.questionType());
        records.moveTo(packet, 1);
        assertEquals(0x2606_2800_0220_0001L, records.aaaaHigh());
        assertEquals(0x0248_1893_25c8_1946L, records.aaaaLow());
    }

    @Test
    void mdnsUnicastResponseBitAndCacheFlushAreRecognised() {
        assertEquals(List.of(), parseAll(SCAPY_MDNS_QU));
        assertTrue(repr.unicastResponse());
        assertEquals("DNS 0x0 query rd A? printer.local (QU)", repr.appendTo(new StringBuilder()).toString());
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(wrap(out));
        assertArrayEquals(SCAPY_MDNS_QU, out);

        assertEquals(WireStatus.UNSUPPORTED, repr.parse(wrap(SCAPY_MDNS_ANSWER)), "no question to hold");
        assertEquals(WireStatus.OK, records.moveTo(packet, 0));
        assertTrue(records.cacheFlush());
        assertEquals(DnsPacket.CLASS_IN, records.recordClass());
        assertEquals(Ipv4Address.of(192, 168, 1, 77), records.a());
        assertEquals(120, records.ttl());
    }

    @Test
    void questionClassOtherThanInIsUnsupported() {
        byte[] chaos = message(1, 0, "0776657273696f6e0462696e640000100003");
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(wrap(chaos)));
    }

    @Test
    void shortHeaderIsTruncated() {
        for (int len = 0; len < DnsPacket.HEADER_LEN; len++) {
            assertEquals(WireStatus.TRUNCATED, wrap(Arrays.copyOf(REQUEST, len)).check());
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet));
            assertEquals(WireStatus.TRUNCATED, records.start(packet));
            assertEquals(WireStatus.TRUNCATED, records.next(), "errors are sticky");
        }
    }

    @Test
    void everyTruncationOfTheGoldenResponsesIsReportedNotThrown() {
        for (byte[] golden : List.of(RESPONSE, MULTIPLE_A, CNAME, NXDOMAIN, SCAPY_AAAA)) {
            for (int len = 0; len < golden.length; len++) {
                assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(Arrays.copyOf(golden, len))), "length " + len);
            }
        }
    }

    @Test
    void compressionLoopsAndBadPointersAreMalformed() {
        String[] bodies = {
            "c00c00010001", // points at itself
            "0161c00c00010001", // label then pointer back to the name's own start: the classic loop
            "c01000010001" + "00", // points forward
            "c0ff00010001", // points outside the message
            "4100010001", // extended label type 01
            "8100010001", // reserved label type 10
        };
        for (String body : bodies) {
            assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 0, body))), body);
        }
    }

    @Test
    void pointersMustGoFurtherBackThanTheRunTheyEndEvenAfterAJump() {
        // offset 12: "a" + pointer to 18; 18: "b" + pointer to 12 -> 12 is before 18, but the second run
        // started at 18 and 12 is where the first run started: loop over two pointers is refused
        byte[] bytes = message(0, 0, "0161c0120000" + "0162c00c");
        assertEquals(WireStatus.MALFORMED, names.skip(wrap(bytes), 18));
        assertEquals(WireStatus.MALFORMED, names.skip(packet, 12));
    }

    @Test
    void pointerChainsAreBoundedByMaxJumps() {
        int jumps = DnsNameReader.MAX_POINTER_JUMPS;
        StringBuilder body = new StringBuilder("00");
        for (int i = 0; i <= jumps; i++) {
            int target = i == 0 ? 12 : 13 + 2 * (i - 1);
            body.append(String.format("%04x", 0xc000 | target));
        }
        byte[] bytes = message(0, 0, body.toString());
        int lastAllowed = 13 + 2 * (jumps - 1);
        assertEquals(lastAllowed + 2, names.skip(wrap(bytes), lastAllowed));
        assertEquals(".", name(bytes, lastAllowed));
        assertEquals(WireStatus.MALFORMED, names.skip(packet, lastAllowed + 2));
    }

    @Test
    void namesLongerThan255BytesAreMalformed() {
        String label63 = "3f" + "61".repeat(63);
        assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 0, label63.repeat(4) + "00" + "00010001"))));
        String fits = label63.repeat(3) + "3d" + "61".repeat(61) + "00";
        assertEquals(WireStatus.OK, repr.parse(wrap(message(1, 0, fits + "00010001"))));
        assertEquals(255, repr.questionNameLength());
    }

    @Test
    void truncatedNamesAndQuestionsAreTruncated() {
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 0, "056162"))), "label runs past the end");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 0, "0161c0"))), "pointer cut");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 0, "01610000"))), "no type and class");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(2, 0, "0161000001000100"))), "second question cut");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 1, "0161000001000100"))), "promised answer missing");
    }

    @Test
    void badRecordDataIsRejected() {
        String question = "01610000010001";
        assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 1, question + "c00c00010001000000010005" + "0102030405"))), "A of 5");
        assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 1, question + "c00c001c0001000000010004" + "01020304"))), "AAAA of 4");
        assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 1, question + "c00c00050001000000010003" + "c00c00"))),
                "CNAME name shorter than its data");
        assertEquals(WireStatus.MALFORMED, repr.parse(wrap(message(1, 1, question + "c00c00050001000000010002" + "c021"))),
                "CNAME pointing forward");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 1, question + "c00c00010001000000010004" + "010203"))), "data cut");
        assertEquals(WireStatus.TRUNCATED, repr.parse(wrap(message(1, 1, question + "c00c000100010000"))), "record header cut");
        assertEquals(WireStatus.OK, repr.parse(wrap(message(1, 1, question + "c00c00010003000000010005" + "0102030405"))),
                "class CH data is opaque");
    }

    @Test
    void namesCompareWithoutCaseAndPrintWithEscapes() {
        byte[] bytes = message(1, 0, "03577777" + "04612e5c01" + "00" + "00010001");
        assertTrue(names.matches(wrap(bytes), 12, hex("03777777" + "04612e5c01" + "00"), 0, 10));
        assertFalse(names.matches(packet, 12, hex("03777777" + "00"), 0, 5));
        assertFalse(names.matches(packet, 12, hex("03777777" + "04612e5c01"), 0, 9), "query name without root");
        assertFalse(names.matches(packet, 12, hex("03777777" + "04612e5c01" + "0000"), 0, 11), "query name longer");
        assertEquals("Www.a\\.\\\\\\001", name(bytes, 12));
        assertEquals("<malformed name>", name(message(1, 0, "c00c"), 12));
        assertFalse(names.matches(wrap(message(1, 0, "c00c")), 12, hex("00"), 0, 1));
        byte[] out = new byte[DnsName.MAX_LENGTH];
        assertEquals(WireStatus.MALFORMED, names.copyTo(packet, 12, out, 0));
    }

    @Test
    void dottedTextAndWireFormValidation() {
        byte[] out = new byte[DnsName.MAX_LENGTH];
        assertEquals(1, DnsName.fromDotted(ascii(""), 0, 0, out, 0));
        assertEquals(1, DnsName.fromDotted(ascii("."), 0, 1, out, 0));
        assertEquals(0, out[0]);
        assertEquals("DNS label at text offset 2 must be 1..63 bytes, got 0",
                assertThrows(IllegalArgumentException.class, () -> DnsName.fromDotted(ascii("a..b"), 0, 4, out, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromDotted(ascii(".a"), 0, 2, out, 0));
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromDotted(ascii("a".repeat(64)), 0, 64, out, 0));
        byte[] tooLong = ascii(("a".repeat(63) + ".").repeat(4));
        assertThrows(IllegalArgumentException.class, () -> DnsName.fromDotted(tooLong, 0, tooLong.length, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> DnsName.fromDotted(ascii("abc"), 0, 3, new byte[4], 0));
        DnsName.requireWireForm(hex("0161016200"), 0, 5);
        assertThrows(IllegalArgumentException.class, () -> DnsName.requireWireForm(hex("01610162"), 0, 4));
        assertThrows(IllegalArgumentException.class, () -> DnsName.requireWireForm(hex("00ff"), 0, 2));
        assertThrows(IllegalArgumentException.class, () -> DnsName.requireWireForm(hex("0161c00c"), 0, 4));
        assertThrows(IllegalArgumentException.class, () -> DnsName.requireWireForm(new byte[256], 0, 256));
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("DNS transaction id must be 0..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> repr.setTransactionId(65536)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setFlags(0x0040));
        assertThrows(IllegalArgumentException.class, () -> repr.setOpcode(16));
        assertThrows(IllegalArgumentException.class, () -> repr.setRcode(-1));
        assertThrows(IllegalArgumentException.class, () -> repr.setQuestion(ascii("a"), 0, 1, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> repr.setQuestion(ascii("a..b"), 0, 4, DnsPacket.TYPE_A));
        assertEquals(1, repr.questionNameLength(), "a rejected name leaves the holder unchanged");
        assertThrows(IllegalArgumentException.class, () -> repr.setQuestionLabels(hex("0161"), 0, 2, DnsPacket.TYPE_A));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(wrap(new byte[16])));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.copyQuestionName(new byte[0], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> names.start(wrap(REQUEST), REQUEST.length + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> names.copyTo(wrap(REQUEST), 12, new byte[100], 0));
        assertThrows(IllegalArgumentException.class, () -> records.moveTo(wrap(CNAME), -1));
        records.moveTo(wrap(CNAME), 0);
        assertEquals("the loaded record is type 5 with 17 data bytes, not type 1 with 4",
                assertThrows(IllegalStateException.class, records::a).getMessage());
        assertThrows(IllegalStateException.class, records::aaaaHigh);
        records.next();
        assertThrows(IllegalStateException.class, records::cnameOffset);
        assertThrows(IllegalStateException.class, records::aaaaLow);
        records.start(packet);
        assertThrows(IllegalStateException.class, records::a, "nothing loaded yet");
        assertEquals("<no record>", records.appendTo(new StringBuilder()).toString());
    }

    @Test
    void printsTypesAndRcodes() {
        StringBuilder out = new StringBuilder();
        for (int type : new int[] {1, 2, 5, 6, 12, 16, 28, 33, 41, 255, 99}) {
            DnsPacket.appendType(out, type).append(' ');
        }
        for (int rcode = 0; rcode <= 6; rcode++) {
            DnsPacket.appendRcode(out, rcode).append(' ');
        }
        assertEquals("A NS CNAME SOA PTR TXT AAAA SRV OPT ANY TYPE99 NoError FormErr ServFail NXDomain NotImp Refused rcode-6 ",
                out.toString());
        repr.setTransactionId(7).setOpcode(DnsPacket.OPCODE_STATUS).setFlags(0x87b0).setRcode(5);
        assertEquals("DNS 0x7 response opcode=2 aa tc rd ra ad cd Refused A? .", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseCursorEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[512];
        byte[] name = new byte[DnsName.MAX_LENGTH];
        byte[] query = ascii("www.example.com");
        DnsPacket outPacket = new DnsPacket();
        StringBuilder line = new StringBuilder(512);
        AllocationProbe.assertAllocationFree("DNS parse, record cursor, names, emit and print", () -> {
            repr.parse(packet.wrap(CNAME, 0, CNAME.length));
            records.start(packet);
            line.setLength(0);
            while (records.next() == WireStatus.OK) {
                records.appendTo(line);
                names.copyTo(packet, records.nameOffset(), name, 0);
                repr.questionNameMatches(packet, records.nameOffset());
            }
            repr.appendTo(line);
            repr.setQuestion(query, 0, query.length, DnsPacket.TYPE_AAAA);
            repr.emit(outPacket.wrap(out, 0, out.length));
            repr.parse(packet.wrap(SCAPY_AAAA, 0, SCAPY_AAAA.length));
            records.moveTo(packet, 1);
            line.setLength(0);
            records.appendTo(line);
        });
    }

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        exerciseEverything(bytes);
    }

    @Property
    void mutatedGoldenVectorsNeverThrow(@ForAll @IntRange(max = 7) int which, @ForAll @IntRange(max = 130) int position,
            @ForAll byte value, @ForAll @IntRange(max = 130) int length) {
        byte[] golden = new byte[][] {REQUEST, RESPONSE, MULTIPLE_A, CNAME, NXDOMAIN, SCAPY_AAAA, SCAPY_MDNS_QU, SCAPY_MDNS_ANSWER}[which];
        byte[] bytes = Arrays.copyOf(golden, Math.min(length, golden.length));
        if (position < bytes.length) {
            bytes[position] = value;
        }
        exerciseEverything(bytes);
    }

    /** Parses, walks every record and every possible name start; on OK, emit and re-parse must agree. */
    private static void exerciseEverything(byte[] bytes) {
        DnsPacket view = new DnsPacket().wrap(bytes, 0, bytes.length);
        DnsNameReader reader = new DnsNameReader();
        byte[] name = new byte[DnsName.MAX_LENGTH];
        for (int at = 0; at <= bytes.length; at++) {
            reader.skip(view, at);
            reader.copyTo(view, at, name, 0);
            reader.appendTo(view, at, new StringBuilder());
        }
        DnsRecordCursor cursor = new DnsRecordCursor();
        cursor.start(view);
        int count = 0;
        while (cursor.next() == WireStatus.OK) {
            cursor.appendTo(new StringBuilder());
            count++;
        }
        assertTrue(count <= bytes.length / 11);
        DnsRepr parsed = new DnsRepr();
        if (parsed.parse(view) == WireStatus.OK) {
            assertReEmitsIdentically(parsed);
        }
    }

    private static void assertReEmitsIdentically(DnsRepr source) {
        byte[] first = new byte[source.bufferLen()];
        source.emit(new DnsPacket().wrap(first, 0, first.length));
        DnsRepr again = new DnsRepr();
        assertEquals(WireStatus.OK, again.parse(new DnsPacket().wrap(first, 0, first.length)));
        assertEquals(source.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
        assertEquals(source.rcode(), again.rcode());
        byte[] second = new byte[again.bufferLen()];
        again.emit(new DnsPacket().wrap(second, 0, second.length));
        assertArrayEquals(first, second);
    }

    @Property
    void generatedQueriesRoundTrip(@ForAll("hostnames") String host, @ForAll @IntRange(max = 0xffff) int id,
            @ForAll @IntRange(min = 1, max = 0xffff) int type, @ForAll @IntRange(max = 15) int opcode,
            @ForAll @IntRange(max = 15) int rcode, @ForAll @IntRange(max = 0x87b0) int flagBits, @ForAll boolean qu) {
        byte[] text = ascii(host);
        DnsRepr query = new DnsRepr().setTransactionId(id).setFlags(flagBits & DnsPacket.FLAGS_MASK).setOpcode(opcode)
                .setRcode(rcode).setQuestion(text, 0, text.length, type).setUnicastResponse(qu);
        assertReEmitsIdentically(query);
        byte[] out = new byte[query.bufferLen()];
        query.emit(new DnsPacket().wrap(out, 0, out.length));
        DnsRepr parsed = new DnsRepr();
        parsed.parse(new DnsPacket().wrap(out, 0, out.length));
        assertEquals(id, parsed.transactionId());
        assertEquals(type, parsed.questionType());
        assertEquals(qu, parsed.unicastResponse());
        assertEquals(host, DnsName.appendWireForm(new StringBuilder(), out, 12).toString());
    }

    @Provide
    Arbitrary<String> hostnames() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '0').ofMinLength(1).ofMaxLength(63)
                .list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels));
    }

    @Test
    void tsharkReadsWhatWeEmitAndAgreesWithOurParse(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        byte[] host = ascii("www.example.com");
        frames.add(query(new DnsRepr().setTransactionId(0xabcd).setQuestion(host, 0, host.length, DnsPacket.TYPE_A), DnsPacket.PORT));
        frames.add(query(new DnsRepr().setTransactionId(0xabce).setQuestion(host, 0, host.length, DnsPacket.TYPE_AAAA), DnsPacket.PORT));
        byte[] local = ascii("printer.local");
        frames.add(query(new DnsRepr().setTransactionId(0).setFlags(0).setQuestion(local, 0, local.length, DnsPacket.TYPE_A)
                .setUnicastResponse(true), DnsPacket.MDNS_PORT));
        for (byte[] response : List.of(CNAME, MULTIPLE_A, SCAPY_AAAA)) {
            frames.add(UdpHeaderFixture.ipv4Frame(DnsPacket.PORT, 40000, response));
        }
        List<String[]> rows = Tshark.judge(dir.resolve("dns.pcap"), PcapFormat.LINKTYPE_ETHERNET, frames, "dns.id",
                "dns.flags.response", "dns.qry.name", "dns.qry.type", "dns.qry.qu", "dns.count.answers", "dns.a", "dns.aaaa", "dns.cname");
        assertArrayEquals(new String[] {"0xabcd", "0", "www.example.com", "1", "", "0", "", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"0xabce", "0", "www.example.com", "28", "", "0", "", "", ""}, rows.get(1));
        assertArrayEquals(new String[] {"0x0000", "0", "printer.local", "1", "1", "0", "", "", ""}, rows.get(2));
        String[][] ours = {ourView(CNAME), ourView(MULTIPLE_A), ourView(SCAPY_AAAA)};
        for (int i = 0; i < ours.length; i++) {
            assertArrayEquals(Arrays.copyOfRange(ours[i], 0, 4), Arrays.copyOfRange(rows.get(3 + i), 0, 4));
            assertArrayEquals(Arrays.copyOfRange(ours[i], 4, 8), Arrays.copyOfRange(rows.get(3 + i), 5, 9));
        }
    }

    private byte[] query(DnsRepr query, int port) {
        byte[] out = new byte[query.bufferLen()];
        query.emit(wrap(out));
        return UdpHeaderFixture.ipv4Frame(port == DnsPacket.MDNS_PORT ? port : 40000, port, out);
    }

    /** Our reading of a response in tshark's field format: id, response, name, type, answers, a, aaaa, cname. */
    private String[] ourView(byte[] response) {
        assertEquals(WireStatus.OK, repr.parse(wrap(response)));
        List<String> a = new ArrayList<>();
        List<String> aaaa = new ArrayList<>();
        List<String> cname = new ArrayList<>();
        records.start(packet);
        while (records.next() == WireStatus.OK) {
            if (records.type() == DnsPacket.TYPE_A) {
                a.add(Ipv4Address.append(new StringBuilder(), records.a()).toString());
            } else if (records.type() == DnsPacket.TYPE_AAAA) {
                aaaa.add(Ipv6Address.append(new StringBuilder(), records.aaaaHigh(), records.aaaaLow()).toString());
            } else if (records.type() == DnsPacket.TYPE_CNAME) {
                cname.add(name(response, records.cnameOffset()));
            }
        }
        byte[] question = new byte[DnsName.MAX_LENGTH];
        repr.copyQuestionName(question, 0);
        return new String[] {String.format("0x%04x", repr.transactionId()), repr.isResponse() ? "1" : "0",
            DnsName.appendWireForm(new StringBuilder(), question, 0).toString(), Integer.toString(repr.questionType()),
            Integer.toString(packet.answerCount()), String.join(",", a), String.join(",", aaaa), String.join(",", cname)};
    }
}
