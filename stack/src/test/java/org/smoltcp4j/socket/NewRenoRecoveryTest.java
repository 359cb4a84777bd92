package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 6582 section 3.2, step by step. */
class NewRenoRecoveryTest {

    private final NewRenoRecovery recovery = new NewRenoRecovery();

    @Test
    void partialAcksStayInRecoveryUntilRecoverIsAcknowledged() {
        assertTrue(recovery.enter(1000, 5000));
        assertTrue(recovery.inRecovery());
        assertEquals(NewRenoRecovery.PARTIAL, recovery.onAdvance(2000));
        assertEquals(NewRenoRecovery.PARTIAL, recovery.onAdvance(4999));
        assertEquals(NewRenoRecovery.FULL, recovery.onAdvance(5000));
        assertFalse(recovery.inRecovery());
        assertEquals(NewRenoRecovery.OUTSIDE, recovery.onAdvance(6000));
    }

    @Test
    void noSecondEntryWhileRecovering() {
        assertTrue(recovery.enter(1000, 5000));
        recovery.onAdvance(2000);
        assertFalse(recovery.enter(2000, 6000));
        assertEquals(NewRenoRecovery.FULL, recovery.onAdvance(5000)); // recover was not moved
    }

    @Test
    void duplicatesBelowRecoverAfterATimeoutStartNoFastRetransmit() {
        recovery.onTimeout(5000);
        assertFalse(recovery.inRecovery());
        assertFalse(recovery.enter(3000, 5000));
        assertEquals(NewRenoRecovery.OUTSIDE, recovery.onAdvance(5000));
        assertTrue(recovery.enter(5000, 9000)); // new data lost after the repair: a new event
    }

    @Test
    void sequenceNumbersWrap() {
        assertTrue(recovery.enter(-100, 100));
        assertEquals(NewRenoRecovery.PARTIAL, recovery.onAdvance(-10));
        assertEquals(NewRenoRecovery.FULL, recovery.onAdvance(200));
    }

    @Test
    void resetEndsRecovery() {
        recovery.enter(0, 10);
        recovery.reset();
        assertFalse(recovery.inRecovery());
        assertTrue(recovery.enter(0, 10));
    }
}
