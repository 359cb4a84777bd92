package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.tools.pcap.PcapFormatException;
import org.smoltcp4j.tools.pcap.PcapReader;
import org.smoltcp4j.wire.FramePrinter;
import org.smoltcp4j.wire.Hex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smoltcp4j decode FILE}: one line per frame, every layer the stack parses. */
@Command(name = "decode",
        description = {"Print one tcpdump-style line per frame of a capture (pcap or pcapng; Ethernet, raw IP "
                + "and IEEE 802.15.4 link types), decoded by the stack's own parsers.",
            "A frame that does not parse is printed with the reason."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the capture was read to its end", "2:the file is missing, not a capture, or damaged"})
public final class DecodeCommand implements Callable<Integer> {

    static final int EXIT_BAD_FILE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The capture to decode.")
    private Path file;

    @Option(names = "--hex", description = "Also print each frame's bytes in hex.")
    private boolean hex;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FramePrinter printer = new FramePrinter();
        StringBuilder line = new StringBuilder(512);
        try (PcapReader reader = PcapReader.open(file)) {
            long firstTimestamp = Long.MIN_VALUE;
            while (reader.next()) {
                if (firstTimestamp == Long.MIN_VALUE) {
                    firstTimestamp = reader.timestampMicros();
                }
                line.setLength(0);
                line.append(reader.packetNumber()).append(' ');
                appendSeconds(line, reader.timestampMicros() - firstTimestamp).append(' ');
                appendLayers(printer, reader.linkType(), reader.data(), line);
                if (reader.data().length < reader.originalLength()) {
                    line.append(" [captured ").append(reader.data().length).append(" of ").append(reader.originalLength()).append(" bytes]");
                }
                out.println(line);
                if (hex) {
                    printHex(out, reader.data());
                }
            }
            out.flush();
            return 0;
        } catch (PcapFormatException e) {
            out.flush();
            spec.commandLine().getErr().println("smoltcp4j decode: " + e.getMessage());
            return EXIT_BAD_FILE;
        } catch (IOException e) {
            out.flush();
            spec.commandLine().getErr().println("smoltcp4j decode: cannot read " + file + ": " + e.getMessage());
            return EXIT_BAD_FILE;
        }
    }

    private static void appendLayers(FramePrinter printer, int linkType, byte[] data, StringBuilder line) {
        switch (linkType) {
            case PcapFormat.LINKTYPE_ETHERNET:
                printer.appendEthernet(data, 0, data.length, line);
                break;
            case PcapFormat.LINKTYPE_RAW:
                printer.appendIp(data, 0, data.length, line);
                break;
            case PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS:
                printer.appendIeee802154(data, 0, data.length, line);
                break;
            default:
                line.append("link type ").append(linkType).append(" is not decoded");
        }
    }

    private static StringBuilder appendSeconds(StringBuilder out, long micros) {
        out.append(micros / 1_000_000).append('.');
        long fraction = micros % 1_000_000;
        for (long digit = 100_000; digit > 0; digit /= 10) {
            out.append((char) ('0' + (fraction / digit) % 10));
        }
        return out;
    }

    private static void printHex(PrintWriter out, byte[] data) {
        StringBuilder row = new StringBuilder(80);
        for (int at = 0; at < data.length; at += 16) {
            row.setLength(0);
            Hex.append(row.append("  "), at, 4).append("  ");
            Hex.appendBytes(row, data, at, Math.min(16, data.length - at), ' ');
            out.println(row);
        }
    }
}
