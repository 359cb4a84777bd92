package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.WireStatus;

/** The compressor's choices, octet by octet. */
class SixlowpanCompressorTest {

    private final SixlowpanContexts contexts = new SixlowpanContexts();
    private final SixlowpanCompressor compressor = new SixlowpanCompressor(contexts);
    private final byte[] out = new byte[SixlowpanCompressor.MAX_HEADER_LENGTH];

    private String compress(byte[] packet, long linkSource, long linkDestination) {
        int length = compressor.compress(packet, 0, packet.length, linkSource, linkDestination, out, 0);
        return HexFormat.of().formatHex(out, 0, length);
    }

    private static byte[] udp(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int sourcePort, int destinationPort) {
        return LowpanNode.udp6(sourceHigh, sourceLow, destinationHigh, destinationLow, sourcePort, destinationPort, new byte[] {1});
    }

    @Test
    void linkLocalAddressesFromTheLinkAddressesAreElidedEntirely() {
        byte[] packet = udp(LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(A), LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(B), 0xf0b1, 0xf0b2);
        String checksum = HexFormat.of().formatHex(packet, 46, 48);
        assertEquals("7e33" + "f312" + checksum, compress(packet, A, B));
        assertEquals(48, compressor.consumed());
    }

    @Test
    void allNodesMulticastTakesOneOctetAndShortDerivedAddressesNone() {
        byte[] packet = udp(LowpanNode.LINK_LOCAL, 0x0000_00ff_fe00_0001L, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, 6969, 6969);
        String checksum = HexFormat.of().formatHex(packet, 46, 48);
        assertEquals("7e3b01" + "f01b391b39" + checksum, compress(packet, LinkAddress.ofShort(1), LinkAddress.BROADCAST));
    }

    @Test
    void hopLimitsOtherThan1_64_255AndNonZeroTrafficClassGoInline() {
        byte[] packet = udp(LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(A), LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(B), 0xf0b1, 0xf0b2);
        String tail = "f312" + HexFormat.of().formatHex(packet, 46, 48);
        for (int[] limit : new int[][] {{1, 0x7d}, {255, 0x7f}}) {
            packet[7] = (byte) limit[0];
            assertEquals(String.format("%02x33", limit[1]) + tail, compress(packet, A, B));
        }
        packet[7] = 17;
        assertEquals("7c33" + "11" + tail, compress(packet, A, B));
        // Traffic class 0xb8 (DSCP 46, ECN 0), flow label 0: TF=2, one octet ECN+DSCP.
        packet[7] = 64;
        packet[0] = 0x6b;
        packet[1] = (byte) 0x80;
        assertEquals("7633" + "2e" + tail, compress(packet, A, B));
    }

    @Test
    void globalAddressesUseAContextWhenOneMatches() {
        long prefix = 0x2001_0db8_0000_0000L;
        byte[] packet = udp(prefix, LinkAddress.interfaceId(A), prefix, 0x0000_00ff_fe00_1234L, 0xf0b1, 0xf0b2);
        String tail = "f312" + HexFormat.of().formatHex(packet, 46, 48);
        assertEquals("7e00" + "20010db800000000" + "02124b0000010203" + "20010db800000000" + "000000fffe001234" + tail,
                compress(packet, A, B));
        contexts.set(0, prefix, 0, 64);
        // Context 0 needs no CID octet: SAC=1 SAM=3 (all from the link address), DAC=1 DAM=2 (16 bits).
        assertEquals("7e76" + "1234" + tail, compress(packet, A, B));
    }

    @Test
    void nonUdpNextHeadersStayInlineAndUdpWithAWrongLengthIsNotCompressed() {
        byte[] echo = SixlowpanAdapterTsharkTest.echoRequest(LinkAddress.interfaceId(A), LinkAddress.interfaceId(B));
        assertEquals("7b33" + "3a", compress(echo, A, B));
        assertEquals(40, compressor.consumed());
        byte[] packet = udp(LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(A), LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(B), 1, 2);
        packet[45] = 8;
        assertEquals("7a33" + "11", compress(packet, A, B));
    }

    @Test
    void whatIsNoWholeIpv6PacketIsRefused() {
        byte[] packet = udp(LowpanNode.LINK_LOCAL, 1, LowpanNode.LINK_LOCAL, 2, 1, 2);
        assertEquals(WireStatus.TRUNCATED, compressor.compress(packet, 0, 39, A, B, out, 0));
        assertEquals(WireStatus.TRUNCATED, compressor.compress(packet, 0, packet.length - 1, A, B, out, 0));
        byte[] longer = java.util.Arrays.copyOf(packet, packet.length + 1);
        assertEquals(WireStatus.MALFORMED, compressor.compress(longer, 0, longer.length, A, B, out, 0), "length field disagrees");
        packet[0] = 0x45;
        assertEquals(WireStatus.MALFORMED, compressor.compress(packet, 0, packet.length, A, B, out, 0));
    }
}
