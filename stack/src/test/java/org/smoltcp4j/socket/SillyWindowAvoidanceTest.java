package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SillyWindowAvoidanceTest {

    private static final int MSS = 536;
    private static final long NOW = 1000000L;

    // --- receiver --------------------------------------------------------------------------------

    @Test
    void freeSpaceOfferedOnceItMovesTheEdgeByTheThreshold() {
        assertEquals(1636, SillyWindowAvoidance.receiveWindow(1636, 1100, 4096, MSS)); // +536 = one MSS
        assertEquals(1100, SillyWindowAvoidance.receiveWindow(1635, 1100, 4096, MSS)); // +535: edge stays
    }

    @Test
    void smallBufferUsesHalfItsSizeAsThreshold() {
        assertEquals(32, SillyWindowAvoidance.receiveWindow(32, 0, 64, MSS));
        assertEquals(0, SillyWindowAvoidance.receiveWindow(31, 0, 64, MSS));
    }

    @Test
    void unknownMssMeansNoAvoidance() {
        assertEquals(5, SillyWindowAvoidance.receiveWindow(5, 2, 4096, 0));
    }

    @Test
    void offeredBeyondFreeOrNegativeIsClamped() {
        assertEquals(100, SillyWindowAvoidance.receiveWindow(100, 65535, 4096, MSS));
        assertEquals(0, SillyWindowAvoidance.receiveWindow(100, -3, 4096, MSS));
    }

    @Property
    void theRightEdgeNeverRecedesNorPassesTheBuffer(@ForAll @IntRange(min = 1, max = 1 << 20) int capacity,
            @ForAll @IntRange(min = 0, max = 1 << 20) int free, @ForAll @IntRange(min = 0, max = 1 << 20) int offered,
            @ForAll @IntRange(min = 0, max = 9000) int mss) {
        free = Math.min(free, capacity);
        offered = Math.min(offered, free);
        int window = SillyWindowAvoidance.receiveWindow(free, offered, capacity, mss);
        assertTrue(window >= offered && window <= free);
        assertTrue(window == offered || window == free);
    }

    @Test
    void windowFieldRoundsUpOnlyWhenTheRoundedWindowFits() {
        assertEquals(2, SillyWindowAvoidance.windowField(1000, 2048, 9)); // 1000 / 512 -> 1, but 2 * 512 fits
        assertEquals(1, SillyWindowAvoidance.windowField(1000, 1000, 9)); // 1024 would not fit
        assertEquals(2, SillyWindowAvoidance.windowField(1024, 4096, 9)); // exact
        assertEquals(0xffff, SillyWindowAvoidance.windowField(100000, 100000, 0));
    }

    // --- sender ----------------------------------------------------------------------------------

    private static SillyWindowAvoidance sender(int maxPeerWindow) {
        SillyWindowAvoidance sws = new SillyWindowAvoidance();
        sws.peerWindow(maxPeerWindow);
        sws.peerWindow(10); // a smaller window later leaves the maximum alone
        return sws;
    }

    @Test
    void fullSegmentGoes() {
        assertTrue(sender(65535).maySend(MSS, 5000, MSS, true, NOW));
    }

    @Test
    void everythingQueuedGoesUnlessNagleHoldsIt() {
        SillyWindowAvoidance sws = sender(65535);
        assertTrue(sws.maySend(100, 100, MSS, false, NOW));
        assertFalse(sws.maySend(100, 100, MSS, true, NOW));
    }

    @Test
    void halfTheLargestPeerWindowGoes() {
        SillyWindowAvoidance sws = sender(300);
        assertEquals(300, sws.maxPeerWindow());
        assertTrue(sws.maySend(150, 1000, MSS, true, NOW));
        assertFalse(sws.maySend(149, 1000, MSS, false, NOW));
    }

    @Test
    void nothingGoesThroughAClosedWindow() {
        assertFalse(sender(0).maySend(0, 1000, MSS, false, NOW));
    }

    @Test
    void overrideTimerReleasesASegmentHeldByTheWindow() {
        SillyWindowAvoidance sws = sender(65535);
        assertEquals(SillyWindowAvoidance.NOT_ARMED, sws.overrideAt());
        sws.track(10, 1000, MSS, false, NOW);
        long at = NOW + SillyWindowAvoidance.OVERRIDE_DELAY;
        assertEquals(at, sws.overrideAt());
        sws.track(20, 1000, MSS, false, NOW + 50); // still held: the timer keeps its deadline
        assertEquals(at, sws.overrideAt());
        assertFalse(sws.maySend(10, 1000, MSS, false, at - 1));
        assertTrue(sws.maySend(10, 1000, MSS, false, at));
        sws.track(10, 1000, MSS, false, at); // what lets the segment go is not stopped
        assertEquals(at, sws.overrideAt());
        sws.sent();
        assertEquals(SillyWindowAvoidance.NOT_ARMED, sws.overrideAt());
    }

    @Test
    void overrideTimerStopsForAClosedWindowAndForNagle() {
        SillyWindowAvoidance sws = sender(65535);
        sws.track(10, 1000, MSS, false, NOW);
        sws.track(0, 1000, MSS, false, NOW + 10); // closed: the zero-window probe takes over
        assertEquals(SillyWindowAvoidance.NOT_ARMED, sws.overrideAt());
        sws.track(100, 100, MSS, true, NOW + 20); // held by Nagle only: the ACK releases it
        assertEquals(SillyWindowAvoidance.NOT_ARMED, sws.overrideAt());
        assertFalse(sws.maySend(100, 100, MSS, true, NOW + 10000000L)); // the override never defeats Nagle
    }

    @Test
    void resetForgetsTheLargestWindowAndTheTimer() {
        SillyWindowAvoidance sws = sender(300);
        sws.track(10, 1000, MSS, false, NOW);
        sws.reset();
        assertEquals(0, sws.maxPeerWindow());
        assertEquals(SillyWindowAvoidance.NOT_ARMED, sws.overrideAt());
    }
}
