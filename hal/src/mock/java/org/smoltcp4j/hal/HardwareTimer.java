package org.smoltcp4j.hal;

import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Host mock of the {@code HardwareTimer} natives (MicroEJ simulator convention): the clock is
 * {@code System.nanoTime}, and {@code waitUntil} returns at the deadline or when an attached backend
 * has a frame or an event ({@link MockBackends#waitUntil}). Built into the {@code mock} jar.
 */
public final class HardwareTimer {

    private HardwareTimer() {
    }

    public static long nowMicros() {
        return MockBackends.nowMicros();
    }

    public static void waitUntil(long deadlineMicros) {
        MockBackends.waitUntil(deadlineMicros);
    }
}
