package org.smoltcp4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.phy.DeviceIo.numbered;
import static org.smoltcp4j.phy.DeviceIo.receive;
import static org.smoltcp4j.phy.DeviceIo.send;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;

/** Each fault of {@link SimulatedWire} on its own, determinism, the queue bound, and no allocation. */
class SimulatedWireTest {

    private static final int MTU = 1514;

    private final SimulatedWire wire = new SimulatedWire(new DeviceCapabilities(Medium.ETHERNET, MTU, 0), 4, 42);
    private final Device a = wire.end(SimulatedWire.END_A);
    private final Device b = wire.end(SimulatedWire.END_B);

    @Test
    void deliversToTheOtherEndAfterTheLatency() {
        wire.setLatency(10, 10);
        assertEquals(Long.MAX_VALUE, wire.nextDeliveryAt());
        assertTrue(send(a, 100, numbered(1, 60)));
        assertEquals(110, wire.nextDeliveryAt());
        assertNull(receive(b, 109));
        assertNull(receive(a, 200), "a frame does not come back to its sender");
        assertArrayEquals(numbered(1, 60), receive(b, 110));
        assertEquals(Long.MAX_VALUE, wire.nextDeliveryAt());
        assertEquals(1, wire.delivered());
        assertTrue(send(b, 200, numbered(2, 60)));
        assertArrayEquals(numbered(2, 60), receive(a, 210));
    }

    @Test
    void framesDueTogetherKeepTheirOrder() {
        for (int n = 0; n < 3; n++) {
            send(a, 0, numbered(n, 60));
        }
        for (int n = 0; n < 3; n++) {
            assertArrayEquals(numbered(n, 60), receive(b, 1));
        }
    }

    @Test
    void lossDropsFramesTheTapStillSees() {
        List<Integer> tapped = new ArrayList<>();
        wire.setTap((from, now, buf, off, len) -> tapped.add(len));
        wire.setLossPercent(100);
        send(a, 0, numbered(1, 60));
        send(b, 0, numbered(2, 70));
        assertNull(receive(b, 1_000));
        assertNull(receive(a, 1_000));
        assertEquals(2, wire.lost());
        assertEquals(List.of(60, 70), tapped);
    }

    @Test
    void duplicationDeliversTwoCopies() {
        wire.setDuplicatePercent(100);
        send(a, 0, numbered(1, 60));
        assertArrayEquals(numbered(1, 60), receive(b, 1));
        assertArrayEquals(numbered(1, 60), receive(b, 1));
        assertNull(receive(b, 1));
        assertEquals(1, wire.duplicated());
    }

    @Test
    void corruptionFlipsOneBit() {
        wire.setCorruptPercent(100);
        byte[] frame = numbered(1, 200);
        send(a, 0, frame);
        byte[] got = receive(b, 1);
        int flipped = 0;
        for (int i = 0; i < frame.length; i++) {
            flipped += Integer.bitCount((frame[i] ^ got[i]) & 0xff);
        }
        assertEquals(1, flipped);
        assertEquals(1, wire.corrupted());
    }

    @Test
    void reorderingHoldsAFrameBackSoALaterOneOvertakesIt() {
        wire.setReorder(100, 50);
        send(a, 0, numbered(1, 60));
        wire.setReorder(0, 0);
        send(a, 0, numbered(2, 60));
        assertArrayEquals(numbered(2, 60), receive(b, 1));
        assertNull(receive(b, 50));
        assertArrayEquals(numbered(1, 60), receive(b, 51));
        assertEquals(1, wire.reordered());
    }

    @Test
    void aFullQueueDropsTheFrame() {
        for (int n = 0; n < 5; n++) {
            assertTrue(send(a, 0, numbered(n, 60)), "the wire never refuses a frame, it loses it");
        }
        assertEquals(4, wire.inFlight());
        assertEquals(1, wire.overflowed());
        send(b, 0, numbered(9, 60)); // the other direction has its own queue
        assertEquals(5, wire.inFlight());
    }

    @Test
    void bandwidthSerialisesFrames() {
        wire.setBandwidth(1_000); // bytes per second: 100 bytes take 100 ms
        send(a, 0, numbered(1, 100));
        send(a, 0, numbered(2, 100));
        assertEquals(100_001, wire.nextDeliveryAt());
        assertArrayEquals(numbered(1, 100), receive(b, 100_001));
        assertNull(receive(b, 200_000));
        assertArrayEquals(numbered(2, 100), receive(b, 200_001));
    }

    @Test
    void sameSeedSameRun() {
        assertEquals(run(7), run(7));
    }

    /** A lossy, corrupting, duplicating, reordering run with jitter: what arrived, and when. */
    private static List<String> run(long seed) {
        SimulatedWire wire = new SimulatedWire(new DeviceCapabilities(Medium.ETHERNET, MTU, 0), 8, seed);
        wire.setLossPercent(20);
        wire.setCorruptPercent(20);
        wire.setDuplicatePercent(20);
        wire.setReorder(20, 500);
        wire.setLatency(1, 1_000);
        List<String> arrivals = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            send(wire.end(SimulatedWire.END_A), n * 100L, numbered(n, 64));
            byte[] frame;
            while ((frame = receive(wire.end(SimulatedWire.END_B), n * 100L)) != null) {
                arrivals.add(n + ":" + Arrays.hashCode(frame));
            }
        }
        return arrivals;
    }

    @Test
    void movingFramesAllocatesNothing() {
        wire.setLossPercent(10);
        wire.setCorruptPercent(10);
        wire.setDuplicatePercent(10);
        wire.setReorder(10, 100);
        wire.setLatency(1, 50);
        wire.setBandwidth(1_000_000);
        long[] now = {0};
        AllocationProbe.assertAllocationFree("SimulatedWire transmit and receive", () -> {
            now[0] += 10;
            if (a.prepareTransmit(now[0], 100)) {
                a.transmitBuffer()[a.transmitOffset()] = 1;
                a.commitTransmit(100);
            }
            while (b.receive(now[0]) > 0) {
                b.releaseReceive();
            }
        });
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        DeviceCapabilities caps = new DeviceCapabilities(Medium.ETHERNET, MTU, 0);
        assertThrows(IllegalArgumentException.class, () -> new SimulatedWire(caps, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> wire.end(2));
        assertThrows(IllegalArgumentException.class, () -> wire.setLossPercent(101));
        assertThrows(IllegalArgumentException.class, () -> wire.setCorruptPercent(-1));
        assertThrows(IllegalArgumentException.class, () -> wire.setDuplicatePercent(101));
        assertThrows(IllegalArgumentException.class, () -> wire.setReorder(101, 0));
        assertThrows(IllegalArgumentException.class, () -> wire.setReorder(10, -1));
        assertThrows(IllegalArgumentException.class, () -> wire.setLatency(0, 5));
        assertThrows(IllegalArgumentException.class, () -> wire.setLatency(5, 4));
        assertThrows(IllegalArgumentException.class, () -> wire.setBandwidth(-1));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> a.prepareTransmit(0, MTU + 1));
        assertTrue(tooLong.getMessage().contains("SimulatedWire end A"), tooLong.getMessage());
        send(a, 0, numbered(1, 60));
        b.receive(1);
        assertThrows(IllegalStateException.class, () -> b.receive(1), "a second receive before releaseReceive");
        assertThrows(IllegalStateException.class, a::releaseReceive, "nothing lent to end A");
    }
}
