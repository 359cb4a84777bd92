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

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

class Ieee802154Test {

    /** smoltcp ieee802154.rs vector_test extended_addr. */
    static final byte[] EXTENDED_ADDR = bytes(
            0b0000_0001, 0b1100_1100, 0, 0xcd, 0xab,
            0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x03, 0x04,
            0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02);
    /** smoltcp ieee802154.rs vector_test short_addr. */
    static final byte[] SHORT_ADDR = bytes(0x01, 0x98, 0x00, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0xbc, 0x9a);
    /** smoltcp ieee802154.rs vector_test zolertia_remote. */
    static final byte[] ZOLERTIA = bytes(0x41, 0xd8, 0x01, 0xcd, 0xab, 0xff, 0xff,
            0xc7, 0xd9, 0xb5, 0x14, 0x00, 0x4b, 0x12, 0x00, 0x2b, 0x00, 0x00, 0x00);
    /** smoltcp ieee802154.rs vector_test security: ENC-MIC-32, key identifier mode 0. */
    static final byte[] SECURITY = bytes(0x69, 0xdc, 0x32, 0xcd, 0xab,
            0xbf, 0x9b, 0x15, 0x06, 0x00, 0x4b, 0x12, 0x00, 0xc7, 0xd9, 0xb5, 0x14, 0x00, 0x4b, 0x12, 0x00,
            0x05, 0x31, 0x01, 0x00, 0x00,
            0x3e, 0xe8, 0xfb, 0x85, 0xe4, 0xcc, 0xf4, 0x48, 0x90, 0xfe, 0x56, 0x66, 0xf7, 0x1c, 0x65, 0x9e, 0xf9,
            0x93, 0xc8, 0x34, 0x2e);
    /** scapy: Dot15d4(data, PAN ID compression, short dst, extended src, 2006, seq 7). */
    static final byte[] SCAPY_SHORT_DST = Hex8.parse("41d807cdabffff7766554433221100");

    private final Ieee802154Frame frame = new Ieee802154Frame();
    private final Ieee802154Repr repr = new Ieee802154Repr();

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void broadcastShortAddress() {
        // smoltcp test_broadcast: the broadcast address is short 0xffff, every other one unicast.
        assertEquals(0xffff, Ieee802154Frame.BROADCAST_SHORT);
        repr.parse(frame.wrap(ZOLERTIA, 0, ZOLERTIA.length));
        assertEquals(Ieee802154Frame.BROADCAST_SHORT, repr.dstAddress());
    }

    @Test
    void prepareFrame() {
        // smoltcp prepare_frame: emit then read back through the view.
        repr.setFrameType(Ieee802154Frame.TYPE_DATA).setAckRequest(true).setPanIdCompression(true)
                .setFrameVersion(Ieee802154Frame.VERSION_2015).setSequenceNumber(1).setDstPan(0xabcd)
                .setDstAddress(Ieee802154Frame.MODE_SHORT, 0xffff)
                .setSrcAddress(Ieee802154Frame.MODE_EXTENDED, 0xc7d9b514004b1200L);
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(frame.wrap(out, 0, out.length));
        assertEquals(WireStatus.OK, frame.check());
        assertEquals(Ieee802154Frame.TYPE_DATA, frame.frameType());
        assertFalse(frame.securityEnabled());
        assertFalse(frame.framePending());
        assertTrue(frame.ackRequest());
        assertTrue(frame.panIdCompression());
        assertEquals(Ieee802154Frame.VERSION_2015, frame.frameVersion());
        assertEquals(1, frame.sequenceNumber());
        assertEquals(0xabcd, frame.dstPan());
        assertEquals(0xffff, frame.dstAddress());
        assertEquals(-1, frame.srcPan());
        assertEquals(0xc7d9b514004b1200L, frame.srcAddress());
    }

    @Test
    void extendedAddr() {
        assertEquals(WireStatus.OK, frame.wrap(EXTENDED_ADDR, 0, EXTENDED_ADDR.length).check());
        assertEquals(Ieee802154Frame.TYPE_DATA, frame.frameType());
        assertEquals(0x0100010001000100L, frame.dstAddress());
        assertEquals(0x0200010001000100L, frame.srcAddress());
        assertEquals(0xabcd, frame.dstPan());
        assertEquals(0x0403, frame.srcPan());
        assertEquals(Ieee802154Frame.VERSION_2003, frame.frameVersion());
    }

    @Test
    void shortAddr() {
        assertEquals(WireStatus.OK, frame.wrap(SHORT_ADDR, 0, SHORT_ADDR.length).check());
        assertEquals(Ieee802154Frame.TYPE_DATA, frame.frameType());
        assertFalse(frame.securityEnabled());
        assertFalse(frame.framePending());
        assertFalse(frame.ackRequest());
        assertFalse(frame.panIdCompression());
        assertEquals(Ieee802154Frame.MODE_SHORT, frame.dstAddressingMode());
        assertEquals(Ieee802154Frame.VERSION_2006, frame.frameVersion());
        assertEquals(Ieee802154Frame.MODE_SHORT, frame.srcAddressingMode());
        assertEquals(0x1234, frame.dstPan());
        assertEquals(0x5678, frame.dstAddress());
        assertEquals(0x1234, frame.srcPan());
        assertEquals(0x9abc, frame.srcAddress());
        assertEquals(0, frame.payloadLength());
    }

    @Test
    void zolertiaRemote() {
        assertEquals(WireStatus.OK, frame.wrap(ZOLERTIA, 0, ZOLERTIA.length).check());
        assertEquals(Ieee802154Frame.TYPE_DATA, frame.frameType());
        assertFalse(frame.securityEnabled());
        assertFalse(frame.ackRequest());
        assertTrue(frame.panIdCompression());
        assertEquals(Ieee802154Frame.MODE_SHORT, frame.dstAddressingMode());
        assertEquals(Ieee802154Frame.VERSION_2006, frame.frameVersion());
        assertEquals(Ieee802154Frame.MODE_EXTENDED, frame.srcAddressingMode());
        assertEquals(15, frame.payloadOffset());
        assertArrayEquals(bytes(0x2b, 0, 0, 0), Arrays.copyOfRange(ZOLERTIA, frame.payloadOffset(), ZOLERTIA.length));
    }

    @Test
    void security() {
        assertEquals(WireStatus.OK, frame.wrap(SECURITY, 0, SECURITY.length).check());
        assertTrue(frame.securityEnabled());
        assertTrue(frame.ackRequest());
        assertTrue(frame.panIdCompression());
        assertEquals(Ieee802154Frame.MODE_EXTENDED, frame.dstAddressingMode());
        assertEquals(Ieee802154Frame.VERSION_2006, frame.frameVersion());
        assertEquals(0xabcd, frame.dstPan());
        assertEquals(0x00124b0006159bbfL, frame.dstAddress());
        assertEquals(-1, frame.srcPan());
        assertEquals(0x00124b0014b5d9c7L, frame.srcAddress());
        assertEquals(5, frame.securityLevel()); // ENC-MIC-32
        assertEquals(0, frame.keyIdentifierMode());
        assertEquals(305, frame.frameCounter());
        assertEquals(0, frame.keySource());
        assertEquals(-1, frame.keyIndex());
        assertEquals(4, frame.micLength());
        assertEquals(26, frame.headerLength()); // the MAC header smoltcp's mac_header() returns
        assertEquals(21, frame.payloadLength()); // encrypted data and MIC
        assertEquals(WireStatus.OK, repr.parse(frame));
        assertEquals(WireStatus.UNSUPPORTED, repr.payloadStatus());
    }

    @Test
    void keyIdentifierModesSizeTheSecurityHeader() {
        // 2015 frame, short addresses, level 1 (MIC-32), key id mode 3 (8-byte source + index), counter suppressed.
        repr.setFrameVersion(Ieee802154Frame.VERSION_2015).setSequenceNumber(-1).setDstPan(0x1234)
                .setDstAddress(Ieee802154Frame.MODE_SHORT, 0x0001).setSrcAddress(Ieee802154Frame.MODE_SHORT, 0x0002)
                .setPanIdCompression(true).setSecurity(0x01 | 3 << 3 | Ieee802154Frame.SEC_FRAME_COUNTER_SUPPRESSION, 0,
                        0x0102030405060708L, 9);
        assertEquals(2 + 2 + 2 + 2 + 1 + 9, repr.bufferLen());
        byte[] out = new byte[repr.bufferLen() + 4];
        repr.emit(frame.wrap(out, 0, out.length));
        assertEquals(WireStatus.OK, frame.check());
        assertFalse(frame.hasSequenceNumber());
        assertEquals(-1, frame.frameCounter());
        assertEquals(0x0102030405060708L, frame.keySource());
        assertEquals(9, frame.keyIndex());
        assertEquals(18, frame.headerLength());
        Ieee802154Repr back = new Ieee802154Repr();
        assertEquals(WireStatus.OK, back.parse(frame));
        assertEquals(0x0102030405060708L, back.keySource());
        // Key identifier mode 2: a 4-byte key source.
        repr.setSecurity(0x02 | 2 << 3, 77, 0xa1b2c3d4L, 1);
        out = new byte[repr.bufferLen() + 8];
        repr.emit(frame.wrap(out, 0, out.length));
        assertEquals(WireStatus.OK, frame.check());
        assertEquals(77, frame.frameCounter());
        assertEquals(0xa1b2c3d4L, frame.keySource());
        assertEquals(1, frame.keyIndex());
        assertEquals(8, frame.micLength());
    }

    @Test
    void panIdRulesOf2015Frames() {
        // Table 7-2: (dst, src, compression) -> fields.
        int[][] cases = {
            // dstMode, srcMode, compression, dst PAN present, src PAN present
            {0, 0, 0, 0, 0}, {0, 0, 1, 1, 0}, {2, 0, 0, 1, 0}, {2, 0, 1, 0, 0}, {0, 2, 0, 0, 1}, {0, 2, 1, 0, 0},
            {3, 3, 0, 1, 0}, {3, 3, 1, 0, 0}, {2, 3, 0, 1, 1}, {2, 3, 1, 1, 0}, {3, 2, 0, 1, 1}, {2, 2, 1, 1, 0},
        };
        for (int[] c : cases) {
            int fc = 1 | Ieee802154Frame.VERSION_2015 << 12 | c[0] << 10 | c[1] << 14 | c[2] << 6;
            byte[] buf = new byte[32];
            frame.wrap(buf, 0, buf.length).setFrameControl(fc);
            assertEquals(WireStatus.OK, frame.check(), Arrays.toString(c));
            assertEquals(c[3] == 1, frame.hasDstPan(), Arrays.toString(c));
            assertEquals(c[4] == 1, frame.hasSrcPan(), Arrays.toString(c));
            assertEquals(Ieee802154Frame.headerLength(fc, 0), frame.headerLength(), Arrays.toString(c));
        }
    }

    @Test
    void acknowledgementHasNoAddresses() {
        byte[] ack = bytes(0x02, 0x00, 0x2a);
        assertEquals(WireStatus.OK, repr.parse(frame.wrap(ack, 0, ack.length)));
        assertEquals(Ieee802154Frame.TYPE_ACK, repr.frameType());
        assertEquals(42, repr.sequenceNumber());
        assertEquals(-1, repr.dstPan());
        assertEquals(Ieee802154Frame.MODE_ABSENT, repr.dstAddressingMode());
        assertEquals("IEEE802.15.4 Ack seq=42 dst=- src=-", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void everyErrorStatus() {
        assertEquals(WireStatus.TRUNCATED, frame.wrap(SHORT_ADDR, 0, 1).check());
        assertEquals(WireStatus.TRUNCATED, frame.wrap(SHORT_ADDR, 0, SHORT_ADDR.length - 1).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(frame));
        assertEquals(WireStatus.TRUNCATED, frame.wrap(SECURITY, 0, 24).check(), "inside the security header");
        assertEquals(WireStatus.TRUNCATED, frame.wrap(SECURITY, 0, 28).check(), "shorter than the MIC");
        byte[] reserved = SHORT_ADDR.clone();
        reserved[1] = (byte) 0x94; // destination mode 01
        assertEquals(WireStatus.MALFORMED, frame.wrap(reserved, 0, reserved.length).check());
        reserved[1] = (byte) 0x58; // source mode 01
        assertEquals(WireStatus.MALFORMED, frame.wrap(reserved, 0, reserved.length).check());
        byte[] compressedAlone = bytes(0x41, 0x08, 0, 0xcd, 0xab, 0x01, 0x00); // 2003, dst short, no src, compression
        assertEquals(WireStatus.MALFORMED, frame.wrap(compressedAlone, 0, compressedAlone.length).check());
        byte[] suppressedCounter = SECURITY.clone();
        suppressedCounter[21] = 0x25; // frame counter suppression in a 2006 frame
        assertEquals(WireStatus.MALFORMED, frame.wrap(suppressedCounter, 0, suppressedCounter.length).check());
        byte[] multipurpose = SHORT_ADDR.clone();
        multipurpose[0] = 0x05;
        assertEquals(WireStatus.UNSUPPORTED, frame.wrap(multipurpose, 0, multipurpose.length).check());
        byte[] version3 = SHORT_ADDR.clone();
        version3[1] = (byte) 0xb8;
        assertEquals(WireStatus.UNSUPPORTED, frame.wrap(version3, 0, version3.length).check());
        byte[] informationElements = bytes(0x01, 0x2a, 0x00, 0xcd, 0xab, 0x01, 0x00); // 2015 with IE present
        assertEquals(WireStatus.UNSUPPORTED, frame.wrap(informationElements, 0, informationElements.length).check());
        byte[] secured2003 = bytes(0x49, 0x08, 0x00, 0xcd, 0xab, 0x01, 0x00, 0, 0, 0, 0, 0);
        assertEquals(WireStatus.UNSUPPORTED, frame.wrap(secured2003, 0, secured2003.length).check());
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("range offset 5 length 20 is outside a buffer of 11 bytes",
                assertThrows(IndexOutOfBoundsException.class, () -> frame.wrap(SHORT_ADDR, 5, 20)).getMessage());
        assertEquals("frame type must be 0..3 (beacon, data, ack, MAC command), got 4",
                assertThrows(IllegalArgumentException.class, () -> repr.setFrameType(4)).getMessage());
        assertEquals("frame version must be 0..2, got 3",
                assertThrows(IllegalArgumentException.class, () -> repr.setFrameVersion(3)).getMessage());
        assertEquals("sequence number must be 0..255 or -1 (suppressed), got 256",
                assertThrows(IllegalArgumentException.class, () -> repr.setSequenceNumber(256)).getMessage());
        assertEquals("destination PAN ID must be 0..0xffff or -1 (none), got 65536",
                assertThrows(IllegalArgumentException.class, () -> repr.setDstPan(0x10000)).getMessage());
        assertEquals("source PAN ID must be 0..0xffff or -1 (none), got -2",
                assertThrows(IllegalArgumentException.class, () -> repr.setSrcPan(-2)).getMessage());
        assertEquals("destination address 0x10000 does not fit IEEE 802.15.4 addressing mode 2",
                assertThrows(IllegalArgumentException.class, () -> repr.setDstAddress(2, 0x10000)).getMessage());
        assertEquals("source address 0x1 does not fit IEEE 802.15.4 addressing mode 1",
                assertThrows(IllegalArgumentException.class, () -> repr.setSrcAddress(1, 1)).getMessage());
        assertEquals("security control must be 0..0x3f, got 64",
                assertThrows(IllegalArgumentException.class, () -> repr.setSecurity(0x40, 0, 0, 0)).getMessage());
        assertEquals("frame counter must be 0..2^32-1, got -1",
                assertThrows(IllegalArgumentException.class, () -> repr.setSecurity(5, -1, 0, 0)).getMessage());
        assertEquals("key index must be 0..255, got 256",
                assertThrows(IllegalArgumentException.class, () -> repr.setSecurity(5, 0, 0, 256)).getMessage());
        assertEquals("key source 0x100000000 does not fit key identifier mode 2",
                assertThrows(IllegalArgumentException.class, () -> repr.setSecurity(5 | 2 << 3, 0, 1L << 32, 0)).getMessage());
        Ieee802154Repr invalid = new Ieee802154Repr().setFrameVersion(0).setPanIdCompression(true)
                .setDstAddress(Ieee802154Frame.MODE_SHORT, 1);
        assertThrows(IllegalStateException.class, invalid::bufferLen);
        Ieee802154Repr suppressed = new Ieee802154Repr().setSequenceNumber(-1);
        assertEquals("sequence number suppression needs a 2015 frame",
                assertThrows(IllegalStateException.class, suppressed::bufferLen).getMessage());
        Ieee802154Repr counter = new Ieee802154Repr().setSecurity(0x25, 0, 0, 0);
        assertEquals("frame counter suppression needs a 2015 frame",
                assertThrows(IllegalStateException.class, counter::bufferLen).getMessage());
        byte[] small = new byte[4];
        repr.setDstAddress(Ieee802154Frame.MODE_SHORT, 1).setDstPan(1);
        assertEquals("frame of 4 bytes cannot hold the 7-byte IEEE 802.15.4 header",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(frame.wrap(small, 0, 4))).getMessage());
        assertEquals("frame of 1 bytes cannot hold a frame control",
                assertThrows(IllegalArgumentException.class, () -> frame.wrap(small, 0, 1).setFrameControl(0x41)).getMessage());
        assertEquals("frame of 4 bytes cannot hold the 7-byte header",
                assertThrows(IllegalArgumentException.class, () -> frame.wrap(small, 0, 4).setFrameControl(0x0801)).getMessage());
        assertEquals("frame control 0x4401 has no supported layout",
                assertThrows(IllegalArgumentException.class, () -> frame.wrap(small, 0, 4).setFrameControl(0x4401)).getMessage());
        byte[] room = new byte[8];
        frame.wrap(room, 0, 8).setFrameControl(0x0001);
        assertEquals("the frame control leaves no destination PAN field",
                assertThrows(IllegalStateException.class, () -> frame.setDstPan(1)).getMessage());
        assertThrows(IllegalStateException.class, () -> frame.setSrcPan(1));
        assertThrows(IllegalStateException.class, () -> frame.setSecurityHeader(0, 0, 0, 0));
        frame.wrap(room, 0, 8).setFrameControl(0x2000 | 0x0100 | 1);
        assertThrows(IllegalStateException.class, () -> frame.setSequenceNumber(1));
        frame.wrap(room, 0, 8).setFrameControl(0x1000 | 0x0008 | 1);
        assertEquals("frame of 8 bytes cannot hold a security header ending at 17",
                assertThrows(IllegalArgumentException.class, () -> frame.setSecurityHeader(0x18, 0, 0, 0)).getMessage());
    }

    @Test
    void parseThenEmitReproducesEveryGoldenHeader() {
        for (byte[] golden : List.of(EXTENDED_ADDR, SHORT_ADDR, ZOLERTIA, SECURITY, SCAPY_SHORT_DST)) {
            assertEquals(WireStatus.OK, repr.parse(frame.wrap(golden, 0, golden.length)));
            byte[] out = new byte[golden.length + 1];
            Arrays.fill(out, (byte) 0xa5);
            assertEquals(frame.headerLength(), repr.bufferLen());
            repr.emit(new Ieee802154Frame().wrap(out, 0, out.length));
            assertArrayEquals(Arrays.copyOf(golden, repr.bufferLen()), Arrays.copyOf(out, repr.bufferLen()));
            assertEquals((byte) 0xa5, out[repr.bufferLen()], "emit writes the header only");
        }
    }

    @Test
    void scapyFrame() {
        assertEquals(WireStatus.OK, repr.parse(frame.wrap(SCAPY_SHORT_DST, 0, SCAPY_SHORT_DST.length)));
        assertEquals(7, repr.sequenceNumber());
        assertEquals(0xabcd, repr.dstPan());
        assertEquals(0xffff, repr.dstAddress());
        assertEquals(0x0011223344556677L, repr.srcAddress());
        assertEquals(0xabcd, repr.effectiveSrcPan());
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(frame.wrap(ZOLERTIA, 0, ZOLERTIA.length));
        assertEquals("IEEE802.15.4 Data seq=1 dst=abcd/ffff src=abcd/00:12:4b:00:14:b5:d9:c7",
                repr.appendTo(new StringBuilder()).toString());
        repr.parse(frame.wrap(SECURITY, 0, SECURITY.length));
        assertEquals("IEEE802.15.4 Data seq=50 dst=abcd/00:12:4b:00:06:15:9b:bf src=abcd/00:12:4b:00:14:b5:d9:c7"
                + " ack-req secured level=5 fc=305", repr.appendTo(new StringBuilder()).toString());
        repr.setFrameType(0).setFramePending(true);
        assertTrue(repr.appendTo(new StringBuilder()).toString().startsWith("IEEE802.15.4 Beacon"));
        assertTrue(repr.appendTo(new StringBuilder()).toString().contains(" pending"));
        repr.setFrameType(3);
        assertTrue(repr.appendTo(new StringBuilder()).toString().startsWith("IEEE802.15.4 MAC-command"));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[64];
        Ieee802154Frame outFrame = new Ieee802154Frame();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IEEE 802.15.4 parse, emit and print", () -> {
            repr.parse(frame.wrap(SECURITY, 0, SECURITY.length));
            repr.emit(outFrame.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitToTheSameRepr(@ForAll byte[] bytes) {
        checkStable(bytes);
    }

    @Property
    void mutatedGoldenFramesNeverThrow(@ForAll("mutations") byte[] bytes) {
        checkStable(bytes);
    }

    private static void checkStable(byte[] bytes) {
        Ieee802154Frame view = new Ieee802154Frame().wrap(bytes, 0, bytes.length);
        Ieee802154Repr parsed = new Ieee802154Repr();
        if (parsed.parse(view) != WireStatus.OK) {
            return;
        }
        view.payloadOffset();
        byte[] out = new byte[parsed.bufferLen() + view.micLength()];
        parsed.emit(new Ieee802154Frame().wrap(out, 0, out.length));
        Ieee802154Repr again = new Ieee802154Repr();
        assertEquals(WireStatus.OK, again.parse(new Ieee802154Frame().wrap(out, 0, out.length)));
        assertEquals(parsed.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
        assertEquals(parsed.frameControl(), again.frameControl());
        assertEquals(parsed.srcPan(), again.srcPan());
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> golden = Arbitraries.of(EXTENDED_ADDR, SHORT_ADDR, ZOLERTIA, SECURITY, SCAPY_SHORT_DST);
        return Combinators.combine(golden, Arbitraries.integers().between(0, 63), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 63)).as((g, at, value, cut) -> {
                    byte[] copy = g.clone();
                    copy[at % copy.length] = (byte) (int) value;
                    return Arrays.copyOf(copy, Math.max(0, copy.length - cut % 8));
                });
    }

    @Property
    void generatedReprsRoundTrip(@ForAll("reprs") Ieee802154Repr generated) {
        byte[] out = new byte[generated.bufferLen() + 16];
        generated.emit(frame.wrap(out, 0, out.length));
        Ieee802154Repr back = new Ieee802154Repr();
        assertEquals(WireStatus.OK, back.parse(new Ieee802154Frame().wrap(out, 0, out.length)));
        assertEquals(generated.frameControl(), back.frameControl());
        assertEquals(generated.sequenceNumber(), back.sequenceNumber());
        assertEquals(generated.dstAddress(), back.dstAddress());
        assertEquals(generated.srcAddress(), back.srcAddress());
        assertEquals(generated.frameCounter(), back.frameCounter());
        assertEquals(generated.keySource(), back.keySource());
        assertEquals(generated.keyIndex(), back.keyIndex());
        if (back.dstPan() >= 0 && generated.dstPan() >= 0) {
            assertEquals(generated.dstPan(), back.dstPan());
        }
    }

    @Provide
    Arbitrary<Ieee802154Repr> reprs() {
        Arbitrary<Integer> modes = Arbitraries.of(0, 2, 3);
        Arbitrary<Long> addresses = Arbitraries.longs();
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 2), modes, modes,
                addresses, addresses, Arbitraries.integers().between(0, 63), Arbitraries.integers().between(-1, 255))
                .as((type, version, dstMode, srcMode, dst, src, sec, seq) -> {
                    Ieee802154Repr r = new Ieee802154Repr().setFrameType(type).setFrameVersion(version)
                            .setDstAddress(dstMode, dstMode == 2 ? dst & 0xffff : dstMode == 0 ? 0 : dst)
                            .setSrcAddress(srcMode, srcMode == 2 ? src & 0xffff : srcMode == 0 ? 0 : src)
                            .setDstPan((int) (dst >>> 48)).setSrcPan((int) (src >>> 48))
                            .setSequenceNumber(version == 2 ? seq : Math.max(0, seq))
                            .setPanIdCompression(version == 2 ? (sec & 1) != 0 : dstMode != 0 && srcMode != 0 && (sec & 1) != 0);
                    if ((sec & 2) != 0) {
                        int control = sec & (version == 2 ? 0x3f : 0x1f);
                        int ki = Ieee802154Frame.keyIdentifierLength(control);
                        r.setSecurity(control, src >>> 32, ki == 5 ? dst & 0xffffffffL : ki == 9 ? dst : 0, sec);
                    }
                    return r;
                });
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        repr.setFrameType(Ieee802154Frame.TYPE_DATA).setFrameVersion(Ieee802154Frame.VERSION_2006).setSequenceNumber(77)
                .setPanIdCompression(true).setDstPan(0xabcd).setDstAddress(Ieee802154Frame.MODE_SHORT, 0x1234)
                .setSrcAddress(Ieee802154Frame.MODE_EXTENDED, 0x00124b0014b5d9c7L).setAckRequest(true);
        byte[] shortToExtended = new byte[repr.bufferLen() + 3];
        repr.emit(frame.wrap(shortToExtended, 0, shortToExtended.length));
        repr.setFrameType(Ieee802154Frame.TYPE_MAC_COMMAND).setPanIdCompression(false).setSrcPan(0x4321)
                .setDstAddress(Ieee802154Frame.MODE_EXTENDED, 0x0102030405060708L)
                .setSrcAddress(Ieee802154Frame.MODE_SHORT, 0x00aa);
        byte[] command = new byte[repr.bufferLen() + 1];
        repr.emit(frame.wrap(command, 0, command.length));
        command[command.length - 1] = 0x04; // data request command
        repr.setFrameType(Ieee802154Frame.TYPE_DATA).setFrameVersion(Ieee802154Frame.VERSION_2015).setSequenceNumber(-1)
                .setPanIdCompression(false).setSecurity(5 | 1 << 3, 0x01020304L, 0, 7);
        byte[] secured = new byte[repr.bufferLen() + 8];
        repr.emit(frame.wrap(secured, 0, secured.length));
        List<String[]> rows = Tshark.judge(dir.resolve("wpan.pcap"), PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS,
                List.of(shortToExtended, command, secured),
                "wpan.frame_type", "wpan.seq_no", "wpan.dst_pan", "wpan.dst16", "wpan.dst64", "wpan.src16", "wpan.src64",
                "wpan.src_pan", "wpan.aux_sec.frame_counter", "wpan.aux_sec.key_index");
        assertArrayEquals(new String[] {"0x0001", "77", "0xabcd", "0x1234", "", "", "00:12:4b:00:14:b5:d9:c7", "", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"0x0003", "77", "0xabcd", "", "01:02:03:04:05:06:07:08", "0x00aa", "", "0x4321", "", ""}, rows.get(1));
        assertArrayEquals(new String[] {"0x0001", "", "0xabcd", "", "01:02:03:04:05:06:07:08", "0x00aa", "", "0x4321", "16909060", "0x07"},
                rows.get(2));
    }
}
