package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.TcpRepr;

/**
 * RFC 6675 arithmetic on the scoreboard, with SMSS 100 so offsets read as segments: SND.UNA is
 * {@link #UNA} (near the wrap, so sequence arithmetic is exercised) and ten segments are in flight.
 */
class SackScoreboardTest {

    private static final int UNA = -350;
    private static final int MSS = 100;
    private static final int FLIGHT = 1000;

    private final SackScoreboard board = new SackScoreboard(8);
    private final TcpRepr ack = new TcpRepr();

    SackScoreboardTest() {
        board.setMss(MSS);
    }

    /** An ACK of UNA + {@code ackOffset} carrying blocks given as (start, end) offsets from UNA. */
    private void ack(int ackOffset, int... blocks) {
        ack.clearOptions();
        for (int i = 0; i < blocks.length; i += 2) {
            ack.addSackBlock(UNA + blocks[i], UNA + blocks[i + 1]);
        }
        board.onAck(ack, UNA + ackOffset, UNA + FLIGHT);
    }

    @Test
    void emptyBoardLosesNothingAndCountsTheWholeFlight() {
        ack(0);
        assertTrue(board.isEmpty());
        assertFalse(board.firstSegmentLost());
        assertEquals(FLIGHT, board.pipe(FLIGHT));
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT, true));
    }

    @Test
    void twoSegmentsAboveAreNotYetALossThreeAre() {
        ack(0, 100, 300);
        assertFalse(board.firstSegmentLost()); // 200 bytes: not more than (DupThresh - 1) * SMSS
        assertEquals(FLIGHT - 200, board.pipe(FLIGHT));
        ack(0, 100, 301);
        assertTrue(board.firstSegmentLost());
    }

    @Test
    void threeDiscontiguousRangesAboveMakeALoss() {
        ack(0, 100, 110, 200, 210, 300, 310);
        assertTrue(board.firstSegmentLost());
        // Lost: the unSACKed bytes below 100; the holes above are not (fewer than 3 ranges above).
        assertEquals(FLIGHT - 100 - 30, board.pipe(FLIGHT));
        assertEquals(0, board.nextRetransmission(FLIGHT, false));
        assertEquals(100, board.segmentLength());
    }

    @Test
    void nextSegmentWalksTheLostHolesInOrderSkippingSackedData() {
        // SACKed: 4 ranges. Holes at 0 and 200 have 3+ ranges above (lost); 400 and 600 do not.
        ack(0, 100, 200, 300, 400, 500, 600, 700, 800);
        board.startRecovery();
        assertEquals(0, board.nextRetransmission(FLIGHT, false));
        board.onRetransmitted(0, 100, FLIGHT);
        assertEquals(200, board.nextRetransmission(FLIGHT, false));
        assertEquals(100, board.segmentLength());
        board.onRetransmitted(200, 300, FLIGHT);
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT, false)); // the hole at 400 is not lost
        // Rule 3, with no new data to send: unSACKed holes below the highest SACKed byte.
        assertEquals(400, board.nextRetransmission(FLIGHT, true));
        board.onRetransmitted(400, 500, FLIGHT);
        assertEquals(600, board.nextRetransmission(FLIGHT, true));
        board.onRetransmitted(600, 700, FLIGHT);
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT, true)); // the tail is the timer's
    }

    @Test
    void aLongHoleGoesOneSegmentAtATime() {
        ack(0, 250, 600);
        board.startRecovery();
        assertEquals(0, board.nextRetransmission(FLIGHT, false));
        assertEquals(100, board.segmentLength());
        board.onRetransmitted(0, 100, FLIGHT);
        assertEquals(100, board.nextRetransmission(FLIGHT, false));
        board.onRetransmitted(100, 200, FLIGHT);
        assertEquals(200, board.nextRetransmission(FLIGHT, false));
        assertEquals(50, board.segmentLength());
    }

    @Test
    void pipeCountsLostBytesOnlyOnceRetransmittedAndNotLostRetransmittedOnesTwice() {
        ack(0, 100, 200, 300, 400, 500, 600); // hole 0..100 lost; 200..300, 400..500 and the tail 600.. not
        board.startRecovery();
        assertEquals(100 + 100 + 400, board.pipe(FLIGHT));
        board.onRetransmitted(0, 100, FLIGHT); // the lost hole is back in the pipe
        assertEquals(100 + 100 + 400 + 100, board.pipe(FLIGHT));
        board.onRetransmitted(100, 500, FLIGHT); // HighRxt past not-lost holes: they count twice
        assertEquals(100 + 100 + 400 + 300, board.pipe(FLIGHT));
    }

    @Test
    void cumulativeAcksShiftTheBoardAndHighRxt() {
        ack(0, 100, 200, 300, 400, 500, 600);
        board.startRecovery();
        board.onRetransmitted(0, 300, FLIGHT);
        ack(250, 300, 400, 500, 600); // SND.UNA moved into the second hole
        // Offsets now from the new SND.UNA: SACKed [50, 150) and [250, 350), HighRxt 50.
        assertEquals(150, board.nextRetransmission(FLIGHT - 250, true));
        assertEquals(100, board.segmentLength());
        ack(600);
        assertTrue(board.isEmpty());
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT - 600, true));
    }

    @Test
    void blocksOutsideTheFlightOrInvertedAreIgnored() {
        ack(0, -100, 0, 0, 100, 900, 1100, 500, 400); // D-SACK, at SND.UNA, past SND.NXT, inverted
        ack(0, 600, 600); // empty
        assertTrue(board.isEmpty());
        ack(0, 900, 1000); // right edge at SND.NXT exactly is fine
        assertFalse(board.isEmpty());
        assertEquals(FLIGHT - 100, board.pipe(FLIGHT));
    }

    @Test
    void anAckBelowTheLastIsNoAdvance() {
        ack(200, 300, 400);
        ack(100, 300, 400); // cannot happen through the socket; changes nothing
        ack(200);
        assertEquals(FLIGHT - 200 - 100, board.pipe(FLIGHT - 200));
    }

    @Test
    void blocksBeyondTheCapacityAreDropped() {
        SackScoreboard small = new SackScoreboard(1);
        small.setMss(MSS);
        ack.clearOptions().addSackBlock(UNA + 100, UNA + 200).addSackBlock(UNA + 300, UNA + 400);
        small.onAck(ack, UNA, UNA + FLIGHT);
        assertEquals(FLIGHT - 100, small.pipe(FLIGHT));
    }

    @Test
    void clearForgetsTheBoardAndTheRecovery() {
        ack(0, 100, 400);
        board.onRetransmitted(0, 100, FLIGHT);
        board.clear();
        assertTrue(board.isEmpty());
        assertEquals(FLIGHT, board.pipe(FLIGHT));
        ack(500, 600, 700); // a new base: offsets count from here
        assertEquals(FLIGHT - 500 - 100, board.pipe(FLIGHT - 500));
    }

    @Test
    void afterATimeoutEveryHoleAndTheTailAreLostUntilTheTimeoutsSndNxtIsAcknowledged() {
        ack(0, 100, 200, 500, 600); // not enough SACKed for any loss
        assertFalse(board.firstSegmentLost());
        assertTrue(board.onTimeout(UNA, FLIGHT));
        assertTrue(board.afterTimeout());
        assertTrue(board.firstSegmentLost());
        assertEquals(0, board.pipe(FLIGHT)); // all lost, nothing retransmitted yet
        assertEquals(0, board.nextRetransmission(FLIGHT, false));
        board.onRetransmitted(0, 100, FLIGHT);
        assertEquals(100, board.pipe(FLIGHT));
        assertEquals(200, board.nextRetransmission(FLIGHT, false));
        assertEquals(100, board.segmentLength());
        board.onRetransmitted(200, 500, FLIGHT);
        assertEquals(600, board.nextRetransmission(FLIGHT, false)); // the tail above the last block
        board.onRetransmitted(600, FLIGHT, FLIGHT);
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT, false));
        // New data sent after the timeout (SND.NXT at 1200) is not lost.
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT + 200, false));
        ack(FLIGHT - 1);
        assertTrue(board.afterTimeout());
        ack(FLIGHT);
        assertFalse(board.afterTimeout());
    }

    @Test
    void aSecondTimeoutWithoutProgressForgetsTheBoard() {
        ack(0, 100, 200);
        assertTrue(board.onTimeout(UNA, FLIGHT));
        assertFalse(board.onTimeout(UNA, FLIGHT)); // the peer may have reneged on its SACKs
        assertTrue(board.isEmpty());
        assertFalse(board.afterTimeout());
        ack(0, 100, 200);
        assertTrue(board.onTimeout(UNA, FLIGHT));
        ack(50, 100, 200);
        assertTrue(board.onTimeout(UNA + 50, FLIGHT - 50)); // progress in between: kept
        assertFalse(board.isEmpty());
    }

    /**
     * Simulation seed 191014: a timeout after the board was forgotten, with no ACK in between, kept
     * offsets the next ACK did not move; NextSeg then chose holes past SND.NXT. They count from SND.UNA.
     */
    @Test
    void aTimeoutAfterTheBoardWasForgottenCountsFromSndUna() {
        ack(0, 100, 200);
        assertTrue(board.onTimeout(UNA, FLIGHT));
        assertFalse(board.onTimeout(UNA, FLIGHT)); // forgotten
        assertTrue(board.onTimeout(UNA, FLIGHT)); // the third, no ACK since: kept, everything lost
        board.onRetransmitted(0, 100, FLIGHT);
        ack(100);
        assertEquals(0, board.nextRetransmission(FLIGHT - 100, false), "the next hole starts at the new SND.UNA");
    }

    /** Holes at 0 and 200 lost (three SACKed ranges above each), both retransmitted in order. */
    private void bothLostHolesRetransmitted() {
        ack(0, 100, 200, 300, 400, 500, 600, 700, 800);
        board.startRecovery();
        board.onRetransmitted(0, 100, FLIGHT);
        board.onRetransmitted(200, 300, FLIGHT);
    }

    @Test
    void aRetransmissionSentBeforeOneThatArrivedIsLostAndGoesFirst() {
        bothLostHolesRetransmitted();
        int pipe = board.pipe(FLIGHT);
        ack(0, 100, 400, 500, 600, 700, 800); // the second retransmission arrived, the first did not
        assertEquals(1, board.lostRetransmissions());
        assertEquals(pipe - 100 - 100, board.pipe(FLIGHT)); // 200..300 SACKed; 0..100 left the pipe
        assertEquals(0, board.nextRetransmission(FLIGHT, false));
        assertEquals(100, board.segmentLength());
        board.onRetransmitted(0, 100, FLIGHT); // sent again: in flight, no longer lost
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT, false));
        assertEquals(pipe - 100, board.pipe(FLIGHT));
    }

    @Test
    void newDataSackedAfterARetransmissionShowsItLost() {
        ack(0, 100, 200, 300, 400, 500, 600);
        board.startRecovery();
        board.onRetransmitted(0, 100, FLIGHT);
        ack.clearOptions().addSackBlock(UNA + 100, UNA + 200).addSackBlock(UNA + FLIGHT, UNA + FLIGHT + 100);
        board.onAck(ack, UNA, UNA + FLIGHT + 200); // data first sent after the retransmission arrived
        assertEquals(1, board.lostRetransmissions());
        assertEquals(0, board.nextRetransmission(FLIGHT + 200, false));
    }

    @Test
    void aCumulativeAckDeliversARetransmissionWithoutCondemningLaterOnes() {
        bothLostHolesRetransmitted();
        ack(200, 300, 400, 500, 600, 700, 800); // the first arrived; the second may still be on its way
        assertEquals(0, board.lostRetransmissions());
        assertEquals(SackScoreboard.NONE, board.nextRetransmission(FLIGHT - 200, false));
        ack(300, 500, 600, 700, 800); // and so did the second
        assertEquals(0, board.lostRetransmissions());
    }

    @Test
    void aDeliveredRetransmissionCondemnsEarlierOnesAlsoWhenTheAckIsCumulative() {
        ack(0, 100, 200, 300, 400, 500, 600, 700, 800);
        board.startRecovery();
        board.onRetransmitted(200, 300, FLIGHT); // out of order on purpose: the hole at 0 goes second
        board.onRetransmitted(0, 100, FLIGHT);
        ack(100, 100, 200, 300, 400, 500, 600, 700, 800); // the later one (0..100) arrived; 200..300 did not
        assertEquals(1, board.lostRetransmissions());
        assertEquals(100, board.nextRetransmission(FLIGHT - 100, false));
    }

    @Test
    void aTimeoutForgetsTheRetransmissionsItResendsAnyway() {
        bothLostHolesRetransmitted();
        assertTrue(board.onTimeout(UNA, FLIGHT));
        ack(0, 100, 400, 500, 600, 700, 800);
        assertEquals(0, board.lostRetransmissions());
        assertEquals(0, board.nextRetransmission(FLIGHT, false)); // every hole is lost after a timeout
    }

    @Test
    void mssBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> board.setMss(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void updatingAndQueryingAllocatesNothing() {
        ack.clearOptions().addSackBlock(UNA + 100, UNA + 200).addSackBlock(UNA + 300, UNA + 400)
                .addSackBlock(UNA + 500, UNA + 600);
        AllocationProbe.assertAllocationFree("scoreboard update, pipe and NextSeg", () -> {
            board.clear();
            board.onAck(ack, UNA, UNA + FLIGHT);
            board.startRecovery();
            board.pipe(FLIGHT);
            int next = board.nextRetransmission(FLIGHT, true);
            board.onRetransmitted(next, next + board.segmentLength(), FLIGHT);
            board.onAck(ack, UNA + 150, UNA + FLIGHT);
            board.nextRetransmission(FLIGHT, true);
        });
    }

    /** pipe never exceeds what is in flight plus what was retransmitted, and never goes negative. */
    @Property
    void pipeStaysWithinBounds(@ForAll @IntRange(min = 1, max = 999) int a, @ForAll @IntRange(min = 1, max = 999) int b,
            @ForAll @IntRange(min = 0, max = 1000) int highRxt) {
        ack.clearOptions().addSackBlock(UNA + Math.min(a, b), UNA + Math.max(a, b) + 1);
        board.clear();
        board.onAck(ack, UNA, UNA + FLIGHT);
        board.startRecovery();
        board.onRetransmitted(0, highRxt, FLIGHT);
        int pipe = board.pipe(FLIGHT);
        assertTrue(pipe >= 0 && pipe <= FLIGHT + highRxt, "pipe " + pipe);
    }
}
