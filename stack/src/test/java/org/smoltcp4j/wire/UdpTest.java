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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.Tshark;

class UdpTest {

    /** smoltcp wire/udp.rs: 192.168.1.1 and 192.168.1.2. */
    static final int SRC = Ipv4Address.of(192, 168, 1, 1);
    static final int DST = Ipv4Address.of(192, 168, 1, 2);

    /** smoltcp PACKET_BYTES: port 48896 to 53, 4 payload bytes, checksum 0x124d. */
    static final byte[] PACKET = java.util.HexFormat.of().parseHex("bf000035000c124daa0000ff");
    /** smoltcp NO_CHECKSUM_PACKET: the same with checksum 0. */
    static final byte[] NO_CHECKSUM_PACKET = java.util.HexFormat.of().parseHex("bf000035000c0000aa0000ff");
    static final byte[] PAYLOAD = java.util.HexFormat.of().parseHex("aa0000ff");

    /** scapy: IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=5353, dport=53)/Raw(b"hello"). */
    static final byte[] SCAPY_IPV4 = java.util.HexFormat.of().parseHex("14e90035000d92e168656c6c6f");
    /** scapy: IPv6(src="fe80::1", dst="fe80::2")/UDP(sport=546, dport=547)/Raw(b"abc"). */
    static final byte[] SCAPY_IPV6 = java.util.HexFormat.of().parseHex("02220223000b3a2c616263");

    private final UdpPacket packet = new UdpPacket();
    private final UdpRepr repr = new UdpRepr();

    // --- smoltcp udp.rs tests ---

    @Test
    void deconstruct() {
        packet.wrap(PACKET, 0, PACKET.length);
        assertEquals(WireStatus.OK, packet.check());
        assertEquals(48896, packet.sourcePort());
        assertEquals(53, packet.destinationPort());
        assertEquals(12, packet.datagramLength());
        assertEquals(0x124d, packet.checksum());
        assertEquals(8, packet.payloadOffset());
        assertArrayEquals(PAYLOAD, Arrays.copyOfRange(PACKET, packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength()));
        assertTrue(packet.verifyChecksumIpv4(SRC, DST));
    }

    @Test
    void construct() {
        byte[] bytes = filled(12);
        packet.wrap(bytes, 0, 12);
        packet.setSourcePort(48896);
        packet.setDestinationPort(53);
        packet.setDatagramLength(12);
        packet.setChecksum(0xffff);
        System.arraycopy(PAYLOAD, 0, bytes, packet.payloadOffset(), 4);
        packet.fillChecksumIpv4(SRC, DST);
        assertArrayEquals(PACKET, bytes);
    }

    @Test
    void impossibleLengthIsMalformed() {
        byte[] bytes = new byte[12];
        packet.wrap(bytes, 0, 12).setDatagramLength(4);
        assertEquals(WireStatus.MALFORMED, packet.check());
        assertEquals(WireStatus.MALFORMED, repr.parseIpv4(packet, SRC, DST, true));
    }

    @Test
    void computedZeroChecksumIsSentAsAllOnes() {
        emptyDatagram(1, 31881).fillChecksumIpv4(SRC, DST);
        assertEquals(0xffff, packet.checksum());
        assertTrue(packet.verifyChecksumIpv4(SRC, DST));
    }

    @Test
    void noChecksumIsAcceptedOverIpv4() {
        emptyDatagram(1, 31881).setChecksum(0);
        assertEquals(WireStatus.OK, repr.parseIpv4(packet, SRC, DST, true));
        assertEquals(31881, repr.destinationPort());
    }

    @Test
    void parse() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(PACKET, 0, PACKET.length), SRC, DST, true));
        assertEquals(48896, repr.sourcePort());
        assertEquals(53, repr.destinationPort());
        assertEquals(4, repr.payloadLength());
    }

    @Test
    void emit() {
        repr.setSourcePort(48896).setDestinationPort(53).setPayloadLength(4);
        assertEquals(8, repr.bufferLen());
        assertEquals(12, repr.datagramLength());
        byte[] bytes = filled(12);
        repr.emit(packet.wrap(bytes, 0, 12));
        System.arraycopy(PAYLOAD, 0, bytes, packet.payloadOffset(), 4);
        packet.fillChecksumIpv4(SRC, DST);
        assertArrayEquals(PACKET, bytes);
    }

    @Test
    void checksumOmitted() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(NO_CHECKSUM_PACKET, 0, 12), SRC, DST, true));
        assertEquals(48896, repr.sourcePort());
        assertEquals(53, repr.destinationPort());
        assertEquals(4, repr.payloadLength());
    }

    // --- scapy vectors, IPv4 and IPv6 ---

    @Test
    void scapyIpv4DatagramParsesAndReEmits() {
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(SCAPY_IPV4, 0, SCAPY_IPV4.length),
                Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true));
        assertEquals("UDP src=5353 dst=53 len=5", repr.appendTo(new StringBuilder()).toString());
        assertArrayEquals(SCAPY_IPV4, emitIpv4(repr, Arrays.copyOfRange(SCAPY_IPV4, 8, SCAPY_IPV4.length)));
    }

    @Test
    void scapyIpv6DatagramParsesAndReEmits() {
        assertEquals(WireStatus.OK, parseIpv6(SCAPY_IPV6, true));
        assertEquals("UDP src=546 dst=547 len=3", repr.appendTo(new StringBuilder()).toString());
        byte[] out = filled(SCAPY_IPV6.length);
        repr.emit(packet.wrap(out, 0, out.length));
        System.arraycopy(SCAPY_IPV6, 8, out, 8, 3);
        packet.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        assertArrayEquals(SCAPY_IPV6, out);
    }

    // --- error paths ---

    @Test
    void truncatedAtEveryLength() {
        for (int len = 0; len < PACKET.length; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(PACKET, 0, len).check(), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parseIpv4(packet, SRC, DST, true), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parseIpv6(packet, 0, 0, 0, 0, false), "length " + len);
        }
    }

    @Test
    void trailingPaddingIsNotPayload() {
        byte[] padded = Arrays.copyOf(PACKET, 46);
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(padded, 0, padded.length), SRC, DST, true));
        assertEquals(4, repr.payloadLength());
    }

    @Test
    void destinationPortZeroIsMalformedButSourcePortZeroIsAllowed() {
        byte[] bytes = PACKET.clone();
        bytes[2] = 0;
        bytes[3] = 0;
        assertEquals(WireStatus.MALFORMED, repr.parseIpv4(packet.wrap(bytes, 0, 12), SRC, DST, false));
        assertEquals(WireStatus.MALFORMED, repr.parseIpv6(packet, 0, 0, 0, 0, false));
        repr.setSourcePort(0).setDestinationPort(7).setPayloadLength(0);
        byte[] out = emitIpv4(repr, new byte[0]);
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(out, 0, out.length), Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true));
        assertEquals(0, repr.sourcePort());
    }

    @Test
    void badChecksumIsReportedOnlyWhenVerifying() {
        byte[] bytes = PACKET.clone();
        bytes[11] ^= 1;
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parseIpv4(packet.wrap(bytes, 0, 12), SRC, DST, true));
        assertEquals(WireStatus.BAD_CHECKSUM, repr.parseIpv4(packet.wrap(PACKET, 0, 12), SRC, DST + 1, true));
        assertEquals(WireStatus.OK, repr.parseIpv4(packet.wrap(bytes, 0, 12), SRC, DST, false));
        byte[] v6 = SCAPY_IPV6.clone();
        v6[10] ^= 1;
        assertEquals(WireStatus.BAD_CHECKSUM, parseIpv6(v6, true));
        assertEquals(WireStatus.OK, parseIpv6(v6, false));
    }

    @Test
    void zeroChecksumOverIpv6IsAlwaysRejected() {
        byte[] bytes = SCAPY_IPV6.clone();
        bytes[6] = 0;
        bytes[7] = 0;
        assertEquals(WireStatus.BAD_CHECKSUM, parseIpv6(bytes, true));
        assertEquals(WireStatus.BAD_CHECKSUM, parseIpv6(bytes, false));
    }

    @Test
    void failedParseLeavesTheHolderUntouched() {
        repr.setSourcePort(1).setDestinationPort(2).setPayloadLength(3);
        byte[] bytes = PACKET.clone();
        bytes[11] ^= 1;
        repr.parseIpv4(packet.wrap(bytes, 0, 12), SRC, DST, true);
        assertEquals("UDP src=1 dst=2 len=3", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void misuseIsReportedClearly() {
        assertEquals("UDP source port must be 0..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> repr.setSourcePort(65536)).getMessage());
        assertEquals("UDP source port must be 0..65535, got -1",
                assertThrows(IllegalArgumentException.class, () -> repr.setSourcePort(-1)).getMessage());
        assertEquals("UDP destination port must be 1..65535, got 0",
                assertThrows(IllegalArgumentException.class, () -> repr.setDestinationPort(0)).getMessage());
        assertEquals("UDP payload length must be 0..65527, got 65528",
                assertThrows(IllegalArgumentException.class, () -> repr.setPayloadLength(65528)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.setPayloadLength(-1));
        repr.setPayloadLength(4);
        assertEquals("UDP packet of 11 bytes cannot hold a 12-byte datagram",
                assertThrows(IllegalArgumentException.class, () -> repr.emit(packet.wrap(new byte[11], 0, 11))).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(new byte[4], 2, 3));
        assertThrows(NullPointerException.class, () -> packet.wrap(null, 0, 0));
    }

    @Test
    void maximumPayloadLengthFitsTheLengthField() {
        repr.setDestinationPort(9).setPayloadLength(UdpRepr.MAX_PAYLOAD_LEN);
        assertEquals(0xffff, repr.datagramLength());
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[SCAPY_IPV4.length];
        UdpPacket outPacket = new UdpPacket();
        UdpPacket v6 = new UdpPacket().wrap(SCAPY_IPV6, 0, SCAPY_IPV6.length);
        StringBuilder text = new StringBuilder(128);
        AllocationProbe.assertAllocationFree("UDP parse, emit, checksum and print", () -> {
            repr.parseIpv4(packet.wrap(SCAPY_IPV4, 0, SCAPY_IPV4.length), Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true);
            repr.emit(outPacket.wrap(out, 0, out.length));
            outPacket.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
            outPacket.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
            repr.parseIpv6(v6, Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW, true);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    // --- properties ---

    @Property
    void anyBytesCheckAndParseWithoutThrowing(@ForAll byte[] bytes, @ForAll boolean verify) {
        UdpPacket view = new UdpPacket().wrap(bytes, 0, bytes.length);
        view.check();
        UdpRepr parsed = new UdpRepr();
        parsed.parseIpv4(view, SRC, DST, verify);
        if (parsed.parseIpv6(view, 1, 2, 3, 4, verify) == WireStatus.OK) {
            assertFalse(view.checksum() == 0);
        }
    }

    @Property
    void mutatedGoldenVectorsNeverThrowAndReEmitStably(@ForAll @IntRange(max = 12) int at, @ForAll byte value) {
        byte[] bytes = Arrays.copyOf(PACKET, 16);
        bytes[at] = value;
        UdpRepr parsed = new UdpRepr();
        if (parsed.parseIpv4(new UdpPacket().wrap(bytes, 0, bytes.length), SRC, DST, false) == WireStatus.OK) {
            byte[] out = new byte[parsed.datagramLength()];
            parsed.emit(new UdpPacket().wrap(out, 0, out.length));
            assertArrayEquals(Arrays.copyOf(bytes, 6), Arrays.copyOf(out, 6));
        }
    }

    @Property
    void emittedReprsParseBack(@ForAll("reprs") UdpRepr generated, @ForAll boolean ipv6) {
        byte[] out = new byte[generated.datagramLength()];
        UdpPacket view = new UdpPacket().wrap(out, 0, out.length);
        generated.emit(view);
        UdpRepr parsed = new UdpRepr();
        int status;
        if (ipv6) {
            view.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
            status = parsed.parseIpv6(view, Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH,
                    Frames.DESTINATION_IPV6_LOW, true);
        } else {
            view.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
            status = parsed.parseIpv4(view, Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, true);
        }
        assertEquals(WireStatus.OK, status);
        assertEquals(generated.appendTo(new StringBuilder()).toString(), parsed.appendTo(new StringBuilder()).toString());
    }

    @Provide
    Arbitrary<UdpRepr> reprs() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(1, 65535),
                Arbitraries.integers().between(0, 1500))
                .as((src, dst, len) -> new UdpRepr().setSourcePort(src).setDestinationPort(dst).setPayloadLength(len));
    }

    // --- tshark ---

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] payload = "smoltcp4j".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        repr.setSourcePort(49152).setDestinationPort(7).setPayloadLength(payload.length);
        byte[] v4 = emitIpv4(repr, payload);
        byte[] v6 = filled(repr.datagramLength());
        repr.setSourcePort(546).setDestinationPort(547);
        repr.emit(packet.wrap(v6, 0, v6.length));
        System.arraycopy(payload, 0, v6, 8, payload.length);
        packet.fillChecksumIpv6(Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW, Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW);
        // A datagram whose checksum computes to zero goes out as 0xffff, which tshark must accept.
        byte[] zero = zeroChecksumDatagram();

        List<String[]> rows = Tshark.judge(dir.resolve("udp.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(Frames.ipv4(IpProtocol.UDP, v4), Frames.ipv6(IpProtocol.UDP, v6), Frames.ipv4(IpProtocol.UDP, zero)),
                "udp.srcport", "udp.dstport", "udp.length", "udp.checksum.status", "udp.checksum");
        // udp.checksum.status 1 is "Good" (0 bad, 2 unverified).
        assertArrayEquals(new String[] {"49152", "7", "17", "1", hex(v4, 6)}, rows.get(0));
        assertArrayEquals(new String[] {"546", "547", "17", "1", hex(v6, 6)}, rows.get(1));
        assertArrayEquals(new String[] {String.valueOf(NetworkBytes.getU16(zero, 0)), "31881", "8", "1", "0xffff"}, rows.get(2));
    }

    /** smoltcp's test_zero_checksum datagram, between the fixture addresses: ports chosen so the sum is all ones. */
    private byte[] zeroChecksumDatagram() {
        byte[] bytes = new byte[8];
        emptyDatagram(bytes, 1, 31881);
        // Adjust the source port so the one's complement sum of the datagram is exactly 0xffff.
        packet.setChecksum(0);
        long rest = Checksum.accumulate(Checksum.ipv4PseudoHeader(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4, IpProtocol.UDP, 8), bytes, 2, 6);
        packet.setSourcePort(0xffff - Checksum.fold(rest));
        packet.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
        assertEquals(0xffff, packet.checksum());
        return bytes;
    }

    /** smoltcp's 8-byte datagram of test_zero_checksum / test_no_checksum, with the checksum unset. */
    private UdpPacket emptyDatagram(int sourcePort, int destinationPort) {
        return emptyDatagram(new byte[8], sourcePort, destinationPort);
    }

    private UdpPacket emptyDatagram(byte[] bytes, int sourcePort, int destinationPort) {
        packet.wrap(bytes, 0, 8);
        packet.setSourcePort(sourcePort);
        packet.setDestinationPort(destinationPort);
        packet.setDatagramLength(8);
        return packet;
    }

    private int parseIpv6(byte[] bytes, boolean verify) {
        return repr.parseIpv6(packet.wrap(bytes, 0, bytes.length), Frames.SOURCE_IPV6_HIGH, Frames.SOURCE_IPV6_LOW,
                Frames.DESTINATION_IPV6_HIGH, Frames.DESTINATION_IPV6_LOW, verify);
    }

    private byte[] emitIpv4(UdpRepr udp, byte[] payload) {
        byte[] out = filled(udp.datagramLength());
        udp.emit(packet.wrap(out, 0, out.length));
        System.arraycopy(payload, 0, out, packet.payloadOffset(), payload.length);
        packet.fillChecksumIpv4(Frames.SOURCE_IPV4, Frames.DESTINATION_IPV4);
        return out;
    }

    static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        NetworkBytes.fill(bytes, 0, length, (byte) 0xa5);
        return bytes;
    }

    static String hex(byte[] bytes, int at) {
        return String.format("0x%04x", NetworkBytes.getU16(bytes, at));
    }
}
