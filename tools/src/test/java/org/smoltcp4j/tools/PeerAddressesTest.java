package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated host's and Linux's addresses beside a board's. */
class PeerAddressesTest {

    @Test
    void hostTapPeerIsDotHundredAndColonColonHundred() throws Exception {
        var board = BoardCatalog.load("host-tap");
        assertEquals("192.168.69.100", SimExchanges.ipv4(PeerAddresses.ipv4(board)));
        assertEquals("fdaa::100", PeerAddresses.ipv6Text(board));
        assertEquals("192.168.69.1, fdaa::1", PeerAddresses.boardAddresses(board));
    }

    @Test
    void aSlash25SubnetStillHoldsTheDotHundredPeer(@TempDir Path dir) throws Exception {
        var board = BoardCatalog.load(edited(dir, "192.168.69.129/25", "192.168.69.130").toString());
        assertEquals("192.168.69.228", SimExchanges.ipv4(PeerAddresses.ipv4(board)));
        assertNull(PeerAddresses.problem(board));
        assertNull(PeerAddresses.problem(BoardCatalog.load("host-sim")));
    }

    @Test
    void aSubnetWithoutRoomForThePeerIsAUsageErrorOfSimAndTap(@TempDir Path dir) throws Exception {
        Path file = edited(dir, "192.168.69.1/26", "192.168.69.2");
        assertEquals("the peer takes host 100 of the board's IPv4 subnet, which a /26 does not have; give ipv4.address a prefix of"
                + " /25 or shorter", PeerAddresses.problem(BoardCatalog.load(file.toString())));
        for (String command : new String[] {"sim", "tap"}) {
            CommandRun run = CommandRun.of(command, "--board", file.toString(), "--seconds", "1");
            assertEquals(2, run.exit, run.toString());
            assertTrue(run.err.contains("the peer takes host 100"), run.err);
        }
        Path own = edited(dir, "192.168.69.100/24", "192.168.69.1");
        assertEquals("the board's IPv4 address 192.168.69.100 is the peer's; give the board another one",
                PeerAddresses.problem(BoardCatalog.load(own.toString())));
    }

    /** host-sim with another IPv4 address and gateway, written to a file of the user's. */
    private static Path edited(Path dir, String address, String gateway) throws Exception {
        return Files.writeString(dir.resolve("host-sim.board"), BoardCatalog.shippedText("host-sim")
                .replace("ipv4.address = 192.168.69.1/24", "ipv4.address = " + address)
                .replace("ipv4.gateway = 192.168.69.100", "ipv4.gateway = " + gateway));
    }

    @Test
    void radioBoardHasOnlyIpv6() throws Exception {
        var board = BoardCatalog.load("nrf52840-dk");
        assertEquals("fdaa::1", PeerAddresses.boardAddresses(board));
        assertEquals("fdaa::100", PeerAddresses.ipv6Text(board));
    }
}
