package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class ArpTest {

    /** smoltcp wire/arp.rs PACKET_BYTES: a request from 11:..:16/21.22.23.24 to 31:..:36/41.42.43.44. */
    static final byte[] PACKET = {
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
        0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x21, 0x22, 0x23, 0x24,
        0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x41, 0x42, 0x43, 0x44,
    };

    private final ArpPacket packet = new ArpPacket();
    private final ArpRepr repr = new ArpRepr();

    @Test
    void viewReadsTheGoldenPacket() {
        packet.wrap(PACKET, 0, PACKET.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(1, packet.hardwareType());
        assertEquals(EtherType.IPV4, packet.protocolType());
        assertEquals(6, packet.hardwareLength());
        assertEquals(4, packet.protocolLength());
        assertEquals(ArpPacket.OPERATION_REQUEST, packet.operation());
        assertEquals(MacAddress.of(0x11, 0x12, 0x13, 0x14, 0x15, 0x16), packet.senderHardwareAddress());
        assertEquals(Ipv4Address.of(0x21, 0x22, 0x23, 0x24), packet.senderProtocolAddress());
        assertEquals(MacAddress.of(0x31, 0x32, 0x33, 0x34, 0x35, 0x36), packet.targetHardwareAddress());
        assertEquals(Ipv4Address.of(0x41, 0x42, 0x43, 0x44), packet.targetProtocolAddress());
    }

    @Test
    void parseAndEmitRoundTrip() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(PACKET, 0, PACKET.length)));
        assertEquals(28, repr.bufferLen());
        byte[] out = new byte[28];
        NetworkBytes.fill(out, 0, out.length, (byte) 0xa5);
        repr.emit(packet.wrap(out, 0, out.length));
        assertArrayEquals(PACKET, out);
    }

    @Test
    void emitFromFields() {
        repr.set(ArpPacket.OPERATION_REQUEST, MacAddress.of(0x11, 0x12, 0x13, 0x14, 0x15, 0x16), Ipv4Address.of(0x21, 0x22, 0x23, 0x24),
                MacAddress.of(0x31, 0x32, 0x33, 0x34, 0x35, 0x36), Ipv4Address.of(0x41, 0x42, 0x43, 0x44));
        byte[] out = new byte[28];
        repr.emit(packet.wrap(out, 0, out.length));
        assertArrayEquals(PACKET, out);
    }

    @Test
    void truncatedAtEveryLength() {
        for (int len = 0; len < PACKET.length; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(PACKET, 0, len).check(), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet), "length " + len);
        }
    }

    @Test
    void announcedAddressLengthsBeyondTheBufferAreTruncated() {
        byte[] bytes = PACKET.clone();
        bytes[4] = (byte) 200;
        assertEquals(WireStatus.TRUNCATED, packet.wrap(bytes, 0, bytes.length).check());
    }

    @Test
    void otherHardwareProtocolsSizesAndOperationsAreUnsupported() {
        int[][] changes = {{1, 6}, {2, 0x86}, {4, 8}, {5, 16}, {7, 3}, {7, 8}};
        for (int[] change : changes) {
            byte[] bytes = java.util.Arrays.copyOf(PACKET, 64);
            bytes[change[0]] = (byte) change[1];
            assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(bytes, 0, bytes.length)), "byte " + change[0]);
        }
    }

    @Test
    void gratuitousArpIsRecognised() {
        repr.set(ArpPacket.OPERATION_REQUEST, 0x0200_0000_0001L, Ipv4Address.of(10, 0, 0, 1), 0, Ipv4Address.of(10, 0, 0, 1));
        assertTrue(repr.isGratuitous());
        repr.parse(packet.wrap(PACKET, 0, PACKET.length));
        assertFalse(repr.isGratuitous());
    }

    @Test
    void misuseIsReportedClearly() {
        IllegalArgumentException op = assertThrows(IllegalArgumentException.class, () -> repr.set(3, 0, 0, 0, 0));
        assertEquals("ARP operation must be request (1) or reply (2), got 3", op.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[27], 0, 27)));
    }

    @Test
    void printsLikeTcpdump() {
        repr.parse(packet.wrap(PACKET, 0, PACKET.length));
        assertEquals("ARP request who-has 65.66.67.68 tell 33.34.35.36 (11:12:13:14:15:16)", repr.appendTo(new StringBuilder()).toString());
        repr.set(ArpPacket.OPERATION_REPLY, 0x0200_0000_0002L, Ipv4Address.of(10, 0, 0, 2), 0x0200_0000_0001L, Ipv4Address.of(10, 0, 0, 1));
        assertEquals("ARP reply 10.0.0.2 is-at 02:00:00:00:00:02 to 10.0.0.1 (02:00:00:00:00:01)", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[28];
        ArpPacket outPacket = new ArpPacket();
        StringBuilder text = new StringBuilder(128);
        AllocationProbe.assertAllocationFree("ARP parse, emit and print", () -> {
            repr.parse(packet.wrap(PACKET, 0, PACKET.length));
            repr.emit(outPacket.wrap(out, 0, out.length));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        ArpRepr parsed = new ArpRepr();
        if (parsed.parse(new ArpPacket().wrap(bytes, 0, bytes.length)) == WireStatus.OK) {
            byte[] out = new byte[28];
            parsed.emit(new ArpPacket().wrap(out, 0, 28));
            assertArrayEquals(java.util.Arrays.copyOf(bytes, 28), out);
        }
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        EthernetFrame frame = new EthernetFrame();
        EthernetRepr ethernet = new EthernetRepr().setSource(0x0200_0000_0001L).setDestination(MacAddress.BROADCAST).setEtherType(EtherType.ARP);
        byte[] request = new byte[14 + 28];
        ethernet.emit(frame.wrap(request, 0, request.length));
        repr.set(ArpPacket.OPERATION_REQUEST, 0x0200_0000_0001L, Ipv4Address.of(10, 0, 0, 1), 0, Ipv4Address.of(10, 0, 0, 2));
        repr.emit(packet.wrap(request, 14, 28));
        byte[] reply = new byte[14 + 28];
        ethernet.setSource(0x0200_0000_0002L).setDestination(0x0200_0000_0001L).emit(frame.wrap(reply, 0, reply.length));
        repr.set(ArpPacket.OPERATION_REPLY, 0x0200_0000_0002L, Ipv4Address.of(10, 0, 0, 2), 0x0200_0000_0001L, Ipv4Address.of(10, 0, 0, 1));
        repr.emit(packet.wrap(reply, 14, 28));

        List<String[]> rows = Tshark.judge(dir.resolve("arp.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(request, reply),
                "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4");
        assertArrayEquals(new String[] {"1", "02:00:00:00:00:01", "10.0.0.1", "00:00:00:00:00:00", "10.0.0.2"}, rows.get(0));
        assertArrayEquals(new String[] {"2", "02:00:00:00:00:02", "10.0.0.2", "02:00:00:00:00:01", "10.0.0.1"}, rows.get(1));
    }
}
