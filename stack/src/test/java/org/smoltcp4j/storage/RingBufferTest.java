package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RingBufferTest {

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] bytes, int off, int len) {
        return new String(bytes, off, len, StandardCharsets.US_ASCII);
    }

    /** A ring over {@code capacity} bytes of '.', so tests can show the whole array as a string. */
    static RingBuffer dots(int capacity) {
        return new RingBuffer(ascii(".".repeat(capacity)));
    }

    static String storage(RingBuffer ring) {
        return ascii(ring.storage(), 0, ring.capacity());
    }

    /** Writes {@code text} into the array at {@code index}, as code holding a window would. */
    static void put(RingBuffer ring, int index, String text) {
        System.arraycopy(ascii(text), 0, ring.storage(), index, text.length());
    }

    static String readWindow(RingBuffer ring) {
        return ascii(ring.storage(), ring.readWindowStart(), ring.readWindowLength());
    }

    static String allocated(RingBuffer ring, int offset) {
        return ascii(ring.storage(), ring.allocatedStart(offset), ring.allocatedLength(offset));
    }

    static String unallocated(RingBuffer ring, int offset, int size) {
        return ascii(ring.storage(), ring.unallocatedStart(offset), Math.min(size, ring.unallocatedLength(offset)));
    }

    /** smoltcp enqueue_many(size): the contiguous write window clipped to size, committed. */
    static int enqueueInWindow(RingBuffer ring, String text) {
        int start = ring.writeWindowStart();
        int n = Math.min(text.length(), ring.writeWindowLength());
        put(ring, start, text.substring(0, n));
        ring.commitEnqueue(n);
        return n;
    }

    /** smoltcp dequeue_many(size): the contiguous read window clipped to size, committed; returns its text. */
    static String dequeueFromWindow(RingBuffer ring, int size) {
        int n = Math.min(size, ring.readWindowLength());
        String text = ascii(ring.storage(), ring.readWindowStart(), n);
        ring.commitDequeue(n);
        return text;
    }

    static void overwriteAndDequeueOne(RingBuffer ring, char with) {
        ring.storage()[ring.readWindowStart()] = (byte) with;
        assertTrue(ring.dequeueOne() >= 0);
    }

    // ------------------------------------------------------------ ports of smoltcp ring_buffer.rs

    @Nested
    class PortedFromSmoltcp {

        @Test
        void lengthChanges() {
            RingBuffer ring = new RingBuffer(2);
            assertLengths(ring, 0);
            assertTrue(ring.enqueueOne((byte) 0));
            assertLengths(ring, 1);
            assertTrue(ring.enqueueOne((byte) 0));
            assertLengths(ring, 2);
        }

        private void assertLengths(RingBuffer ring, int length) {
            assertEquals(length == 0, ring.isEmpty());
            assertEquals(length == 2, ring.isFull());
            assertEquals(length, ring.length());
            assertEquals(2, ring.capacity());
            assertEquals(2 - length, ring.window());
        }

        @Test
        void enqueueDequeueOne() {
            RingBuffer ring = new RingBuffer(5);
            assertEquals(-1, ring.dequeueOne());

            assertTrue(ring.enqueueOne((byte) 0));
            assertFalse(ring.isEmpty());
            assertFalse(ring.isFull());
            for (int i = 1; i < 5; i++) {
                assertTrue(ring.enqueueOne((byte) i));
                assertFalse(ring.isEmpty());
            }
            assertTrue(ring.isFull());
            assertFalse(ring.enqueueOne((byte) 9));

            for (int i = 0; i < 5; i++) {
                assertEquals(i, ring.dequeueOne());
                assertFalse(ring.isFull());
            }
            assertEquals(-1, ring.dequeueOne());
            assertTrue(ring.isEmpty());
        }

        /** smoltcp's enqueue_one_with/dequeue_one_with: one byte at a time through the windows. */
        @Test
        void enqueueDequeueOneInPlace() {
            RingBuffer ring = new RingBuffer(5);
            assertEquals(0, ring.readWindowLength());

            for (int i = 0; i < 5; i++) {
                assertTrue(ring.writeWindowLength() >= 1);
                ring.storage()[ring.writeWindowStart()] = (byte) i;
                ring.commitEnqueue(1);
                assertFalse(ring.isEmpty());
            }
            assertTrue(ring.isFull());
            assertEquals(0, ring.writeWindowLength());

            for (int i = 0; i < 5; i++) {
                assertEquals(i, ring.storage()[ring.readWindowStart()]);
                ring.commitDequeue(1);
                assertFalse(ring.isFull());
            }
            assertEquals(0, ring.readWindowLength());
            assertTrue(ring.isEmpty());
        }

        @Test
        void enqueueManyWith() {
            RingBuffer ring = dots(12);

            writeInWindow(ring, 12, "ab", 2, 2, "ab..........");
            writeInWindow(ring, 12 - 2, "cdXX", 2, 4, "abcdXX......");
            writeInWindow(ring, 12 - 4, "efgh", 4, 8, "abcdefgh....");

            for (int i = 0; i < 4; i++) {
                overwriteAndDequeueOne(ring, '.');
            }
            assertEquals(4, ring.length());
            assertEquals("....efgh....", storage(ring));

            writeInWindow(ring, 12 - 8, "ijkl", 4, 8, "....efghijkl");
            writeInWindow(ring, 4, "abcd", 4, 12, "abcdefghijkl");

            for (int i = 0; i < 4; i++) {
                overwriteAndDequeueOne(ring, '.');
            }
            assertEquals(8, ring.length());
            assertEquals("abcd....ijkl", storage(ring));
        }

        /** Checks the write window's length, writes {@code text} there and commits {@code commit} bytes of it. */
        private void writeInWindow(RingBuffer ring, int window, String text, int commit, int length, String array) {
            assertEquals(window, ring.writeWindowLength());
            put(ring, ring.writeWindowStart(), text);
            ring.commitEnqueue(commit);
            assertEquals(length, ring.length());
            assertEquals(array, storage(ring));
        }

        @Test
        void enqueueMany() {
            RingBuffer ring = dots(12);
            assertEquals(8, enqueueInWindow(ring, "abcdefgh"));
            assertEquals(8, ring.length());
            assertEquals("abcdefgh....", storage(ring));

            assertEquals(4, enqueueInWindow(ring, "ijklmnop"));
            assertEquals(12, ring.length());
            assertEquals("abcdefghijkl", storage(ring));
        }

        @Test
        void enqueueSlice() {
            RingBuffer ring = dots(12);
            assertEquals(8, ring.enqueueSlice(ascii("abcdefgh"), 0, 8));
            assertEquals(8, ring.length());
            assertEquals("abcdefgh....", storage(ring));

            for (int i = 0; i < 4; i++) {
                overwriteAndDequeueOne(ring, '.');
            }
            assertEquals(4, ring.length());
            assertEquals("....efgh....", storage(ring));

            assertEquals(8, ring.enqueueSlice(ascii("ijklabcd"), 0, 8));
            assertEquals(12, ring.length());
            assertEquals("abcdefghijkl", storage(ring));
        }

        @Test
        void dequeueManyWith() {
            RingBuffer ring = dots(12);
            assertEquals(12, ring.enqueueSlice(ascii("abcdefghijkl"), 0, 12));

            assertEquals(12, ring.readWindowLength());
            assertEquals("abcdefghijkl", readWindow(ring));
            put(ring, ring.readWindowStart(), "....");
            ring.commitDequeue(4);
            assertEquals(8, ring.length());
            assertEquals("....efghijkl", storage(ring));

            assertEquals("efghijkl", readWindow(ring));
            put(ring, ring.readWindowStart(), "....");
            ring.commitDequeue(4);
            assertEquals(4, ring.length());
            assertEquals("........ijkl", storage(ring));

            assertEquals(4, ring.enqueueSlice(ascii("abcd"), 0, 4));
            assertEquals(8, ring.length());

            assertEquals("ijkl", readWindow(ring));
            put(ring, ring.readWindowStart(), "....");
            ring.commitDequeue(4);
            assertEquals("abcd", readWindow(ring));
            put(ring, ring.readWindowStart(), "....");
            ring.commitDequeue(4);
            assertEquals(0, ring.length());
            assertEquals("............", storage(ring));
        }

        @Test
        void dequeueMany() {
            RingBuffer ring = dots(12);
            assertEquals(12, ring.enqueueSlice(ascii("abcdefghijkl"), 0, 12));

            assertEquals("abcdefgh", dequeueFromWindow(ring, 8));
            assertEquals(4, ring.length());
            assertEquals("ijkl", dequeueFromWindow(ring, 8));
            assertEquals(0, ring.length());
        }

        @Test
        void dequeueSlice() {
            RingBuffer ring = dots(12);
            assertEquals(12, ring.enqueueSlice(ascii("abcdefghijkl"), 0, 12));

            byte[] buf = new byte[8];
            assertEquals(8, ring.dequeueSlice(buf, 0, 8));
            assertEquals("abcdefgh", ascii(buf, 0, 8));
            assertEquals(4, ring.length());

            assertEquals(4, ring.enqueueSlice(ascii("abcd"), 0, 4));

            buf = new byte[8];
            assertEquals(8, ring.dequeueSlice(buf, 0, 8));
            assertEquals("ijklabcd", ascii(buf, 0, 8));
            assertEquals(0, ring.length());
        }

        @Test
        void getUnallocated() {
            RingBuffer ring = dots(12);
            assertEquals(0, ring.unallocatedLength(16));

            assertEquals(4, Math.min(4, ring.unallocatedLength(0)));
            put(ring, ring.unallocatedStart(0), "abcd");
            assertEquals("abcd........", storage(ring));

            ring.commitEnqueue(4);
            assertEquals(4, ring.length());

            assertEquals(8, ring.unallocatedStart(4));
            assertEquals(4, ring.unallocatedLength(4));
            put(ring, ring.unallocatedStart(4), "ijkl");
            assertEquals("abcd....ijkl", storage(ring));

            assertEquals(8, enqueueInWindow(ring, "EFGHIJKL"));
            assertEquals(0, ring.readWindowStart());
            put(ring, ring.readWindowStart(), "abcd");
            ring.commitDequeue(4);
            assertEquals(8, ring.length());
            assertEquals("abcdEFGHIJKL", storage(ring));

            assertEquals(4, ring.unallocatedLength(0));
            put(ring, ring.unallocatedStart(0), "ABCD");
            assertEquals("ABCDEFGHIJKL", storage(ring));
        }

        @Test
        void writeUnallocated() {
            RingBuffer ring = dots(12);
            assertEquals(6, enqueueInWindow(ring, "abcdef"));
            assertEquals("abcdef", dequeueFromWindow(ring, 6));

            assertEquals(3, ring.writeUnallocated(0, ascii("ghi"), 0, 3));
            assertEquals("ghi", unallocated(ring, 0, 3));

            assertEquals(6, ring.writeUnallocated(3, ascii("jklmno"), 0, 6));
            assertEquals("jkl", unallocated(ring, 3, 3));

            assertEquals(3, ring.writeUnallocated(9, ascii("pqrstu"), 0, 6));
            assertEquals("pqr", unallocated(ring, 9, 3));
        }

        @Test
        void getAllocated() {
            RingBuffer ring = dots(12);
            assertEquals(0, ring.allocatedLength(16));
            assertEquals(0, ring.allocatedLength(0));

            ring.enqueueSlice(ascii("abcd"), 0, 4);
            assertEquals("abcd", allocated(ring, 0));

            ring.enqueueSlice(ascii("efghijkl"), 0, 8);
            dequeueFromWindow(ring, 4);
            assertEquals("ijkl", allocated(ring, 4));

            ring.enqueueSlice(ascii("abcd"), 0, 4);
            assertEquals("ijkl", allocated(ring, 4));
        }

        @Test
        void readAllocated() {
            RingBuffer ring = dots(12);
            assertEquals(12, enqueueInWindow(ring, "abcdefghijkl"));

            byte[] data = new byte[6];
            assertEquals(6, ring.readAllocated(0, data, 0, 6));
            assertEquals("abcdef", ascii(data, 0, 6));

            dequeueFromWindow(ring, 6);
            assertEquals(3, enqueueInWindow(ring, "mno"));

            data = new byte[6];
            assertEquals(6, ring.readAllocated(3, data, 0, 6));
            assertEquals("jklmno", ascii(data, 0, 6));

            data = new byte[6];
            assertEquals(3, ring.readAllocated(6, data, 0, 6));
            assertArrayEquals(new byte[] {'m', 'n', 'o', 0, 0, 0}, data);
        }

        @Test
        void withNoCapacity() {
            RingBuffer ring = new RingBuffer(0);
            assertEquals(0, ring.unallocatedLength(0));
            assertEquals(0, ring.allocatedLength(0));
            ring.dequeueAllocated(0);
            assertEquals(0, ring.writeWindowLength());
            ring.commitEnqueue(0);
            assertFalse(ring.enqueueOne((byte) 1));
            assertEquals(0, ring.contiguousWindow());
        }

        /** After use, an emptied ring offers its whole array as one window again. */
        @Test
        void writeWholly() {
            RingBuffer ring = dots(8);
            assertEquals(2, enqueueInWindow(ring, "xx"));
            assertEquals(2, enqueueInWindow(ring, "xx"));
            assertEquals(4, ring.length());
            dequeueFromWindow(ring, 4);
            assertEquals(0, ring.length());

            assertEquals(8, ring.writeWindowLength());
            assertEquals(0, ring.writeWindowStart());
        }
    }

    // ------------------------------------------------------------ further cases

    @Test
    void capacityZeroIsEmptyAndFullAndNeverThrowsOnNormalUse() {
        RingBuffer ring = new RingBuffer(new byte[0]);
        byte[] buf = new byte[4];
        assertTrue(ring.isEmpty());
        assertTrue(ring.isFull());
        assertEquals(0, ring.capacity());
        assertEquals(0, ring.length());
        assertEquals(0, ring.window());
        assertEquals(0, ring.contiguousWindow());
        assertFalse(ring.enqueueOne((byte) 1));
        assertEquals(-1, ring.dequeueOne());
        assertEquals(0, ring.enqueueSlice(buf, 0, 4));
        assertEquals(0, ring.dequeueSlice(buf, 0, 4));
        assertEquals(0, ring.writeWindowStart());
        assertEquals(0, ring.writeWindowLength());
        assertEquals(0, ring.readWindowStart());
        assertEquals(0, ring.readWindowLength());
        ring.commitEnqueue(0);
        ring.commitDequeue(0);
        assertEquals(0, ring.writeUnallocated(0, buf, 0, 4));
        assertEquals(0, ring.writeUnallocated(5, buf, 0, 4));
        ring.enqueueUnallocated(0);
        assertEquals(0, ring.readAllocated(0, buf, 0, 4));
        assertEquals(0, ring.readAllocated(5, buf, 0, 4));
        ring.dequeueAllocated(0);
        assertEquals(0, ring.unallocatedStart(0));
        assertEquals(0, ring.allocatedStart(0));
        assertEquals(0, ring.unallocatedLength(3));
        assertEquals(0, ring.allocatedLength(3));
        ring.clear();
        assertTrue(ring.isEmpty());
        assertTrue(ring.isFull());
    }

    @Test
    void callerStorageIsUsedInPlace() {
        byte[] storage = new byte[4];
        RingBuffer ring = new RingBuffer(storage);
        assertSame(storage, ring.storage());
        assertEquals(4, ring.capacity());
        ring.enqueueSlice(ascii("wxyz"), 0, 4);
        assertEquals("wxyz", ascii(storage, 0, 4));
    }

    @Test
    void dequeueOneReturnsUnsignedValues() {
        RingBuffer ring = new RingBuffer(3);
        ring.enqueueOne((byte) 0xFF);
        ring.enqueueOne((byte) 0x80);
        ring.enqueueOne((byte) 0x7F);
        assertEquals(255, ring.dequeueOne());
        assertEquals(128, ring.dequeueOne());
        assertEquals(127, ring.dequeueOne());
        assertEquals(-1, ring.dequeueOne());
    }

    @Test
    void enqueueOneAndDequeueOneWrapAroundManyTimes() {
        RingBuffer ring = new RingBuffer(3);
        ring.enqueueOne((byte) 100);
        for (int i = 0; i < 10; i++) {
            assertTrue(ring.enqueueOne((byte) i));
            assertTrue(ring.enqueueOne((byte) (i + 50)));
            assertFalse(ring.enqueueOne((byte) 0));
            ring.dequeueOne();
            ring.dequeueOne();
            assertEquals(1, ring.length());
        }
        assertEquals(59, ring.dequeueOne());
    }

    @Test
    void enqueueSliceIsPartialWhenTheRingFillsAndHonoursTheSourceOffset() {
        RingBuffer ring = dots(6);
        ring.enqueueSlice(ascii("abcd"), 0, 4);
        byte[] out = new byte[3];
        ring.dequeueSlice(out, 0, 3);
        // Data "d" at index 3; 5 free bytes, 2 at the end and 3 at the start.
        assertEquals(5, ring.enqueueSlice(ascii("__efghijk"), 2, 7));
        assertEquals("ghidef", storage(ring));
        assertTrue(ring.isFull());
        assertEquals(0, ring.enqueueSlice(ascii("z"), 0, 1));
        assertEquals(0, ring.enqueueSlice(ascii("z"), 1, 0));
    }

    @Test
    void dequeueSliceWrapsIsPartialAndHonoursTheDestinationOffset() {
        RingBuffer ring = dots(6);
        ring.enqueueSlice(ascii("abcd"), 0, 4);
        ring.dequeueSlice(new byte[4], 0, 4);
        ring.enqueueSlice(ascii("efghi"), 0, 5); // empty, so rewound: "efghi" at 0
        ring.dequeueSlice(new byte[3], 0, 3);
        ring.enqueueSlice(ascii("jkl"), 0, 3); // "j" at 5, "kl" at 0
        assertEquals("klghij", storage(ring));

        byte[] out = ascii("########");
        assertEquals(3, ring.dequeueSlice(out, 1, 3));
        assertEquals("#hij####", ascii(out, 0, 8));
        assertEquals(2, ring.dequeueSlice(out, 2, 6));
        assertEquals("#hkl####", ascii(out, 0, 8));
        assertEquals(0, ring.dequeueSlice(out, 0, 8));
    }

    @Test
    void readWindowStopsAtTheEndOfTheArrayAndContinuesAtItsStart() {
        RingBuffer ring = dots(6);
        ring.enqueueSlice(ascii("abcd"), 0, 4);
        ring.dequeueSlice(new byte[3], 0, 3);
        ring.enqueueSlice(ascii("efgh"), 0, 4); // "ef" at 4, "gh" at 0
        assertEquals("def", readWindow(ring));
        ring.commitDequeue(2);
        assertEquals("f", readWindow(ring));
        ring.commitDequeue(1);
        assertEquals(0, ring.readWindowStart());
        assertEquals("gh", readWindow(ring));
    }

    @Test
    void writeWindowEndsAtTheReadPositionOnceWrapped() {
        RingBuffer ring = dots(6);
        ring.enqueueSlice(ascii("abcdef"), 0, 6);
        ring.dequeueSlice(new byte[2], 0, 2);
        assertEquals(0, ring.writeWindowStart());
        assertEquals(2, ring.writeWindowLength());
        assertEquals(2, ring.contiguousWindow());
        ring.commitEnqueue(2);
        assertTrue(ring.isFull());
        assertEquals(0, ring.writeWindowLength());
    }

    @Test
    void everyWriteEndOperationRewindsAnEmptyRing() {
        RingBuffer ring = dots(6);
        ring.enqueueSlice(ascii("abcd"), 0, 4);
        ring.dequeueSlice(new byte[4], 0, 4);
        assertEquals(4, ring.readWindowStart());
        assertEquals(6, ring.contiguousWindow());
        assertTrue(ring.enqueueOne((byte) 'x'));
        assertEquals(0, ring.readWindowStart());

        ring.dequeueOne();
        ring.enqueueSlice(ascii("yz"), 0, 2);
        assertEquals(0, ring.readWindowStart());

        ring.dequeueSlice(new byte[2], 0, 2);
        assertEquals(2, ring.readWindowStart());
        ring.commitEnqueue(0);
        assertEquals(0, ring.readWindowStart());

        ring.enqueueOne((byte) 'q');
        ring.dequeueOne();
        ring.clear();
        assertEquals(0, ring.readWindowStart());
    }

    /** TCP reception: out-of-order bytes staged past the end survive the application emptying the ring. */
    @Test
    void bytesStagedAheadKeepTheirPlaceWhileTheRingEmpties() {
        RingBuffer ring = dots(8);
        ring.enqueueSlice(ascii("abcd"), 0, 4);
        assertEquals(2, ring.writeUnallocated(2, ascii("IJ"), 0, 2)); // indices 6 and 7
        assertEquals(4, ring.dequeueSlice(new byte[4], 0, 4));
        assertTrue(ring.isEmpty());
        assertEquals(2, ring.writeUnallocated(0, ascii("GH"), 0, 2)); // the missing bytes, indices 4 and 5
        ring.enqueueUnallocated(4);
        byte[] out = new byte[4];
        assertEquals(4, ring.dequeueSlice(out, 0, 4));
        assertEquals("GHIJ", ascii(out, 0, 4));
    }

    @Test
    void writeUnallocatedWrapsClipsAndHonoursTheSourceOffset() {
        RingBuffer ring = dots(8);
        ring.enqueueSlice(ascii("abcdef"), 0, 6);
        ring.dequeueSlice(new byte[4], 0, 4); // data "ef" at 4..6, 6 free: 6, 7, 0..3
        assertEquals(5, ring.writeUnallocated(1, ascii("_VWXYZ!"), 1, 6));
        assertEquals("WXYZef.V", storage(ring));
        assertEquals(0, ring.writeUnallocated(6, ascii("Q"), 0, 1));
        assertEquals(0, ring.writeUnallocated(Integer.MAX_VALUE, ascii("Q"), 0, 1));
        assertEquals(0, ring.writeUnallocated(0, ascii("Q"), 0, 0));
        assertEquals(2, ring.length());
        ring.enqueueUnallocated(6);
        assertTrue(ring.isFull());
        byte[] out = new byte[8];
        assertEquals(8, ring.readAllocated(0, out, 0, 8));
        assertEquals("ef.VWXYZ", ascii(out, 0, 8));
    }

    @Test
    void readAllocatedAcrossTheWrapDoesNotConsume() {
        RingBuffer ring = dots(8);
        ring.enqueueSlice(ascii("abcdef"), 0, 6);
        ring.dequeueSlice(new byte[5], 0, 5);
        ring.enqueueSlice(ascii("ghijk"), 0, 5); // "f" at 5, "gh" at 6..8, "ijk" at 0..3
        byte[] out = ascii("------");
        assertEquals(4, ring.readAllocated(1, out, 1, 4));
        assertEquals("-ghij-", ascii(out, 0, 6));
        assertEquals(2, ring.readAllocated(4, out, 0, 6));
        assertEquals("jkhij-", ascii(out, 0, 6));
        assertEquals(0, ring.readAllocated(6, out, 0, 6));
        assertEquals(0, ring.readAllocated(Integer.MAX_VALUE, out, 0, 6));
        assertEquals(6, ring.length());

        ring.dequeueAllocated(3);
        assertEquals("ijk", allocated(ring, 0));
        ring.dequeueAllocated(3);
        assertTrue(ring.isEmpty());
    }

    @Test
    void inPlaceOffsetAccessGivesOneContiguousPieceAtATime() {
        RingBuffer ring = dots(8);
        ring.enqueueSlice(ascii("abcdefgh"), 0, 8);
        ring.dequeueAllocated(5);
        ring.enqueueSlice(ascii("ij"), 0, 2); // "fgh" at 5..8, "ij" at 0..2
        assertEquals(6, ring.allocatedStart(1));
        assertEquals(2, ring.allocatedLength(1));
        assertEquals("gh", allocated(ring, 1));
        assertEquals(0, ring.allocatedStart(3));
        assertEquals("ij", allocated(ring, 3));
        assertEquals(2, ring.allocatedStart(5));
        assertEquals(0, ring.allocatedLength(5));

        assertEquals(2, ring.unallocatedStart(0));
        assertEquals(3, ring.unallocatedLength(0));
        assertEquals(4, ring.unallocatedStart(2));
        assertEquals(1, ring.unallocatedLength(2));
        assertEquals(5, ring.unallocatedStart(3));
        assertEquals(0, ring.unallocatedLength(3));
    }

    // ------------------------------------------------------------ misuse

    static void assertThrowsWithMessage(Class<? extends Throwable> type, String message, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertEquals(message, thrown.getMessage());
    }

    @Test
    void constructorRejectsNegativeCapacityAndNullStorage() {
        assertThrowsWithMessage(IllegalArgumentException.class, "capacity must be >= 0, got -1",
                () -> new RingBuffer(-1));
        assertThrowsWithMessage(NullPointerException.class, "storage must not be null",
                () -> new RingBuffer(null));
    }

    @Test
    void committingMoreThanAWindowThrows() {
        RingBuffer ring = new RingBuffer(8);
        ring.enqueueSlice(new byte[6], 0, 6);
        ring.dequeueAllocated(4); // data 4..6, write window 6..8
        assertThrowsWithMessage(IllegalArgumentException.class,
                "commitEnqueue(3) exceeds the write window of 2 bytes", () -> ring.commitEnqueue(3));
        ring.commitEnqueue(2); // data 4..8, read window 4..8
        ring.enqueueSlice(new byte[2], 0, 2);
        assertThrowsWithMessage(IllegalArgumentException.class,
                "commitDequeue(5) exceeds the read window of 4 bytes", () -> ring.commitDequeue(5));
        assertThrowsWithMessage(IllegalArgumentException.class,
                "enqueueUnallocated(3) exceeds the 2 free bytes", () -> ring.enqueueUnallocated(3));
        assertThrowsWithMessage(IllegalArgumentException.class,
                "dequeueAllocated(7) exceeds the 6 readable bytes", () -> ring.dequeueAllocated(7));
        assertEquals(6, ring.length());
    }

    @Test
    void negativeCountsAndOffsetsThrow() {
        RingBuffer ring = new RingBuffer(8);
        byte[] buf = new byte[4];
        String count = "count must be >= 0, got -1";
        String offset = "offset must be >= 0, got -1";
        assertThrowsWithMessage(IllegalArgumentException.class, count, () -> ring.commitEnqueue(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, count, () -> ring.commitDequeue(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, count, () -> ring.enqueueUnallocated(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, count, () -> ring.dequeueAllocated(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.writeUnallocated(-1, buf, 0, 1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.readAllocated(-1, buf, 0, 1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.unallocatedStart(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.unallocatedLength(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.allocatedStart(-1));
        assertThrowsWithMessage(IllegalArgumentException.class, offset, () -> ring.allocatedLength(-1));
    }

    @Test
    void inPlaceStartsBeyondTheRegionThrow() {
        RingBuffer ring = new RingBuffer(8);
        ring.enqueueSlice(new byte[3], 0, 3);
        assertEquals(0, ring.unallocatedStart(5));
        assertThrowsWithMessage(IllegalArgumentException.class, "offset 6 is beyond the 5 free bytes",
                () -> ring.unallocatedStart(6));
        assertEquals(3, ring.allocatedStart(3));
        assertThrowsWithMessage(IllegalArgumentException.class, "offset 4 is beyond the 3 readable bytes",
                () -> ring.allocatedStart(4));
    }

    @Test
    void callerArrayRangesAreChecked() {
        RingBuffer ring = new RingBuffer(8);
        byte[] buf = new byte[4];
        assertThrowsWithMessage(NullPointerException.class, "src must not be null",
                () -> ring.enqueueSlice(null, 0, 0));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "src range off=-1 len=2 is outside an array of length 4", () -> ring.enqueueSlice(buf, -1, 2));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "src range off=3 len=2 is outside an array of length 4", () -> ring.writeUnallocated(0, buf, 3, 2));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "dst range off=0 len=-1 is outside an array of length 4", () -> ring.dequeueSlice(buf, 0, -1));
        assertThrowsWithMessage(IndexOutOfBoundsException.class,
                "dst range off=1 len=2147483647 is outside an array of length 4",
                () -> ring.readAllocated(0, buf, 1, Integer.MAX_VALUE));
        assertThrowsWithMessage(NullPointerException.class, "dst must not be null",
                () -> ring.readAllocated(0, null, 0, 0));
        assertTrue(ring.isEmpty());
    }
}
