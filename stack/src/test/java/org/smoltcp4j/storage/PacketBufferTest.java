package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.storage.PacketBuffer.EMPTY;
import static org.smoltcp4j.storage.PacketBuffer.FULL;
import static org.smoltcp4j.storage.PacketBuffer.TOO_LARGE;
import static org.smoltcp4j.storage.RingBufferTest.ascii;
import static org.smoltcp4j.storage.RingBufferTest.assertThrowsWithMessage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PacketBufferTest {

    /** smoltcp's test buffer: 4 metadata slots, 16 payload bytes; here with one metadata word. */
    static PacketBuffer buffer() {
        return new PacketBuffer(4, 16, 1);
    }

    static int enqueue(PacketBuffer buffer, String text) {
        return buffer.enqueue(ascii(text), 0, text.length());
    }

    static String payload(PacketBuffer buffer, int slot) {
        return RingBufferTest.ascii(buffer.payloadStorage(), buffer.payloadStart(slot), buffer.payloadLength(slot));
    }

    static String peekPayload(PacketBuffer buffer) {
        int slot = buffer.peek();
        assertTrue(slot >= 0, "a packet is queued");
        return payload(buffer, slot);
    }

    /** smoltcp's padding scenario: packets of 8 bytes (at 6..14) and "abcd" (at 0..4, behind 2 bytes of padding). */
    static PacketBuffer bufferWithPadding() {
        PacketBuffer buffer = buffer();
        assertTrue(buffer.enqueue(6) >= 0);
        assertTrue(buffer.enqueue(8) >= 0);
        assertEquals(6, buffer.dequeue());
        assertTrue(enqueue(buffer, "abcd") >= 0);
        return buffer;
    }

    // ------------------------------------------------------------ ports of smoltcp packet_buffer.rs

    @Nested
    class PortedFromSmoltcp {

        @Test
        void simple() {
            PacketBuffer buffer = buffer();
            assertTrue(enqueue(buffer, "abcdef") >= 0);
            assertEquals(FULL, buffer.enqueue(16));
            assertEquals(1, buffer.packetCount());
            assertEquals("abcdef", peekPayload(buffer));
            assertEquals(6, buffer.dequeue());
            assertEquals(EMPTY, buffer.dequeue());
        }

        @Test
        void peek() {
            PacketBuffer buffer = buffer();
            assertEquals(EMPTY, buffer.peek());
            assertTrue(enqueue(buffer, "abcdef") >= 0);
            assertEquals(1, buffer.packetCount());
            assertEquals("abcdef", peekPayload(buffer));
            assertEquals("abcdef", peekPayload(buffer));
            assertEquals(6, buffer.dequeue());
            assertEquals(EMPTY, buffer.peek());
        }

        @Test
        void padding() {
            PacketBuffer buffer = bufferWithPadding();
            // Two packets and the padding between them hold 3 of the 4 slots (smoltcp: metadata_ring.len() == 3).
            assertEquals(2, buffer.packetCount());
            assertFalse(buffer.isFull());
            assertTrue(buffer.enqueue(0) >= 0);
            assertTrue(buffer.isFull());
            assertEquals(8, buffer.dequeue());

            assertEquals("abcd", peekPayload(buffer));
            assertEquals(4, buffer.dequeue());
            assertEquals(0, buffer.dequeue());
            assertEquals(0, buffer.packetCount());
            assertTrue(buffer.isEmpty());
        }

        @Test
        void paddingWithLargePayload() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(12) >= 0);
            assertEquals(12, buffer.dequeue());
            int slot = enqueue(buffer, "abcdefghijkl");
            assertTrue(slot >= 0);
            assertEquals("abcdefghijkl", payload(buffer, slot));
        }

        /** smoltcp's dequeue_with: the front packet stays queued until it is dequeued. */
        @Test
        void dequeueWith() {
            PacketBuffer buffer = bufferWithPadding();
            assertEquals(8, buffer.dequeue());

            // Looking at the packet without dequeuing it (smoltcp's closure returning an error).
            assertEquals("abcd", peekPayload(buffer));
            assertEquals(1, buffer.packetCount());

            assertEquals("abcd", peekPayload(buffer));
            assertEquals(4, buffer.dequeue());
            assertEquals(0, buffer.packetCount());
        }

        @Test
        void metadataFullEmpty() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.isEmpty());
            assertFalse(buffer.isFull());
            assertTrue(buffer.enqueue(1) >= 0);
            assertFalse(buffer.isEmpty());
            assertTrue(buffer.enqueue(1) >= 0);
            assertTrue(buffer.enqueue(1) >= 0);
            assertFalse(buffer.isFull());
            assertFalse(buffer.isEmpty());
            assertTrue(buffer.enqueue(1) >= 0);
            assertTrue(buffer.isFull());
            assertFalse(buffer.isEmpty());
            assertEquals(4, buffer.packetCount());
            assertEquals(FULL, buffer.enqueue(1));
        }

        @Test
        void windowTooSmall() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(4) >= 0);
            assertTrue(buffer.enqueue(8) >= 0);
            assertEquals(4, buffer.dequeue());
            assertEquals(FULL, buffer.enqueue(16));
            assertEquals(1, buffer.packetCount());
        }

        @Test
        void contiguousWindowTooSmall() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(4) >= 0);
            assertTrue(buffer.enqueue(8) >= 0);
            assertEquals(4, buffer.dequeue());
            // 8 bytes are free, but 4 at the end and 4 at the start.
            assertEquals(8, buffer.window());
            assertEquals(FULL, buffer.enqueue(8));
            assertEquals(1, buffer.packetCount());
            assertFalse(buffer.isFull());
        }

        @Test
        void contiguousWindowWrap() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(15) >= 0);
            assertEquals(15, buffer.dequeue());
            int slot = buffer.enqueue(16);
            assertTrue(slot >= 0);
            assertEquals(0, buffer.payloadStart(slot));
        }

        @Test
        void capacityTooSmall() {
            assertEquals(TOO_LARGE, buffer().enqueue(32));
        }

        @Test
        void contigWindowPrioritized() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(4) >= 0);
            assertEquals(4, buffer.dequeue());
            int slot = buffer.enqueue(5);
            assertTrue(slot >= 0);
            assertEquals(0, buffer.payloadStart(slot), "an emptied buffer starts over at index 0");
        }

        @Test
        void paddingNeedsTwoFreeSlotsAndFailsWithoutSideEffects() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.enqueue(12) >= 0);
            assertTrue(buffer.enqueue(1) >= 0);
            assertTrue(buffer.enqueue(1) >= 0);
            assertTrue(buffer.enqueue(1) >= 0);
            assertEquals(12, buffer.dequeue());
            // 12 bytes free at the start, 1 at the end, but only one free slot: no room for padding.
            assertEquals(FULL, buffer.enqueue(5));
            assertEquals(3, buffer.packetCount());
            assertEquals(13, buffer.window());
            assertTrue(buffer.enqueue(1) >= 0, "a packet that fits at the end still goes in");
        }

        @Test
        void clear() {
            PacketBuffer buffer = buffer();
            assertTrue(buffer.isEmpty());
            assertTrue(buffer.enqueue(6) >= 0);
            assertFalse(buffer.isEmpty());
            buffer.reset();
            assertTrue(buffer.isEmpty());
        }
    }

    // ------------------------------------------------------------ further cases

    @Test
    void slotsNameTheirPacketsAndCarryMetadataWords() {
        PacketBuffer buffer = new PacketBuffer(3, 32, 2);
        assertEquals(2, buffer.metadataWords());
        int a = enqueue(buffer, "first");
        buffer.setMetadata(a, 0, 0xC0A80001_0050L);
        buffer.setMetadata(a, 1, -1L);
        int b = enqueue(buffer, "second");
        buffer.setMetadata(b, 0, 42);
        assertNotEquals(a, b);
        assertEquals(0, buffer.metadata(b, 1), "words start at 0");

        assertEquals(a, buffer.peek());
        assertEquals(0xC0A80001_0050L, buffer.metadata(a, 0));
        assertEquals(-1L, buffer.metadata(a, 1));
        assertEquals(5, buffer.dequeue());
        assertEquals(b, buffer.peek());
        assertEquals(42, buffer.metadata(b, 0));
        assertEquals("second", payload(buffer, b));
    }

    @Test
    void metadataWordsOfAReusedSlotStartAtZero() {
        PacketBuffer buffer = new PacketBuffer(1, 8, 1);
        int slot = buffer.enqueue(1);
        buffer.setMetadata(slot, 0, 99);
        buffer.dequeue();
        assertEquals(slot, buffer.enqueue(1));
        assertEquals(0, buffer.metadata(slot, 0));
    }

    @Test
    void zeroSizePacketsAreQueuedLikeOthers() {
        PacketBuffer buffer = new PacketBuffer(4, 4, 0);
        assertTrue(enqueue(buffer, "abcd") >= 0);
        int empty = buffer.enqueue(0);
        assertTrue(empty >= 0, "fits although the payload is full");
        assertEquals(0, buffer.payloadLength(empty));
        assertEquals(2, buffer.packetCount());
        assertEquals(4, buffer.dequeue());
        assertEquals(0, buffer.dequeue());
        assertEquals(EMPTY, buffer.dequeue());
        assertEquals(EMPTY, buffer.dequeue(new byte[0], 0, 0));
    }

    @Test
    void zeroCapacitiesWork() {
        PacketBuffer noSlots = new PacketBuffer(0, 16, 2);
        assertTrue(noSlots.isEmpty());
        assertTrue(noSlots.isFull());
        assertEquals(FULL, noSlots.enqueue(1));
        assertEquals(FULL, noSlots.enqueue(0));
        assertEquals(TOO_LARGE, noSlots.enqueue(17));
        assertEquals(EMPTY, noSlots.peek());
        assertEquals(EMPTY, noSlots.dequeue());

        PacketBuffer noPayload = new PacketBuffer(2, 0, 1);
        assertEquals(TOO_LARGE, noPayload.enqueue(1));
        int slot = noPayload.enqueue(0);
        assertEquals(0, slot);
        assertEquals(0, noPayload.payloadStart(slot));
        assertEquals(0, noPayload.dequeue(new byte[0], 0, 0));
        assertTrue(noPayload.isEmpty());
    }

    @Test
    void copyingDequeueReportsTheFullLengthWhenItTruncates() {
        PacketBuffer buffer = buffer();
        enqueue(buffer, "abcdef");
        enqueue(buffer, "xy");
        byte[] out = ascii("--------");
        assertEquals(6, buffer.dequeue(out, 1, 4));
        assertEquals("-abcd---", RingBufferTest.ascii(out, 0, 8));
        assertEquals(2, buffer.dequeue(out, 0, 8));
        assertEquals("xybcd---", RingBufferTest.ascii(out, 0, 8));
        assertEquals(EMPTY, buffer.dequeue(out, 0, 8));
    }

    @Test
    void copyingEnqueueHonoursTheSourceOffsetAndReportsStatus() {
        PacketBuffer buffer = new PacketBuffer(4, 8, 0);
        int slot = buffer.enqueue(ascii("__pay__"), 2, 3);
        assertEquals("pay", payload(buffer, slot));
        assertEquals(TOO_LARGE, buffer.enqueue(new byte[9], 0, 9));
        assertEquals(FULL, buffer.enqueue(new byte[6], 0, 6));
        assertEquals(1, buffer.packetCount());
    }

    @Test
    void everyPacketIsContiguousAcrossManyWraps() {
        PacketBuffer buffer = new PacketBuffer(4, 10, 1);
        int sizes = 0;
        for (int round = 0; round < 50; round++) {
            int size = 1 + round % 7;
            String text = "0123456789".substring(0, size);
            int slot = enqueue(buffer, text);
            while (slot == FULL) {
                assertNotEquals(EMPTY, buffer.dequeue());
                slot = enqueue(buffer, text);
            }
            assertTrue(slot >= 0, "round " + round);
            assertTrue(buffer.payloadStart(slot) + size <= 10);
            assertEquals(text, payload(buffer, slot));
            sizes += size;
        }
        assertTrue(sizes > 10 * 10, "wrapped many times");
    }

    @Test
    void paddingIsDroppedOnceItReachesTheFront() {
        PacketBuffer buffer = new PacketBuffer(3, 10, 0);
        buffer.enqueue(6);
        buffer.enqueue(2);
        buffer.dequeue();
        int wrapped = buffer.enqueue(5); // padding of 2 at 8..10, packet at 0..5
        assertEquals(0, buffer.payloadStart(wrapped));
        assertTrue(buffer.isFull(), "the padding holds the third slot");
        assertEquals(2, buffer.packetCount());
        assertEquals(1, buffer.window());
        assertEquals(2, buffer.dequeue());
        assertEquals(3, buffer.window(), "padding is dropped lazily");
        assertEquals(wrapped, buffer.peek());
        assertEquals(5, buffer.window());
    }

    @Test
    void resetEmptiesEverythingIncludingPadding() {
        PacketBuffer buffer = new PacketBuffer(3, 10, 0);
        buffer.enqueue(6);
        buffer.enqueue(2);
        buffer.dequeue();
        buffer.enqueue(5);
        buffer.reset();
        assertTrue(buffer.isEmpty());
        assertFalse(buffer.isFull());
        assertEquals(0, buffer.packetCount());
        assertEquals(10, buffer.window());
        assertEquals(EMPTY, buffer.peek());
        int slot = buffer.enqueue(10);
        assertEquals(0, buffer.payloadStart(slot));
    }

    @Test
    void callerPayloadStorageIsUsedInPlace() {
        byte[] storage = new byte[8];
        PacketBuffer buffer = new PacketBuffer(2, storage, 1);
        assertSame(storage, buffer.payloadStorage());
        assertEquals(8, buffer.payloadCapacity());
        assertEquals(2, buffer.metadataCapacity());
        enqueue(buffer, "ok");
        assertEquals("ok", RingBufferTest.ascii(storage, 0, 2));
    }

    // ------------------------------------------------------------ misuse

    @Test
    void constructorRejectsBadSizes() {
        assertThrowsWithMessage(IllegalArgumentException.class, "metadataSlots must be >= 0, got -1",
                () -> new PacketBuffer(-1, 8, 1));
        assertThrowsWithMessage(IllegalArgumentException.class, "payloadCapacity must be >= 0, got -2",
                () -> new PacketBuffer(1, -2, 1));
        assertThrowsWithMessage(IllegalArgumentException.class, "metadataWords must be >= 0, got -3",
                () -> new PacketBuffer(1, 8, -3));
        assertThrowsWithMessage(IllegalArgumentException.class,
                "metadataSlots * metadataWords is too large: 65536 * 65536", () -> new PacketBuffer(65536, 8, 65536));
        assertThrowsWithMessage(NullPointerException.class, "payloadStorage must not be null",
                () -> new PacketBuffer(1, null, 1));
    }

    @Test
    void negativeSizeAndBadArrayRangesThrow() {
        PacketBuffer buffer = buffer();
        assertThrowsWithMessage(IllegalArgumentException.class, "size must be >= 0, got -1", () -> buffer.enqueue(-1));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "src range off=2 len=3 is outside an array of length 4", () -> buffer.enqueue(new byte[4], 2, 3));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "dst range off=0 len=-1 is outside an array of length 4", () -> buffer.dequeue(new byte[4], 0, -1));
        assertThrowsWithMessage(NullPointerException.class, "dst must not be null", () -> buffer.dequeue(null, 0, 0));
        assertTrue(buffer.isEmpty());
    }

    @Test
    void slotsAndWordsOutsideTheQueueThrow() {
        PacketBuffer buffer = new PacketBuffer(3, 10, 2);
        int slot = buffer.enqueue(1);
        assertThrowsWithMessage(IndexOutOfBoundsException.class, "slot 3 is outside 0..2",
                () -> buffer.payloadStart(3));
        assertThrowsWithMessage(IndexOutOfBoundsException.class, "slot -1 is outside 0..2",
                () -> buffer.metadata(-1, 0));
        assertThrowsWithMessage(IllegalArgumentException.class, "slot 1 holds no queued packet",
                () -> buffer.payloadLength(1));
        assertThrowsWithMessage(IndexOutOfBoundsException.class, "metadata word 2 is outside 0..1",
                () -> buffer.setMetadata(slot, 2, 0));
        assertThrowsWithMessage(IndexOutOfBoundsException.class, "metadata word -1 is outside 0..1",
                () -> buffer.metadata(slot, -1));
        buffer.dequeue();
        assertThrowsWithMessage(IllegalArgumentException.class, "slot 0 holds no queued packet",
                () -> buffer.metadata(slot, 0));
    }

    @Test
    void aPaddingSlotIsNotAPacket() {
        PacketBuffer buffer = new PacketBuffer(3, 10, 0);
        buffer.enqueue(6);
        buffer.enqueue(2); // slot 1, payload 6..8
        buffer.dequeue();
        buffer.enqueue(5); // padding in slot 2, packet in slot 0
        assertThrowsWithMessage(IllegalArgumentException.class, "slot 2 holds no queued packet",
                () -> buffer.payloadStart(2));
    }
}
