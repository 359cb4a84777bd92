package org.smoltcp4j.hal.mock;

/** The mocked board's monotonic microsecond clock: {@link System#nanoTime()} since the mock's "boot". */
final class MockClock {

    private final long bootNanos = System.nanoTime();

    /** Microseconds since this clock was made. */
    long nowMicros() {
        return (System.nanoTime() - bootNanos) / 1_000;
    }
}
