package org.smoltcp4j.firmware;

import org.smoltcp4j.hal.HardwareTimer;

/**
 * The board's clock: the {@link HardwareTimer} natives (on the host, their mocks on
 * {@code System.nanoTime}, woken by the mocked MAC when a frame arrives).
 */
public final class HardwareClock implements Clock {

    @Override
    public long nowMicros() {
        return HardwareTimer.nowMicros();
    }

    @Override
    public void waitUntil(long deadlineMicros) {
        HardwareTimer.waitUntil(deadlineMicros);
    }
}
