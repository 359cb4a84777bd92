package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

class EthernetTest {

    /** smoltcp wire/ethernet.rs FRAME_BYTES: dst 01:02:03:04:05:06, src 11:12:..:16, IPv4, 0xaa.. 0xff. */
    static final byte[] FRAME = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x08, 0x00,
        (byte) 0xaa, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xff,
    };

    private final EthernetFrame frame = new EthernetFrame();
    private final EthernetRepr repr = new EthernetRepr();

    @Test
    void viewReadsTheGoldenFrame() {
        frame.wrap(FRAME, 0, FRAME.length);
        assertEquals(WireStatus.OK, frame.check());
        assertEquals(MacAddress.of(1, 2, 3, 4, 5, 6), frame.destination());
        assertEquals(MacAddress.of(0x11, 0x12, 0x13, 0x14, 0x15, 0x16), frame.source());
        assertEquals(EtherType.IPV4, frame.etherType());
        assertEquals(14, frame.payloadOffset());
        assertEquals(30, frame.payloadLength());
    }

    @Test
    void parseThenEmitReproducesTheHeader() {
        assertEquals(WireStatus.OK, repr.parse(frame.wrap(FRAME, 0, FRAME.length)));
        byte[] out = new byte[FRAME.length];
        NetworkBytes.fill(out, 0, out.length, (byte) 0xa5);
        repr.emit(frame.wrap(out, 0, out.length));
        assertArrayEquals(java.util.Arrays.copyOf(FRAME, 14), java.util.Arrays.copyOf(out, 14));
        assertEquals((byte) 0xa5, out[14], "emit writes the header only");
    }

    @Test
    void shortFrameIsTruncated() {
        assertEquals(WireStatus.TRUNCATED, frame.wrap(FRAME, 0, 13).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(frame));
        assertEquals(WireStatus.OK, frame.wrap(FRAME, 0, 14).check());
    }

    @Test
    void vlanTagsAndLengthFieldsAreUnsupported() {
        byte[] tagged = FRAME.clone();
        NetworkBytes.setU16(tagged, 12, EtherType.VLAN);
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(frame.wrap(tagged, 0, tagged.length)));
        NetworkBytes.setU16(tagged, 12, EtherType.QINQ);
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(frame));
        NetworkBytes.setU16(tagged, 12, 0x05dc); // an IEEE 802.3 length, not an EtherType
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(frame));
    }

    @Test
    void misuseIsReportedClearly() {
        IndexOutOfBoundsException bounds = assertThrows(IndexOutOfBoundsException.class, () -> frame.wrap(FRAME, 40, 10));
        assertEquals("range offset 40 length 10 is outside a buffer of 44 bytes", bounds.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> repr.setEtherType(0x05ff));
        assertEquals("EtherType must be 0x0600..0xffff, got 1535", type.getMessage());
        IllegalArgumentException mac = assertThrows(IllegalArgumentException.class, () -> repr.setSource(1L << 48));
        assertEquals("source MAC address must fit in 48 bits, got 0x1000000000000", mac.getMessage());
        byte[] small = new byte[10];
        IllegalArgumentException room = assertThrows(IllegalArgumentException.class, () -> repr.emit(frame.wrap(small, 0, 10)));
        assertEquals("frame of 10 bytes cannot hold the 14-byte Ethernet header", room.getMessage());
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(frame.wrap(FRAME, 0, FRAME.length));
        assertEquals("EthernetII src=11:12:13:14:15:16 dst=01:02:03:04:05:06 type=IPv4", repr.appendTo(new StringBuilder()).toString());
        repr.setEtherType(0x88cc);
        assertEquals("EthernetII src=11:12:13:14:15:16 dst=01:02:03:04:05:06 type=0x88cc", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[64];
        EthernetFrame outFrame = new EthernetFrame();
        StringBuilder text = new StringBuilder(128);
        AllocationProbe.assertAllocationFree("Ethernet parse, emit and print", () -> {
            repr.parse(frame.wrap(FRAME, 0, FRAME.length));
            repr.emit(outFrame.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        EthernetFrame view = new EthernetFrame().wrap(bytes, 0, bytes.length);
        EthernetRepr parsed = new EthernetRepr();
        if (parsed.parse(view) == WireStatus.OK) {
            byte[] out = new byte[14];
            parsed.emit(new EthernetFrame().wrap(out, 0, 14));
            assertArrayEquals(java.util.Arrays.copyOf(bytes, 14), out);
        }
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        long source = MacAddress.of(0x02, 0, 0, 0, 0, 1);
        long destination = MacAddress.of(0x02, 0, 0, 0, 0, 2);
        byte[] out = new byte[60];
        repr.setSource(source).setDestination(destination).setEtherType(0x88b5); // local experimental
        repr.emit(frame.wrap(out, 0, out.length));
        List<String[]> rows = Tshark.judge(dir.resolve("ethernet.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(out),
                "eth.src", "eth.dst", "eth.type");
        assertArrayEquals(new String[] {"02:00:00:00:00:01", "02:00:00:00:00:02", "0x88b5"}, rows.get(0));
    }
}
