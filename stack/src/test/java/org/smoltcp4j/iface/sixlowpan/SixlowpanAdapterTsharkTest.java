package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.phy.OutputStreamPcapSink;
import org.smoltcp4j.phy.PcapWriter;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * Frames our adapter sends, recorded by the stack's {@link PcapWriter} with the 802.15.4 link type,
 * are read by tshark without malformed packets or expert errors, with the addresses and ports we
 * compressed: link-local unicast from extended and short addresses, multicast, global addresses
 * in-line, ICMPv6 with an in-line next header, and a fragmented 1280-byte datagram.
 */
class SixlowpanAdapterTsharkTest {

    private static final long GLOBAL = 0x2001_0db8_0000_0000L;

    @Test
    void tsharkReadsWhatWeSend(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("sixlowpan.pcap");
        LowpanNode a = new LowpanNode(A, new SixlowpanConfig().shortAddress(0x0001));
        LowpanNode b = new LowpanNode(B);
        byte[][] packets = {
            LowpanNode.udpBetween(a, b, 100),
            LowpanNode.udp6(LowpanNode.LINK_LOCAL, a.linkLocalLow(), Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, 6969, 6969,
                    LowpanNode.pattern(20, 1)),
            LowpanNode.udp6(LowpanNode.LINK_LOCAL, 0x0000_00ff_fe00_0001L, LowpanNode.LINK_LOCAL, b.linkLocalLow(), 0xf0b1, 0xf0b2,
                    LowpanNode.pattern(10, 2)),
            LowpanNode.udp6(GLOBAL, 1, GLOBAL, 2, 6971, 0xf012, LowpanNode.pattern(30, 3)),
            echoRequest(a.linkLocalLow(), b.linkLocalLow()),
            LowpanNode.udpBetween(a, b, 1280),
        };
        long[] destinations = {B, LinkAddress.BROADCAST, B, LinkAddress.ofDestination(GLOBAL, 2), B, B};
        try (OutputStream out = Files.newOutputStream(pcap)) {
            PcapWriter writer = new PcapWriter(a.device, new OutputStreamPcapSink(out), PcapWriter.MODE_TX);
            for (int i = 0; i < packets.length; i++) {
                a.adapter.send(packets[i], 0, packets[i].length, destinations[i]);
                a.adapter.flush(writer, i);
            }
        }
        assertEquals(List.of(), Tshark.problems(pcap));
        List<String[]> rows = Tshark.fields(pcap, "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "udp.checksum.status",
                "icmpv6.type", "wpan.src64", "wpan.src16");
        assertEquals(a.counters.get(Counters.TX_FRAMES), rows.size());
        assertRow(rows.get(0), "fe80::212:4b00:1:203", "fe80::212:4b00:4:506", "6969", "7000");
        assertRow(rows.get(1), "fe80::212:4b00:1:203", "ff02::1", "6969", "6969");
        assertRow(rows.get(2), "fe80::ff:fe00:1", "fe80::212:4b00:4:506", "61617", "61618");
        assertEquals("0x0001", rows.get(2)[7], "the short source for the short-derived address");
        assertRow(rows.get(3), "2001:db8::1", "2001:db8::2", "6971", "61458");
        assertEquals("128", rows.get(4)[5]);
        // tshark shows the reassembled datagram on the last fragment.
        assertRow(rows.get(rows.size() - 1), "fe80::212:4b00:1:203", "fe80::212:4b00:4:506", "6969", "7000");
        for (int i = 0; i < 4; i++) {
            assertEquals("1", rows.get(i)[4], "UDP checksum good in frame " + i);
        }
    }

    private static void assertRow(String[] row, String src, String dst, String srcPort, String dstPort) {
        assertArrayEquals(new String[] {src, dst, srcPort, dstPort}, new String[] {row[0], row[1], row[2], row[3]});
    }

    /** An ICMPv6 echo request between two link-local addresses, checksum filled. */
    static byte[] echoRequest(long sourceLow, long destinationLow) {
        byte[] packet = new byte[40 + 12];
        packet[0] = 0x60;
        NetworkBytes.setU16(packet, 4, 12);
        packet[6] = (byte) IpProtocol.ICMPV6;
        packet[7] = (byte) 255;
        Ipv6Address.write(packet, 8, LowpanNode.LINK_LOCAL, sourceLow);
        Ipv6Address.write(packet, 24, LowpanNode.LINK_LOCAL, destinationLow);
        packet[40] = (byte) 128;
        NetworkBytes.setU16(packet, 44, 0x1234);
        NetworkBytes.setU16(packet, 46, 1);
        NetworkBytes.setU32(packet, 48, 0x70696e67);
        long sum = org.smoltcp4j.wire.Checksum.ipv6PseudoHeader(LowpanNode.LINK_LOCAL, sourceLow, LowpanNode.LINK_LOCAL, destinationLow,
                IpProtocol.ICMPV6, 12);
        NetworkBytes.setU16(packet, 42, org.smoltcp4j.wire.Checksum.finish(org.smoltcp4j.wire.Checksum.accumulate(sum, packet, 40, 12)));
        return packet;
    }
}
