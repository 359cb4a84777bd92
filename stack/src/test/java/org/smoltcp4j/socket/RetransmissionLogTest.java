package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.storage.Assembler;

/** The log of one recovery's retransmissions, offsets from SND.UNA, 1000 bytes in flight. */
class RetransmissionLogTest {

    private static final int FLIGHT = 1000;

    private final Assembler sacked = new Assembler(8);

    @Test
    void aPartlyResentLostRangeKeepsItsRestLost() {
        RetransmissionLog log = new RetransmissionLog(4);
        log.sent(0, 200, FLIGHT);
        log.sent(300, 400, FLIGHT);
        sacked.add(300, 100);
        assertEquals(1, log.markLost(sacked, 400));
        assertEquals(0, log.firstLost(sacked));
        assertEquals(200, log.lostHoleEnd(sacked, 0));
        log.sent(0, 100, FLIGHT); // one segment of the two
        assertEquals(100, log.firstLost(sacked));
        assertEquals(200, log.lostHoleEnd(sacked, 100));
        assertEquals(100, log.lostBytes(sacked, FLIGHT));
        assertEquals(50, log.lostBytes(sacked, 150));
    }

    /**
     * Simulation seed 41000: a lost range resent by a shorter segment keeps its rest lost, and that
     * rest is already SACKed; NextSeg chose it as a hole of no bytes, again and again, and the sender
     * sent pure ACKs in a busy loop. A lost range SACKed whole is no hole.
     */
    @Test
    void aLostRestAlreadySackedIsNoHole() {
        RetransmissionLog log = new RetransmissionLog(4);
        log.sent(0, 200, FLIGHT);
        log.sent(300, 400, FLIGHT);
        sacked.add(190, 10);
        sacked.add(300, 100);
        assertEquals(1, log.markLost(sacked, 400));
        log.sent(0, 190, FLIGHT); // the segment is shorter than the lost range: [190, 200) stays lost
        assertEquals(SackScoreboard.NONE, log.firstLost(sacked), "[190, 200) is SACKed");
        assertEquals(0, log.lostBytes(sacked, FLIGHT));
    }

    @Test
    void aLostHoleEndsAtTheNextSackedByte() {
        RetransmissionLog log = new RetransmissionLog(4);
        log.sent(0, 300, FLIGHT);
        log.sent(500, 600, FLIGHT);
        sacked.add(100, 50);
        sacked.add(500, 100);
        assertEquals(1, log.markLost(sacked, 600));
        assertEquals(0, log.firstLost(sacked));
        assertEquals(100, log.lostHoleEnd(sacked, 0));
        assertEquals(250, log.lostBytes(sacked, FLIGHT));
    }

    @Test
    void aFullLogForgetsItsOldestRange() {
        RetransmissionLog log = new RetransmissionLog(1);
        log.sent(0, 100, FLIGHT);
        log.sent(200, 300, FLIGHT); // the first is forgotten: its loss is left to the timer
        sacked.add(200, 100);
        assertEquals(0, log.markLost(sacked, 300));
        assertEquals(SackScoreboard.NONE, log.firstLost(sacked));
    }

    @Test
    void clearForgetsEverything() {
        RetransmissionLog log = new RetransmissionLog(2);
        log.sent(0, 100, FLIGHT);
        log.sent(200, 300, FLIGHT);
        log.clear();
        // Remembered, the first would be lost now: the second, sent after it, was delivered.
        sacked.add(200, 100);
        assertEquals(0, log.markLost(sacked, 300));
        assertEquals(SackScoreboard.NONE, log.firstLost(sacked));
    }

    @Test
    void capacityBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetransmissionLog(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
