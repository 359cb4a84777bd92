package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * smoltcp's cubic.rs tests (adapted where smoltcp grows the window from the clock in
 * {@code pre_transmit}: here it grows on ACKs, as RFC 9438 says), then RFC 9438's curve, the
 * Reno-friendly region and fast convergence.
 */
class CubicTest {

    private static final int MSS = 1000;
    private static final long SECOND = 1_000_000L;

    private static Cubic cubic() {
        Cubic cubic = new Cubic();
        cubic.setMss(MSS);
        cubic.setRemoteWindow(1 << 28);
        return cubic;
    }

    /** cwnd grown to {@code bytes} in slow start, then a triple duplicate ACK at time 0. */
    private static Cubic afterLossAt(int bytes) {
        Cubic cubic = cubic();
        while (cubic.window() < bytes) {
            cubic.onAck(0, MSS, 0);
        }
        assertEquals(bytes, cubic.window());
        cubic.onDuplicateAck(0, bytes);
        return cubic;
    }

    /** A whole window acknowledged segment by segment at {@code now}. */
    private static void oneRoundTrip(Cubic cubic, long now, int rttMillis) {
        int window = cubic.window();
        for (int acked = 0; acked < window; acked += MSS) {
            cubic.onAck(now, MSS, rttMillis);
        }
    }

    private static void assertBounds(Cubic cubic, int remoteWindow) {
        assertTrue(cubic.window() >= MSS, "cwnd " + cubic.window());
        assertTrue(cubic.window() <= remoteWindow, "cwnd " + cubic.window());
    }

    @Test
    void smoltcpTestCubic() {
        int remoteWindow = 64 * 1024 * 1024;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 9; j++) {
                Cubic cubic = new Cubic();
                cubic.setRemoteWindow(remoteWindow);
                cubic.setMss(MSS);
                if ((i & 1) == 0) {
                    cubic.onRetransmit(0, cubic.window());
                } else {
                    cubic.onDuplicateAck(0, cubic.window());
                }
                cubic.preTransmit(0);
                long n = i;
                for (int m = 0; m < j; m++) {
                    n *= i;
                }
                cubic.preTransmit(n * 1000);
                cubic.onAck(n * 1000, MSS, 10);
                assertBounds(cubic, remoteWindow);
            }
        }
    }

    @Test
    void smoltcpCubicTimeInversion() {
        Cubic cubic = afterLossAt(20 * MSS);
        cubic.onRetransmit(Long.MAX_VALUE, cubic.window());
        cubic.onDuplicateAck(Long.MAX_VALUE, cubic.window());
        cubic.onAck(Long.MAX_VALUE, MSS, 0); // epoch starts at the end of time
        cubic.onAck(0, MSS, 0); // then the clock goes back
        assertBounds(cubic, 1 << 28);
    }

    @Test
    void smoltcpCubicLongElapsedTime() {
        Cubic cubic = afterLossAt(20 * MSS);
        cubic.onAck(0, MSS, 0);
        int before = cubic.window();
        cubic.onAck(Long.MAX_VALUE, MSS, Integer.MAX_VALUE);
        // the curve went to infinity; the target is clamped to 1.5 cwnd (RFC 9438 4.4): half a segment per ACK
        assertEquals(before + MSS / 2, cubic.window());
        assertBounds(cubic, 1 << 28);
    }

    @Test
    void smoltcpCubicLastUpdateBecomesGrowthOnlyOnAcks() {
        Cubic cubic = afterLossAt(20 * MSS);
        int before = cubic.window();
        cubic.preTransmit(100_000);
        cubic.preTransmit(199_000);
        cubic.preTransmit(20 * SECOND);
        assertEquals(before, cubic.window()); // waiting earns no window
        cubic.onAck(20 * SECOND, MSS, 0);
        cubic.onAck(20 * SECOND + 1, MSS, 0);
        assertNotEquals(before, cubic.window());
    }

    @Test
    void smoltcpCubicSlowStart() {
        Cubic cubic = new Cubic();
        int cwnd = cubic.window();
        cubic.onAck(0, 1024, 0);
        assertTrue(cubic.window() > cwnd);
        for (int i = 1; i < 1000; i++) {
            cubic.onAck(i, 1024 * 100, 0);
            assertTrue(cubic.window() <= Reno.INITIAL_REMOTE_WINDOW);
        }
        cwnd = cubic.window();
        cubic.onRetransmit(2000, cwnd);
        assertEquals((int) (cwnd * Cubic.BETA), cubic.slowStartThreshold()); // smoltcp halves; RFC 9438: beta 0.7
        assertEquals(Cubic.DEFAULT_MSS, cubic.window());
    }

    @Test
    void smoltcpCubicPreTransmitOnAFreshController() {
        Cubic cubic = new Cubic();
        cubic.preTransmit(2000);
        assertEquals(Reno.initialWindow(Cubic.DEFAULT_MSS), cubic.window());
    }

    @Test
    void smoltcpTestCubeRoot() {
        for (int n = 1; n < 1_000_000; n += 99) {
            double a = (double) n * n * n;
            assertEquals(n, Cubic.cubeRoot(a), n * 1e-12);
        }
        assertEquals(0.5, Cubic.cubeRoot(0.125), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, Cubic.cubeRoot(Double.POSITIVE_INFINITY));
    }

    @Test
    void smoltcpCubeRootZeroIsZeroNotAPanic() {
        assertEquals(0, Cubic.cubeRoot(0));
        assertEquals(0, Cubic.cubeRoot(-8));
        assertEquals(0, Cubic.cubeRoot(Double.NaN));
    }

    @Test
    void lossReducesByBetaAndStartsTheCurveAtKFromRfc9438() {
        Cubic cubic = afterLossAt(1000 * MSS);
        assertEquals(700 * MSS, cubic.window());
        assertEquals(700 * MSS, cubic.slowStartThreshold());
        assertEquals(1000 * MSS, cubic.maxWindowBeforeReduction());
        cubic.onAck(0, MSS, 0); // the congestion-avoidance epoch starts
        double k = Math.cbrt(1000 * (1 - Cubic.BETA) / Cubic.C); // RFC 9438 eq. 2, in segments
        assertEquals(k, cubic.plateauSeconds(), 1e-9);
        assertEquals(700 * MSS, cubic.cubicWindow(0), 1e-3);
        assertEquals(1000 * MSS, cubic.cubicWindow(k), 1e-6);
        for (double t = 0; t < 2 * k; t += 0.5) {
            double expected = (Cubic.C * Math.pow(t - k, 3) + 1000) * MSS;
            assertEquals(expected, cubic.cubicWindow(t), 1e-6, "W_cubic(" + t + ")");
        }
    }

    @Test
    void windowFollowsTheCurveRoundTripByRoundTrip() {
        Cubic cubic = afterLossAt(1000 * MSS);
        int rttMillis = 100;
        long now = 0;
        for (int round = 0; round < 150; round++) {
            oneRoundTrip(cubic, now, rttMillis);
            now += rttMillis * 1000L;
            double t = now / 1e6;
            // one RTT of ACKs steps toward W_cubic(t + RTT); never past it (4.4), never below W_cubic(t) by more than a segment
            assertTrue(cubic.window() <= cubic.cubicWindow(t) + MSS, "round " + round + ": " + cubic.window());
            assertTrue(cubic.window() >= cubic.cubicWindow(t - rttMillis / 1000.0) - MSS,
                    "round " + round + ": " + cubic.window() + " vs " + cubic.cubicWindow(t));
        }
        assertTrue(cubic.window() > 1000 * MSS, "past the plateau after 15 s: " + cubic.window());
    }

    @Test
    void smallWindowsGrowAsRenoWouldInTheRenoFriendlyRegion() {
        Cubic cubic = afterLossAt(10 * MSS);
        int rttMillis = 10;
        long now = 0;
        for (int round = 0; round < 20; round++) {
            oneRoundTrip(cubic, now, rttMillis);
            now += rttMillis * 1000L;
        }
        // 20 RTTs at about alpha = 0.53 segments each from 7 segments; W_cubic barely moved off 7
        assertTrue(cubic.window() > cubic.cubicWindow(now / 1e6) + 5 * MSS, "cwnd " + cubic.window());
        assertEquals(7 * MSS + 20 * Cubic.ALPHA * MSS, cubic.window(), 2 * MSS);
    }

    @Test
    void fastConvergenceLowersTheNextPlateau() {
        Cubic cubic = afterLossAt(100 * MSS);
        cubic.onDuplicateAck(0, cubic.window()); // a second loss below the old W_max
        assertEquals((int) (70 * MSS * (1 + Cubic.BETA) / 2), cubic.maxWindowBeforeReduction());
        assertEquals(49 * MSS, cubic.window());
    }

    @Test
    void resetForgetsTheCurve() {
        Cubic cubic = afterLossAt(100 * MSS);
        cubic.reset();
        assertEquals(0, cubic.maxWindowBeforeReduction());
        assertEquals(CongestionController.UNLIMITED, cubic.slowStartThreshold());
    }
}
