package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.wire.TcpPacket.FLAG_ACK;
import static org.smoltcp4j.wire.TcpPacket.FLAG_CWR;
import static org.smoltcp4j.wire.TcpPacket.FLAG_ECE;
import static org.smoltcp4j.wire.TcpPacket.FLAG_FIN;
import static org.smoltcp4j.wire.TcpPacket.FLAG_PSH;
import static org.smoltcp4j.wire.TcpPacket.FLAG_RST;
import static org.smoltcp4j.wire.TcpPacket.FLAG_SYN;
import static org.smoltcp4j.wire.TcpPacket.FLAG_URG;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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

class TcpTest {

    /** smoltcp wire/tcp.rs: 192.168.1.1 and 192.168.1.2. */
    static final int SRC = Ipv4Address.of(192, 168, 1, 1);
    static final int DST = Ipv4Address.of(192, 168, 1, 2);

    /** smoltcp PACKET_BYTES: FIN RST ACK URG, window scale 12 and a NOP, 4 payload bytes. */
    static final byte[] PACKET = bytes("bf00005001234567" + "89abcdef60350123" + "01b60201" + "03030c01" + "aa0000ff");
    static final byte[] OPTIONS = bytes("03030c01");
    static final byte[] PAYLOAD = bytes("aa0000ff");
    /** smoltcp SYN_PACKET_BYTES: a SYN without options and 4 payload bytes. */
    static final byte[] SYN_PACKET = bytes("bf00005001234567" + "0000000050020123" + "7a8d0000" + "aa0000ff");

    /**
     * scapy: IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=49500, dport=80, seq=0xdeadbeef, flags="S", window=64240,
     * options=[("MSS",1460),("SAckOK",b""),("Timestamp",(12345,0)),("NOP",None),("WScale",7)]).
     */
    static final byte[] SCAPY_SYN_IPV4 = bytes("c15c0050deadbeef00000000a002faf0a9890000" + "020405b40402080a00003039000000000103" + "0307");
    /**
     * scapy: IPv6(src="fe80::1", dst="fe80::2")/TCP(sport=80, dport=49500, seq=1000, ack=0xdeadbef0, flags="A",
     * window=501, options=[NOP, NOP, ("Timestamp",(777,12345)), NOP, NOP, ("SAck",(2000,3000,4000,5000))])/Raw(b"data!").
     */
    static final byte[] SCAPY_SACK_IPV6 = bytes("0050c15c000003e8deadbef0d01001f55aaf0000" + "0101080a0000030900003039"
            + "01010512000007d000000bb800000fa000001388" + "6461746121");

    private final TcpPacket packet = new TcpPacket();
    private final TcpRepr repr = new TcpRepr();
    private final TcpOptionCursor cursor = new TcpOptionCursor();

    // --- smoltcp tcp.rs tests ---

    @Test
    void deconstruct() {
        packet.wrap(PACKET, 0, PACKET.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(48896, packet.sourcePort());
        assertEquals(80, packet.destinationPort());
        assertEquals(0x01234567, packet.sequenceNumber());
        assertEquals(0x89abcdef, packet.ackNumber());
        assertEquals(24, packet.headerLength());
        assertEquals(FLAG_FIN | FLAG_RST | FLAG_ACK | FLAG_URG, packet.flags());
        assertTrue(packet.hasFlags(FLAG_FIN | FLAG_RST));
        assertFalse(packet.hasFlags(FLAG_SYN));
        assertFalse(packet.hasFlags(FLAG_PSH));
        assertEquals(0x0123, packet.window());
        assertEquals(0x0201, packet.urgentPointer());
        assertEquals(0x01b6, packet.checksum());
        assertArrayEquals(OPTIONS, Arrays.copyOfRange(PACKET, packet.optionsOffset(), packet.optionsOffset() + packet.optionsLength()));
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(PACKET, packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength()));
        assertTrue(packet.verifyChecksumIpv4(SRC, DST));
    }

    @Test
    void construct() {
        byte[] out = filled(PACKET.length);
        packet.wrap(out, 0, out.length);
        packet.setSourcePort(48896);
        packet.setDestinationPort(80);
        packet.setSequenceNumber(0x01234567);
        packet.setAckNumber(0x89abcdef);
        packet.setHeaderLengthAndFlags(24, FLAG_FIN | FLAG_RST | FLAG_ACK | FLAG_URG);
        packet.setWindow(0x0123);
        packet.setUrgentPointer(0x0201);
        packet.setChecksum(0xeeee);
        System.arraycopy(OPTIONS, 0, out, packet.optionsOffset(), 4);
        System.arraycopy(PAYLOAD, 0, out, packet.payloadOffset(), 4);
        packet.fillChecksumIpv4(SRC, DST);
        assertArrayEquals(PACKET, out);
    }

    @Test
    void truncated() {
        assertEquals(WireStatus.TRUNCATED, packet.wrap(PACKET, 0, 23).check());
        assertEquals(WireStatus.TRUNCATED, repr.parseIpv4(packet, SRC, DST, false));
    }

    @Test
    void impossibleLength() {
        byte[] bytes = new byte[20];
        bytes[12] = 2 << 4;
        assertEquals(WireStatus.MALFORMED, packet.wrap(bytes, 0, 20).check());
        assertEquals(WireStatus.MALFORMED, repr.parseIpv4(packet, SRC, DST, false));
    }

    @Test
    void parse() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(SYN_PACKET, 0, SYN_PACKET.length), SRC, DST, true));
        assertEquals(fields(synRepr()), fields(repr));
    }

    @Test
    void emit() {
        TcpRepr syn = synRepr();
        assertEquals(20, syn.bufferLen());
        byte[] out = filled(syn.bufferLen() + syn.payloadLength());
        syn.emit(packet.wrap(out, 0, out.length));
        System.arraycopy(PAYLOAD, 0, out, packet.payloadOffset(), 4);
        packet.fillChecksumIpv4(SRC, DST);
        assertArrayEquals(SYN_PACKET, out);
    }

    @Test
    void headerLengthIsAMultipleOf4() {
        TcpRepr syn = synRepr().setWindowScale(0);
        assertEquals(24, syn.bufferLen());
    }

    @Test
    void eachOptionIsReadAndEmitted() {
        assertOption("00", -1, 0);
        assertOption("01", TcpOptionCursor.KIND_NOP, 1);
        assertOption("020405dc", TcpOptionCursor.KIND_MSS, 4);
        assertEquals(1500, cursor.maxSegmentSize());
        assertOption("03030c", TcpOptionCursor.KIND_WINDOW_SCALE, 3);
        assertEquals(12, cursor.windowScale());
        assertOption("0402", TcpOptionCursor.KIND_SACK_PERMITTED, 2);
        assertOption("050a000001f4000005dc", TcpOptionCursor.KIND_SACK, 10);
        assertSack(500, 1500);
        assertOption("0512" + "0000036b000004c9" + "000005dc000009c4", TcpOptionCursor.KIND_SACK, 18);
        assertSack(875, 1225, 1500, 2500);
        assertOption("051a" + "000d59f80012b128" + "0016e36000 2625a0".replace(" ", "") + "343efcea3440aef0", TcpOptionCursor.KIND_SACK, 26);
        assertSack(875000, 1225000, 1500000, 2500000, 876543210, 876654320);
        assertOption("080a004c4b40006acfc0", TcpOptionCursor.KIND_TIMESTAMP, 10);
        assertEquals(5000000, cursor.timestampValue());
        assertEquals(7000000, cursor.timestampEchoReply());
        assertOption("0c05010203", 12, 5);

        assertEmitsOptions(new TcpRepr().setMaxSegmentSize(1500), "020405dc");
        assertEmitsOptions(new TcpRepr().setWindowScale(12), "0103030c");
        assertEmitsOptions(new TcpRepr().setSackPermitted(true), "01010402");
        assertEmitsOptions(new TcpRepr().addSackBlock(500, 1500), "0101050a000001f4000005dc");
        assertEmitsOptions(new TcpRepr().setTimestamp(5000000, 7000000), "0101080a004c4b40006acfc0");
        assertEmitsOptions(new TcpRepr().setTimestamp(5000000, 7000000).setSackPermitted(true), "0402080a004c4b40006acfc0");
    }

    @Test
    void malformedOptions() {
        assertOptionsStatus("", TcpOptionCursor.DONE);
        assertOptionsStatus("0101010c", WireStatus.MALFORMED);
        assertOptionsStatus("0c050102", WireStatus.MALFORMED);
        assertOptionsStatus("0c010000", WireStatus.MALFORMED);
        assertOptionsStatus("0c000000", WireStatus.MALFORMED);
        assertOptionsStatus("02020000", WireStatus.MALFORMED);
        assertOptionsStatus("03020000", WireStatus.MALFORMED);
        assertOptionsStatus("04030000", WireStatus.MALFORMED);
        assertOptionsStatus("0509" + "0000000000000000" + "0000", WireStatus.MALFORMED);
        assertOptionsStatus("0502" + "0000", WireStatus.MALFORMED);
        assertOptionsStatus("0809" + "000000000000000000" + "0000".substring(0, 2), WireStatus.MALFORMED);
        assertEquals(WireStatus.MALFORMED, cursor.next(), "a malformed cursor stays malformed");
        assertEquals(WireStatus.MALFORMED, repr.parseIpv4(segment("0c000000", 0), SRC, DST, false));
    }

    // --- scapy vectors, IPv4 and IPv6 ---

    @Test
    void scapySynOverIpv4ParsesAndReEmitsIdentically() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(SCAPY_SYN_IPV4, 0, SCAPY_SYN_IPV4.length),
                Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true));
        assertEquals("TCP src=49500 dst=80 syn seq=3735928559 win=64240 len=0 mss=1460 ws=7 sackOK ts=12345/0",
                repr.appendTo(new StringBuilder()).toString());
        assertEquals(1, repr.segmentLength());
        assertArrayEquals(SCAPY_SYN_IPV4, emit(repr, new byte[0], false));
    }

    @Test
    void scapySackAckOverIpv6ParsesAndReEmitsIdentically() {
        assertEquals(WireStatus.OK, parseIpv6(SCAPY_SACK_IPV6, true));
        assertEquals("TCP src=80 dst=49500 seq=1000 ack=3735928560 win=501 len=5 sack=2000-3000,4000-5000 ts=777/12345",
                repr.appendTo(new StringBuilder()).toString());
        assertEquals(2, repr.sackBlockCount());
        assertEquals(4000, repr.sackLeft(1));
        assertEquals(5000, repr.sackRight(1));
        assertEquals(5, repr.segmentLength());
        assertArrayEquals(SCAPY_SACK_IPV6, emit(repr, "data!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true));
    }

    // --- error paths and parse rules ---

    @Test
    void truncatedAtEveryLengthAndWhenTheDataOffsetPassesTheBuffer() {
        for (int len = 0; len < 20; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(SCAPY_SYN_IPV4, 0, len).check(), "length " + len);
        }
        for (int len = 20; len < 40; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(SCAPY_SYN_IPV4, 0, len).check(), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parseIpv6(packet, 0, 0, 0, 0, false), "length " + len);
        }
    }

    @Test
    void portZeroIsMalformed() {
        for (int at : new int[] {0, 2}) {
            byte[] bytes = SYN_PACKET.clone();
            bytes[at] = 0;
            bytes[at + 1] = 0;
            assertEquals(WireStatus.MALFORMED, repr.parseIpv4(packet.wrap(bytes, 0, bytes.length), SRC, DST, true));
        }
    }

    @Test
    void twoOfSynFinRstAreMalformedButOtherFlagsMayJoinThem() {
        int[] bad = {FLAG_SYN | FLAG_FIN, FLAG_SYN | FLAG_RST, FLAG_FIN | FLAG_RST, FLAG_SYN | FLAG_FIN | FLAG_RST};
        for (int flags : bad) {
            assertEquals(WireStatus.MALFORMED, repr.parseIpv4(segment("", flags), SRC, DST, false), "flags " + flags);
        }
        int good = FLAG_SYN | FLAG_ACK | FLAG_PSH | FLAG_ECE | FLAG_CWR;
        assertEquals(WireStatus.OK, repr.parseIpv4(segment("", good), SRC, DST, false));
        assertEquals(good, repr.flags());
        assertEquals("TCP src=1 dst=2 syn psh ece cwr seq=0 ack=0 win=0 len=0", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void badChecksumIsReportedOnlyWhenVerifying() {
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parseIpv4(packet.wrap(SYN_PACKET, 0, SYN_PACKET.length), SRC, DST + 1, true));
        assertEquals(WireStatus.OK, repr.parseIpv4(packet, SRC, DST + 1, false));
        byte[] v6 = SCAPY_SACK_IPV6.clone();
        v6[v6.length - 1] ^= 1;
        assertEquals(WireStatus.BAD_CHECKSUM, parseIpv6(v6, true));
        assertEquals(WireStatus.OK, parseIpv6(v6, false));
        assertFalse(packet.verifyChecksumIpv6(0, 0, 0, 0));
    }

    @Test
    void windowScaleAbove14IsClampedTo14() {
        assertEquals(WireStatus.OK, repr.parseIpv4(segment("01030310", FLAG_SYN), SRC, DST, false));
        assertEquals(14, repr.windowScale());
    }

    @Test
    void fourSackBlocksAreKeptWhenTheyFitAndTrailingBlocksDroppedWhenNot() {
        String four = "0101" + "0522" + "0000000100000002" + "0000000300000004" + "0000000500000006" + "0000000700000008";
        assertEquals(WireStatus.OK, repr.parseIpv4(segment(four, FLAG_ACK), SRC, DST, false));
        assertEquals(4, repr.sackBlockCount());
        assertEquals(36, repr.optionsLength());
        assertEquals(7, repr.sackLeft(3));
        assertEquals(8, repr.sackRight(3));
        // Window scale, timestamps and three blocks take 39 raw bytes but 44 aligned: one block goes.
        String crowded = "030307" + "080a0000000100000002" + "051a" + "0000000100000002" + "0000000300000004" + "0000000500000006" + "00";
        assertEquals(WireStatus.OK, repr.parseIpv4(segment(crowded, FLAG_ACK), SRC, DST, false));
        assertEquals(2, repr.sackBlockCount());
        assertEquals(3, repr.sackLeft(1));
        assertEquals(36, repr.optionsLength());
    }

    @Test
    void unknownOptionsAreSkippedAndEndOfListStopsTheScan() {
        assertEquals(WireStatus.OK, repr.parseIpv4(segment("1e0401020204059c" + "00" + "ffffff", 0), SRC, DST, false));
        assertEquals(1436, repr.maxSegmentSize());
        assertEquals(TcpRepr.NONE, repr.windowScale());
    }

    @Test
    void laterDuplicateOptionsWin() {
        assertEquals(WireStatus.OK, repr.parseIpv4(segment("020405b4020405dc", 0), SRC, DST, false));
        assertEquals(1500, repr.maxSegmentSize());
    }

    @Test
    void ackNumberAndUrgentPointerCountOnlyWithTheirFlags() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(SYN_PACKET, 0, SYN_PACKET.length), SRC, DST, true));
        assertEquals(0, repr.ackNumber());
        repr.setAckNumber(77).setUrgentPointer(3);
        assertTrue(repr.hasFlags(FLAG_ACK | FLAG_URG | FLAG_SYN));
        repr.setFlags(FLAG_SYN);
        assertEquals(0, repr.ackNumber());
        assertEquals(0, repr.urgentPointer());
        repr.setFlags(FLAG_PSH | FLAG_ACK | FLAG_URG).setAckNumber(9).setUrgentPointer(2);
        assertEquals("TCP src=48896 dst=80 psh seq=19088743 ack=9 win=291 urg=2 len=4", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void failedParseLeavesTheHolderUntouched() {
        TcpRepr before = synRepr();
        repr.parseIpv4(packet.wrap(SYN_PACKET, 0, SYN_PACKET.length), SRC, DST, true);
        repr.parseIpv4(segment("020405b4" + "0c000000", FLAG_ACK), SRC, DST, false);
        assertEquals(fields(before), fields(repr));
    }

    @Test
    void segmentLengthCountsSynAndFin() {
        assertEquals(7, new TcpRepr().setFlags(FLAG_FIN | FLAG_ACK).setPayloadLength(6).segmentLength());
        assertEquals(1, new TcpRepr().setFlags(FLAG_SYN).segmentLength());
        assertEquals(0, new TcpRepr().setFlags(FLAG_RST).segmentLength());
    }

    @Test
    void clearingOptionsShrinksTheHeader() {
        repr.setMaxSegmentSize(536).setWindowScale(3).setSackPermitted(true).setTimestamp(1, 2).addSackBlock(1, 2);
        assertEquals(20 + 4 + 12 + 4 + 12, repr.bufferLen());
        repr.clearTimestamp();
        assertEquals(20 + 4 + 4 + 4 + 12, repr.bufferLen());
        repr.clearOptions();
        assertEquals(20, repr.bufferLen());
        assertFalse(repr.sackPermitted());
        assertFalse(repr.hasTimestamp());
    }

    @Test
    void misuseIsReportedClearly() {
        assertMisuse("TCP source port must be 1..65535, got 0", () -> repr.setSourcePort(0));
        assertMisuse("TCP destination port must be 1..65535, got 65536", () -> repr.setDestinationPort(65536));
        assertMisuse("TCP flags must be 8 bits with at most one of SYN, FIN, RST, got 0x3", () -> repr.setFlags(FLAG_SYN | FLAG_FIN));
        assertMisuse("TCP flags must be 8 bits with at most one of SYN, FIN, RST, got 0x100", () -> repr.setFlags(0x100));
        assertMisuse("TCP window must be 0..65535, got -1", () -> repr.setWindow(-1));
        assertMisuse("TCP urgent pointer must be 0..65535, got 65536", () -> repr.setUrgentPointer(65536));
        assertMisuse("TCP MSS must be 0..65535, got 70000", () -> repr.setMaxSegmentSize(70000));
        assertMisuse("TCP window scale must be 0..14, got 15", () -> repr.setWindowScale(15));
        assertMisuse("TCP window scale must be 0..14, got -1", () -> repr.setWindowScale(-1));
        assertMisuse("TCP payload length must be 0..65495, got -1", () -> repr.setPayloadLength(-1));
        assertMisuse("TCP payload length must be 0..65495, got 65496", () -> repr.setPayloadLength(65496));
        assertEquals(65483, repr.setPayloadLength(65483).payloadLength(), "a full segment of a 65535-byte MTU with timestamps");
        assertEquals("SACK block 0 of 0", assertThrows(IndexOutOfBoundsException.class, () -> repr.sackLeft(0)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> repr.sackRight(-1));

        repr.addSackBlock(1, 2).addSackBlock(3, 4).addSackBlock(5, 6).addSackBlock(7, 8);
        assertMisuse("at most 4 SACK blocks", () -> repr.addSackBlock(9, 10));
        assertMisuse("TCP timestamp option does not fit: 36 + 12 bytes exceed 40", () -> repr.setTimestamp(1, 2));
        repr.setMaxSegmentSize(1460);
        assertEquals(60, repr.bufferLen());
        assertMisuse("TCP window scale option does not fit: 40 + 4 bytes exceed 40", () -> repr.setWindowScale(1));
        assertMisuse("TCP SACK-permitted option does not fit: 40 + 4 bytes exceed 40", () -> repr.setSackPermitted(true));
        repr.clearSackBlocks().setMaxSegmentSize(1460).setWindowScale(1).setSackPermitted(true).setTimestamp(1, 2);
        repr.addSackBlock(1, 2).addSackBlock(3, 4);
        assertMisuse("TCP SACK block option does not fit: 40 + 8 bytes exceed 40", () -> repr.addSackBlock(5, 6));
        // Re-setting an option that is already there needs no room.
        repr.setMaxSegmentSize(1400).setWindowScale(2).setSackPermitted(true).setTimestamp(3, 4);

        repr.clearOptions().setPayloadLength(4);
        assertMisuse("TCP packet of 23 bytes is not the 24-byte segment (20 header + 4 payload)",
                () -> repr.emit(packet.wrap(new byte[23], 0, 23)));
        packet.wrap(new byte[24], 0, 24);
        assertMisuse("TCP header length must be a multiple of 4 from 20 to 60, got 22", () -> packet.setHeaderLengthAndFlags(22, 0));
        assertMisuse("TCP header length must be a multiple of 4 from 20 to 60, got 16", () -> packet.setHeaderLengthAndFlags(16, 0));
        assertMisuse("TCP header length must be a multiple of 4 from 20 to 60, got 64", () -> packet.setHeaderLengthAndFlags(64, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(new byte[4], -1, 2));
    }

    @Test
    void cursorAccessorsRefuseTheWrongKind() {
        cursor.reset(segment("020405b4050a00000001000000020000", 0));
        assertEquals(WireStatus.OK, cursor.next());
        assertEquals("current TCP option is kind 2, not 3",
                assertThrows(IllegalStateException.class, cursor::windowScale).getMessage());
        assertThrows(IllegalStateException.class, cursor::timestampValue);
        assertThrows(IllegalStateException.class, cursor::sackBlockCount);
        assertEquals(WireStatus.OK, cursor.next());
        assertEquals(1, cursor.sackBlockCount());
        assertEquals("SACK block 1 of 1", assertThrows(IndexOutOfBoundsException.class, () -> cursor.sackLeft(1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.sackRight(-1));
        assertEquals(TcpOptionCursor.DONE, cursor.next());
        assertEquals(-1, cursor.kind());
        assertThrows(IllegalStateException.class, cursor::maxSegmentSize);
    }

    @Test
    void parseEmitChecksumAndPrintAreAllocationFree() {
        byte[] out = new byte[SCAPY_SACK_IPV6.length];
        TcpPacket outPacket = new TcpPacket();
        TcpPacket syn = new TcpPacket().wrap(SCAPY_SYN_IPV4, 0, SCAPY_SYN_IPV4.length);
        TcpRepr synRepr = new TcpRepr();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("TCP parse, emit, checksum and print", () -> {
            synRepr.parseIpv4(syn, Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true);
            repr.parseIpv6(packet.wrap(SCAPY_SACK_IPV6, 0, SCAPY_SACK_IPV6.length), Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW,
                    Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW, true);
            repr.emit(outPacket.wrap(out, 0, out.length));
            outPacket.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
            outPacket.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
            text.setLength(0);
            repr.appendTo(text);
            synRepr.appendTo(text);
        });
    }

    // --- properties ---

    @Property
    void anyBytesCheckAndParseWithoutThrowing(@ForAll byte[] bytes, @ForAll boolean verify) {
        TcpPacket view = new TcpPacket().wrap(bytes, 0, bytes.length);
        TcpRepr parsed = new TcpRepr();
        parsed.parseIpv4(view, SRC, DST, verify);
        if (parsed.parseIpv6(view, 1, 2, 3, 4, verify) == WireStatus.OK) {
            assertStableReEmit(parsed);
        }
        if (view.check() == WireStatus.OK) {
            TcpOptionCursor options = new TcpOptionCursor().reset(view);
            for (int i = 0; i < 41 && options.next() == WireStatus.OK; i++) {
                assertTrue(i < 40, "the cursor always advances");
            }
        }
    }

    @Property
    void randomOptionAreasNeverThrowAndReEmitStably(@ForAll @net.jqwik.api.constraints.Size(max = 40) byte[] options) {
        byte[] bytes = new byte[20 + (options.length + 3) / 4 * 4 + 3];
        TcpPacket view = new TcpPacket().wrap(bytes, 0, bytes.length);
        view.setSourcePort(1);
        view.setDestinationPort(2);
        view.setHeaderLengthAndFlags(bytes.length - 3, FLAG_ACK);
        System.arraycopy(options, 0, bytes, 20, options.length);
        TcpRepr parsed = new TcpRepr();
        int status = parsed.parseIpv4(view, SRC, DST, false);
        assertTrue(status == WireStatus.OK || status == WireStatus.MALFORMED);
        if (status == WireStatus.OK) {
            assertStableReEmit(parsed);
        }
    }

    @Property
    void mutatedGoldenVectorsNeverThrowAndReEmitStably(@ForAll @IntRange(max = 63) int at, @ForAll byte value, @ForAll boolean syn) {
        byte[] golden = syn ? SCAPY_SYN_IPV4 : SCAPY_SACK_IPV6;
        byte[] bytes = golden.clone();
        bytes[at % bytes.length] = value;
        TcpRepr parsed = new TcpRepr();
        if (parsed.parseIpv4(new TcpPacket().wrap(bytes, 0, bytes.length), SRC, DST, false) == WireStatus.OK) {
            assertStableReEmit(parsed);
        }
    }

    @Property
    void emittedReprsParseBack(@ForAll("reprs") TcpRepr generated, @ForAll boolean ipv6) {
        byte[] out = emit(generated, new byte[generated.payloadLength()], ipv6);
        TcpRepr parsed = new TcpRepr();
        packet.wrap(out, 0, out.length);
        int status = ipv6 ? parseIpv6Into(parsed, out, true) : parsed.parseIpv4(packet, Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true);
        assertEquals(WireStatus.OK, status);
        assertEquals(fields(generated), fields(parsed));
    }

    @Provide
    Arbitrary<TcpRepr> reprs() {
        return Arbitraries.randomValue(TcpTest::randomRepr);
    }

    private static TcpRepr randomRepr(Random random) {
        TcpRepr r = new TcpRepr().setSourcePort(1 + random.nextInt(65535)).setDestinationPort(1 + random.nextInt(65535))
                .setSequenceNumber(random.nextInt()).setWindow(random.nextInt(65536)).setPayloadLength(random.nextInt(64));
        int[] controls = {0, FLAG_SYN, FLAG_FIN, FLAG_RST};
        r.setFlags(random.nextInt(256) & ~(FLAG_SYN | FLAG_FIN | FLAG_RST) | controls[random.nextInt(controls.length)]);
        if (r.hasFlags(FLAG_ACK)) {
            r.setAckNumber(random.nextInt());
        }
        if (r.hasFlags(FLAG_URG)) {
            r.setUrgentPointer(random.nextInt(65536));
        }
        if (random.nextBoolean()) {
            r.setMaxSegmentSize(random.nextInt(65536));
        }
        if (random.nextBoolean()) {
            r.setWindowScale(random.nextInt(15));
        }
        r.setSackPermitted(random.nextBoolean());
        if (random.nextBoolean()) {
            r.setTimestamp(random.nextInt(), random.nextInt());
        }
        for (int blocks = random.nextInt(5); blocks > 0 && r.optionsLength() + (r.sackBlockCount() == 0 ? 12 : 8) <= 40; blocks--) {
            r.addSackBlock(random.nextInt(), random.nextInt());
        }
        return r;
    }

    /** emit(parse(bytes)) re-parses to the same repr. */
    private static void assertStableReEmit(TcpRepr parsed) {
        byte[] out = new byte[parsed.bufferLen() + parsed.payloadLength()];
        TcpPacket view = new TcpPacket().wrap(out, 0, out.length);
        parsed.emit(view);
        TcpRepr again = new TcpRepr();
        assertEquals(WireStatus.OK, again.parseIpv4(view, SRC, DST, false));
        assertEquals(fields(parsed), fields(again));
    }

    // --- tshark ---

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        TcpRepr syn = new TcpRepr().setSourcePort(49500).setDestinationPort(80).setFlags(FLAG_SYN).setSequenceNumber(0xfffffff0)
                .setWindow(64240).setMaxSegmentSize(1460).setSackPermitted(true).setTimestamp(0x80000001, 0).setWindowScale(7);
        byte[] synV4 = emit(syn, new byte[0], false);
        byte[] synV6 = emit(syn.setMaxSegmentSize(1440), new byte[0], true);
        TcpRepr data = new TcpRepr().setSourcePort(80).setDestinationPort(49500).setFlags(FLAG_PSH).setAckNumber(0xfffffff1)
                .setSequenceNumber(1000).setWindow(501).setTimestamp(777, 0x80000001).addSackBlock(0xfffffff1 + 100, 0xfffffff1 + 200)
                .addSackBlock(0xfffffff1 + 300, 0xfffffff1 + 400).setPayloadLength(5);
        byte[] payload = "data!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] dataV4 = emit(data, payload, false);
        byte[] dataV6 = emit(data, payload, true);
        TcpRepr fin = new TcpRepr().setSourcePort(80).setDestinationPort(49500).setFlags(FLAG_FIN | FLAG_ACK).setAckNumber(5)
                .setSequenceNumber(1005).setWindow(65535).setFlags(FLAG_FIN | FLAG_ACK | FLAG_URG).setUrgentPointer(1);
        byte[] finV4 = emit(fin, new byte[0], false);

        List<String[]> rows = Tshark.judge(dir.resolve("tcp.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(Frames.ipv4(IpProtocol.TCP, synV4), Frames.ipv6(IpProtocol.TCP, synV6), Frames.ipv4(IpProtocol.TCP, dataV4),
                        Frames.ipv6(IpProtocol.TCP, dataV6), Frames.ipv4(IpProtocol.TCP, finV4)),
                "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "tcp.window_size_value", "tcp.len",
                "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm", "tcp.options.timestamp.tsval",
                "tcp.options.timestamp.tsecr", "tcp.checksum.status", "tcp.urgent_pointer", "tcp.options.sack.count");
        // tcp.options.sack_perm has no value of its own: tshark prints the option's bytes.
        String[] synRow = {"49500", "80", "4294967280", "0", "0x0002", "64240", "0", "1460", "7", "0402", "2147483649", "0", "1", "0", ""};
        assertArrayEquals(synRow, rows.get(0));
        synRow[7] = "1440";
        assertArrayEquals(synRow, rows.get(1));
        String[] dataRow = {"80", "49500", "1000", "4294967281", "0x0018", "501", "5", "", "", "", "777", "2147483649", "1", "0", "2"};
        assertArrayEquals(dataRow, rows.get(2));
        assertArrayEquals(dataRow, rows.get(3));
        assertArrayEquals(new String[] {"80", "49500", "1005", "5", "0x0031", "65535", "0", "", "", "", "", "", "1", "1", ""}, rows.get(4));
        // tshark shows SACK edges relative to the acknowledged side's first sequence number, which it
        // learnt from the SYN (0xfffffff0); edges 0xfffffff1 + 100 are therefore 101.
        List<String[]> sack = Tshark.fields(dir.resolve("tcp.pcap"), "tcp.options.sack_le", "tcp.options.sack_re");
        assertArrayEquals(new String[] {"101,301", "201,401"}, sack.get(2));
        assertArrayEquals(new String[] {"101,301", "201,401"}, sack.get(3));
    }

    // --- helpers ---

    private void assertOption(String optionsHex, int kind, int length) {
        String padded = optionsHex + "000000".substring(0, (4 - optionsHex.length() / 2 % 4) % 4 * 2);
        cursor.reset(segment(padded, 0));
        if (kind < 0) {
            assertEquals(TcpOptionCursor.DONE, cursor.next());
            return;
        }
        assertEquals(WireStatus.OK, cursor.next(), optionsHex);
        assertEquals(kind, cursor.kind());
        assertEquals(length, cursor.optionLength());
        assertEquals(packet.optionsOffset(), cursor.optionOffset());
        int status = cursor.next();
        int after = cursor.kind();
        cursor.reset(packet).next();
        assertEquals(TcpOptionCursor.DONE, status, "only end-of-list padding follows " + optionsHex + ", not kind " + after);
    }

    private void assertSack(int... edges) {
        assertEquals(edges.length / 2, cursor.sackBlockCount());
        for (int i = 0; i < edges.length / 2; i++) {
            assertEquals(edges[2 * i], cursor.sackLeft(i));
            assertEquals(edges[2 * i + 1], cursor.sackRight(i));
        }
    }

    private void assertOptionsStatus(String optionsHex, int expected) {
        cursor.reset(segment(optionsHex, 0));
        int status;
        do {
            status = cursor.next();
        } while (status == WireStatus.OK);
        assertEquals(expected, status, optionsHex);
    }

    private void assertEmitsOptions(TcpRepr options, String expectedHex) {
        byte[] out = filled(options.bufferLen());
        options.emit(packet.wrap(out, 0, out.length));
        assertEquals(expectedHex, HexFormat.of().formatHex(out, 20, out.length));
        assertEquals(0, options.bufferLen() % 4);
    }

    private static void assertMisuse(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** A segment from port 1 to port 2 with the given options (a multiple of 4 bytes) and flags. */
    private TcpPacket segment(String optionsHex, int flags) {
        byte[] options = bytes(optionsHex);
        byte[] bytes = new byte[20 + options.length];
        packet.wrap(bytes, 0, bytes.length);
        packet.setSourcePort(1);
        packet.setDestinationPort(2);
        packet.setHeaderLengthAndFlags(bytes.length, flags);
        System.arraycopy(options, 0, bytes, 20, options.length);
        return packet;
    }

    private int parseIpv6(byte[] bytes, boolean verify) {
        return parseIpv6Into(repr, bytes, verify);
    }

    private int parseIpv6Into(TcpRepr into, byte[] bytes, boolean verify) {
        return into.parseIpv6(packet.wrap(bytes, 0, bytes.length), Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW,
                Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW, verify);
    }

    /** Emits {@code tcp} with {@code payload} and fills the checksum for the fixture addresses. */
    private byte[] emit(TcpRepr tcp, byte[] payload, boolean ipv6) {
        byte[] out = filled(tcp.bufferLen() + payload.length);
        TcpPacket view = new TcpPacket().wrap(out, 0, out.length);
        tcp.emit(view);
        System.arraycopy(payload, 0, out, view.payloadOffset(), payload.length);
        if (ipv6) {
            view.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        } else {
            view.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
        }
        return out;
    }

    /** smoltcp's packet_repr(): the SYN of SYN_PACKET. */
    private static TcpRepr synRepr() {
        return new TcpRepr().setSourcePort(48896).setDestinationPort(80).setSequenceNumber(0x01234567).setWindow(0x0123)
                .setFlags(FLAG_SYN).setPayloadLength(4);
    }

    /** Every field of a repr, for equality checks. */
    static String fields(TcpRepr r) {
        StringBuilder s = new StringBuilder().append(r.sourcePort()).append(' ').append(r.destinationPort()).append(" seq ")
                .append(r.sequenceNumber()).append(" ack ").append(r.ackNumber()).append(" flags ").append(r.flags()).append(" win ")
                .append(r.window()).append(" urg ").append(r.urgentPointer()).append(" mss ").append(r.maxSegmentSize()).append(" ws ")
                .append(r.windowScale()).append(" sackOK ").append(r.sackPermitted()).append(" ts ").append(r.hasTimestamp()).append(' ')
                .append(r.timestampValue()).append('/').append(r.timestampEchoReply()).append(" len ").append(r.payloadLength())
                .append(" sack");
        for (int i = 0; i < r.sackBlockCount(); i++) {
            s.append(' ').append(r.sackLeft(i)).append('-').append(r.sackRight(i));
        }
        return s.toString();
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] filled(int length) {
        return UdpTest.filled(length);
    }
}
