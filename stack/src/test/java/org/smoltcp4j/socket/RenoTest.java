package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** smoltcp's reno.rs tests (the first three), then RFC 5681's rules one by one. */
class RenoTest {

    private static final int MSS = 1460;

    private static Reno reno() {
        Reno reno = new Reno();
        reno.setMss(MSS);
        reno.setRemoteWindow(1 << 24);
        return reno;
    }

    /** Drives slow start until cwnd reaches {@code bytes}, then a loss at that flight puts it in avoidance. */
    private static Reno inAvoidanceAt(int bytes) {
        Reno reno = reno();
        while (reno.window() < 2 * bytes) {
            reno.onAck(0, MSS, 0);
        }
        reno.onDuplicateAck(0, 2 * bytes);
        assertEquals(bytes, reno.window());
        return reno;
    }

    @Test
    void smoltcpTestReno() {
        int remoteWindow = 64 * 1024;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 9; j++) {
                Reno reno = new Reno();
                reno.setMss(1480);
                reno.setRemoteWindow(remoteWindow);
                reno.onAck(0, 4096, 0);
                int n = i;
                for (int m = 0; m < j; m++) {
                    n *= i;
                }
                if ((i & 1) == 0) {
                    reno.onRetransmit(0, reno.window());
                } else {
                    reno.onDuplicateAck(0, reno.window());
                }
                reno.onAck(1_000_000, n, 0);
                assertTrue(reno.window() >= 1480, "cwnd " + reno.window());
                assertTrue(reno.window() <= remoteWindow, "cwnd " + reno.window());
            }
        }
    }

    @Test
    void smoltcpRenoMinCwnd() {
        Reno reno = new Reno();
        reno.setRemoteWindow(64 * 1024);
        for (int i = 0; i < 100; i++) {
            reno.onRetransmit(0, reno.window());
            assertTrue(reno.window() >= Reno.DEFAULT_MSS);
        }
    }

    @Test
    void smoltcpRenoSetRwndLetsCwndGrowPastTheInitialRemoteWindow() {
        Reno reno = new Reno();
        reno.setRemoteWindow(64 * 1024 * 1024);
        for (int i = 0; i < 1000; i++) {
            reno.onAck(0, Reno.DEFAULT_MSS, 0);
        }
        assertTrue(reno.window() > Reno.INITIAL_REMOTE_WINDOW);
    }

    @Test
    void initialWindowIsRfc5681Equation1() {
        assertEquals(2144, new Reno().window()); // 536-byte default SMSS: 4 segments
        assertEquals(4380, reno().window());
        Reno big = new Reno();
        big.setMss(4000);
        assertEquals(8000, big.window());
        assertEquals(CongestionController.UNLIMITED, big.slowStartThreshold());
    }

    @Test
    void slowStartGrowsByAtMostOneSegmentPerAck() {
        Reno reno = reno();
        reno.onAck(0, 100, 0);
        assertEquals(4380 + 100, reno.window());
        reno.onAck(0, 3 * MSS, 0); // a stretch ACK counts one segment (RFC 5681 eq. 2)
        assertEquals(4380 + 100 + MSS, reno.window());
        reno.onAck(0, 0, 0);
        assertEquals(4380 + 100 + MSS, reno.window());
    }

    @Test
    void congestionAvoidanceGrowsOneSegmentPerWindowAcknowledged() {
        Reno reno = inAvoidanceAt(20 * MSS);
        for (int rtt = 1; rtt <= 5; rtt++) {
            int window = reno.window();
            for (int acked = 0; acked < window; acked += MSS) {
                reno.onAck(0, MSS, 0);
            }
            assertEquals((20 + rtt) * MSS, reno.window(), "after round trip " + rtt);
        }
    }

    @Test
    void tripleDuplicateAckHalvesTheFlight() {
        Reno reno = reno();
        reno.onDuplicateAck(0, 30 * MSS);
        assertEquals(15 * MSS, reno.slowStartThreshold());
        assertEquals(15 * MSS, reno.window());
    }

    @Test
    void timeoutLeavesOneSegment() {
        Reno reno = reno();
        reno.onRetransmit(0, 30 * MSS);
        assertEquals(15 * MSS, reno.slowStartThreshold());
        assertEquals(MSS, reno.window());
        reno.onAck(0, MSS, 0);
        assertEquals(2 * MSS, reno.window()); // slow start again
    }

    @Test
    void lossThresholdIsAtLeastTwoSegments() {
        Reno reno = reno();
        reno.onDuplicateAck(0, MSS);
        assertEquals(2 * MSS, reno.slowStartThreshold());
        reno.onRetransmit(0, -5);
        assertEquals(2 * MSS, reno.slowStartThreshold());
    }

    @Test
    void windowNeverExceedsTheLargestRemoteWindow() {
        Reno reno = new Reno();
        for (int i = 0; i < 1000; i++) {
            reno.onAck(0, Reno.DEFAULT_MSS, 0);
        }
        assertEquals(Reno.INITIAL_REMOTE_WINDOW, reno.window());
        reno.setRemoteWindow(1000); // a smaller window later does not lower the cap
        assertEquals(Reno.INITIAL_REMOTE_WINDOW, reno.window());
    }

    @Test
    void mssAfterTheFirstAckKeepsTheWindow() {
        Reno reno = new Reno();
        reno.onAck(0, 536, 0);
        reno.setMss(1460);
        assertEquals(2144 + 536, reno.window());
    }

    @Test
    void nonPositiveMssIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Reno().setMss(0));
        assertEquals("mss must be positive, got 0", e.getMessage());
    }

    @Test
    void resetForgetsEverything() {
        Reno reno = inAvoidanceAt(10 * MSS);
        reno.reset();
        assertEquals(2144, reno.window());
        assertEquals(CongestionController.UNLIMITED, reno.slowStartThreshold());
    }

    @Test
    void noControlIsUnlimited() {
        NoControl none = NoControl.INSTANCE;
        none.onDuplicateAck(0, 100);
        none.onRetransmit(0, 100);
        none.reset();
        assertEquals(CongestionController.UNLIMITED, none.window());
    }
}
