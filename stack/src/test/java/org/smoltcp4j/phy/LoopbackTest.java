package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    private final Loopback loopback = new Loopback(Medium.ETHERNET, 100, 3);

    @Test
    void framesComeBackInOrder() {
        assertTrue(DeviceIo.send(loopback, 0, DeviceIo.numbered(1, 60)));
        assertTrue(DeviceIo.send(loopback, 0, DeviceIo.numbered(2, 100)));
        assertEquals(2, loopback.queued());
        assertArrayEquals(DeviceIo.numbered(1, 60), DeviceIo.receive(loopback, 0));
        assertArrayEquals(DeviceIo.numbered(2, 100), DeviceIo.receive(loopback, 0));
        assertNull(DeviceIo.receive(loopback, 0));
        assertEquals(0, loopback.queued());
    }

    @Test
    void fullQueueRefusesTransmitAndLendsNothing() {
        for (int i = 0; i < 3; i++) {
            assertTrue(DeviceIo.send(loopback, 0, DeviceIo.numbered(i, 10)));
        }
        assertFalse(loopback.prepareTransmit(0, 10));
        assertThrows(IllegalStateException.class, loopback::transmitBuffer);
        // A frame received but not yet released still takes its slot.
        assertEquals(10, loopback.receive(0));
        assertFalse(loopback.prepareTransmit(0, 10));
        loopback.releaseReceive();
        assertTrue(loopback.prepareTransmit(0, 10));
    }

    @Test
    void receiveAndTransmitMayBeLentTogetherWithoutSharingASlot() {
        DeviceIo.send(loopback, 0, DeviceIo.numbered(1, 20));
        assertEquals(20, loopback.receive(0));
        assertTrue(loopback.prepareTransmit(0, 20));
        byte[] out = loopback.transmitBuffer();
        assertTrue(out != loopback.receiveBuffer());
        System.arraycopy(DeviceIo.numbered(2, 20), 0, out, 0, 20);
        loopback.commitTransmit(20);
        assertArrayEquals(DeviceIo.numbered(1, 20), java.util.Arrays.copyOf(loopback.receiveBuffer(), 20));
        loopback.releaseReceive();
        assertArrayEquals(DeviceIo.numbered(2, 20), DeviceIo.receive(loopback, 0));
    }

    /** Against a model queue: any mix of sends and receives keeps order and never exceeds the queue length. */
    @Property
    void behavesLikeABoundedQueue(@ForAll @Size(max = 200) boolean[] sends, @ForAll @IntRange(min = 1, max = 5) int queueLength) {
        Loopback device = new Loopback(Medium.IP, 64, queueLength);
        Deque<byte[]> model = new ArrayDeque<>();
        int n = 0;
        for (boolean send : sends) {
            if (send) {
                byte[] frame = DeviceIo.numbered(n, 1 + n % 64);
                n++;
                boolean sent = DeviceIo.send(device, n, frame);
                assertEquals(model.size() < queueLength, sent);
                if (sent) {
                    model.addLast(frame);
                }
            } else {
                byte[] expected = model.pollFirst();
                byte[] received = DeviceIo.receive(device, n);
                if (expected == null) {
                    assertNull(received);
                } else {
                    assertArrayEquals(expected, received);
                }
            }
            assertEquals(model.size(), device.queued());
        }
    }

    @Test
    void transmitLongerThanMtuIsMisuse() {
        assertEquals("Loopback: transmit length must be 0..100 (the MTU), got 101",
                assertThrows(IllegalArgumentException.class, () -> loopback.prepareTransmit(0, 101)).getMessage());
        assertTrue(loopback.prepareTransmit(0, 100));
    }

    @Test
    void shorterCommitSendsOnlyTheCommittedBytesAndEmptyCommitSendsNothing() {
        assertTrue(loopback.prepareTransmit(0, 100));
        loopback.commitTransmit(0);
        assertEquals(0, loopback.queued());
        assertTrue(loopback.prepareTransmit(0, 100));
        loopback.commitTransmit(42);
        assertEquals(42, loopback.receive(0));
    }

    @Test
    void abortSendsNothing() {
        assertTrue(loopback.prepareTransmit(0, 10));
        loopback.abortTransmit();
        assertEquals(0, loopback.receive(0));
    }

    @Test
    void misuseThrows() {
        assertThrows(IllegalStateException.class, loopback::receiveBuffer);
        assertThrows(IllegalStateException.class, loopback::receiveOffset);
        assertThrows(IllegalStateException.class, loopback::releaseReceive);
        assertThrows(IllegalStateException.class, loopback::transmitOffset);
        assertThrows(IllegalStateException.class, () -> loopback.commitTransmit(1));
        assertThrows(IllegalStateException.class, loopback::abortTransmit);
        DeviceIo.send(loopback, 0, DeviceIo.numbered(1, 10));
        loopback.receive(0);
        assertThrows(IllegalStateException.class, () -> loopback.receive(0));
        loopback.prepareTransmit(0, 10);
        assertThrows(IllegalStateException.class, () -> loopback.prepareTransmit(0, 10));
        assertThrows(IllegalArgumentException.class, () -> loopback.commitTransmit(11));
    }

    @Test
    void capabilitiesLeaveChecksumsToSoftware() {
        DeviceCapabilities caps = loopback.capabilities();
        assertEquals(Medium.ETHERNET, caps.medium());
        assertEquals(100, caps.mtu());
        assertEquals(0, caps.maxBurstSize());
        for (int protocol = DeviceCapabilities.PROTOCOL_IPV4; protocol <= DeviceCapabilities.PROTOCOL_ICMPV6; protocol++) {
            assertEquals(DeviceCapabilities.CHECKSUM_BOTH, caps.checksum(protocol));
        }
        assertEquals(65535, new Loopback(Medium.IP, Loopback.DEFAULT_MTU, 1).capabilities().mtu());
    }

    @Test
    void constructorValidates() {
        assertEquals("queue length must be at least 1 frame, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Loopback(Medium.IP, 100, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Loopback(Medium.IP, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Loopback(9, 100, 1));
    }
}
