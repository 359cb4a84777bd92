package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.Tshark;

/**
 * tshark judges whole 802.15.4 + 6LoWPAN frames built with our emitters: IPHC, NHC UDP with the
 * checksum we compute over the uncompressed pseudo-header, NHC extension headers, fragments.
 */
class SixlowpanTsharkTest {

    private static final int SHORT = Ieee802154Frame.MODE_SHORT;
    private static final int EXTENDED = Ieee802154Frame.MODE_EXTENDED;
    private static final String[] FIELDS = {"6lowpan.pattern", "ipv6.src", "ipv6.dst", "ipv6.hlim", "udp.srcport", "udp.dstport",
        "udp.checksum.status", "ipv6.nxt", "data.data"}; // udp.checksum.status 1 = good

    private final SixlowpanContexts contexts = new SixlowpanContexts();
    private final SixlowpanIphcRepr iphc = new SixlowpanIphcRepr(contexts);
    private final SixlowpanNhcUdpRepr udp = new SixlowpanNhcUdpRepr();
    private final SixlowpanNhcExtRepr ext = new SixlowpanNhcExtRepr();
    private int sequence;

    /** An 802.15.4 data frame between two addresses of one mode; returns the header length written. */
    private int linkHeader(byte[] out, int mode, long src, long dst) {
        return linkHeader(out, mode, src, mode, dst);
    }

    private int linkHeader(byte[] out, int srcMode, long src, int dstMode, long dst) {
        Ieee802154Repr link = new Ieee802154Repr().setFrameVersion(Ieee802154Frame.VERSION_2006).setSequenceNumber(sequence++)
                .setPanIdCompression(true).setDstPan(0xbeef).setDstAddress(dstMode, dst).setSrcAddress(srcMode, src);
        link.emit(new Ieee802154Frame().wrap(out, 0, out.length));
        iphc.setLinkLayerSource(srcMode, src).setLinkLayerDestination(dstMode, dst);
        return link.bufferLen();
    }

    /** IPHC + NHC UDP + payload at {@code at}; returns the end. */
    private int udpDatagram(byte[] out, int at, int srcPort, int dstPort, byte[] payload) {
        iphc.emit(new SixlowpanIphcPacket().wrap(out, at, out.length - at));
        at += iphc.bufferLen();
        if (iphc.nextHeader() != IpProtocol.UDP) {
            ext.emit(new SixlowpanNhcExtPacket().wrap(out, at, out.length - at));
            at += ext.bufferLen() + ext.length();
        }
        udp.setSrcPort(srcPort).setDstPort(dstPort);
        int end = at + udp.bufferLen() + payload.length;
        SixlowpanNhcUdpPacket view = new SixlowpanNhcUdpPacket().wrap(out, at, end - at);
        udp.emit(view);
        System.arraycopy(payload, 0, out, at + udp.bufferLen(), payload.length);
        SixlowpanNhcUdpRepr.fillChecksum(view, iphc.srcHigh(), iphc.srcLow(), iphc.dstHigh(), iphc.dstLow());
        return end;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void tsharkDecompressesWhatWeCompress(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        byte[] out = new byte[127];
        // 1. Link-local from short addresses, everything elided, 0xF0Bx ports.
        int at = linkHeader(out, SHORT, 0x0001, 0x0002);
        iphc.setSource(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_0001L).setDestination(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_0002L)
                .setNextHeader(IpProtocol.UDP, true).setHopLimit(64).setTrafficClass(0, 0, 0);
        frames.add(Arrays.copyOf(out, udpDatagram(out, at, 0xf0b1, 0xf0b2, text("one"))));
        // 2. Extended source to the short broadcast address and ff02::1, a hop limit, traffic class and flow label in-line.
        at = linkHeader(out, EXTENDED, 0x0011_2233_4455_6677L, SHORT, 0xffff);
        iphc.setSource(0xfe80_0000_0000_0000L, 0x0211_2233_4455_6677L).setDestination(0xff02_0000_0000_0000L, 1)
                .setHopLimit(17).setTrafficClass(1, 10, 0x12345);
        frames.add(Arrays.copyOf(out, udpDatagram(out, at, 4000, 61441, text("two"))));
        // 3. Global addresses in-line, a hop-by-hop header (PadN) compressed before the UDP header.
        out = new byte[127];
        at = linkHeader(out, SHORT, 0x0001, 0x0002);
        iphc.setSource(0x2001_0db8_0000_0000L, 1).setDestination(0x2001_0db8_0000_0001L, 2).setHopLimit(255)
                .setTrafficClass(0, 0, 0).setNextHeader(IpProtocol.HOP_BY_HOP, true);
        ext.setHeader(IpProtocol.HOP_BY_HOP).setNextHeader(IpProtocol.UDP, true).setLength(6);
        int extAt = at + iphc.bufferLen();
        int end = udpDatagram(out, at, 1234, 5678, text("three"));
        byte[] padN = {1, 4, 0, 0, 0, 0};
        System.arraycopy(padN, 0, out, extAt + 2, 6);
        frames.add(Arrays.copyOf(out, end));
        List<String[]> rows = Tshark.judge(dir.resolve("sixlowpan.pcap"), PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS, frames, FIELDS);
        assertArrayEquals(new String[] {"0x03", "fe80::ff:fe00:1", "fe80::ff:fe00:2", "64", "61617", "61618", "1", "17", "6f6e65"},
                rows.get(0));
        assertArrayEquals(new String[] {"0x03", "fe80::211:2233:4455:6677", "ff02::1", "17", "4000", "61441", "1", "17", "74776f"},
                rows.get(1));
        assertArrayEquals(new String[] {"0x03", "2001:db8::1", "2001:db8:0:1::2", "255", "1234", "5678", "1", "0", "010400000000,7468726565"},
                rows.get(2));
    }

    @Test
    void tsharkReassemblesOurFragments(@TempDir Path dir) throws IOException {
        // A 120-byte UDP payload: the datagram is 40 + 8 + 120 = 168 octets, sent as FRAG1 (first 64 uncompressed
        // octets: IPv6 + UDP headers, 16 payload octets) and one FRAGN at offset 8 units.
        byte[] payload = new byte[120];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        byte[] whole = new byte[200];
        iphc.setSource(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_0001L).setDestination(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_0002L)
                .setNextHeader(IpProtocol.UDP, true).setHopLimit(64).setLinkLayerSource(SHORT, 1).setLinkLayerDestination(SHORT, 2);
        int compressedEnd = udpDatagram(whole, 0, 0xf0b1, 4000, payload);
        int compressedHeaders = compressedEnd - payload.length;
        SixlowpanFragRepr frag = new SixlowpanFragRepr();
        List<byte[]> frames = new ArrayList<>();
        byte[] first = new byte[127];
        int at = linkHeader(first, SHORT, 1, 2);
        frag.setFirstFragment(168, 0x1234).emit(new SixlowpanFragPacket().wrap(first, at, 4));
        System.arraycopy(whole, 0, first, at + 4, compressedHeaders + 16);
        frames.add(Arrays.copyOf(first, at + 4 + compressedHeaders + 16));
        byte[] second = new byte[127];
        at = linkHeader(second, SHORT, 1, 2);
        frag.setNextFragment(168, 0x1234, 8).emit(new SixlowpanFragPacket().wrap(second, at, 5));
        System.arraycopy(whole, compressedHeaders + 16, second, at + 5, 104);
        frames.add(Arrays.copyOf(second, at + 5 + 104));
        // Our parser agrees with itself on both fragments.
        SixlowpanFragRepr back = new SixlowpanFragRepr();
        Ieee802154Frame frame = new Ieee802154Frame().wrap(frames.get(1), 0, frames.get(1).length);
        assertEquals(WireStatus.OK, frame.check());
        assertEquals(WireStatus.OK, back.parse(new SixlowpanFragPacket().wrap(frames.get(1), frame.payloadOffset(), frame.payloadLength())));
        List<String[]> rows = Tshark.judge(dir.resolve("fragments.pcap"), PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS, frames,
                "6lowpan.frag.size", "6lowpan.frag.tag", "6lowpan.frag.offset", "udp.srcport", "udp.dstport", "udp.checksum.status",
                "udp.length");
        assertEquals("168", rows.get(0)[0]);
        assertEquals("0x1234", rows.get(0)[1]);
        assertArrayEquals(new String[] {"168", "0x1234", "64", "61617", "4000", "1", "128"}, rows.get(1));
    }

    @Test
    void tsharkUsesOurContexts(@TempDir Path dir) throws IOException, InterruptedException {
        contexts.set(0, 0x2001_0db8_0000_0000L, 0, 64).set(1, 0xfd00_0000_0000_0000L, 0, 64);
        byte[] out = new byte[127];
        int at = linkHeader(out, EXTENDED, 0x0011_2233_4455_6677L, 0x0011_2233_4455_6688L);
        iphc.setSource(0x2001_0db8_0000_0000L, 0x0211_2233_4455_6677L).setDestination(0xfd00_0000_0000_0000L, 0x0000_00ff_fe00_abcdL)
                .setNextHeader(IpProtocol.UDP, true).setHopLimit(64);
        byte[] frame = Arrays.copyOf(out, udpDatagram(out, at, 0xf0b3, 0xf0b4, text("ctx")));
        assertEquals((byte) 0xf6, frame[at + 1], "CID=1 SAC=1 SAM=11, DAC=1 DAM=10");
        Path pcap = Tshark.writePcap(dir.resolve("contexts.pcap"), PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS, List.of(frame));
        String row = tshark(pcap, List.of("-o", "6lowpan.context0:2001:db8::/64", "-o", "6lowpan.context1:fd00::/64",
                "-o", "udp.check_checksum:TRUE"),
                "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "udp.checksum.status", "_ws.malformed", "_ws.expert.severity");
        // Checksum status 1 is "good"; no malformed packet, no expert item.
        assertEquals("2001:db8::211:2233:4455:6677\tfd00::ff:fe00:abcd\t61619\t61620\t1\t\t", row);
    }

    /** tshark with extra preferences; the one output line (fields tab-separated). */
    private static String tshark(Path pcap, List<String> options, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        command.addAll(options);
        command.addAll(List.of("-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tshark failed: " + command);
        }
        return output.replace("\n", "");
    }
}
