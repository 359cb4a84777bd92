package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Hop-by-Hop / Destination Options headers and their options (smoltcp ipv6option.rs, ipv6ext_header.rs, ipv6hbh.rs). */
class Ipv6OptionsTest {

    /** smoltcp ipv6ext_header.rs REPR_PACKET_PAD4: next header TCP, PadN with 4 data bytes. */
    static final byte[] PAD4 = Ipv6Vectors.bytes(0x06, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00);
    /** REPR_PACKET_PAD12: next header TCP, length 1, PadN with 12 data bytes. */
    static final byte[] PAD12 = Ipv6Vectors.bytes(0x06, 0x01, 0x01, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    /** smoltcp ipv6option.rs test_options_iter area: Pad1, PadN(1), PadN(2), PadN(0), Pad1, Unknown(0x11, 0), truncated. */
    static final byte[] OPTIONS = Ipv6Vectors.bytes(0x00, 0x01, 0x01, 0x00, 0x01, 0x02, 0x00, 0x00,
            0x01, 0x00, 0x00, 0x11, 0x00, 0x01, 0x08, 0x00);

    private final Ipv6OptionsHeader header = new Ipv6OptionsHeader();
    private final Ipv6OptionsRepr repr = new Ipv6OptionsRepr();
    private final Ipv6OptionCursor cursor = new Ipv6OptionCursor();

    // ---- ipv6option.rs

    @Test
    void optionCheckLength() {
        assertEquals(Ipv6OptionCursor.END, cursor.reset(OPTIONS, 0, 0).next());
        assertEquals(WireStatus.OK, cursor.reset(Ipv6Vectors.bytes(0), 0, 1).next());
        byte[] padN = Ipv6Vectors.bytes(0x01, 0x01, 0x00);
        assertEquals(WireStatus.TRUNCATED, cursor.reset(padN, 0, 2).next());
        assertEquals(WireStatus.OK, cursor.reset(padN, 0, 3).next());
        byte[] unknown = Ipv6Vectors.bytes(0xff, 0x03, 0x00, 0x00, 0x00);
        assertEquals(WireStatus.TRUNCATED, cursor.reset(unknown, 0, 4).next());
        assertEquals(WireStatus.TRUNCATED, cursor.reset(unknown, 0, 1).next());
        assertEquals(WireStatus.OK, cursor.reset(unknown, 0, 5).next());
    }

    @Test
    void pad1HasNoDataLength() {
        cursor.reset(Ipv6Vectors.bytes(0), 0, 1).next();
        assertEquals(0, cursor.dataLength());
        assertEquals(1, cursor.optionLength());
    }

    @Test
    void optionDeconstruct() {
        cursor.reset(Ipv6Vectors.bytes(0x01, 0x00), 0, 2).next();
        assertEquals(Ipv6OptionCursor.TYPE_PADN, cursor.type());
        assertEquals(0, cursor.dataLength());
        byte[] extra = Ipv6Vectors.bytes(0x1, 0x7, 0, 0, 0, 0, 0, 0, 0, 0xff);
        assertEquals(WireStatus.OK, cursor.reset(extra, 0, extra.length).next());
        assertEquals(7, cursor.dataLength());
        assertEquals(2, cursor.dataOffset());
        assertEquals(WireStatus.TRUNCATED, cursor.next());
        byte[] unknown = Ipv6Vectors.bytes(0xff);
        assertEquals(WireStatus.TRUNCATED, cursor.reset(unknown, 0, 1).next());
    }

    @Test
    void optionParse() {
        byte[] bytes = Ipv6Vectors.bytes(0x3b, 0x00, 0x00, 0x01, 0x01, 0x00, 0x3f, 0x00);
        assertEquals(WireStatus.OK, repr.parse(header.wrap(bytes, 0, 8)));
        assertEquals(3, repr.optionCount());
        assertEquals(Ipv6OptionCursor.TYPE_PAD1, repr.optionType(0));
        assertEquals(Ipv6OptionCursor.TYPE_PADN, repr.optionType(1));
        assertEquals(1, repr.optionDataLength(1));
        assertEquals(0x3f, repr.optionType(2));
        assertEquals(0, repr.optionDataLength(2));
        assertEquals(8, repr.bufferLen());
    }

    @Test
    void optionEmit() {
        // smoltcp's three options (Pad1, PadN(1), Unknown(255) with 3 zero bytes) in one header.
        repr.reset(IpProtocol.TCP);
        assertTrue(repr.addPad1());
        assertTrue(repr.addPadN(1));
        assertTrue(repr.addOption(0xff, new byte[3], 0, 3));
        byte[] out = Ipv6Vectors.filled(repr.bufferLen());
        repr.emit(header.wrap(out, 0, out.length));
        assertArrayEquals(Ipv6Vectors.bytes(0x06, 0x01, 0x00, 0x01, 0x01, 0x00, 0xff, 0x03, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00), out);
    }

    @Test
    void failureActions() {
        assertEquals(Ipv6OptionCursor.ACTION_SKIP, Ipv6OptionCursor.actionOf(Ipv6OptionCursor.TYPE_PAD1));
        assertEquals(Ipv6OptionCursor.ACTION_SKIP, Ipv6OptionCursor.actionOf(Ipv6OptionCursor.TYPE_PADN));
        assertEquals(Ipv6OptionCursor.ACTION_DISCARD, Ipv6OptionCursor.actionOf(0b01000001));
        assertEquals(Ipv6OptionCursor.ACTION_DISCARD_SEND_ICMP, Ipv6OptionCursor.actionOf(0b10100000));
        assertEquals(Ipv6OptionCursor.ACTION_DISCARD_SEND_ICMP_UNICAST, Ipv6OptionCursor.actionOf(0b11000100));
        assertTrue(Ipv6OptionCursor.mayChange(0b10100000));
        assertFalse(Ipv6OptionCursor.mayChange(Ipv6OptionCursor.TYPE_ROUTER_ALERT));
        cursor.reset(Ipv6Vectors.bytes(0xc4, 0), 0, 2).next();
        assertEquals(Ipv6OptionCursor.ACTION_DISCARD_SEND_ICMP_UNICAST, cursor.action());
    }

    @Test
    void optionsIteration() {
        assertEquals(Ipv6OptionCursor.END, cursor.reset(OPTIONS, 0, 0).next());
        cursor.reset(OPTIONS, 0, 16);
        int[][] expected = {{0, 0}, {1, 1}, {1, 2}, {1, 0}, {0, 0}, {0x11, 0}};
        for (int[] option : expected) {
            assertEquals(WireStatus.OK, cursor.next());
            assertEquals(option[0], cursor.type());
            assertEquals(option[1], cursor.dataLength());
        }
        assertEquals(WireStatus.TRUNCATED, cursor.next());
        assertEquals(Ipv6OptionCursor.END, cursor.next());
    }

    @Test
    void optionsAreaBeyondTheBufferIsMisuse() {
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.reset(Ipv6Vectors.bytes(1, 2, 0, 0), 0, 5));
    }

    // ---- ipv6ext_header.rs

    @Test
    void headerCheckLength() {
        assertEquals(WireStatus.TRUNCATED, header.wrap(PAD4, 0, 0).check());
        assertEquals(WireStatus.TRUNCATED, header.wrap(PAD4, 0, 1).check());
        assertEquals(WireStatus.TRUNCATED, header.wrap(PAD4, 0, 7).check());
        assertEquals(WireStatus.OK, header.wrap(PAD4, 0, 8).check());
        assertEquals(WireStatus.OK, header.wrap(PAD12, 0, 16).check());
        byte[] tooLong = Ipv6Vectors.bytes(0x06, 0x02, 0, 0, 0, 0, 0, 0);
        assertEquals(WireStatus.TRUNCATED, header.wrap(tooLong, 0, 8).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(header));
    }

    @Test
    void headerDeconstruct() {
        header.wrap(PAD4, 0, 8);
        assertEquals(IpProtocol.TCP, header.nextHeader());
        assertEquals(0, header.headerLengthField());
        assertEquals(2, header.optionsOffset());
        assertEquals(6, header.optionsLength());
        header.wrap(PAD12, 0, 16);
        assertEquals(1, header.headerLengthField());
        assertEquals(16, header.headerLength());
        assertEquals(14, header.optionsLength());
    }

    @Test
    void overlongBufferKeepsTheHeaderLength() {
        byte[] bytes = Arrays.copyOf(PAD4, 9);
        header.wrap(bytes, 0, 9);
        assertEquals(WireStatus.OK, header.check());
        assertEquals(6, header.optionsLength());
        assertEquals(8, header.payloadOffset());
    }

    @Test
    void headerLengthOverflowIsTruncated() {
        byte[] bytes = PAD4.clone();
        bytes[1] = 9;
        assertEquals(WireStatus.TRUNCATED, header.wrap(bytes, 0, 8).check());
        bytes = PAD12.clone();
        bytes[1] = 17;
        assertEquals(WireStatus.TRUNCATED, header.wrap(bytes, 0, 16).check());
    }

    @Test
    void reprParseValid() {
        assertEquals(WireStatus.OK, repr.parse(header.wrap(PAD4, 0, 8)));
        assertEquals(IpProtocol.TCP, repr.nextHeader());
        assertEquals(1, repr.optionCount());
        assertEquals(Ipv6OptionCursor.TYPE_PADN, repr.optionType(0));
        assertEquals(4, repr.optionDataLength(0));
        assertEquals(WireStatus.OK, repr.parse(header.wrap(PAD12, 0, 16)));
        assertEquals(12, repr.optionDataLength(0));
        assertEquals(0, repr.optionData(0, 11));
    }

    @Test
    void reprEmit() {
        repr.reset(IpProtocol.TCP).addPadN(4);
        byte[] out = Ipv6Vectors.filled(8);
        repr.emit(header.wrap(out, 0, 8));
        assertArrayEquals(PAD4, out);
        repr.reset(IpProtocol.TCP).addPadN(12);
        out = Ipv6Vectors.filled(16);
        repr.emit(header.wrap(out, 0, 16));
        assertArrayEquals(PAD12, out);
    }

    // ---- ipv6hbh.rs and beyond

    @Test
    void hopByHopWithRouterAlertFromScapy() {
        byte[] packet = Ipv6Vectors.hex(Ipv6Vectors.MLD_REPORT);
        assertEquals(WireStatus.OK, repr.parse(header.wrap(packet, 40, packet.length - 40)));
        assertEquals(IpProtocol.ICMPV6, repr.nextHeader());
        assertEquals(0, repr.routerAlert());
        assertEquals(2, repr.optionCount());
        assertEquals(48, header.payloadOffset());
        byte[] out = Ipv6Vectors.filled(8);
        repr.emit(new Ipv6OptionsHeader().wrap(out, 0, 8));
        assertArrayEquals(Arrays.copyOfRange(packet, 40, 48), out);
        assertEquals("IPv6 Options nxt_hdr=ICMPv6 opts=[RouterAlert(0) PadN(0)]", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void destinationOptionsWithUnknownOptionFromScapy() {
        byte[] packet = Ipv6Vectors.hex(Ipv6Vectors.DEST_OPTS);
        assertEquals(WireStatus.OK, repr.parse(header.wrap(packet, 40, 8)));
        assertEquals(0x3e, repr.optionType(0));
        assertEquals(3, repr.optionData(0, 2));
        assertEquals(-1, repr.routerAlert());
        assertEquals("IPv6 Options nxt_hdr=IPv6-NoNxt opts=[Unknown(62) length=3 Pad1]", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void emitPadsToEightOctets() {
        repr.reset(IpProtocol.ICMPV6).addRouterAlert(0);
        assertEquals(8, repr.bufferLen());
        byte[] out = Ipv6Vectors.filled(8);
        repr.emit(header.wrap(out, 0, 8));
        assertArrayEquals(Ipv6Vectors.bytes(0x3a, 0, 0x05, 0x02, 0, 0, 0x01, 0x00), out);
        repr.reset(IpProtocol.UDP).addOption(0x3e, Ipv6Vectors.bytes(9, 9, 9), 0, 3);
        out = Ipv6Vectors.filled(8);
        repr.emit(header.wrap(out, 0, 8));
        assertArrayEquals(Ipv6Vectors.bytes(0x11, 0, 0x3e, 3, 9, 9, 9, 0), out);
    }

    @Test
    void badRouterAlertIsMalformedAndOverLimitsUnsupported() {
        assertEquals(WireStatus.MALFORMED, repr.parse(header.wrap(Ipv6Vectors.bytes(0x3a, 0, 0x05, 0x03, 0, 0, 0, 0), 0, 8)));
        byte[] fivePads = Ipv6Vectors.bytes(0x3a, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(header.wrap(fivePads, 0, 8)));
        byte[] longData = new byte[24];
        longData[1] = 2;
        longData[2] = 0x3e;
        longData[3] = 17;
        longData[22] = 1;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(header.wrap(longData, 0, 24)));
        byte[] truncatedOption = Ipv6Vectors.bytes(0x3a, 0, 0x3e, 0x09, 0, 0, 0, 0);
        assertEquals(WireStatus.TRUNCATED, repr.parse(header.wrap(truncatedOption, 0, 8)));
    }

    @Test
    void misuseIsReportedClearly() {
        repr.reset(IpProtocol.UDP);
        for (int i = 0; i < Ipv6OptionsRepr.MAX_OPTIONS; i++) {
            assertTrue(repr.addPad1());
        }
        assertFalse(repr.addPadN(3));
        assertThrows(IllegalArgumentException.class, () -> repr.addPadN(256));
        assertThrows(IllegalArgumentException.class, () -> repr.addRouterAlert(0x10000));
        assertThrows(IllegalArgumentException.class, () -> repr.addOption(0x05, new byte[2], 0, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.addOption(0x3e, new byte[17], 0, 17));
        assertEquals("option data length must be 0..16, got 17", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.reset(300));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.optionType(4));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.optionData(0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(header.wrap(new byte[7], 0, 7)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] packet = Ipv6Vectors.hex(Ipv6Vectors.MLD_REPORT);
        byte[] out = new byte[8];
        Ipv6OptionsHeader outHeader = new Ipv6OptionsHeader();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IPv6 options parse, emit and print", () -> {
            repr.parse(header.wrap(packet, 40, packet.length - 40));
            repr.emit(outHeader.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        Ipv6OptionsRepr parsed = new Ipv6OptionsRepr();
        Ipv6OptionsHeader view = new Ipv6OptionsHeader().wrap(bytes, 0, bytes.length);
        if (parsed.parse(view) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new Ipv6OptionsHeader().wrap(out, 0, out.length));
            byte[] expected = Arrays.copyOf(bytes, view.headerLength());
            // PadN data is emitted as zeros whatever it was.
            Ipv6OptionCursor walk = view.options(new Ipv6OptionCursor());
            while (walk.next() == WireStatus.OK) {
                if (walk.type() == Ipv6OptionCursor.TYPE_PADN) {
                    Arrays.fill(expected, walk.dataOffset(), walk.dataOffset() + walk.dataLength(), (byte) 0);
                }
            }
            assertArrayEquals(expected, out);
        }
    }

    @Property
    void generatedReprsSurviveEmitAndParse(@ForAll @IntRange(max = 255) int nextHeader, @ForAll @IntRange(max = 0xffff) int alert,
            @ForAll @IntRange(max = 40) int padding, @ForAll byte[] data) {
        repr.reset(nextHeader).addRouterAlert(alert);
        repr.addPadN(padding);
        repr.addOption(0x1e, data, 0, Math.min(data.length, Ipv6OptionsRepr.MAX_OPTION_DATA));
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(header.wrap(out, 0, out.length));
        Ipv6OptionsRepr parsed = new Ipv6OptionsRepr();
        int status = parsed.parse(header);
        // The automatic padding may add a fourth option; a fifth is over the limit.
        assertEquals(WireStatus.OK, status);
        assertEquals(nextHeader, parsed.nextHeader());
        assertEquals(alert, parsed.routerAlert());
        assertEquals(padding, parsed.optionDataLength(1));
        assertEquals(repr.appendTo(new StringBuilder()).toString(), parsed.appendTo(new StringBuilder()).toString().replaceFirst(" (Pad1|PadN\\(\\d+\\))]$", "]"));
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] ip = new byte[40 + 16];
        new Ipv6Repr().set(Ipv6Vectors.LL, 1, Ipv6Vectors.LL, 2, IpProtocol.HOP_BY_HOP, 16, 1).emit(new Ipv6Packet().wrap(ip, 0, ip.length));
        repr.reset(IpProtocol.IPV6_DESTINATION_OPTIONS).addRouterAlert(0);
        repr.emit(header.wrap(ip, 40, 8));
        // Only options tshark interprets: it flags the data of unknown and experimental options as malformed.
        repr.reset(IpProtocol.IPV6_NO_NEXT_HEADER).addPadN(4);
        repr.emit(header.wrap(ip, 48, 8));
        List<String[]> rows = Tshark.judge(dir.resolve("opts.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(Ipv6Vectors.ethernet(ip)),
                "ipv6.nxt", "ipv6.hopopts.nxt", "ipv6.opt.router_alert", "ipv6.dstopts.nxt", "ipv6.opt.type");
        assertArrayEquals(new String[] {"0", "60", "0", "59", "0x05,0x01,0x01"}, rows.get(0));
    }
}
