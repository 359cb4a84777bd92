package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.testing.DecodedFrames;
import org.smoltcp4j.testing.PcapFile;

/**
 * The committed Linux capture (stack's LinuxTrafficTest) proves our parsers against one kernel;
 * this records fresh traffic from the kernel the tests run on, in namespaces created now (a few
 * seconds, every command bounded), and every frame must decode. Needs root: without it the test
 * fails, naming the cause, rather than skip, since CI runs as root.
 *
 * <p>tshark is not asked about these frames: they are the kernel's, not ours, and an occasional
 * capture artifact (seen once: one frame tshark called malformed in about ten runs) would make the
 * test fail for traffic we did not emit. The committed capture is cross-checked field by field
 * against tshark in LinuxTrafficTest.
 */
class LiveLinuxTrafficTest {

    @Test
    void everyFrameOfFreshLinuxTrafficDecodes(@TempDir Path dir) throws Exception {
        Path pcap = LinuxTrafficCapture.capture(dir.resolve("live.pcap"));
        List<byte[]> frames = PcapFile.readEthernet(pcap);
        DecodedFrames decoded = new DecodedFrames(frames);
        assertEquals(List.of(), decoded.failures(), decoded::toString);
        for (String layer : DecodedFrames.LINUX_TRAFFIC_LAYERS) {
            assertTrue(decoded.framesPerLayer().containsKey(layer), () -> "no " + layer + " in\n" + decoded);
        }
    }
}
