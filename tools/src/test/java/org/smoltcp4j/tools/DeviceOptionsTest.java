package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.Tshark;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DeviceOptionsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        DeviceOptions options;

        @Override
        public void run() {
        }
    }

    private static DeviceOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.options;
    }

    @Test
    void withoutOptionsTheDeviceIsUsedAsItIs() throws Exception {
        Loopback loopback = new Loopback(Medium.ETHERNET, 1514, 4);
        try (DeviceOptions.DeviceStack stack = parse().wrap(loopback, null)) {
            assertSame(loopback, stack.device);
            assertNull(stack.faults);
        }
    }

    @Test
    void faultOptionsConfigureTheInjectorLikeSmoltcpsExamples() throws Exception {
        DeviceOptions options = parse("--drop-chance", "15", "--corrupt-chance", "15", "--size-limit", "1000",
                "--tx-rate-limit", "4", "--rx-rate-limit", "5", "--shaping-interval", "50", "--fault-seed", "7");
        assertNull(options.problem());
        try (DeviceOptions.DeviceStack stack = options.wrap(new Loopback(Medium.ETHERNET, 1514, 4), null)) {
            assertSame(stack.faults, stack.device);
            assertEquals(15, stack.faults.dropChance());
            assertEquals(15, stack.faults.corruptChance());
            assertEquals(1000, stack.faults.sizeLimit());
            assertEquals(4, stack.faults.txRateLimit());
            assertEquals(5, stack.faults.rxRateLimit());
            assertEquals(50, stack.faults.shapingInterval());
        }
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertEquals("--drop-chance must be 0..100, got 101", parse("--drop-chance", "101").problem());
        assertEquals("--corrupt-chance must be 0..100, got -1", parse("--corrupt-chance", "-1").problem());
        assertTrue(parse("--size-limit", "-5").problem().startsWith("--size-limit"));
    }

    @Test
    void pcapRecordsWhatCrossesTheDevice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loop.pcap");
        Loopback loopback = new Loopback(Medium.ETHERNET, 1514, 4);
        byte[] frame = org.smoltcp4j.testing.Frames.ipv4(59, new byte[8]);
        try (DeviceOptions.DeviceStack stack = parse("--pcap", file.toString()).wrap(loopback, null)) {
            assertTrue(stack.device.prepareTransmit(0, frame.length));
            System.arraycopy(frame, 0, stack.device.transmitBuffer(), stack.device.transmitOffset(), frame.length);
            stack.device.commitTransmit(frame.length);
            assertEquals(frame.length, stack.device.receive(1));
            stack.device.releaseReceive();
        }
        List<String[]> rows = Tshark.fields(file, "ip.src", "ip.proto");
        assertEquals(2, rows.size(), "the frame sent and the frame received");
        assertEquals(List.of(), Tshark.problems(file));
        assertEquals("10.0.0.1", rows.get(0)[0]);
    }
}
