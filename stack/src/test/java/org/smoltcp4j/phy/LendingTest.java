package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LendingTest {

    private final Lending lending = new Lending("Dev", 100);

    @Test
    void receiveLendsOnceUntilReleased() {
        lending.checkCanReceive();
        lending.lendReceive(60);
        assertTrue(lending.isReceiveLent());
        assertEquals(60, lending.receiveLength());
        lending.checkReceiveLent("receiveBuffer");
        IllegalStateException twice = assertThrows(IllegalStateException.class, lending::checkCanReceive);
        assertEquals("Dev: receive called while a received frame of 60 bytes is still lent; call releaseReceive first",
                twice.getMessage());
        lending.releaseReceive();
        assertFalse(lending.isReceiveLent());
        assertEquals(0, lending.receiveLength());
    }

    @Test
    void releaseOrBufferWithoutReceiveThrows() {
        assertEquals("Dev: releaseReceive called with no received frame lent",
                assertThrows(IllegalStateException.class, lending::releaseReceive).getMessage());
        assertEquals("Dev: receiveOffset called with no received frame lent",
                assertThrows(IllegalStateException.class, () -> lending.checkReceiveLent("receiveOffset")).getMessage());
    }

    @Test
    void emptyReceivedFrameIsRefused() {
        assertEquals("Dev: a received frame has at least 1 byte, got 0",
                assertThrows(IllegalArgumentException.class, () -> lending.lendReceive(0)).getMessage());
        assertFalse(lending.isReceiveLent());
    }

    @Test
    void transmitLendsOnceUntilCommitted() {
        lending.lendTransmit(100);
        assertTrue(lending.isTransmitLent());
        assertEquals(100, lending.preparedLength());
        assertEquals("Dev: prepareTransmit called while a transmit buffer of 100 bytes is still lent;"
                + " call commitTransmit or abortTransmit first",
                assertThrows(IllegalStateException.class, () -> lending.checkCanPrepare(10)).getMessage());
        lending.commitTransmit(100);
        assertFalse(lending.isTransmitLent());
        assertEquals(0, lending.preparedLength());
        lending.lendTransmit(0);
        lending.abortTransmit();
        assertFalse(lending.isTransmitLent());
    }

    @Test
    void transmitLengthMustFitTheMtu() {
        assertEquals("Dev: transmit length must be 0..100 (the MTU), got 101",
                assertThrows(IllegalArgumentException.class, () -> lending.lendTransmit(101)).getMessage());
        assertEquals("Dev: transmit length must be 0..100 (the MTU), got -1",
                assertThrows(IllegalArgumentException.class, () -> lending.checkCanPrepare(-1)).getMessage());
        assertFalse(lending.isTransmitLent());
    }

    @Test
    void commitLengthMustFitThePreparedLength() {
        lending.lendTransmit(50);
        assertEquals("Dev: commit length must be 0..50 (the prepared length), got 51",
                assertThrows(IllegalArgumentException.class, () -> lending.commitTransmit(51)).getMessage());
        assertEquals("Dev: commit length must be 0..50 (the prepared length), got -1",
                assertThrows(IllegalArgumentException.class, () -> lending.commitTransmit(-1)).getMessage());
        assertTrue(lending.isTransmitLent(), "a refused commit leaves the buffer lent");
    }

    @Test
    void commitAbortOrBufferWithoutPrepareThrows() {
        assertEquals("Dev: commitTransmit called with no transmit buffer lent",
                assertThrows(IllegalStateException.class, () -> lending.commitTransmit(0)).getMessage());
        assertEquals("Dev: abortTransmit called with no transmit buffer lent",
                assertThrows(IllegalStateException.class, lending::abortTransmit).getMessage());
        assertEquals("Dev: transmitBuffer called with no transmit buffer lent",
                assertThrows(IllegalStateException.class, () -> lending.checkTransmitLent("transmitBuffer")).getMessage());
    }

    @Test
    void receiveAndTransmitAreIndependent() {
        lending.lendReceive(10);
        lending.lendTransmit(20);
        lending.releaseReceive();
        lending.commitTransmit(20);
        assertFalse(lending.isReceiveLent() || lending.isTransmitLent());
    }

    @Test
    void mtuMustBePositive() {
        assertEquals("MTU must be at least 1 byte, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Lending("Dev", 0)).getMessage());
    }
}
