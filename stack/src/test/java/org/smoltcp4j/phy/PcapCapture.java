package org.smoltcp4j.phy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smoltcp4j.testing.Tshark;

/** Test helper: a capture in memory, judged by tshark once written to a file. */
final class PcapCapture {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final OutputStreamPcapSink sink = new OutputStreamPcapSink(bytes);

    /**
     * Writes the capture to {@code file}, fails on any problem tshark finds, and returns per frame
     * {@code "<time in microseconds> <field values...>"}.
     */
    List<String> judge(Path file, String... fields) throws IOException {
        Files.write(file, bytes.toByteArray());
        List<String> problems = Tshark.problems(file);
        if (!problems.isEmpty()) {
            throw new AssertionError("tshark rejects " + file + ": " + problems);
        }
        String[] all = new String[fields.length + 1];
        all[0] = "frame.time_epoch";
        System.arraycopy(fields, 0, all, 1, fields.length);
        List<String> rows = new ArrayList<>();
        for (String[] row : Tshark.fields(file, all)) {
            row[0] = new BigDecimal(row[0]).movePointRight(6).toBigInteger().toString();
            rows.add(String.join(" ", row));
        }
        return rows;
    }
}
