package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Runs the TAP benchmark briefly (2000 frames each way, or {@code -Dtap.benchmark.frames=N}) and
 * prints its figures to the test output; asserts only that it ran and that Linux answered every
 * request, never a rate.
 */
class TapBenchmarkTest {

    private static final int FRAMES = Integer.getInteger("tap.benchmark.frames", 2000);

    @Test
    void measuresBothDirectionsAndPrints() throws Exception {
        try (KernelPeer peer = KernelPeer.tap()) {
            peer.addStaticNeighbour();
            StringWriter text = new StringWriter();
            TapBenchmark.Result result = TapBenchmark.run(new PrintWriter(text), (TapInterface) peer.device,
                    KernelPeer.OUR_MAC, KernelPeer.OUR_IP, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, FRAMES);
            System.out.print(text);
            assertEquals(FRAMES, result.replies());
            assertTrue(result.transmitFramesPerSecond() > 0 && result.echoRepliesPerSecond() > 0, result.toString());
            assertTrue(text.toString().contains("frames/s"), text.toString());
            assertThrows(IllegalArgumentException.class, () -> TapBenchmark.run(new PrintWriter(text), (TapInterface) peer.device,
                    KernelPeer.OUR_MAC, KernelPeer.OUR_IP, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, 0));
        }
    }

    @Test
    void interfaceThatStaysDownIsReported() throws Exception {
        try (TapInterface down = TapInterface.open("s4jbdown%d")) {
            IllegalStateException stuck = assertThrows(IllegalStateException.class, () -> TapBenchmark.run(
                    new PrintWriter(new StringWriter()), down, KernelPeer.OUR_MAC, KernelPeer.OUR_IP, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, 1));
            assertEquals("TAP " + down.name() + " had no room to transmit for a second (is it up?)", stuck.getMessage());
        }
    }
}
