package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** smoltcp's test_timer_retransmit (times in milliseconds there, microseconds here). */
class TcpTimerTest {

    private static long ms(long millis) {
        return millis * 1000;
    }

    @Test
    void timerRetransmit() {
        long rto = ms(100);
        TcpTimer r = new TcpTimer();
        assertFalse(r.shouldRetransmit(ms(1000)));
        r.setForRetransmit(ms(1000), rto);
        assertFalse(r.shouldRetransmit(ms(1000)));
        assertFalse(r.shouldRetransmit(ms(1050)));
        assertTrue(r.shouldRetransmit(ms(1101)));
        r.setForRetransmit(ms(1101), rto);
        assertFalse(r.shouldRetransmit(ms(1101)));
        assertFalse(r.shouldRetransmit(ms(1150)));
        assertFalse(r.shouldRetransmit(ms(1200)));
        assertTrue(r.shouldRetransmit(ms(1301)));
        r.setForIdle(ms(1301), 0);
        assertFalse(r.shouldRetransmit(ms(1350)));
    }
}
