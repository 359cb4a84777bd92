package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;
import org.smoltcp4j.wire.SixlowpanContexts;

/**
 * Frames built by scapy's independent 6LoWPAN implementation decompress (and reassemble) into
 * exactly the IPv6 packets scapy decodes from them; and our compression of those packets, over the
 * same link addresses, is never longer than scapy's and decompresses back to them.
 */
class SixlowpanGoldenVectorsTest {

    private final CountingSink counters = new CountingSink();
    private final SixlowpanAdapter adapter = new SixlowpanAdapter(new SixlowpanConfig().panId(GoldenVectors.PAN).shortAddress(2),
            GoldenVectors.EXT_B, new SixlowpanContexts(), 125, counters, 0);
    private final List<byte[]> received = new ArrayList<>();
    private final List<Long> sources = new ArrayList<>();

    static List<GoldenVectors> vectors() {
        return GoldenVectors.load();
    }

    private int receive(byte[] frame) {
        return adapter.receive(frame, 0, frame.length, 0, (buf, off, len, source, linkBroadcast) -> {
            received.add(Arrays.copyOfRange(buf, off, off + len));
            sources.add(source);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void scapyFramesDecompressToScapysPacket(GoldenVectors vector) {
        for (byte[] frame : vector.frames()) {
            receive(frame);
        }
        assertEquals(1, received.size(), "packets delivered");
        assertEquals(HexFormat.of().formatHex(vector.ipv6()), HexFormat.of().formatHex(received.get(0)));
        Ieee802154Repr link = linkOf(vector.frames().get(0));
        assertEquals(LinkAddress.of(link.srcAddressingMode(), link.srcAddress()), sources.get(0));
        assertEquals(0, counters.get(Counters.RX_SIXLOWPAN_MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourCompressionIsNoLongerAndRoundTrips(GoldenVectors vector) {
        Ieee802154Repr link = linkOf(vector.frames().get(0));
        long source = LinkAddress.of(link.srcAddressingMode(), link.srcAddress());
        long destination = LinkAddress.of(link.dstAddressingMode(), link.dstAddress());
        SixlowpanContexts contexts = new SixlowpanContexts();
        SixlowpanCompressor compressor = new SixlowpanCompressor(contexts);
        byte[] ipv6 = vector.ipv6();
        byte[] lowpan = new byte[ipv6.length + SixlowpanCompressor.MAX_HEADER_LENGTH];
        int header = compressor.compress(ipv6, 0, ipv6.length, source, destination, lowpan, 0);
        int rest = ipv6.length - compressor.consumed();
        System.arraycopy(ipv6, compressor.consumed(), lowpan, header, rest);
        if (vector.frames().size() == 1) {
            Ieee802154Frame frame = new Ieee802154Frame().wrap(vector.frames().get(0), 0, vector.frames().get(0).length);
            frame.check();
            assertTrue(header + rest <= frame.payloadLength(), "ours " + (header + rest) + " > scapy's " + frame.payloadLength());
        }
        byte[] back = new byte[ipv6.length + 64];
        int length = new SixlowpanDecompressor(contexts).decompress(lowpan, 0, header + rest, link.srcAddressingMode(), link.srcAddress(),
                link.dstAddressingMode(), link.dstAddress(), SixlowpanDecompressor.WHOLE_FRAME, back, 0, back.length);
        assertArrayEquals(ipv6, Arrays.copyOf(back, length));
    }

    static Ieee802154Repr linkOf(byte[] frame) {
        Ieee802154Repr link = new Ieee802154Repr();
        assertEquals(0, link.parse(new Ieee802154Frame().wrap(frame, 0, frame.length)));
        return link;
    }
}
