package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.smoltcp4j.hal.host.RawSocket;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.Medium;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smoltcp4j tcpdump -i IFACE}: live capture through an AF_PACKET raw socket, each frame
 * printed with the stack's own decoders. Runs until {@code -c} frames, {@code --seconds}, or Ctrl-C.
 */
@Command(name = "tcpdump",
        description = {"Capture frames live from a network interface (AF_PACKET raw socket; needs root) and print one line per "
                + "frame with the stack's decoders."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:capture ended (-c or --seconds reached)", "2:bad options, or the interface cannot be opened"})
public final class TcpdumpCommand implements Callable<Integer> {

    /** How long one wait for a frame lasts, so --seconds is honoured promptly. */
    private static final long WAIT_MICROS = 100_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "-i", required = true, paramLabel = "IFACE", description = "The interface to capture on.")
    private String interfaceName;

    @Option(names = "-c", paramLabel = "N", defaultValue = "0", description = "Stop after N frames (0: no limit).")
    private long count;

    @Option(names = "-w", paramLabel = "FILE", description = "Also write the frames to FILE (libpcap), as --pcap does.")
    private Path write;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0", description = "Stop after S seconds (0: no limit).")
    private long seconds;

    @Mixin
    private DeviceOptions deviceOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = deviceOptions.problem();
        if (problem == null && (count < 0 || seconds < 0)) {
            problem = "-c and --seconds must not be negative";
        }
        if (problem == null && write != null && deviceOptions.pcap != null) {
            problem = "give either -w or --pcap, not both";
        }
        if (problem != null) {
            err.println("smoltcp4j tcpdump: " + problem);
            return 2;
        }
        try (RawSocket socket = RawSocket.openForCapture(interfaceName);
                DeviceOptions.DeviceStack stack = deviceOptions.wrap(socket, write)) {
            long captured = capture(socket, stack.device, out);
            err.println(captured + (captured == 1 ? " frame" : " frames") + " captured");
            return 0;
        } catch (IOException e) {
            err.println("smoltcp4j tcpdump: " + e.getMessage());
            return 2;
        }
    }

    private long capture(RawSocket socket, Device device, PrintWriter out) {
        FrameLine lines = new FrameLine();
        int linkType = Medium.pcapLinkType(device.capabilities().medium());
        long start = System.nanoTime();
        long deadline = seconds == 0 ? Long.MAX_VALUE : start + seconds * 1_000_000_000L;
        long captured = 0;
        while ((count == 0 || captured < count) && System.nanoTime() < deadline) {
            if (!socket.waitReadable(WAIT_MICROS)) {
                continue;
            }
            long now = (System.nanoTime() - start) / 1000;
            int length = device.receive(now);
            if (length == 0) {
                continue;
            }
            try {
                captured++;
                out.println(lines.format(captured, System.currentTimeMillis() * 1000, linkType,
                        device.receiveBuffer(), device.receiveOffset(), length));
                out.flush();
            } finally {
                device.releaseReceive();
            }
        }
        return captured;
    }
}
