package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
    void radioBoardHasOnlyIpv6() throws Exception {
        var board = BoardCatalog.load("nrf52840-dk");
        assertEquals("fdaa::1", PeerAddresses.boardAddresses(board));
        assertEquals("fdaa::100", PeerAddresses.ipv6Text(board));
    }
}
