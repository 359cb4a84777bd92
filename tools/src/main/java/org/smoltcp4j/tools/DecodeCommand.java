package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.smoltcp4j.tools.pcap.PcapFormatException;
import org.smoltcp4j.tools.pcap.PcapReader;

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
        FrameLine lines = new FrameLine();
        try (PcapReader reader = PcapReader.open(file)) {
            while (reader.next()) {
                byte[] data = reader.data();
                String line = lines.format(reader.packetNumber(), reader.timestampMicros(), reader.linkType(), data, 0, data.length);
                if (data.length < reader.originalLength()) {
                    line += " [captured " + data.length + " of " + reader.originalLength() + " bytes]";
                }
                out.println(line);
                if (hex) {
                    FrameLine.printHex(out, data, 0, data.length);
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
}
