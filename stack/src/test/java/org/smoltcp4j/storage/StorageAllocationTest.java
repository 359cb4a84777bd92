package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.testing.AllocationProbe.assertAllocationFree;

import org.junit.jupiter.api.Test;

/**
 * Steady-state operations of the storage classes allocate nothing (design.md section 3). Sizes are
 * chosen so that every loop crosses the end of the array and, for packets, inserts padding.
 */
class StorageAllocationTest {

    private final byte[] src = new byte[64];
    private final byte[] dst = new byte[64];
    private long sink;

    @Test
    void ringBufferSingleBytes() {
        RingBuffer ring = new RingBuffer(7);
        ring.enqueueOne((byte) 1);
        assertAllocationFree("RingBuffer enqueueOne/dequeueOne", () -> {
            ring.enqueueOne((byte) 2);
            ring.enqueueOne((byte) 3);
            sink += ring.dequeueOne() + ring.dequeueOne();
        });
        assertTrue(ring.length() == 1);
    }

    @Test
    void ringBufferSlices() {
        RingBuffer ring = new RingBuffer(50);
        ring.enqueueSlice(src, 0, 11);
        assertAllocationFree("RingBuffer enqueueSlice/dequeueSlice", () -> {
            ring.enqueueSlice(src, 3, 17);
            sink += ring.dequeueSlice(dst, 1, 17);
        });
    }

    @Test
    void ringBufferWindows() {
        RingBuffer ring = new RingBuffer(50);
        ring.enqueueSlice(src, 0, 11);
        assertAllocationFree("RingBuffer write/read windows", () -> {
            int start = ring.writeWindowStart();
            int n = Math.min(13, ring.writeWindowLength());
            ring.storage()[start] = 1;
            ring.commitEnqueue(n);
            sink += ring.contiguousWindow() + ring.window();
            ring.commitDequeue(Math.min(13, ring.readWindowLength()));
            sink += ring.readWindowStart();
        });
    }

    @Test
    void ringBufferOffsetAccess() {
        RingBuffer ring = new RingBuffer(50);
        ring.enqueueSlice(src, 0, 20);
        assertAllocationFree("RingBuffer offset access", () -> {
            int written = ring.writeUnallocated(5, src, 0, 9);
            ring.writeUnallocated(0, src, 9, 5);
            ring.enqueueUnallocated(5 + written);
            sink += ring.readAllocated(3, dst, 0, 30);
            sink += ring.allocatedStart(4) + ring.allocatedLength(4) + ring.unallocatedStart(2)
                    + ring.unallocatedLength(2);
            ring.dequeueAllocated(14);
        });
    }

    @Test
    void packetBufferInPlace() {
        PacketBuffer buffer = new PacketBuffer(4, 40, 2);
        buffer.enqueue(9);
        assertAllocationFree("PacketBuffer enqueue/peek/dequeue with padding", () -> {
            int slot = buffer.enqueue(13);
            buffer.setMetadata(slot, 1, 0x0A000001_1F90L);
            buffer.payloadStorage()[buffer.payloadStart(slot)] = 7;
            int front = buffer.peek();
            sink += buffer.metadata(front, 1) + buffer.payloadLength(front);
            sink += buffer.dequeue();
            sink += buffer.packetCount() + buffer.window();
        });
    }

    @Test
    void packetBufferCopies() {
        PacketBuffer buffer = new PacketBuffer(4, 40, 1);
        buffer.enqueue(src, 0, 9);
        assertAllocationFree("PacketBuffer copying enqueue/dequeue with padding", () -> {
            buffer.enqueue(src, 2, 13);
            sink += buffer.dequeue(dst, 0, 10);
        });
    }
}
