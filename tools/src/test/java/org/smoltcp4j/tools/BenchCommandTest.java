package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new Smoltcp4jCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void checksumBenchmarkPrintsARateForEverySize() {
        assertEquals(0, run("bench", "checksum", "--rounds", "1", "--round-millis", "10"));
        String[] lines = out.toString().split("\n");
        assertEquals(7, lines.length, out.toString());
        assertTrue(lines[0].startsWith("Internet checksum"), lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].matches(" *\\d+ bytes: +\\d+\\.\\d\\d GB/s  \\[\\d+\\.\\d\\d \\.\\. \\d+\\.\\d\\d\\]"), lines[i]);
        }
    }

    @Test
    void nonsenseRoundsAreAUsageError() {
        assertEquals(2, run("bench", "checksum", "--rounds", "0"));
        assertEquals("smoltcp4j bench checksum: --rounds must be >= 1 and --round-millis >= 10\n", err.toString());
    }

    @Test
    void benchWithoutABenchmarkIsAUsageError() {
        assertEquals(2, run("bench"));
        assertTrue(err.toString().startsWith("Missing benchmark"), err.toString());
    }
}
