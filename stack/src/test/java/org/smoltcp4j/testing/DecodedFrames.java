package org.smoltcp4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.smoltcp4j.wire.FramePrinter;

/**
 * Ethernet frames as {@link FramePrinter} prints them, one line each, with the questions tests ask
 * of captured traffic: which frames have a layer that failed to parse, and how many frames carry
 * each protocol.
 */
public final class DecodedFrames {

    /**
     * Layers (as {@link #framesPerLayer()} names them) that every capture of Linux's traffic made by
     * host-tests' LinuxTrafficCapture contains; the neighbour discovery and MLD that Linux sends by
     * itself, and the fragments, are among them.
     */
    public static final List<String> LINUX_TRAFFIC_LAYERS = List.of("ARP", "IPv4", "IPv6", "ICMPv4", "ICMPv6",
            "NDISC", "MLDv2", "IGMPv2", "UDP", "TCP", "DNS", "DHCP", "fragment");

    /** What FramePrinter appends for a layer that does not parse or a checksum that does not verify. */
    private static final String[] FAILURE_MARKS = {
        "(truncated)", "(malformed)", "(bad checksum)", "(unsupported)", "[bad checksum]",
    };

    private final List<String> lines = new ArrayList<>();

    /** Prints every frame of {@code frames}. */
    public DecodedFrames(List<byte[]> frames) {
        FramePrinter printer = new FramePrinter();
        for (byte[] frame : frames) {
            lines.add(printer.appendEthernet(frame, 0, frame.length, new StringBuilder()).toString());
        }
    }

    /** The printed line of each frame, in capture order. */
    public List<String> lines() {
        return lines;
    }

    /** "frame N: line" for every frame with a layer that failed or a bad checksum (N counts from 1, as in tshark). */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String mark : FAILURE_MARKS) {
                if (lines.get(i).contains(mark)) {
                    failures.add("frame " + (i + 1) + ": " + lines.get(i));
                    break;
                }
            }
        }
        return failures;
    }

    /**
     * For each layer name (the first word of a printed layer: EthernetII, ARP, IPv4, IPv6, UDP, TCP,
     * ICMPv4, ICMPv6, NDISC, MLDv2, IGMPv2, DNS, DHCP, fragment, ...), the number of frames that have it.
     */
    public SortedMap<String, Integer> framesPerLayer() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (String line : lines) {
            List<String> seen = new ArrayList<>();
            for (String layer : line.split(" \\| ")) {
                String name = layer.split(" ", 2)[0];
                if (!seen.contains(name)) {
                    seen.add(name);
                    counts.merge(name, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Every line, numbered from 1, for failure messages. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        return out.toString();
    }
}
