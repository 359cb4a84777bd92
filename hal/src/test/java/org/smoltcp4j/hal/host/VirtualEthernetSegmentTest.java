package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;

class VirtualEthernetSegmentTest {

    @Test
    void frameReachesEveryOtherPortOnceAndNotTheSender() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(3, 0, 0, 1);
        send(hub.port(1), 0, 60, (byte) 9);
        assertEquals(0, hub.port(1).receive(0));
        for (int other : new int[] {0, 2}) {
            Device port = hub.port(other);
            assertEquals(60, port.receive(0));
            assertEquals(9, port.receiveBuffer()[port.receiveOffset()]);
            port.releaseReceive();
            assertEquals(0, port.receive(0));
        }
        assertEquals(Medium.ETHERNET, hub.port(0).capabilities().medium());
        assertEquals(3, hub.ports());
    }

    @Test
    void framesArriveAfterTheLatencyInOrder() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 500, 0, 1);
        send(hub.port(0), 1_000, 60, (byte) 1);
        send(hub.port(0), 1_200, 61, (byte) 2);
        Device receiver = hub.port(1);
        assertEquals(0, receiver.receive(1_499));
        assertEquals(60, receiver.receive(1_500));
        receiver.releaseReceive();
        assertEquals(0, receiver.receive(1_699));
        assertEquals(61, receiver.receive(1_700));
        assertEquals(2, receiver.receiveBuffer()[0]);
        receiver.releaseReceive();
    }

    /** Each delivery is lost with the given chance: over 2000 frames the count stays within 4 standard deviations. */
    @Property(tries = 20)
    void lossFollowsThePercentage(@ForAll @IntRange(min = 0, max = 100) int lossPercent, @ForAll long seed) {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 0, lossPercent, seed, 1);
        int frames = 2000;
        int delivered = 0;
        for (int i = 0; i < frames; i++) {
            send(hub.port(0), i, 60, (byte) 0);
            if (hub.port(1).receive(i) > 0) {
                hub.port(1).releaseReceive();
                delivered++;
            }
        }
        double p = lossPercent / 100.0;
        double margin = 4 * Math.sqrt(frames * p * (1 - p));
        assertTrue(Math.abs(frames - delivered - frames * p) <= margin, delivered + " of " + frames + " delivered at " + lossPercent + " % loss");
        assertEquals(frames - delivered, hub.lostFrames());
    }

    @Test
    void sameSeedLosesTheSameFrames() {
        assertEquals(lossPattern(42), lossPattern(42));
    }

    @Test
    void fullQueueDropsAndCounts() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 0, 0, 1, 4);
        for (int i = 0; i < 6; i++) {
            send(hub.port(0), 0, 60, (byte) i);
        }
        VirtualEthernetSegment.Port receiver = hub.port(1);
        assertEquals(4, receiver.queuedFrames());
        assertEquals(2, receiver.droppedFrames());
        for (int i = 0; i < 4; i++) {
            assertEquals(60, receiver.receive(0));
            assertEquals(i, receiver.receiveBuffer()[0], "the first four are kept, in order");
            receiver.releaseReceive();
        }
        assertEquals(0, receiver.receive(0));
    }

    @Test
    void steadyStateAllocatesNothing() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 10, 5, 7);
        long[] now = new long[1];
        AllocationProbe.assertAllocationFree("virtual segment transmit and receive", () -> {
            now[0] += 10;
            hub.port(0).prepareTransmit(now[0], 100);
            hub.port(0).commitTransmit(100);
            if (hub.port(1).receive(now[0]) > 0) {
                hub.port(1).releaseReceive();
            }
        });
    }

    /** The lending rules themselves are tested with Lending; here: a port enforces them and names itself. */
    @Test
    void lendingMisuseThrows() {
        Device port = new VirtualEthernetSegment(2, 0, 0, 1).port(0);
        String prefix = "virtual segment port: ";
        assertTrue(assertThrows(IllegalStateException.class, port::releaseReceive).getMessage().startsWith(prefix));
        assertTrue(assertThrows(IllegalStateException.class, () -> port.commitTransmit(1)).getMessage().startsWith(prefix));
        assertTrue(assertThrows(IllegalStateException.class, port::abortTransmit).getMessage().startsWith(prefix));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> port.prepareTransmit(0, 1515)).getMessage().startsWith(prefix));
        assertTrue(port.prepareTransmit(0, 10));
        assertTrue(assertThrows(IllegalStateException.class, () -> port.prepareTransmit(0, 10)).getMessage().startsWith(prefix));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> port.commitTransmit(11)).getMessage().startsWith(prefix));
        port.abortTransmit();
        assertTrue(port.prepareTransmit(0, 10));
    }

    @Test
    void receiveWhileLentThrows() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 0, 0, 1);
        send(hub.port(0), 0, 60, (byte) 0);
        send(hub.port(0), 0, 60, (byte) 0);
        assertEquals(60, hub.port(1).receive(0));
        assertEquals("virtual segment port: receive called while a received frame of 60 bytes is still lent; call releaseReceive first",
                assertThrows(IllegalStateException.class, () -> hub.port(1).receive(0)).getMessage());
    }

    @Test
    void abortedFrameIsNotSent() {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 0, 0, 1);
        assertTrue(hub.port(0).prepareTransmit(0, 60));
        hub.port(0).abortTransmit();
        assertEquals(0, hub.port(1).receive(0));
    }

    @Test
    void badParametersAreRefused() {
        assertEquals("need ports >= 2, latency >= 0, loss 0..100 %, queue >= 1 frame; got 1, 0, 0, 32",
                assertThrows(IllegalArgumentException.class, () -> new VirtualEthernetSegment(1, 0, 0, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VirtualEthernetSegment(2, -1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VirtualEthernetSegment(2, 0, 101, 1));
        assertThrows(IllegalArgumentException.class, () -> new VirtualEthernetSegment(2, 0, 0, 1, 0));
        assertEquals("port must be 0..1, got 2",
                assertThrows(IndexOutOfBoundsException.class, () -> new VirtualEthernetSegment(2, 0, 0, 1).port(2)).getMessage());
    }

    private static String lossPattern(long seed) {
        VirtualEthernetSegment hub = new VirtualEthernetSegment(2, 0, 50, seed, 1);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            send(hub.port(0), i, 60, (byte) 0);
            boolean arrived = hub.port(1).receive(i) > 0;
            if (arrived) {
                hub.port(1).releaseReceive();
            }
            pattern.append(arrived ? '1' : '0');
        }
        return pattern.toString();
    }

    private static void send(Device port, long now, int length, byte first) {
        assertTrue(port.prepareTransmit(now, length));
        port.transmitBuffer()[port.transmitOffset()] = first;
        port.commitTransmit(length);
    }
}
