package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Smoltcp4jCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void captureConsole() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, Smoltcp4jCommand.execute("--help"));
        assertTrue(stdout().startsWith("Usage: smoltcp4j [-hV] COMMAND"), stdout());
        assertTrue(stdout().contains("--version"), stdout());
    }

    @Test
    void versionIsTheProjectVersion() {
        assertEquals(0, Smoltcp4jCommand.execute("--version"));
        assertTrue(stdout().matches("smoltcp4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), stdout());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, Smoltcp4jCommand.execute());
        assertTrue(stderr().startsWith("Missing command"), stderr());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, Smoltcp4jCommand.execute("--frobnicate"));
        assertTrue(stderr().contains("Unknown option: '--frobnicate'"), stderr());
    }

    @Test
    void helpCommandDescribesTheTopLevel() {
        assertEquals(0, Smoltcp4jCommand.execute("help"));
        assertTrue(stdout().contains("static-allocation TCP/IP stack"), stdout());
    }
}
