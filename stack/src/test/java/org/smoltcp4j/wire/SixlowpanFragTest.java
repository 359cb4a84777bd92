package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

class SixlowpanFragTest {

    /** smoltcp sixlowpan/mod.rs sixlowpan_three_fragments: 802.15.4 frames carrying FRAG1, FRAGN, FRAGN. */
    static final byte[] FRAME1 = Hex8.sixlowpan("three-fragments-1");
    static final byte[] FRAME2 = Hex8.sixlowpan("three-fragments-2");
    static final byte[] FRAME3 = Hex8.sixlowpan("three-fragments-3");

    private final SixlowpanFragPacket packet = new SixlowpanFragPacket();
    private final SixlowpanFragRepr repr = new SixlowpanFragRepr();

    @Test
    void sixlowpanFragmentEmit() {
        byte[] out = new byte[4];
        repr.setFirstFragment(0xff, 0xabcd);
        assertEquals(4, repr.bufferLen());
        repr.emit(packet.wrap(out, 0, 4));
        assertEquals(0xff, packet.datagramSize());
        assertEquals(0xabcd, packet.datagramTag());
        assertArrayEquals(Ieee802154Test.bytes(0xc0, 0xff, 0xab, 0xcd), out);
        out = new byte[5];
        repr.setNextFragment(0xff, 0xabcd, 0xcc);
        assertEquals(5, repr.bufferLen());
        repr.emit(packet.wrap(out, 0, 5));
        assertEquals(0xff, packet.datagramSize());
        assertEquals(0xabcd, packet.datagramTag());
        assertArrayEquals(Ieee802154Test.bytes(0xe0, 0xff, 0xab, 0xcd, 0xcc), out);
    }

    @Test
    void sixlowpanThreeFragments() {
        Ieee802154Frame frame = new Ieee802154Frame();
        Ieee802154Repr link = new Ieee802154Repr();
        int[] offsets = {0, 136 / 8, 232 / 8};
        byte[][] frames = {FRAME1, FRAME2, FRAME3};
        for (int i = 0; i < 3; i++) {
            assertEquals(WireStatus.OK, link.parse(frame.wrap(frames[i], 0, frames[i].length)));
            assertEquals(0x3293822f28083ed9L, link.srcAddress()); // smoltcp key: [50,147,130,47,40,8,62,217]
            assertEquals(0x1a0b424242424242L, link.dstAddress()); // [26,11,66,66,66,66,66,66]
            int kind = SixlowpanDispatch.classify(frames[i][frame.payloadOffset()]);
            assertEquals(i == 0 ? SixlowpanDispatch.FRAG1 : SixlowpanDispatch.FRAGN, kind);
            assertEquals(WireStatus.OK, repr.parse(packet.wrap(frames[i], frame.payloadOffset(), frame.payloadLength())));
            assertEquals(307, repr.datagramSize());
            assertEquals(0x003f, repr.datagramTag());
            assertEquals(offsets[i], repr.datagramOffset());
            assertEquals(i == 0, repr.isFirstFragment());
        }
    }

    @Test
    void dispatchClassification() {
        assertEquals(SixlowpanDispatch.NALP, SixlowpanDispatch.classify(0x3f));
        assertEquals(SixlowpanDispatch.IPV6, SixlowpanDispatch.classify(0x41));
        assertEquals(SixlowpanDispatch.OTHER, SixlowpanDispatch.classify(0x42)); // LOWPAN_HC1
        assertEquals(SixlowpanDispatch.OTHER, SixlowpanDispatch.classify(0x50)); // LOWPAN_BC0
        assertEquals(SixlowpanDispatch.IPHC, SixlowpanDispatch.classify(0x60));
        assertEquals(SixlowpanDispatch.IPHC, SixlowpanDispatch.classify(0x7f));
        assertEquals(SixlowpanDispatch.MESH, SixlowpanDispatch.classify(0x80));
        assertEquals(SixlowpanDispatch.MESH, SixlowpanDispatch.classify(0xbf));
        assertEquals(SixlowpanDispatch.FRAG1, SixlowpanDispatch.classify(0xc7));
        assertEquals(SixlowpanDispatch.OTHER, SixlowpanDispatch.classify(0xc8));
        assertEquals(SixlowpanDispatch.FRAGN, SixlowpanDispatch.classify(0xe7));
        assertEquals(SixlowpanDispatch.OTHER, SixlowpanDispatch.classify(0xf0));
        assertEquals(SixlowpanDispatch.NHC_EXTENSION, SixlowpanDispatch.classifyNhc(0xe0));
        assertEquals(SixlowpanDispatch.NHC_EXTENSION, SixlowpanDispatch.classifyNhc(0xef));
        assertEquals(SixlowpanDispatch.NHC_UDP, SixlowpanDispatch.classifyNhc(0xf7));
        assertEquals(SixlowpanDispatch.NHC_OTHER, SixlowpanDispatch.classifyNhc(0xf8));
        assertEquals(SixlowpanDispatch.NHC_OTHER, SixlowpanDispatch.classifyNhc(0x00));
    }

    @Test
    void largestSizeAndOffset() {
        byte[] out = new byte[5];
        repr.setNextFragment(2047, 0xffff, 255);
        repr.emit(packet.wrap(out, 0, 5));
        assertArrayEquals(Ieee802154Test.bytes(0xe7, 0xff, 0xff, 0xff, 0xff), out);
        SixlowpanFragRepr back = new SixlowpanFragRepr();
        assertEquals(WireStatus.OK, back.parse(packet), "offset 2040 + 0 octets is within 2047");
        assertEquals(255, back.datagramOffset());
    }

    @Test
    void everyErrorStatus() {
        assertEquals(WireStatus.TRUNCATED, packet.wrap(new byte[0], 0, 0).check());
        byte[] first = {(byte) 0xc0, 0x10, 0, 1};
        assertEquals(WireStatus.TRUNCATED, packet.wrap(first, 0, 3).check());
        byte[] next = {(byte) 0xe0, 0x10, 0, 1, 2};
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(next, 0, 4)));
        byte[] iphc = {0x7a, 0x33, 0, 0};
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(iphc, 0, 4)));
        byte[] zeroSize = {(byte) 0xc0, 0, 0, 1};
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(zeroSize, 0, 4)));
        byte[] pastEnd = {(byte) 0xe0, 0x10, 0, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(pastEnd, 0, pastEnd.length)), "16*8 + 9 > 16");
        byte[] fits = {(byte) 0xe0, 0x18, 0, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(fits, 0, fits.length)), "2*8 + 8 = 24");
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("datagram size must be 1..2047, got 2048",
                assertThrows(IllegalArgumentException.class, () -> repr.setFirstFragment(2048, 1)).getMessage());
        assertEquals("datagram size must be 1..2047, got 0",
                assertThrows(IllegalArgumentException.class, () -> repr.setFirstFragment(0, 1)).getMessage());
        assertEquals("datagram tag must be 0..65535, got -1",
                assertThrows(IllegalArgumentException.class, () -> repr.setFirstFragment(1, -1)).getMessage());
        assertEquals("fragment offset must be 0..255 (8-octet units), got 256",
                assertThrows(IllegalArgumentException.class, () -> repr.setNextFragment(1, 1, 256)).getMessage());
        byte[] small = new byte[4];
        repr.setNextFragment(100, 1, 2);
        assertEquals("packet of 4 bytes cannot hold the 5-byte fragment header",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(small, 0, 4))).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(small, 2, 3));
    }

    @Test
    void printsLikeTcpdump() {
        assertEquals("FRAG1 size=307 tag=63", repr.setFirstFragment(307, 63).appendTo(new StringBuilder()).toString());
        assertEquals("FRAGN size=307 tag=63 offset=17", repr.setNextFragment(307, 63, 17).appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[8];
        SixlowpanFragPacket outPacket = new SixlowpanFragPacket();
        StringBuilder text = new StringBuilder(64);
        Ieee802154Frame frame = new Ieee802154Frame().wrap(FRAME2, 0, FRAME2.length);
        frame.check();
        AllocationProbe.assertAllocationFree("6LoWPAN fragment parse, emit and print", () -> {
            repr.parse(packet.wrap(FRAME2, frame.payloadOffset(), frame.payloadLength()));
            repr.emit(outPacket.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        SixlowpanFragPacket view = new SixlowpanFragPacket().wrap(bytes, 0, bytes.length);
        SixlowpanFragRepr parsed = new SixlowpanFragRepr();
        if (parsed.parse(view) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new SixlowpanFragPacket().wrap(out, 0, out.length));
            byte[] expected = Arrays.copyOf(bytes, out.length);
            expected[0] &= (byte) 0xf8 | 0x07; // the dispatch keeps its size bits
            assertArrayEquals(expected, out);
        }
    }

    @Property
    void generatedReprsRoundTrip(@ForAll boolean first, @ForAll @IntRange(min = 1, max = 2047) int size,
            @ForAll @IntRange(max = 65535) int tag, @ForAll @IntRange(max = 255) int units) {
        if (first) {
            repr.setFirstFragment(size, tag);
        } else {
            repr.setNextFragment(size, tag, units);
        }
        byte[] out = new byte[repr.bufferLen()];
        repr.emit(packet.wrap(out, 0, out.length));
        SixlowpanFragRepr back = new SixlowpanFragRepr();
        int status = back.parse(packet);
        if (!first && units * 8 > size) {
            assertEquals(WireStatus.MALFORMED, status);
            return;
        }
        assertEquals(WireStatus.OK, status);
        assertEquals(first, back.isFirstFragment());
        assertEquals(size, back.datagramSize());
        assertEquals(tag, back.datagramTag());
        assertEquals(first ? 0 : units, back.datagramOffset());
        assertFalse(back.appendTo(new StringBuilder()).length() == 0);
        assertTrue(out.length == 4 || out.length == 5);
    }
}
