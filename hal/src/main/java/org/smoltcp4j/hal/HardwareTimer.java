package org.smoltcp4j.hal;

/**
 * The board's monotonic clock and the main loop's sleep, as SNI natives (C side:
 * {@code Java_org_smoltcp4j_hal_HardwareTimer_<method>}, a SysTick/DWT or RTC timer per family).
 * On the host, the class of the same name in the {@code mock} jar runs on {@code System.nanoTime}.
 */
public final class HardwareTimer {

    private HardwareTimer() {
    }

    /** Microseconds since boot; never goes back. */
    public static native long nowMicros();

    /**
     * Returns at {@code deadlineMicros} ({@link #nowMicros()} time), or earlier when a device event
     * (a frame received, a link change) occurs; at once when the deadline has passed. On the board
     * the calling Java thread is suspended (SNI) and resumed by the timer or a MAC/radio interrupt.
     */
    public static native void waitUntil(long deadlineMicros);
}
