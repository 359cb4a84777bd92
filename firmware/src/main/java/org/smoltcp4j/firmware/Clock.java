package org.smoltcp4j.firmware;

/**
 * The main loop's view of time: the board's hardware timer, or a virtual clock in tests and
 * simulations.
 */
public interface Clock {

    /** Monotonic microseconds since boot. */
    long nowMicros();

    /**
     * Returns at {@code deadlineMicros}, or earlier when a device event (a frame received, a link
     * change) occurs; returns at once if the deadline has passed. {@link Long#MAX_VALUE} waits
     * for a device event only.
     */
    void waitUntil(long deadlineMicros);
}
