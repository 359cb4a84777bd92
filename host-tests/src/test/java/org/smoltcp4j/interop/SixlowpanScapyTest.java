package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.sixlowpan.LinkAddress;
import org.smoltcp4j.iface.sixlowpan.SixlowpanAdapter;
import org.smoltcp4j.iface.sixlowpan.SixlowpanConfig;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.UdpPacket;

/**
 * Frames our 6LoWPAN adapter builds are decoded by scapy's independent implementation
 * ({@code sixlowpan_decode.py}) into exactly the IPv6 packets we compressed: stateless link-local
 * from extended and short addresses, multicast, in-line global addresses, in-line next header,
 * hop limits in-line and compressed, and a fragmented 1280-byte datagram. Runs no network traffic.
 *
 * <p>Scapy's limits shape the cases: it derives an elided source from the destination's addressing
 * mode (so a multicast frame here comes from a short address, matching modes), and it reads the IPHC
 * octet 0x7f (hop limit 255 with NHC) as the RFC 4944 ESC dispatch (so UDP here avoids hop limit 255).
 */
class SixlowpanScapyTest {

    private static final long A = 0x0012_4b00_0001_0203L;
    private static final long B = 0x0012_4b00_0004_0506L;
    private static final long LINK_LOCAL = Ipv6Address.LINK_LOCAL_PREFIX_HIGH;
    private static final long A_LOW = LinkAddress.interfaceId(A);
    private static final long B_LOW = LinkAddress.interfaceId(B);
    private static final long SHORT_1 = 0x0000_00ff_fe00_0001L;

    @Test
    void scapyDecodesWhatWeCompress(@TempDir Path directory) throws IOException, InterruptedException {
        SixlowpanAdapter adapter = new SixlowpanAdapter(new SixlowpanConfig().shortAddress(1), A, new SixlowpanContexts(), 125,
                counter -> { }, 0);
        TestingDevice device = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, 125, 0));
        Map<String, byte[]> packets = new LinkedHashMap<>();
        Map<String, Long> destinations = new LinkedHashMap<>();
        put(packets, destinations, "ll-ext-udp-f0b", udp(LINK_LOCAL, A_LOW, LINK_LOCAL, B_LOW, 0xf0b1, 0xf0b2, 64, 20), B);
        put(packets, destinations, "ll-ext-udp-inline-ports", udp(LINK_LOCAL, A_LOW, LINK_LOCAL, B_LOW, 6969, 7000, 1, 40), B);
        put(packets, destinations, "ll-short-udp", udp(LINK_LOCAL, SHORT_1, LINK_LOCAL, 0x0000_00ff_fe00_0002L, 0xf001, 6969, 64, 10),
                LinkAddress.ofShort(2));
        put(packets, destinations, "multicast-all-nodes", udp(LINK_LOCAL, SHORT_1, Ipv6Address.ALL_NODES_HIGH, 1, 6969, 6969, 64, 10),
                LinkAddress.BROADCAST);
        put(packets, destinations, "multicast-site", udp(LINK_LOCAL, SHORT_1, 0xff05_0000_0000_0000L, 0x1_0003L, 6969, 6969, 64, 10),
                LinkAddress.BROADCAST);
        put(packets, destinations, "global-inline", udp(0x2001_0db8_0000_0000L, 1, 0x2001_0db8_0000_0000L, 2, 6969, 7000, 17, 30),
                LinkAddress.ofDestination(0x2001_0db8_0000_0000L, 2));
        put(packets, destinations, "icmpv6-hlim255", icmpEcho(LINK_LOCAL, A_LOW, LINK_LOCAL, B_LOW), B);
        put(packets, destinations, "fragmented-1280", udp(LINK_LOCAL, A_LOW, LINK_LOCAL, B_LOW, 6969, 7000, 64, 1280 - 48), B);
        StringBuilder input = new StringBuilder();
        for (Map.Entry<String, byte[]> packet : packets.entrySet()) {
            byte[] bytes = packet.getValue();
            adapter.send(bytes, 0, bytes.length, destinations.get(packet.getKey()));
            adapter.flush(device, 0);
            List<String> frames = new ArrayList<>();
            for (byte[] frame : device.drainTransmitted()) {
                frames.add(HexFormat.of().formatHex(frame));
            }
            input.append(packet.getKey()).append(' ').append(String.join(";", frames)).append('\n');
        }
        Map<String, String> decoded = scapy(directory, input.toString());
        for (Map.Entry<String, byte[]> packet : packets.entrySet()) {
            assertEquals(HexFormat.of().formatHex(packet.getValue()), decoded.get(packet.getKey()), packet.getKey());
        }
    }

    private static void put(Map<String, byte[]> packets, Map<String, Long> destinations, String name, byte[] packet, long destination) {
        packets.put(name, packet);
        destinations.put(name, destination);
    }

    private static Map<String, String> scapy(Path directory, String input) throws IOException, InterruptedException {
        Path script = directory.resolve("sixlowpan_decode.py");
        try (InputStream in = SixlowpanScapyTest.class.getResourceAsStream("sixlowpan_decode.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = process.getOutputStream()) {
            out.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("scapy did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), "scapy failed; its output: " + output);
        Map<String, String> decoded = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(" ");
                decoded.put(parts[0], parts[1]);
            }
        }
        return decoded;
    }

    private static byte[] ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader, int hopLimit,
            int payloadLength) {
        byte[] packet = new byte[40 + payloadLength];
        packet[0] = 0x60;
        NetworkBytes.setU16(packet, 4, payloadLength);
        packet[6] = (byte) nextHeader;
        packet[7] = (byte) hopLimit;
        Ipv6Address.write(packet, 8, sourceHigh, sourceLow);
        Ipv6Address.write(packet, 24, destinationHigh, destinationLow);
        return packet;
    }

    private static byte[] udp(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int sourcePort, int destinationPort,
            int hopLimit, int payloadLength) {
        byte[] packet = ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.UDP, hopLimit, 8 + payloadLength);
        for (int i = 0; i < payloadLength; i++) {
            packet[48 + i] = (byte) (i * 13 + 1);
        }
        UdpPacket udp = new UdpPacket().wrap(packet, 40, 8 + payloadLength);
        udp.setSourcePort(sourcePort);
        udp.setDestinationPort(destinationPort);
        udp.setDatagramLength(8 + payloadLength);
        udp.fillChecksumIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow);
        return packet;
    }

    /** An ICMPv6 echo request, hop limit 255; scapy does not check the checksum, any value does. */
    private static byte[] icmpEcho(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        byte[] packet = ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.ICMPV6, 255, 12);
        packet[40] = (byte) 128;
        NetworkBytes.setU16(packet, 42, 0xabcd);
        NetworkBytes.setU16(packet, 44, 7);
        NetworkBytes.setU16(packet, 46, 1);
        return packet;
    }
}
