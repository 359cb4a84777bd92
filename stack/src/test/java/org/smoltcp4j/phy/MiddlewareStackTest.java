package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack smoltcp's examples build, {@code FaultInjector<Tracer<PcapWriter<device>>>}: faults on
 * transmit happen above the tracer and the capture, so they see only frames that really leave;
 * faults on receive happen above them too, so they see every frame that arrives.
 */
class MiddlewareStackTest {

    private static final long EPOCH = 1_700_000_000_000_000L;

    private final PcapCapture capture = new PcapCapture();
    private final RecordingTraceSink traces = new RecordingTraceSink();
    private final Loopback loopback = new Loopback(Medium.ETHERNET, 1514, 8);
    private final PcapWriter pcap = new PcapWriter(loopback, capture.sink, PcapWriter.MODE_BOTH);
    private final Tracer tracer = new Tracer(pcap, traces);
    private final FaultInjector faults = new FaultInjector(tracer, 2024);

    @Test
    void withoutFaultsEveryFrameGoesThroughEveryLayer(@TempDir Path dir) throws IOException {
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            long now = EPOCH + n * 1000L;
            byte[] frame = PhyFrames.frame(Medium.ETHERNET, n);
            assertTrue(DeviceIo.send(faults, now, frame));
            assertArrayEquals(frame, DeviceIo.receive(faults, now + 1));
            expected.add(now + " " + PhyFrames.numberValue(Medium.ETHERNET, n));
            expected.add((now + 1) + " " + PhyFrames.numberValue(Medium.ETHERNET, n));
        }
        assertEquals(expected, capture.judge(dir.resolve("stack.pcap"), "udp.srcport"));
        assertEquals(40, traces.lines.size());
        assertTrue(traces.lines.get(0).startsWith(EPOCH + " tx EthernetII"), traces.lines.get(0));
        assertTrue(traces.lines.get(1).startsWith((EPOCH + 1) + " rx EthernetII"), traces.lines.get(1));
    }

    @Test
    void faultsAboveTheTapAreAccountedExactly(@TempDir Path dir) throws IOException {
        faults.setDropChance(30);
        int frames = 300;
        int delivered = 0;
        for (int n = 0; n < frames; n++) {
            long now = EPOCH + n * 1000L;
            assertTrue(DeviceIo.send(faults, now, PhyFrames.frame(Medium.ETHERNET, n)));
            if (DeviceIo.receive(faults, now + 1) != null) {
                delivered++;
            }
        }
        long left = frames - faults.txDropped();
        assertEquals(left - faults.rxDropped(), delivered);
        long txLines = traces.lines.stream().filter(line -> line.contains(" tx ")).count();
        long rxLines = traces.lines.stream().filter(line -> line.contains(" rx ")).count();
        assertEquals(left, txLines, "the tracer sees only frames that pass the injector");
        assertEquals(left, rxLines, "and every frame that arrives, dropped above it or not");
        assertEquals(2 * left, capture.judge(dir.resolve("lossy.pcap"), "udp.srcport").size());
        assertTrue(faults.txDropped() > 0 && faults.rxDropped() > 0);
    }

    @Test
    void corruptedTransmitsAreTracedAndCapturedCorrupted() {
        faults.setCorruptChance(100);
        byte[] frame = PhyFrames.frame(Medium.ETHERNET, 1);
        DeviceIo.send(faults, EPOCH, frame);
        byte[] onTheWire = DeviceIo.receive(loopback, EPOCH);
        assertEquals(1, faults.txCorrupted());
        assertTrue(!java.util.Arrays.equals(frame, onTheWire));
        assertEquals(1, traces.lines.size());
        byte[] file = capture.bytes.toByteArray();
        assertEquals(PcapFormat.GLOBAL_HEADER_LEN + PcapFormat.RECORD_HEADER_LEN + frame.length, file.length);
        assertArrayEquals(onTheWire, java.util.Arrays.copyOfRange(file, file.length - frame.length, file.length),
                "the capture holds the frame as it left, corrupted");
    }
}
