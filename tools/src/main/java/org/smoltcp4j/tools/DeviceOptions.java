package org.smoltcp4j.tools;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.FaultInjector;
import org.smoltcp4j.phy.OutputStreamPcapSink;
import org.smoltcp4j.phy.PcapWriter;

import picocli.CommandLine.Option;

/**
 * The options every command that opens a device shares, with the meanings of smoltcp's examples:
 * a capture file and the fault injector's settings. {@link #wrap} builds smoltcp's stack around the
 * device: the fault injector outside, the capture inside, so the capture records what really
 * crossed the wire.
 */
public final class DeviceOptions {

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every frame sent and received to FILE (libpcap).")
    Path pcap;

    @Option(names = "--drop-chance", paramLabel = "PERCENT", defaultValue = "0",
            description = "Drop this percentage of frames, in each direction (default ${DEFAULT-VALUE}).")
    int dropChance;

    @Option(names = "--corrupt-chance", paramLabel = "PERCENT", defaultValue = "0",
            description = "Flip one bit in this percentage of frames, in each direction (default ${DEFAULT-VALUE}).")
    int corruptChance;

    @Option(names = "--size-limit", paramLabel = "BYTES", defaultValue = "0",
            description = "Drop frames longer than this; 0 for no limit (default ${DEFAULT-VALUE}).")
    int sizeLimit;

    @Option(names = "--tx-rate-limit", paramLabel = "PACKETS", defaultValue = "0",
            description = "Send at most this many frames per shaping interval; 0 for no limit (default ${DEFAULT-VALUE}).")
    int txRateLimit;

    @Option(names = "--rx-rate-limit", paramLabel = "PACKETS", defaultValue = "0",
            description = "Receive at most this many frames per shaping interval; 0 for no limit (default ${DEFAULT-VALUE}).")
    int rxRateLimit;

    @Option(names = "--shaping-interval", paramLabel = "MILLIS", defaultValue = "0",
            description = "How often the rate limits refill, in milliseconds (default ${DEFAULT-VALUE}).")
    long shapingInterval;

    @Option(names = "--fault-seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the fault injector, so a run can be repeated (default ${DEFAULT-VALUE}).")
    long faultSeed;

    /**
     * Checks the values; returns null when they are fine, else a message naming the option, for
     * a usage error.
     */
    String problem() {
        if (dropChance < 0 || dropChance > 100) {
            return "--drop-chance must be 0..100, got " + dropChance;
        }
        if (corruptChance < 0 || corruptChance > 100) {
            return "--corrupt-chance must be 0..100, got " + corruptChance;
        }
        if (sizeLimit < 0 || txRateLimit < 0 || rxRateLimit < 0 || shapingInterval < 0) {
            return "--size-limit, --tx-rate-limit, --rx-rate-limit and --shaping-interval must not be negative";
        }
        return null;
    }

    /** True when any fault option is set. */
    boolean injectsFaults() {
        return dropChance > 0 || corruptChance > 0 || sizeLimit > 0 || txRateLimit > 0 || rxRateLimit > 0;
    }

    /**
     * Wraps {@code device} as the options say. {@code capture} overrides {@code --pcap} when not
     * null (a command's own capture flag, such as tcpdump's {@code -w}).
     */
    DeviceStack wrap(Device device, Path capture) throws IOException {
        Path file = capture != null ? capture : pcap;
        Device outer = device;
        OutputStream captureStream = null;
        if (file != null) {
            captureStream = new BufferedOutputStream(Files.newOutputStream(file));
            outer = new PcapWriter(outer, new OutputStreamPcapSink(captureStream), PcapWriter.MODE_BOTH);
        }
        FaultInjector faults = null;
        if (injectsFaults()) {
            faults = new FaultInjector(outer, faultSeed);
            faults.setDropChance(dropChance);
            faults.setCorruptChance(corruptChance);
            faults.setSizeLimit(sizeLimit);
            faults.setTxRateLimit(txRateLimit);
            faults.setRxRateLimit(rxRateLimit);
            faults.setShapingInterval(shapingInterval);
            outer = faults;
        }
        return new DeviceStack(outer, faults, captureStream);
    }

    /** The wrapped device, its fault injector (null without faults), and the capture to close. */
    static final class DeviceStack implements AutoCloseable {
        final Device device;
        final FaultInjector faults;
        private final OutputStream capture;

        DeviceStack(Device device, FaultInjector faults, OutputStream capture) {
            this.device = device;
            this.faults = faults;
            this.capture = capture;
        }

        @Override
        public void close() throws IOException {
            if (capture != null) {
                capture.close();
            }
        }
    }
}
