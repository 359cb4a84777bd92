package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.SixlowpanIphcPacket;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.WireStatus;

/** Decompression beyond scapy's vectors: NHC extension headers, elided UDP checksums, contexts, and every bad input. */
class SixlowpanDecompressorTest {

    private static final int EXT = Ieee802154Frame.MODE_EXTENDED;
    private static final int ABSENT = Ieee802154Frame.MODE_ABSENT;
    /** fe80::212:4b00:1:203 and fe80::212:4b00:4:506, hop limit 64. */
    private static final String ADDRESSES = "fe8000000000000002124b0000010203fe8000000000000002124b0000040506";

    private final SixlowpanContexts contexts = new SixlowpanContexts();
    private final SixlowpanDecompressor decompressor = new SixlowpanDecompressor(contexts);
    private final byte[] out = new byte[300];

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private int decompress(byte[] in, int datagramSize) {
        return decompressor.decompress(in, 0, in.length, EXT, A, EXT, B, datagramSize, out, 0, out.length);
    }

    private String decompressed(String lowpan) {
        int length = decompress(hex(lowpan), SixlowpanDecompressor.WHOLE_FRAME);
        if (length < 0) {
            throw new AssertionError("status " + length);
        }
        return HexFormat.of().formatHex(out, 0, length);
    }

    @Test
    void hopByHopOptionsAreRebuiltWithTheirPaddingWhetherTheSenderElidedItOrNot() {
        String expected = "6000000000120040" + ADDRESSES + "1100010400000000" + "f0b1f0b2" + "000a" + "abcd" + "6869";
        // NHC EXT (EID 0, next header NHC) with the PadN carried, then NHC UDP.
        assertEquals(expected, decompressed("7e33" + "e106010400000000" + "f312abcd" + "6869"));
        // The same with the padding elided (RFC 6282 section 4.2): the decompressor pads.
        assertEquals(expected, decompressed("7e33" + "e100" + "f312abcd" + "6869"));
        // One octet short of 8: Pad1.
        assertEquals("6000000000120040" + ADDRESSES + "1100050301020300" + "f0b1f0b2000aabcd6869",
                decompressed("7e33" + "e1050503010203" + "f312abcd" + "6869"));
    }

    @Test
    void aFragmentHeaderAndAnInlineNextHeaderAfterIt() {
        // NHC EXT (EID 2, next header in-line: 58) with the 6-octet body, then an ICMPv6 echo reply stub.
        assertEquals("60000000000c2c40" + ADDRESSES + "3a00" + "000100000007" + "81000000",
                decompressed("7e33" + "e43a06000100000007" + "81000000"));
    }

    @Test
    void extensionHeadersThatCannotBePaddedAreMalformed() {
        // A routing header (EID 1) whose body does not fill 8-octet units.
        assertEquals(WireStatus.MALFORMED, decompress(hex("7e33" + "e3050102030405" + "f312abcd"), -1));
        // A fragment header with a 4-octet body.
        assertEquals(WireStatus.MALFORMED, decompress(hex("7e33" + "e40401020304" + "f312abcd"), -1));
    }

    @Test
    void anElidedUdpChecksumIsRecomputed() {
        byte[] packet = LowpanNode.udp6(LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(A), LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(B),
                0xf0b1, 0xf0b2, "hi".getBytes());
        int length = decompress(hex("7e33" + "f712" + "6869"), -1);
        assertEquals(HexFormat.of().formatHex(packet), HexFormat.of().formatHex(out, 0, length));
        assertEquals(true, decompressor.udpChecksumElided());
        assertEquals(40, decompressor.udpOffset());
    }

    @Test
    void anElidedUdpChecksumInAFragmentedDatagramIsRecomputedOnceWhole() {
        LowpanNode a = new LowpanNode(A);
        LowpanNode b = new LowpanNode(B);
        byte[] datagram = LowpanNode.udpBetween(a, b, 600);
        List<byte[]> frames = a.send(datagram, B);
        // Elide the checksum in FRAG1: set C and drop the two checksum octets after the NHC UDP ports.
        byte[] first = frames.get(0);
        Ieee802154Frame mac = new Ieee802154Frame().wrap(first, 0, first.length);
        mac.check();
        int iphc = mac.payloadOffset() + 4;
        int nhc = iphc + new SixlowpanIphcPacket().wrap(first, iphc, first.length - iphc).headerLength();
        assertEquals(0xf0, first[nhc] & 0xf8, "NHC UDP");
        int checksum = nhc + 1 + 4;
        byte[] elided = new byte[first.length - 2];
        System.arraycopy(first, 0, elided, 0, checksum);
        System.arraycopy(first, checksum + 2, elided, checksum, first.length - checksum - 2);
        elided[nhc] |= 0x04;
        b.receive(List.of(elided), 0);
        b.receive(frames.subList(1, frames.size()), 0);
        assertEquals(HexFormat.of().formatHex(datagram), HexFormat.of().formatHex(b.received.get(0)));
    }

    @Test
    void contextsGivePrefixes() {
        contexts.set(0, 0x2001_0db8_0000_0000L, 0, 64);
        // CID=1, SAC=1 SAM=3, DAC=1 DAM=3: both from context 0 and the link addresses.
        String packet = decompressed("7ef700" + "f312abcd");
        assertEquals("20010db800000000" + "02124b0000010203" + "20010db800000000" + "02124b0000040506", packet.substring(16, 80));
        // An undefined context: the packet is dropped (RFC 6282 section 3.2.2).
        assertEquals(WireStatus.UNSUPPORTED, decompress(hex("7ef711" + "f312abcd"), -1));
    }

    @Test
    void uncompressedIpv6IsCopied() {
        byte[] ipv6 = LowpanNode.udp6(LowpanNode.LINK_LOCAL, 1, LowpanNode.LINK_LOCAL, 2, 1, 2, new byte[3]);
        byte[] frame = new byte[ipv6.length + 1];
        frame[0] = 0x41;
        System.arraycopy(ipv6, 0, frame, 1, ipv6.length);
        assertEquals(ipv6.length, decompress(frame, -1));
        assertEquals(HexFormat.of().formatHex(ipv6), HexFormat.of().formatHex(out, 0, ipv6.length));
        assertEquals(WireStatus.TRUNCATED, decompress(Arrays.copyOf(frame, 40), -1));
        frame[1] = 0x45;
        assertEquals(WireStatus.MALFORMED, decompress(frame, -1));
        frame[1] = 0x60;
        assertEquals(WireStatus.MALFORMED, decompress(frame, 20), "datagram size below what the frame holds");
        assertEquals(SixlowpanDecompressor.TOO_LARGE,
                decompressor.decompress(frame, 0, frame.length, EXT, A, EXT, B, -1, out, 0, 40));
    }

    @Test
    void badInputIsAStatusNeverAnException() {
        assertEquals(WireStatus.TRUNCATED, decompress(new byte[0], -1));
        assertEquals(WireStatus.UNSUPPORTED, decompress(hex("80aabb"), -1), "mesh header");
        assertEquals(WireStatus.UNSUPPORTED, decompress(hex("00aabb"), -1), "not a LoWPAN frame");
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e"), -1));
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e33"), -1), "NHC announced, nothing follows");
        assertEquals(WireStatus.MALFORMED, decompress(hex("7e33" + "00"), -1), "no valid NHC octet");
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e33" + "f0"), -1), "NHC UDP without ports");
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e33" + "e1"), -1), "NHC EXT without length");
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e33" + "e10601"), -1), "NHC EXT body cut short");
        assertEquals(WireStatus.TRUNCATED, decompress(hex("7e33" + "e100"), -1), "NHC EXT announces an NHC that is missing");
        assertEquals(WireStatus.UNSUPPORTED, decompress(hex("7e33" + "ef00"), -1), "an NHC-encoded IPv6 header");
        assertEquals(WireStatus.MALFORMED,
                decompressor.decompress(hex("7e33f312abcd"), 0, 6, ABSENT, 0, EXT, B, -1, out, 0, out.length), "elided IID, no link source");
        assertEquals(SixlowpanDecompressor.TOO_LARGE,
                decompressor.decompress(hex("7e33f312abcd6869"), 0, 8, EXT, A, EXT, B, -1, out, 0, 47));
        assertEquals(SixlowpanDecompressor.TOO_LARGE,
                decompressor.decompress(hex("7e33f312abcd6869"), 0, 8, EXT, A, EXT, B, -1, out, 0, 49));
        assertEquals(SixlowpanDecompressor.TOO_LARGE,
                decompressor.decompress(hex("7e33e100f312abcd"), 0, 8, EXT, A, EXT, B, -1, out, 0, 44));
        assertEquals(SixlowpanDecompressor.TOO_LARGE,
                decompressor.decompress(hex("7e33f312abcd"), 0, 6, EXT, A, EXT, B, -1, out, 0, 30));
        assertEquals(WireStatus.MALFORMED, decompress(hex("7e33f312abcd6869"), 49), "datagram size below the frame's content");
    }

    @Test
    void udpLengthAndPayloadLengthComeFromTheDatagramSizeOfAFirstFragment() {
        int length = decompress(hex("7e33f312abcd6869"), 1280);
        assertEquals(50, length);
        assertEquals(1240, NetworkBytes.getU16(out, 4), "IPv6 payload length");
        assertEquals(1240, NetworkBytes.getU16(out, 44), "UDP length");
    }
}
