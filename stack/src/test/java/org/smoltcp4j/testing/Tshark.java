package org.smoltcp4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.smoltcp4j.phy.PcapFormat;

/**
 * tshark as the judge of packets we emit (design.md section 6): frames are written to a pcap with
 * our own {@link PcapFormat}, tshark dissects them with every checksum check switched on, and a
 * test fails on any malformed packet or any expert item of severity "error" (bad checksums among
 * them). Field values come back from {@code tshark -T fields} for comparison with what we put in.
 */
public final class Tshark {

    /** Wireshark's expert severity "Error" (PI_ERROR); bad checksums and malformed packets have it. */
    private static final long SEVERITY_ERROR = 0x00800000L;
    private static final String[] CHECKSUM_PREFERENCES = {
        "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
    };

    private Tshark() {
    }

    /** Writes {@code frames} to a pcap file of the given link type, 1 ms apart. */
    public static Path writePcap(Path file, int linkType, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[PcapFormat.GLOBAL_HEADER_LEN];
        PcapFormat.writeGlobalHeader(header, 0, linkType, 65535);
        out.write(header);
        long time = 1_700_000_000_000_000L;
        for (byte[] frame : frames) {
            byte[] record = new byte[PcapFormat.RECORD_HEADER_LEN];
            PcapFormat.writeRecordHeader(record, 0, time, frame.length, frame.length);
            out.write(record);
            out.write(frame);
            time += 1000;
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    /**
     * Every problem tshark reports in {@code pcap}, one line each ("frame N: ..."): malformed
     * packets and expert items of severity error. Empty when tshark is satisfied.
     */
    public static List<String> problems(Path pcap) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String[] row : fields(pcap, "frame.number", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message")) {
            String frame = row[0];
            if (!row[1].isEmpty()) {
                problems.add("frame " + frame + ": malformed: " + row[3]);
                continue;
            }
            if (row[2].isEmpty()) {
                continue;
            }
            String[] severities = row[2].split(",");
            String[] messages = row[3].split(",", severities.length);
            for (int i = 0; i < severities.length; i++) {
                if (Long.parseLong(severities[i]) >= SEVERITY_ERROR) {
                    problems.add("frame " + frame + ": " + (i < messages.length ? messages[i] : "error"));
                }
            }
        }
        return problems;
    }

    /**
     * The values of {@code fieldNames} for each frame of {@code pcap}, with checksum validation on.
     * A field that occurs several times in a frame has its values joined by commas; an absent one
     * is the empty string.
     */
    public static List<String[]> fields(Path pcap, String... fieldNames) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("tshark");
        command.add("-n");
        command.add("-r");
        command.add(pcap.toString());
        command.addAll(List.of(CHECKSUM_PREFERENCES));
        command.addAll(List.of("-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fieldNames) {
            command.add("-e");
            command.add(field);
        }
        String output = run(command);
        List<String[]> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isEmpty()) {
                String[] row = line.split("\t", -1);
                if (row.length != fieldNames.length) {
                    throw new IOException("tshark printed " + row.length + " columns for " + fieldNames.length + " fields: " + line);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Writes {@code frames} to {@code file}, fails if tshark finds any problem with them, and returns
     * the requested fields, one row per frame.
     */
    public static List<String[]> judge(Path file, int linkType, List<byte[]> frames, String... fieldNames) throws IOException {
        writePcap(file, linkType, frames);
        List<String> problems = problems(file);
        if (!problems.isEmpty()) {
            throw new AssertionError("tshark rejects " + file + ":\n  " + String.join("\n  ", problems));
        }
        List<String[]> rows = fields(file, fieldNames);
        if (rows.size() != frames.size()) {
            throw new AssertionError("tshark read " + rows.size() + " frames of " + frames.size() + " from " + file);
        }
        return rows;
    }

    private static String run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run tshark (install it with tools/setup-host): " + e.getMessage(), e);
        }
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tshark did not finish within 60 s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tshark", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("tshark exited with " + process.exitValue() + ": " + command);
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
