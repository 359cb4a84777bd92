package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ICMPv6 Packet Too Big on a connection's path MTU (RFC 8201); the interface tests drive it through a connection. */
class TcpIcmpErrorsTest {

    @Test
    void packetTooBigOnlyLowersThePathMtuAndNeverBelow1280() {
        TcpIcmpErrors errors = new TcpIcmpErrors();
        assertFalse(errors.packetTooBig(1279), "below IPv6's minimum MTU");
        assertFalse(errors.packetTooBig(0));
        assertEquals(TcpIcmpErrors.UNKNOWN_PATH_MTU, errors.pathMtu());
        assertFalse(errors.packetTooBig(0xffffffffL), "not below what is known");
        assertTrue(errors.packetTooBig(1400));
        assertEquals(1400, errors.pathMtu());
        assertFalse(errors.packetTooBig(1500), "never up");
        assertTrue(errors.packetTooBig(1280));
        assertEquals(1280, errors.pathMtu());
        errors.clear();
        assertEquals(TcpIcmpErrors.UNKNOWN_PATH_MTU, errors.pathMtu(), "a new connection starts again");
    }
}
