package org.smoltcp4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;

/** The judge must be able to say no: bad checksums and malformed packets are reported. */
class TsharkTest {

    /** Ethernet + IPv4 + UDP 1 -> 2, payload "hello", correct checksums (built with scapy). */
    private static final byte[] GOOD = HexFormat.of().parseHex(
            "02000000000202000000000108004500002100010000401166c90a0000010a000002"
                    + "00010002000da7fc68656c6c6f");

    @Test
    void acceptsAGoodFrameAndReportsItsFields(@TempDir Path dir) throws IOException {
        List<String[]> rows = Tshark.judge(dir.resolve("good.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(GOOD),
                "ip.src", "udp.dstport", "udp.length");
        assertEquals(List.of("10.0.0.1", "2", "13"), List.of(rows.get(0)));
    }

    @Test
    void reportsABadIpv4Checksum(@TempDir Path dir) throws IOException {
        byte[] bad = GOOD.clone();
        bad[24] ^= 0x01;
        List<String> problems = Tshark.problems(Tshark.writePcap(dir.resolve("bad-ip.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(bad)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("frame 1: Bad checksum"), problems.get(0));
    }

    @Test
    void reportsABadUdpChecksum(@TempDir Path dir) throws IOException {
        byte[] bad = GOOD.clone();
        bad[bad.length - 1] ^= 0x01;
        List<String> problems = Tshark.problems(Tshark.writePcap(dir.resolve("bad-udp.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(bad)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Bad checksum"), problems.get(0));
    }

    @Test
    void reportsAMalformedPacket(@TempDir Path dir) throws IOException {
        byte[] truncated = java.util.Arrays.copyOf(GOOD, 20);
        AssertionError error = assertThrows(AssertionError.class,
                () -> Tshark.judge(dir.resolve("short.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(truncated), "ip.src"));
        assertTrue(error.getMessage().contains("frame 1: malformed"), error.getMessage());
    }

    @Test
    void framesFixtureBuildsWhatTsharkAccepts(@TempDir Path dir) throws IOException {
        byte[] udp = HexFormat.of().parseHex("00010002000d0000" + "68656c6c6f"); // checksum 0: none, legal in IPv4
        List<String[]> rows = Tshark.judge(dir.resolve("frames.pcap"), PcapFormat.LINKTYPE_ETHERNET,
                List.of(Frames.ipv4(17, udp), Frames.ipv6(59, new byte[0])),
                "ip.src", "ip.dst", "ip.ttl", "ipv6.src", "ipv6.dst", "ipv6.nxt");
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "64", "", "", ""), List.of(rows.get(0)));
        assertEquals(List.of("", "", "", "fe80::1", "fe80::2", "59"), List.of(rows.get(1)));
    }
}
