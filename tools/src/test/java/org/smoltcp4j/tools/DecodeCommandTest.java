package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;

import picocli.CommandLine;

class DecodeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int decode(String... args) {
        CommandLine command = new CommandLine(new Smoltcp4jCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static byte[] arpRequest() {
        byte[] frame = new byte[42];
        new EthernetRepr().setSource(0x0200_0000_0001L).setDestination(MacAddress.BROADCAST).setEtherType(EtherType.ARP)
                .emit(new EthernetFrame().wrap(frame, 0, frame.length));
        new ArpRepr().set(ArpPacket.OPERATION_REQUEST, 0x0200_0000_0001L, Ipv4Address.of(10, 0, 0, 1), 0, Ipv4Address.of(10, 0, 0, 2))
                .emit(new ArpPacket().wrap(frame, 14, 28));
        return frame;
    }

    private Path capture(String name, List<byte[]> frames) throws IOException {
        return Tshark.writePcap(dir.resolve(name), PcapFormat.LINKTYPE_ETHERNET, frames);
    }

    private static final String ARP_LINE = "EthernetII src=02:00:00:00:00:01 dst=ff:ff:ff:ff:ff:ff type=ARP"
            + " | ARP request who-has 10.0.0.2 tell 10.0.0.1 (02:00:00:00:00:01)";

    @Test
    void printsOneLinePerFrameWithEveryLayer() throws IOException {
        Path pcap = capture("arp.pcap", List.of(arpRequest(), arpRequest()));
        assertEquals(0, decode("decode", pcap.toString()), err.toString());
        assertEquals("1 0.000000 " + ARP_LINE + "\n2 0.001000 " + ARP_LINE + "\n", out.toString());
        assertEquals("", err.toString());
    }

    /** editcap rewrites our big-endian microsecond pcap in the other formats tools produce. */
    @ParameterizedTest
    @ValueSource(strings = {"pcap", "nsecpcap", "pcapng"})
    void readsEveryCaptureFormat(String format) throws Exception {
        Path original = capture("arp.pcap", List.of(arpRequest(), arpRequest()));
        Path converted = dir.resolve("arp." + format);
        Process editcap = new ProcessBuilder("editcap", "-F", format, original.toString(), converted.toString())
                .redirectErrorStream(true).start();
        assertTrue(editcap.waitFor(30, TimeUnit.SECONDS) && editcap.exitValue() == 0, new String(editcap.getInputStream().readAllBytes()));
        assertEquals(0, decode("decode", converted.toString()), err.toString());
        assertEquals("1 0.000000 " + ARP_LINE + "\n2 0.001000 " + ARP_LINE + "\n", out.toString());
    }

    @Test
    void malformedFramesArePrintedWithTheReason() throws IOException {
        byte[] arp = arpRequest();
        Path pcap = capture("bad.pcap", List.of(Arrays.copyOf(arp, 10), Arrays.copyOf(arp, 30)));
        assertEquals(0, decode("decode", pcap.toString()));
        assertEquals("1 0.000000 EthernetII (truncated)\n"
                + "2 0.001000 EthernetII src=02:00:00:00:00:01 dst=ff:ff:ff:ff:ff:ff type=ARP | ARP (truncated)\n", out.toString());
    }

    @Test
    void hexDumpFollowsEachFrame() throws IOException {
        Path pcap = capture("arp.pcap", List.of(arpRequest()));
        assertEquals(0, decode("decode", "--hex", pcap.toString()));
        String[] lines = out.toString().split("\n");
        assertEquals(4, lines.length);
        assertEquals("  0000  ff ff ff ff ff ff 02 00 00 00 00 01 08 06 00 01", lines[1]);
        assertEquals("  0020  00 00 00 00 00 00 0a 00 00 02", lines[3]);
    }

    @Test
    void otherLinkTypesAreNamed() throws IOException {
        Path pcap = Tshark.writePcap(dir.resolve("usb.pcap"), 189, List.of(new byte[] {1, 2, 3}));
        assertEquals(0, decode("decode", pcap.toString()));
        assertEquals("1 0.000000 link type 189 is not decoded\n", out.toString());
    }

    @Test
    void missingFileIsOneClearErrorLine() {
        assertEquals(2, decode("decode", dir.resolve("nothing.pcap").toString()));
        assertEquals("smoltcp4j decode: " + dir.resolve("nothing.pcap") + ": no such file\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void nonCaptureFileIsOneClearErrorLine() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello world");
        assertEquals(2, decode("decode", text.toString()));
        assertEquals("smoltcp4j decode: " + text + ": not a pcap or pcapng file (starts with 68656c6c)\n", err.toString());
    }

    @Test
    void emptyFileIsOneClearErrorLine() throws IOException {
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertEquals(2, decode("decode", empty.toString()));
        assertEquals("smoltcp4j decode: " + empty + ": the file is empty or shorter than a capture header\n", err.toString());
    }

    @Test
    void fileCutInsideARecordPrintsWhatWasReadThenTheError() throws IOException {
        Path pcap = capture("arp.pcap", List.of(arpRequest(), arpRequest()));
        byte[] bytes = Files.readAllBytes(pcap);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(bytes, bytes.length - 5));
        assertEquals(2, decode("decode", cut.toString()));
        assertEquals("1 0.000000 " + ARP_LINE + "\n", out.toString());
        assertEquals("smoltcp4j decode: " + cut + ": record 2 is cut short\n", err.toString());
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        assertEquals(2, decode("decode"));
        assertTrue(err.toString().startsWith("Missing required parameter: 'FILE'"), err.toString());
    }
}
