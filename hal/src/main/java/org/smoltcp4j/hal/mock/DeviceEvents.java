package org.smoltcp4j.hal.mock;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The mocked board's interrupt line for {@code HardwareTimer.waitUntil}: backends {@link #signal}
 * a device event (a radio frame arrived, the link changed) and the waiting main loop returns.
 * Host devices that cannot signal (a TAP, a UDP link) are polled instead, every
 * {@link #POLL_SLICE_MICROS}: the wait sleeps in bounded slices and never spins.
 */
final class DeviceEvents {

    /** The longest sleep between two polls of the devices that cannot signal. */
    static final long POLL_SLICE_MICROS = 1_000;

    private final MockClock clock;
    private long signals;

    DeviceEvents(MockClock clock) {
        this.clock = clock;
    }

    /** Wakes every waiter; called from any thread. */
    synchronized void signal() {
        signals++;
        notifyAll();
    }

    /**
     * Returns at {@code deadlineMicros} on the clock, when {@code frameWaiting} (polled outside the
     * lock, so backends may take their own locks) answers true, when {@link #signal} is called, or
     * when the thread is interrupted (the interrupt stays set).
     */
    void awaitUntil(long deadlineMicros, BooleanSupplier frameWaiting) {
        long seen;
        synchronized (this) {
            seen = signals;
        }
        while (!frameWaiting.getAsBoolean()) {
            long remaining = deadlineMicros - clock.nowMicros();
            if (remaining <= 0) {
                return;
            }
            synchronized (this) {
                if (signals != seen) {
                    return;
                }
                try {
                    TimeUnit.MICROSECONDS.timedWait(this, Math.min(remaining, POLL_SLICE_MICROS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (signals != seen) {
                    return;
                }
            }
        }
    }
}
