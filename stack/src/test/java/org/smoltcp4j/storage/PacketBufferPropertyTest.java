package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.storage.PacketBuffer.EMPTY;
import static org.smoltcp4j.storage.PacketBuffer.FULL;
import static org.smoltcp4j.storage.PacketBuffer.TOO_LARGE;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random operation sequences applied to a {@link PacketBuffer} and to a reference model — an
 * {@code ArrayDeque} of entries (packets with their bytes and metadata words, and padding) over a
 * payload array described only by a read position and a used count — must agree on every decision
 * (slot, payload position, {@code FULL}, {@code TOO_LARGE}), on every dequeued packet, and on the
 * state after every step. The model decides with smoltcp's padding rule, stated directly: a packet
 * goes right after the data if it fits before the end of the array, otherwise at index 0 behind a
 * padding entry, if it fits there and two slots are free.
 */
class PacketBufferPropertyTest {

    static final int WORDS = 2;

    sealed interface Op {
    }

    record Enqueue(int size, long seed) implements Op {
    }

    record EnqueueCopy(int size, long seed) implements Op {
    }

    record Peek() implements Op {
    }

    record Dequeue() implements Op {
    }

    record DequeueCopy(int maxLen) implements Op {
    }

    record Reset() implements Op {
    }

    record Entry(int slot, int start, int size, boolean padding, byte[] data, long[] words) {
    }

    static final class Model {
        final int slots;
        final int capacity;
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        int head;
        int readAt;
        int used;

        Model(int slots, int capacity) {
            this.slots = slots;
            this.capacity = capacity;
        }

        int nextSlot(int extra) {
            return (head + entries.size() + extra) % slots;
        }

        /** Returns the expected status or slot, and records the packet (and padding) if accepted. */
        int enqueue(int size, byte[] data, long[] words) {
            if (size > capacity) {
                return TOO_LARGE;
            }
            int freeSlots = slots - entries.size();
            int free = capacity - used;
            if (freeSlots == 0 || size > free) {
                return FULL;
            }
            if (used == 0) {
                readAt = 0;
            }
            int writeAt = (readAt + used) % Math.max(capacity, 1);
            int beforeEnd = used == 0 ? capacity : Math.min(free, capacity - writeAt);
            if (size > beforeEnd) {
                int beforeData = free - beforeEnd;
                if (size > beforeData || freeSlots < 2) {
                    return FULL;
                }
                entries.addLast(new Entry(nextSlot(0), writeAt, beforeEnd, true, null, null));
                used += beforeEnd;
                writeAt = 0;
            }
            int slot = nextSlot(0);
            entries.addLast(new Entry(slot, writeAt, size, false, data, words));
            used += size;
            return slot;
        }

        int peek() {
            while (!entries.isEmpty() && entries.peekFirst().padding()) {
                remove();
            }
            return entries.isEmpty() ? EMPTY : entries.peekFirst().slot();
        }

        Entry dequeue() {
            return peek() == EMPTY ? null : remove();
        }

        private Entry remove() {
            Entry first = entries.removeFirst();
            head = (head + 1) % slots;
            used -= first.size();
            readAt = capacity == 0 ? 0 : (readAt + first.size()) % capacity;
            return first;
        }

        void reset() {
            entries.clear();
            head = 0;
            readAt = 0;
            used = 0;
        }

        int packets() {
            return (int) entries.stream().filter(e -> !e.padding()).count();
        }
    }

    @Property(tries = 1000)
    void agreesWithTheModel(@ForAll @IntRange(max = 6) int slots, @ForAll @IntRange(max = 24) int capacity,
            @ForAll("operations") List<Op> ops) {
        PacketBuffer buffer = new PacketBuffer(slots, capacity, WORDS);
        Model model = new Model(slots, capacity);
        for (Op op : ops) {
            apply(op, buffer, model);
            assertSameState(buffer, model);
        }
    }

    private static void apply(Op op, PacketBuffer buffer, Model model) {
        if (op instanceof Enqueue e) {
            byte[] data = bytes(e.size(), e.seed());
            long[] words = {e.seed(), ~e.seed()};
            int expected = model.enqueue(e.size(), data, words);
            int slot = buffer.enqueue(e.size());
            assertEquals(expected, slot);
            if (slot >= 0) {
                assertEquals(model.entries.peekLast().start(), buffer.payloadStart(slot));
                assertEquals(e.size(), buffer.payloadLength(slot));
                System.arraycopy(data, 0, buffer.payloadStorage(), buffer.payloadStart(slot), data.length);
                buffer.setMetadata(slot, 0, words[0]);
                buffer.setMetadata(slot, 1, words[1]);
            }
        } else if (op instanceof EnqueueCopy e) {
            byte[] data = bytes(e.size(), e.seed());
            byte[] src = new byte[data.length + 3];
            System.arraycopy(data, 0, src, 3, data.length);
            int expected = model.enqueue(e.size(), data, new long[WORDS]);
            assertEquals(expected, buffer.enqueue(src, 3, data.length));
        } else if (op instanceof Peek) {
            assertEquals(model.peek(), buffer.peek());
        } else if (op instanceof Dequeue) {
            int expectedSlot = model.peek();
            assertEquals(expectedSlot, buffer.peek());
            if (expectedSlot != EMPTY) {
                assertPacket(buffer, model.entries.peekFirst());
            }
            Entry removed = model.dequeue();
            assertEquals(removed == null ? EMPTY : removed.size(), buffer.dequeue());
        } else if (op instanceof DequeueCopy d) {
            byte[] out = new byte[d.maxLen() + 1];
            Entry removed = model.dequeue();
            assertEquals(removed == null ? EMPTY : removed.size(), buffer.dequeue(out, 1, d.maxLen()));
            if (removed != null) {
                int copied = Math.min(d.maxLen(), removed.size());
                assertArrayEquals(Arrays.copyOf(removed.data(), copied), Arrays.copyOfRange(out, 1, 1 + copied));
            }
        } else if (op instanceof Reset) {
            buffer.reset();
            model.reset();
        }
    }

    private static void assertSameState(PacketBuffer buffer, Model model) {
        int packets = model.packets();
        assertEquals(packets, buffer.packetCount());
        assertEquals(packets == 0, buffer.isEmpty());
        assertEquals(model.entries.size() == model.slots, buffer.isFull());
        assertEquals(model.capacity - model.used, buffer.window());
        assertEquals(model.capacity, buffer.payloadCapacity());
        assertEquals(model.slots, buffer.metadataCapacity());
        // No packet lost, moved or overwritten; each is one contiguous piece of the array.
        for (Entry entry : model.entries) {
            if (!entry.padding()) {
                assertPacket(buffer, entry);
            }
        }
    }

    private static void assertPacket(PacketBuffer buffer, Entry entry) {
        int slot = entry.slot();
        int start = buffer.payloadStart(slot);
        assertEquals(entry.start(), start);
        assertEquals(entry.size(), buffer.payloadLength(slot));
        assertTrue(start + entry.size() <= buffer.payloadCapacity() || entry.size() == 0);
        assertArrayEquals(entry.data(), Arrays.copyOfRange(buffer.payloadStorage(), start, start + entry.size()));
        for (int w = 0; w < WORDS; w++) {
            assertEquals(entry.words()[w], buffer.metadata(slot, w));
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(0, 28);
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(4, sizes.flatMap(size -> seeds.map(seed -> (Op) new Enqueue(size, seed)))),
                Tuple.of(2, sizes.flatMap(size -> seeds.map(seed -> (Op) new EnqueueCopy(size, seed)))),
                Tuple.of(1, Arbitraries.just(new Peek())),
                Tuple.of(3, Arbitraries.just(new Dequeue())),
                Tuple.of(2, sizes.map(DequeueCopy::new)),
                Tuple.of(1, Arbitraries.just(new Reset())));
        return op.list().ofMaxSize(80);
    }
}
