package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/**
 * The benchmarks' options and output. The TCP benchmarks run for real with small transfers (8 MB;
 * {@code bench tcp} needs root: it creates its own network namespace and TAP); rates are printed,
 * never asserted.
 */
class BenchCommandTest {

    private static final String RUN_LINE = "run \\d+: \\d+ bytes in \\d+\\.\\d{3} s = \\d+\\.\\d\\d Gbit/s "
            + "\\(CPU: our thread \\d+\\.\\d{3} s, \\d+\\.\\d{3} s of it in the kernel(, Linux's thread \\d+\\.\\d{3} s)?\\)";
    private static final String LAST_LINE = "throughput: \\d+\\.\\d\\d Gbit/s";

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

    private String[] lines() {
        System.out.print(out);
        return out.toString().split("\n");
    }

    @ParameterizedTest(name = "checksums {0}")
    @CsvSource({"off", "on"})
    void loopbackMovesTheBytesAndEndsWithTheThroughput(String checksums) {
        assertEquals(0, run("bench", "loopback", "--bytes", "8000000", "--checksums", checksums), err.toString());
        String[] lines = lines();
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("TCP over Loopback in one process: 8000000 bytes"), lines[0]);
        assertTrue(lines[0].contains("checksums " + checksums), lines[0]);
        assertTrue(lines[1].matches(RUN_LINE), lines[1]);
        assertTrue(lines[2].matches(LAST_LINE), lines[2]);
    }

    @Test
    void severalRunsPrintEachThenTheMedianAndRange() {
        assertEquals(0, run("bench", "loopback", "--bytes", "4000000", "--mtu", "1500", "--runs", "3"), err.toString());
        String[] lines = lines();
        assertEquals(6, lines.length, out.toString());
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines[i].matches(RUN_LINE) && lines[i].startsWith("run " + i + ":"), lines[i]);
        }
        assertTrue(lines[4].matches("median of 3 runs, range \\d+\\.\\d\\d \\.\\. \\d+\\.\\d\\d Gbit/s"), lines[4]);
        assertTrue(lines[5].matches(LAST_LINE), lines[5]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "loopback --checksums maybe | smoltcp4j bench loopback: --checksums must be on or off, got 'maybe'",
        "loopback --mtu 67 | smoltcp4j bench loopback: --mtu must be 68..65535, got 67",
        "loopback --mtu 65536 | smoltcp4j bench loopback: --mtu must be 68..65535, got 65536",
        "loopback --runs 0 | smoltcp4j bench loopback: --runs must be at least 1, got 0",
        "loopback --bytes 0 | smoltcp4j bench loopback: --bytes must be at least 1, got 0",
        "tcp --direction sideways | smoltcp4j bench tcp: --direction must be reader or writer, got 'sideways'",
        "tcp --direction reader --offload yes | smoltcp4j bench tcp: --offload must be on or off, got 'yes'",
        "tcp --direction writer --bytes -1 | smoltcp4j bench tcp: --bytes must be at least 1, got -1",
    })
    void nonsenseOptionsAreUsageErrors(String arguments, String message) {
        String[] args = ("bench " + arguments).split(" ");
        assertEquals(2, run(args));
        assertEquals(message + "\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void tcpNeedsADirection() {
        assertEquals(2, run("bench", "tcp"));
        assertTrue(err.toString().startsWith("Missing required option: '--direction=reader|writer'"), err.toString());
    }

    /** Needs root: the command creates its own network namespace and TAP. */
    @ParameterizedTest(name = "{0}, offload {1}")
    @CsvSource({"reader, off", "reader, on", "writer, off", "writer, on"})
    void tcpThroughATapAgainstLinux(String direction, String offload) {
        assertEquals(0, run("bench", "tcp", "--direction", direction, "--offload", offload, "--bytes", "8000000", "--runs", "2"),
                err.toString());
        String[] lines = lines();
        assertEquals(5, lines.length, out.toString());
        assertTrue(lines[0].startsWith("TCP through TAP (" + direction + ")") && lines[0].endsWith("offload " + offload), lines[0]);
        assertTrue(lines[1].matches(RUN_LINE) && lines[2].matches(RUN_LINE), out.toString());
        assertTrue(lines[4].matches(LAST_LINE), lines[4]);
    }
}
