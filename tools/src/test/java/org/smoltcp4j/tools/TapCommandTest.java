package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tap command's usage errors; running it against Linux (it needs root and a namespace) is
 * host-tests' FirmwareOnTapTest.
 */
class TapCommandTest {

    @Test
    void negativeSecondsAreAUsageError() {
        CommandRun run = CommandRun.of("tap", "--seconds", "-1");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("--seconds must not be negative"), run.err);
    }

    @Test
    void anUnknownBoardIsAUsageError() {
        CommandRun run = CommandRun.of("tap", "--board", "no-such-board");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("unknown board 'no-such-board'"), run.err);
    }

    @Test
    void helpShowsTheRecipeForAUsersOwnMachine() {
        CommandRun run = CommandRun.of("tap", "--help");
        assertEquals(0, run.exit);
        assertTrue(run.out.contains("sudo ip tuntap add name tap0 mode tap user $USER"), run.out);
        assertTrue(run.out.contains("--netns"), run.out);
    }
}
