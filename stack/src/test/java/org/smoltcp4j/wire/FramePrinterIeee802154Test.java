package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

/** IEEE 802.15.4 frames carrying 6LoWPAN (golden frames from smoltcp's tests), printed layer by layer. */
class FramePrinterIeee802154Test {

    private final FramePrinter printer = new FramePrinter();

    private String print(byte[] frame) {
        return printer.appendIeee802154(frame, 0, frame.length, new StringBuilder()).toString();
    }

    @Test
    void echoRequestOverIphcIsDecodedToIcmpv6() {
        String line = print(Hex8.sixlowpan("echo-request"));
        String[] layers = line.split(" \\| ");
        assertEquals(3, layers.length, line);
        assertTrue(layers[2].toLowerCase().contains("echo"), line);
        assertTrue(!line.contains("bad checksum") && !line.contains("(truncated)") && !line.contains("(malformed)"), line);
    }

    @Test
    void rplDaoUsesAnUnknownContextAndSaysSo() {
        String line = print(Hex8.sixlowpan("rpl-dao"));
        assertTrue(line.endsWith("6LoWPAN IPHC (unsupported)"), line);
    }

    @Test
    void firstFragmentShowsCompressedHeadersThenStops() {
        String line = print(Hex8.sixlowpan("three-fragments-1"));
        assertTrue(line.endsWith(" | fragment (not reassembled)"), line);
        assertTrue(line.split(" \\| ").length >= 4, line);
    }

    @Test
    void laterFragmentsAreNamed() {
        String line = print(Hex8.sixlowpan("three-fragments-2"));
        assertTrue(line.endsWith(" | fragment (not reassembled)"), line);
    }

    @Test
    void truncatedFrameIsReported() {
        assertEquals("IEEE802.15.4 (truncated)", print(new byte[] {0x41}));
    }

    @Test
    void printingAllocatesNothing() {
        byte[][] frames = {Hex8.sixlowpan("echo-request"), Hex8.sixlowpan("rpl-dao"), Hex8.sixlowpan("three-fragments-1"),
            Hex8.sixlowpan("three-fragments-2"), Hex8.sixlowpan("three-fragments-3")};
        StringBuilder out = new StringBuilder(1024);
        AllocationProbe.assertAllocationFree("printing 802.15.4 frames", () -> {
            for (byte[] frame : frames) {
                out.setLength(0);
                printer.appendIeee802154(frame, 0, frame.length, out);
            }
        });
    }

    @Property(tries = 3000)
    void anyBytesPrintWithoutThrowing(@ForAll byte[] bytes) {
        printer.appendIeee802154(bytes, 0, bytes.length, new StringBuilder());
    }

    @Property(tries = 3000)
    void mutatedFramesPrintWithoutThrowing(@ForAll int position, @ForAll byte value, @ForAll boolean second) {
        byte[] frame = Hex8.sixlowpan(second ? "three-fragments-1" : "echo-request");
        frame[Math.floorMod(position, frame.length)] = value;
        printer.appendIeee802154(frame, 0, frame.length, new StringBuilder());
    }
}
