package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random operation sequences applied to a {@link RingBuffer} and to a reference model — an
 * {@code ArrayDeque<Byte>} for the data plus what is known of the bytes staged in the free space —
 * must agree on every result and on the contents after every step.
 */
class RingBufferPropertyTest {

    sealed interface Op {
    }

    record EnqueueOne(byte value) implements Op {
    }

    record DequeueOne() implements Op {
    }

    record EnqueueSlice(byte[] data, int off) implements Op {
    }

    record DequeueSlice(int len) implements Op {
    }

    record WriteWindow(int count, byte seed) implements Op {
    }

    record ReadWindow(int count) implements Op {
    }

    record WriteUnallocated(int offset, byte[] data) implements Op {
    }

    record EnqueueUnallocated(int count) implements Op {
    }

    record ReadAllocated(int offset, int len) implements Op {
    }

    record DequeueAllocated(int count) implements Op {
    }

    record Clear() implements Op {
    }

    /** The reference: readable bytes in order, and the bytes known to sit in the free space. */
    static final class Model {
        final int capacity;
        final ArrayDeque<Byte> data = new ArrayDeque<>();
        /** staged[o] is the byte o places past the end of the data, if known[o]. */
        final byte[] staged;
        final boolean[] known;
        /** Index of the first readable byte in the array, as smoltcp places it. */
        int readAt;

        Model(int capacity) {
            this.capacity = capacity;
            this.staged = new byte[capacity];
            this.known = new boolean[capacity];
        }

        int window() {
            return capacity - data.size();
        }

        /** A write-end operation on an empty ring rewinds it, so staged bytes are no longer where they were. */
        void writeEndOperation() {
            if (data.isEmpty()) {
                Arrays.fill(known, false);
                readAt = 0;
            }
        }

        byte removeFirst() {
            readAt = (readAt + 1) % capacity;
            return data.removeFirst();
        }

        int contiguousWindow() {
            return data.isEmpty() ? capacity : Math.min(window(), capacity - (readAt + data.size()) % capacity);
        }

        int readWindowLength() {
            return Math.min(data.size(), capacity - readAt);
        }

        /** Appends bytes that overwrite the start of the free space. */
        void append(byte value) {
            data.addLast(value);
            shiftStaged();
        }

        /** Makes the first staged byte readable. */
        void enqueueStaged() {
            data.addLast(staged[0]);
            shiftStaged();
        }

        private void shiftStaged() {
            System.arraycopy(staged, 1, staged, 0, capacity - 1);
            System.arraycopy(known, 1, known, 0, capacity - 1);
            known[capacity - 1] = false;
        }

        int knownPrefix() {
            int n = 0;
            while (n < window() && known[n]) {
                n++;
            }
            return n;
        }

        byte at(int index) {
            int i = 0;
            for (byte b : data) {
                if (i++ == index) {
                    return b;
                }
            }
            throw new IndexOutOfBoundsException(index);
        }

        void clear() {
            readAt = 0;
            data.clear();
            Arrays.fill(known, false);
        }
    }

    @Property(tries = 1000)
    void agreesWithTheModel(@ForAll @IntRange(max = 20) int capacity, @ForAll("operations") List<Op> ops) {
        RingBuffer ring = new RingBuffer(capacity);
        Model model = new Model(capacity);
        for (Op op : ops) {
            apply(op, ring, model);
            assertSameState(ring, model);
        }
    }

    @Property(tries = 200)
    void agreesWithTheModelOverCallerStorage(@ForAll @IntRange(min = 1, max = 8) int capacity,
            @ForAll("operations") List<Op> ops) {
        RingBuffer ring = new RingBuffer(new byte[capacity]);
        Model model = new Model(capacity);
        for (Op op : ops) {
            apply(op, ring, model);
            assertSameState(ring, model);
        }
    }

    private static void apply(Op op, RingBuffer ring, Model model) {
        byte[] storage = ring.storage();
        if (op instanceof EnqueueOne o) {
            byte value = o.value();
            boolean fits = model.window() > 0;
            assertEquals(fits, ring.enqueueOne(value));
            if (fits) {
                model.writeEndOperation();
                model.append(value);
            }
        } else if (op instanceof DequeueOne) {
            int expected = model.data.isEmpty() ? -1 : model.removeFirst() & 0xFF;
            assertEquals(expected, ring.dequeueOne());
        } else if (op instanceof EnqueueSlice o) {
            byte[] data = o.data();
            int off = o.off();
            int len = data.length - off;
            int expected = Math.min(len, model.window());
            assertEquals(expected, ring.enqueueSlice(data, off, len));
            model.writeEndOperation();
            for (int i = 0; i < expected; i++) {
                model.append(data[off + i]);
            }
        } else if (op instanceof DequeueSlice o) {
            int len = o.len();
            byte[] out = new byte[len + 2];
            int expected = Math.min(len, model.data.size());
            assertEquals(expected, ring.dequeueSlice(out, 1, len));
            for (int i = 0; i < expected; i++) {
                assertEquals(model.removeFirst(), out[1 + i]);
            }
        } else if (op instanceof WriteWindow o) {
            int count = o.count();
            byte seed = o.seed();
            int expectedStart = model.data.isEmpty() ? 0 : ring.allocatedStart(model.data.size());
            int expectedLength = ring.contiguousWindow();
            int start = ring.writeWindowStart();
            model.writeEndOperation();
            assertEquals(expectedStart, start);
            assertEquals(expectedLength, ring.writeWindowLength());
            int n = Math.min(count, expectedLength);
            for (int i = 0; i < n; i++) {
                storage[start + i] = (byte) (seed + i);
                model.append((byte) (seed + i));
            }
            ring.commitEnqueue(n);
        } else if (op instanceof ReadWindow o) {
            int count = o.count();
            int start = ring.readWindowStart();
            int n = Math.min(count, ring.readWindowLength());
            for (int i = 0; i < n; i++) {
                assertEquals(model.removeFirst(), storage[start + i]);
            }
            ring.commitDequeue(n);
        } else if (op instanceof WriteUnallocated o) {
            int offset = o.offset();
            byte[] data = o.data();
            int expected = offset >= model.window() ? 0 : Math.min(data.length, model.window() - offset);
            assertEquals(expected, ring.writeUnallocated(offset, data, 0, data.length));
            for (int i = 0; i < expected; i++) {
                model.staged[offset + i] = data[i];
                model.known[offset + i] = true;
            }
        } else if (op instanceof EnqueueUnallocated o) {
            int count = o.count();
            int n = Math.min(count, model.knownPrefix());
            ring.enqueueUnallocated(n);
            for (int i = 0; i < n; i++) {
                model.enqueueStaged();
            }
        } else if (op instanceof ReadAllocated o) {
            int offset = o.offset();
            int len = o.len();
            byte[] out = new byte[len];
            int size = model.data.size();
            int expected = offset >= size ? 0 : Math.min(len, size - offset);
            assertEquals(expected, ring.readAllocated(offset, out, 0, len));
            for (int i = 0; i < expected; i++) {
                assertEquals(model.at(offset + i), out[i]);
            }
        } else if (op instanceof DequeueAllocated o) {
            int count = o.count();
            int n = Math.min(count, model.data.size());
            ring.dequeueAllocated(n);
            for (int i = 0; i < n; i++) {
                model.removeFirst();
            }
        } else if (op instanceof Clear) {
            ring.clear();
            model.clear();
        }
    }

    private static void assertSameState(RingBuffer ring, Model model) {
        int length = model.data.size();
        int capacity = model.capacity;
        assertEquals(capacity, ring.capacity());
        assertEquals(length, ring.length());
        assertEquals(capacity - length, ring.window());
        assertEquals(length == 0, ring.isEmpty());
        assertEquals(length == capacity, ring.isFull());

        int contiguous = ring.contiguousWindow();
        assertEquals(model.contiguousWindow(), contiguous);
        assertEquals(contiguous, ring.writeWindowLength());
        assertEquals(model.readAt, ring.readWindowStart());
        assertEquals(model.readWindowLength(), ring.readWindowLength());
        assertTrue(contiguous <= ring.window());
        assertTrue(ring.window() == 0 || contiguous > 0, "free space is reachable");
        if (length == 0) {
            assertEquals(capacity, contiguous, "an empty ring offers the whole array");
        }
        int readWindow = ring.readWindowLength();
        assertTrue(readWindow <= length && (length == 0 || readWindow > 0));
        assertEquals(Math.min(readWindow, ring.allocatedLength(0)), readWindow);

        // Contents, byte by byte through the in-place accessors and in one piece through readAllocated.
        byte[] storage = ring.storage();
        byte[] copy = new byte[length];
        assertEquals(length, ring.readAllocated(0, copy, 0, length));
        int i = 0;
        for (byte expected : model.data) {
            assertEquals(expected, storage[ring.allocatedStart(i)], "byte " + i);
            assertEquals(expected, copy[i]);
            i++;
        }
        for (int o = 0; o < model.window(); o++) {
            if (model.known[o]) {
                assertEquals(model.staged[o], storage[ring.unallocatedStart(o)], "staged byte " + o);
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 24);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        Arbitrary<Op> op = Arbitraries.oneOf(
                Arbitraries.bytes().map(EnqueueOne::new),
                Arbitraries.just(new DequeueOne()),
                bytes.flatMap(data -> Arbitraries.integers().between(0, data.length)
                        .map(off -> new EnqueueSlice(data, off))),
                small.map(DequeueSlice::new),
                Combinators.combine(small, Arbitraries.bytes()).as(WriteWindow::new),
                small.map(ReadWindow::new),
                Combinators.combine(small, bytes).as(WriteUnallocated::new),
                small.map(EnqueueUnallocated::new),
                Combinators.combine(small, small).as(ReadAllocated::new),
                small.map(DequeueAllocated::new),
                Arbitraries.just(new Clear()));
        return op.list().ofMaxSize(80);
    }
}
