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
    void aRadioBoardIsAUsageErrorPointingToTheSimulator() {
        // Refused before any TAP is opened: --iface names one that cannot exist, so opening it would fail differently.
        CommandRun run = CommandRun.of("tap", "--board", "nrf52840-dk", "--iface", "no/such/tap", "--seconds", "1");
        assertEquals(2, run.exit, run.toString());
        assertTrue(run.err.contains("nrf52840-dk is a radio board (IEEE 802.15.4, 6LoWPAN): a TAP carries Ethernet;"
                + " run it with smoltcp4j sim --board nrf52840-dk"), run.err);
    }

    @Test
    void helpShowsTheRecipeForAUsersOwnMachine() {
        CommandRun run = CommandRun.of("tap", "--help");
        assertEquals(0, run.exit);
        assertTrue(run.out.contains("sudo ip tuntap add name tap0 mode tap user $USER"), run.out);
        assertTrue(run.out.contains("--netns"), run.out);
    }
}
