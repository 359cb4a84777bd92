package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

/** Whole frames, built with scapy, printed layer by layer. */
class FramePrinterTest {

    static final byte[] ICMP_ECHO = hex("02000000000202000000000108004500002400010000400166d60a0000010a0000020800542f123400076162636465666768");
    static final byte[] UDP_DNS = hex("02000000000202000000000108004500003900020000401166b00a0000010a000002c0000035002519bc424201000001000000000000076578616d706c6503636f6d0000010001");
    static final byte[] TCP_SYN = hex("02000000000202000000000108004500003c00030000400666b70a0000010a000002c15c0050000003e800000000a002faf073770000020405b40402080a000000010000000001030307");
    static final byte[] DHCP_DISCOVER = hex("ffffffffffff02000000000108004500011000040000401179da00000000ffffffff0044004300fcda5d010106003903f326"
            + "0".repeat(40) + "020000000001" + "0".repeat(404) + "63825363350101ff");
    static final byte[] IGMP_REPORT = hex("02000000000202000000000108004500001c000500000102cedf0a000001e00000fb16000904e00000fb");
    static final byte[] FRAGMENT = hex("02000000000202000000000108004500002400062000401146c10a0000010a00000278787878787878787878787878787878");
    static final byte[] IPV6_NS = hex("02000000000202000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000001ff00000287007a9700000000fe8000000000000000000000000000020101020000000001");
    static final byte[] IPV6_MLD = hex("02000000000202000000000186dd6000000000240001fe800000000000000000000000000001ff0200000000000000000000000000163a000502000001008f006f0f0000000104000000ff0200000000000000000000000000fb");
    static final byte[] IPV6_UDP_DNS = hex("02000000000202000000000186dd6000000000271140fe800000000000000000000000000001fe80000000000000000000000000000214e914e9002796cc000001000001000000000000077072696e746572056c6f63616c00001c0001");
    static final byte[] IPV6_TCP = hex("02000000000202000000000186dd6000000000140640fe800000000000000000000000000001fe800000000000000000000000000002c15c00500000000100000002501003e8ed380000");
    static final byte[] IPV6_FRAGMENT = hex("02000000000202000000000186dd6000000000182c40fe800000000000000000000000000001fe800000000000000000000000000002110000010000123479797979797979797979797979797979");
    static final byte[] IPV6_ECHO = hex("02000000000202000000000186dd60000000000c3a40fe800000000000000000000000000001fe8000000000000000000000000000028000a3e00001000270696e67");

    private static final String ETHERNET = "EthernetII src=02:00:00:00:00:01 dst=02:00:00:00:00:02 type=IPv4 | ";

    private final FramePrinter printer = new FramePrinter();

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private String print(byte[] frame) {
        return printer.appendEthernet(frame, 0, frame.length, new StringBuilder()).toString();
    }

    /** The text of one layer, printed by its own representation, for comparison with the whole line. */
    private static String layer(StringBuilder printed) {
        return printed.toString();
    }

    @Test
    void icmpEchoRequest() {
        Ipv4Repr ip = new Ipv4Repr();
        ip.parse(new Ipv4Packet().wrap(ICMP_ECHO, 14, ICMP_ECHO.length - 14), true);
        Icmpv4Repr icmp = new Icmpv4Repr();
        icmp.parse(new Icmpv4Packet().wrap(ICMP_ECHO, 34, ICMP_ECHO.length - 34), true);
        assertEquals(ETHERNET + layer(ip.appendTo(new StringBuilder())) + " | " + layer(icmp.appendTo(new StringBuilder())), print(ICMP_ECHO));
    }

    @Test
    void everyLayerOfAUdpDnsQueryIsPrinted() {
        String line = print(UDP_DNS);
        assertEquals(4, line.split(" \\| ").length, line);
        assertEquals(true, line.contains(" | UDP src=49152 dst=53"), line);
        assertEquals(true, line.contains("example.com"), line);
    }

    @Test
    void tcpSynWithOptions() {
        String line = print(TCP_SYN);
        assertEquals(true, line.contains(" | TCP src=49500 dst=80 syn"), line);
        assertEquals(true, line.contains("mss=1460"), line);
        assertEquals(false, line.contains("bad checksum"), line);
    }

    @Test
    void dhcpDiscover() {
        String line = print(DHCP_DISCOVER);
        assertEquals(true, line.contains(" | UDP src=68 dst=67"), line);
        assertEquals(true, line.contains(" | DHCP"), line);
        assertEquals(false, line.contains("("), line);
    }

    @Test
    void igmpReport() {
        String line = print(IGMP_REPORT);
        assertEquals(true, line.contains(" | IGMP"), line);
        assertEquals(false, line.contains("bad checksum"), line);
    }

    @Test
    void fragmentsAreNamedNotDecoded() {
        assertEquals(true, print(FRAGMENT).endsWith(" | fragment id=6 offset=0 more"), print(FRAGMENT));
    }

    @Test
    void badChecksumsAreShownAndDecodingGoesOn() {
        byte[] frame = UDP_DNS.clone();
        frame[24] ^= 0x10; // IPv4 header checksum
        frame[frame.length - 1] ^= 0x01; // DNS class, covered by the UDP checksum
        String line = print(frame);
        assertEquals(true, line.contains(" [bad checksum] | UDP"), line);
        assertEquals(true, line.contains("len=29 [bad checksum] | DNS") || line.matches(".*UDP[^|]*\\[bad checksum\\] \\| DNS.*"), line);
    }

    @Test
    void aLayerThatDoesNotParseEndsTheLineWithTheReason() {
        byte[] shortTcp = java.util.Arrays.copyOf(TCP_SYN, 40);
        NetworkBytes.setU16(shortTcp, 16, 26); // IPv4 total length: header + 6 bytes of TCP
        NetworkBytes.setU16(shortTcp, 24, 0);
        NetworkBytes.setU16(shortTcp, 24, Checksum.compute(shortTcp, 14, 20));
        assertEquals(true, print(shortTcp).endsWith(" | TCP (truncated)"), print(shortTcp));
        assertEquals("EthernetII (truncated)", print(new byte[5]));
    }

    /** The layers of a line, each checked to be a parsed layer rather than a failure. */
    private String[] layersOf(byte[] frame, int expectedLayers) {
        String line = print(frame);
        String[] layers = line.split(" \\| ");
        assertEquals(expectedLayers, layers.length, line);
        for (String layer : layers) {
            assertEquals(false, layer.matches(".*\\((truncated|malformed|bad checksum|unsupported)\\)$") || layer.contains("[bad checksum]"), line);
        }
        return layers;
    }

    @Test
    void ipv6NeighborSolicitation() {
        assertEquals(true, layersOf(IPV6_NS, 3)[2].length() > 0);
    }

    @Test
    void ipv6HopByHopThenMldReport() {
        String[] layers = layersOf(IPV6_MLD, 4);
        assertEquals(true, layers[3].contains("ff02::fb"), layers[3]);
    }

    @Test
    void ipv6UdpMdnsQuery() {
        String[] layers = layersOf(IPV6_UDP_DNS, 4);
        assertEquals(true, layers[2].startsWith("UDP src=5353 dst=5353"), layers[2]);
        assertEquals(true, layers[3].contains("printer.local"), layers[3]);
    }

    @Test
    void ipv6TcpAndEcho() {
        assertEquals(true, layersOf(IPV6_TCP, 3)[2].startsWith("TCP src=49500 dst=80"));
        layersOf(IPV6_ECHO, 3);
    }

    @Test
    void ipv6FragmentsAreNamedNotDecoded() {
        assertEquals(true, print(IPV6_FRAGMENT).endsWith(" | fragment (not reassembled)"), print(IPV6_FRAGMENT));
    }

    @Test
    void ipv6TransportChecksumsAreVerified() {
        byte[] frame = IPV6_TCP.clone();
        frame[frame.length - 1] ^= 1;
        assertEquals(true, print(frame).endsWith("[bad checksum]"), print(frame));
    }

    @Test
    void rawIpVersionsOtherThanFourAreNamed() {
        byte[] packet = {(byte) 0x50, 0, 0, 0};
        assertEquals("IP version 5 (unsupported)", printer.appendIp(packet, 0, 4, new StringBuilder()).toString());
        assertEquals("IP (truncated)", printer.appendIp(packet, 0, 0, new StringBuilder()).toString());
    }

    @Test
    void printingAllocatesNothing() {
        StringBuilder out = new StringBuilder(1024);
        byte[][] frames = {ICMP_ECHO, UDP_DNS, TCP_SYN, DHCP_DISCOVER, IGMP_REPORT, FRAGMENT,
            IPV6_NS, IPV6_MLD, IPV6_UDP_DNS, IPV6_TCP, IPV6_FRAGMENT, IPV6_ECHO};
        AllocationProbe.assertAllocationFree("printing every kind of frame", () -> {
            for (byte[] frame : frames) {
                out.setLength(0);
                printer.appendEthernet(frame, 0, frame.length, out);
            }
        });
    }

    @Property(tries = 3000)
    void anyBytesPrintWithoutThrowing(@ForAll byte[] bytes) {
        printer.appendEthernet(bytes, 0, bytes.length, new StringBuilder());
        printer.appendIp(bytes, 0, bytes.length, new StringBuilder());
    }

    @Property(tries = 3000)
    void mutatedFramesPrintWithoutThrowing(@ForAll("frames") byte[] frame, @ForAll int position, @ForAll byte value) {
        byte[] mutated = frame.clone();
        mutated[Math.floorMod(position, mutated.length)] = value;
        printer.appendEthernet(mutated, 0, mutated.length, new StringBuilder());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<byte[]> frames() {
        return net.jqwik.api.Arbitraries.of(ICMP_ECHO, UDP_DNS, TCP_SYN, DHCP_DISCOVER, IGMP_REPORT, FRAGMENT,
                IPV6_NS, IPV6_MLD, IPV6_UDP_DNS, IPV6_TCP, IPV6_FRAGMENT, IPV6_ECHO);
    }
}
