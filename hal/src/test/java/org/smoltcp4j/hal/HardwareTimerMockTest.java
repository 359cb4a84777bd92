package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.host.UdpFrameLink;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.mock.MockEthernet;
import org.smoltcp4j.hal.mock.RadioMedium;
import org.smoltcp4j.hal.mock.RadioNode;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;

/**
 * The host mock of {@link HardwareTimer}: waitUntil returns at the deadline, or before it when an
 * attached backend receives a frame or signals an event. Asserts the order of events (returned
 * before the deadline, the frame is there), never how precisely the wait was timed; the deadlines of
 * the early-wake cases are far (60 s), and the whole test is bounded.
 */
class HardwareTimerMockTest {

    private static final long FAR_MICROS = 60_000_000;
    private static final Duration BOUND = Duration.ofSeconds(20);

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void theClockIsMonotonic() {
        long previous = HardwareTimer.nowMicros();
        for (int i = 0; i < 1_000; i++) {
            long now = HardwareTimer.nowMicros();
            assertTrue(now >= previous);
            previous = now;
        }
    }

    @Test
    void withoutEventsTheWaitLastsUntilTheDeadline() {
        MockBackends.attachEthernet(new Loopback(Medium.ETHERNET, 1514, 1));
        long deadline = HardwareTimer.nowMicros() + 30_000;
        HardwareTimer.waitUntil(deadline);
        assertTrue(HardwareTimer.nowMicros() >= deadline);
    }

    @Test
    void aPassedDeadlineReturnsWithoutWaiting() {
        assertTimeoutPreemptively(BOUND, () -> HardwareTimer.waitUntil(HardwareTimer.nowMicros() - 1));
    }

    @Test
    void aRadioFrameEndsTheWaitEarly() throws Exception {
        RadioMedium medium = new RadioMedium();
        RadioNode board = MockBackends.attachRadio(medium);
        board.init(15, 0xabcd, 1, new byte[8]);
        RadioNode peer = medium.join();
        peer.init(15, 0xabcd, 2, new byte[8]);
        byte[] frame = RadioFrames.toShort(0xabcd, 1, 2, false, 10);

        long deadline = waitWhile(() -> peer.transmit(frame, 0, frame.length, 0));
        assertTrue(HardwareTimer.nowMicros() < deadline, "woken before the deadline");
        assertEquals(1, board.queuedFrames());
    }

    @Test
    void anEthernetFrameFromAHostDeviceThatCannotSignalEndsTheWaitEarly() throws Exception {
        // A connected link hears only its remote port: learn the board's port first, then reopen it.
        UdpFrameLink probe = new UdpFrameLink(0, 9);
        int boardPort = probe.localPort();
        probe.close();
        try (UdpFrameLink peerWire = new UdpFrameLink(0, boardPort);
                UdpFrameLink boardWire = new UdpFrameLink(boardPort, peerWire.localPort())) {
            MockBackends.attachEthernet(boardWire);
            EthernetMacDevice device = new EthernetMacDevice(0x0200_0000_0001L, 0);
            byte[] frame = EthernetMacDeviceTest.frame(60, 0x5a);

            long deadline = waitWhile(() -> EthernetMacDeviceTest.send(peerWire, frame));
            assertTrue(HardwareTimer.nowMicros() < deadline, "woken before the deadline");
            assertEquals(60, device.receive(HardwareTimer.nowMicros()), "the frame that ended the wait is received");
            device.releaseReceive();
        }
    }

    @Test
    void aLinkChangeEndsTheWaitEarly() throws Exception {
        MockEthernet mac = MockBackends.attachEthernet(new Loopback(Medium.ETHERNET, 1514, 1));
        long deadline = waitWhile(() -> mac.setLinkState(EthernetMac.LINK_DOWN));
        assertTrue(HardwareTimer.nowMicros() < deadline, "woken before the deadline");
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        MockBackends.attachEthernet(new Loopback(Medium.ETHERNET, 1514, 1));
        long deadline = HardwareTimer.nowMicros() + FAR_MICROS;
        assertTimeoutPreemptively(BOUND, () -> {
            Thread.currentThread().interrupt();
            HardwareTimer.waitUntil(deadline);
            assertTrue(Thread.interrupted());
        });
        assertTrue(HardwareTimer.nowMicros() < deadline);
    }

    /**
     * Runs {@code event} on another thread once this one is about to wait (after a short pause, so
     * the wait has most likely begun; if not, the frame is found at the start of the wait, which
     * ends it as well), waits until a far deadline, and returns that deadline.
     */
    private static long waitWhile(Runnable event) throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                waiting.await();
                TimeUnit.MILLISECONDS.sleep(50);
                event.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "device-event");
        other.start();
        long deadline = HardwareTimer.nowMicros() + FAR_MICROS;
        assertTimeoutPreemptively(BOUND, () -> {
            waiting.countDown();
            HardwareTimer.waitUntil(deadline);
        });
        other.join(BOUND.toMillis());
        return deadline;
    }
}
