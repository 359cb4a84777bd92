package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.Tshark;

/** The main job: {@code smoltcp4j sim} runs the firmware and a simulated host, and every exchange succeeds. */
class SimCommandTest {

    private static final String[] EXCHANGES = {"ARP", "ping", "UDP 6969 reverse", "TCP 6969 hello", "TCP 6970 reverse",
        "TCP 6971 sink", "TCP 6972 source", "HTTP page and JSON", "throughput 1235 (we send)", "throughput 1234 (we receive)",
        "ping (IPv6)", "UDP 6969 reverse (IPv6)", "TCP 6969 hello (IPv6)", "TCP 6970 reverse (IPv6)", "HTTP page and JSON (IPv6)"};

    @Test
    void everyExchangeSucceedsAndTheReportSaysSo() {
        CommandRun run = CommandRun.of("sim", "--seconds", "2");
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("smoltcp4j firmware on host-sim"), run.out);
        assertTrue(run.out.contains("total") && run.out.contains("bytes of ram.available"), "the boot prints the RAM budget");
        for (String exchange : EXCHANGES) {
            assertTrue(run.out.contains("  ok    " + exchange), exchange + " missing or failed:\n" + run.out);
        }
        assertFalse(run.out.contains("FAIL"), run.out);
        assertTrue(run.out.contains("sim: 15 of 15 exchanges succeeded"), run.out);
        assertTrue(run.out.contains("  ..    throughput"), "a progress line during the throughput run:\n" + run.out);
    }

    @Test
    void withFaultsAndACaptureTheExchangesStillSucceedAndTheCaptureIsClean(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("sim.pcap");
        // Dropped frames only: corrupted ones would be captured as they crossed the wire, bad checksums and all.
        CommandRun run = CommandRun.of("sim", "--seconds", "0.5", "--drop-chance", "5", "--pcap", pcap.toString());
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("(with fault injection)"), run.out);
        assertTrue(Files.size(pcap) > 10_000);
        assertEquals(java.util.List.of(), Tshark.problems(pcap));
    }

    @Test
    void badOptionsAndBoardsAreUsageErrors() {
        assertEquals(2, CommandRun.of("sim", "--seconds", "0").exit);
        assertEquals(2, CommandRun.of("sim", "--drop-chance", "101").exit);
        CommandRun unknown = CommandRun.of("sim", "--board", "no-such-board");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("unknown board 'no-such-board'"), unknown.err);
    }

    @Test
    void aBoardWithoutAnAddressForTheSimulatedHostIsAUsageError(@TempDir Path dir) throws Exception {
        // A radio board takes no IPv4 address and its ipv6.address is optional: without one, nothing could be exercised.
        Path board = Files.writeString(dir.resolve("no-address.board"),
                BoardCatalog.shippedText("nrf52840-dk")
                .replace("board.name = nrf52840-dk", "board.name = no-address").replace("ipv6.address = fdaa::1/64", ""));
        CommandRun run = CommandRun.of("sim", "--board", board.toString(), "--seconds", "1");
        assertEquals(2, run.exit, run.toString());
        assertEquals("smoltcp4j sim: no-address.board: nothing to exercise: the board has no IPv4 address and no ipv6.address, the"
                + " only addresses the simulated host reaches the firmware's applications at; give it an ipv6.address such as"
                + " fdaa::1/64", run.err.strip());
        assertFalse(run.out.contains("exchanges succeeded"), run.out);
    }

    @Test
    void theRadioBoardRunsOver6lowpanAndTsharkReadsItsCapture(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("radio.pcap");
        CommandRun run = CommandRun.of("sim", "--board", "nrf52840-dk", "--seconds", "1", "--pcap", pcap.toString());
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("on a simulated IEEE 802.15.4 medium (channel 26, PAN 0xbeef, 6LoWPAN), with a simulated host"
                + " at fdaa::100"), run.out);
        for (String exchange : new String[] {"ping (IPv6)", "UDP 6969 reverse (IPv6)", "TCP 6969 hello (IPv6)", "TCP 6970 reverse (IPv6)"}) {
            assertTrue(run.out.contains("  ok    " + exchange), exchange + " missing or failed:\n" + run.out);
        }
        assertTrue(run.out.contains("sim: 4 of 4 exchanges succeeded"), run.out);
        byte[] header = Files.readAllBytes(pcap);
        assertEquals(PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS, java.nio.ByteBuffer.wrap(header, 20, 4).getInt(), "link type (big-endian file)");
        assertEquals(java.util.List.of(), Tshark.problems(pcap));
        // A first fragment has its destination in the 6LoWPAN header; tshark shows the packet where it reassembled it.
        List<String[]> frames = Tshark.fields(pcap, "6lowpan.dst", "ipv6.dst", "6lowpan.frag.size", "_ws.col.Protocol");
        assertTrue(frames.size() > 20, "frames: " + frames.size());
        assertTrue(frames.stream().allMatch(frame -> List.of("fdaa::1", "fdaa::100").contains(frame[0].isEmpty() ? frame[1] : frame[0])),
                "every frame carries IPv6 between fdaa::100 and fdaa::1");
        assertTrue(frames.stream().anyMatch(frame -> !frame[2].isEmpty() && frame[3].equals("TCP")),
                "the reversed lines travel in 6LoWPAN fragments, reassembled by tshark");
        assertTrue(frames.stream().anyMatch(frame -> frame[3].equals("ICMPv6")) && frames.stream().anyMatch(frame -> frame[3].equals("UDP")));
        // The client closes as nc or socat would: every connection ends with FINs, none with a reset.
        List<String[]> tcp = Tshark.fields(pcap, "tcp.flags.fin", "tcp.flags.reset", "tcp.srcport", "tcp.dstport");
        assertTrue(tcp.stream().noneMatch(frame -> frame[1].equals("1") || frame[1].equals("True")),
                "a TCP reset in the capture: " + tcp.stream().filter(frame -> !frame[1].equals("0"))
                        .map(frame -> String.join(" ", frame)).toList());
        assertTrue(tcp.stream().filter(frame -> frame[0].equals("1") || frame[0].equals("True")).count() >= 4,
                "both sides of both TCP exchanges send a FIN");
    }

    @Test
    void theSimulatorRunsTheMocksNotTheNatives() throws Exception {
        for (Class<?> hal : new Class<?>[] {EthernetMac.class, HardwareTimer.class}) {
            for (Method method : hal.getDeclaredMethods()) {
                assertFalse(Modifier.isNative(method.getModifiers()),
                        hal.getSimpleName() + "." + method.getName() + " is native: the mock jar must come before the hal jar");
            }
        }
    }
}
