package org.smoltcp4j.storage;

/**
 * A queue of packets, as smoltcp's {@code PacketBuffer}: a ring of metadata slots plus a payload
 * {@link RingBuffer}, in which every packet's payload is one contiguous region of
 * {@link #payloadStorage()}.
 *
 * <p>Each slot holds a packet's payload position and size and a fixed number of {@code long}
 * metadata words chosen at construction (sockets keep endpoints there: an IPv4 address and port in
 * one word, an IPv6 address in two). A slot index returned by {@link #enqueue(int)} or {@link #peek()}
 * names its packet until the packet is dequeued.
 *
 * <p>When a packet does not fit in the free space left at the end of the payload array but does fit
 * at its start, the end is filled with a padding entry, which takes a metadata slot of its own until
 * it reaches the front of the queue and is dropped. A packet is therefore refused ({@link #FULL})
 * when there is no free slot (two, if padding is needed) or not enough contiguous payload space, and
 * refused for good ({@link #TOO_LARGE}) when it is larger than the whole payload array. Both are
 * return values, not exceptions; so is an empty queue ({@link #EMPTY}). Zero-size packets are fine.
 * Nothing here allocates after construction.
 */
public final class PacketBuffer {

    /** Status from {@code enqueue}: no room for this packet now; it may fit once packets are dequeued. */
    public static final int FULL = -1;
    /** Status from {@code enqueue}: the packet is larger than the payload capacity and can never fit. */
    public static final int TOO_LARGE = -2;
    /** Result of {@link #peek()} and the {@code dequeue} methods when no packet is queued. */
    public static final int EMPTY = -1;

    private final RingBuffer payload;
    private final int[] sizes;
    private final int[] starts;
    private final boolean[] padding;
    /** Metadata words, {@code metadataWords} per slot, slot-major. */
    private final long[] words;
    private final int metadataWords;
    /** Slot of the front entry (packet or padding). */
    private int head;
    /** Number of occupied slots, padding included. */
    private int entries;
    private int paddingEntries;

    /**
     * Creates an empty buffer with {@code metadataSlots} slots of {@code metadataWords} words each
     * and a payload ring of {@code payloadCapacity} bytes. All three may be 0.
     */
    public PacketBuffer(int metadataSlots, int payloadCapacity, int metadataWords) {
        this(metadataSlots, new RingBuffer(checkedCapacity(payloadCapacity)), metadataWords);
    }

    /**
     * Creates an empty buffer whose payload ring uses the caller's {@code payloadStorage}, which the
     * buffer then owns.
     */
    public PacketBuffer(int metadataSlots, byte[] payloadStorage, int metadataWords) {
        this(metadataSlots, new RingBuffer(checkedStorage(payloadStorage)), metadataWords);
    }

    private PacketBuffer(int metadataSlots, RingBuffer payload, int metadataWords) {
        Checks.nonNegative("metadataSlots", metadataSlots);
        Checks.nonNegative("metadataWords", metadataWords);
        if (metadataSlots > 0 && metadataWords > Integer.MAX_VALUE / metadataSlots) {
            throw new IllegalArgumentException("metadataSlots * metadataWords is too large: " + metadataSlots
                    + " * " + metadataWords);
        }
        this.payload = payload;
        this.sizes = new int[metadataSlots];
        this.starts = new int[metadataSlots];
        this.padding = new boolean[metadataSlots];
        this.words = new long[metadataSlots * metadataWords];
        this.metadataWords = metadataWords;
    }

    private static int checkedCapacity(int payloadCapacity) {
        Checks.nonNegative("payloadCapacity", payloadCapacity);
        return payloadCapacity;
    }

    private static byte[] checkedStorage(byte[] payloadStorage) {
        if (payloadStorage == null) {
            throw new NullPointerException("payloadStorage must not be null");
        }
        return payloadStorage;
    }

    // ---------------------------------------------------------------- enqueue

    /**
     * Reserves a slot and {@code size} contiguous payload bytes for a new packet at the back of the
     * queue, inserting padding first if the free space at the end of the array is too short.
     * The caller then fills {@link #payloadStorage()} from {@link #payloadStart(int)} and sets the
     * metadata words, which start as 0.
     *
     * @return the packet's slot (>= 0), {@link #FULL} or {@link #TOO_LARGE}; on failure nothing changes
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public int enqueue(int size) {
        Checks.nonNegative("size", size);
        if (size > payload.capacity()) {
            return TOO_LARGE;
        }
        int freeSlots = sizes.length - entries;
        if (freeSlots == 0 || size > payload.window()) {
            return FULL;
        }
        int atEnd = payload.contiguousWindow();
        if (size > atEnd) {
            // The packet must start at index 0: the bytes at the end become padding, in a slot of
            // its own, and the packet must fit in what is free before the data.
            if (size > payload.window() - atEnd || freeSlots < 2) {
                return FULL;
            }
            int paddingSlot = push(payload.writeWindowStart(), atEnd);
            padding[paddingSlot] = true;
            paddingEntries++;
            payload.commitEnqueue(atEnd);
        }
        int slot = push(payload.writeWindowStart(), size);
        payload.commitEnqueue(size);
        for (int i = slot * metadataWords, end = i + metadataWords; i < end; i++) {
            words[i] = 0;
        }
        return slot;
    }

    /**
     * Enqueues a packet holding a copy of {@code src[off, off + len)}, as {@link #enqueue(int)}.
     *
     * @return the packet's slot (>= 0), {@link #FULL} or {@link #TOO_LARGE}
     */
    public int enqueue(byte[] src, int off, int len) {
        Checks.arrayRange("src", src, off, len);
        int slot = enqueue(len);
        if (slot >= 0) {
            System.arraycopy(src, off, payload.storage(), starts[slot], len);
        }
        return slot;
    }

    /** Sets metadata word {@code word} of the packet in {@code slot}. */
    public void setMetadata(int slot, int word, long value) {
        words[wordIndex(slot, word)] = value;
    }

    // ---------------------------------------------------------------- dequeue

    /**
     * Returns the slot of the packet at the front of the queue, or {@link #EMPTY}. Drops padding in
     * front of it, which is why this is not a pure query.
     */
    public int peek() {
        while (entries > 0 && padding[head]) {
            payload.dequeueAllocated(sizes[head]);
            padding[head] = false;
            paddingEntries--;
            pop();
        }
        return entries == 0 ? EMPTY : head;
    }

    /** Returns metadata word {@code word} of the packet in {@code slot}. */
    public long metadata(int slot, int word) {
        return words[wordIndex(slot, word)];
    }

    /**
     * Removes the front packet. Read its payload and metadata first (through {@link #peek()}); they
     * are released by this call.
     *
     * @return the removed packet's length, or {@link #EMPTY}
     */
    public int dequeue() {
        int slot = peek();
        if (slot == EMPTY) {
            return EMPTY;
        }
        int size = sizes[slot];
        payload.dequeueAllocated(size);
        pop();
        return size;
    }

    /**
     * Removes the front packet, copying at most {@code maxLen} bytes of its payload into
     * {@code dst[off, ...)}. Read its metadata first (through {@link #peek()}).
     *
     * @return the packet's full length, which exceeds {@code maxLen} when the copy was truncated
     *         (the rest of the packet is dropped), or {@link #EMPTY}
     */
    public int dequeue(byte[] dst, int off, int maxLen) {
        Checks.arrayRange("dst", dst, off, maxLen);
        int slot = peek();
        if (slot == EMPTY) {
            return EMPTY;
        }
        System.arraycopy(payload.storage(), starts[slot], dst, off, Math.min(maxLen, sizes[slot]));
        return dequeue();
    }

    // ---------------------------------------------------------------- packet access

    /** Returns the index in {@link #payloadStorage()} where the payload of the packet in {@code slot} starts. */
    public int payloadStart(int slot) {
        checkPacketSlot(slot);
        return starts[slot];
    }

    /** Returns the payload length of the packet in {@code slot}. */
    public int payloadLength(int slot) {
        checkPacketSlot(slot);
        return sizes[slot];
    }

    /** Returns the payload array; each packet occupies {@code payloadLength(slot)} bytes of it from {@code payloadStart(slot)}. */
    public byte[] payloadStorage() {
        return payload.storage();
    }

    // ---------------------------------------------------------------- state

    /** Returns whether no packet is queued. */
    public boolean isEmpty() {
        return entries == paddingEntries;
    }

    /** Returns whether every metadata slot is taken (padding included), so no packet can be enqueued. */
    public boolean isFull() {
        return entries == sizes.length;
    }

    /** Returns the number of queued packets (padding not counted). */
    public int packetCount() {
        return entries - paddingEntries;
    }

    /** Returns the number of metadata slots: the most packets the buffer can hold. */
    public int metadataCapacity() {
        return sizes.length;
    }

    /** Returns the number of metadata words per slot. */
    public int metadataWords() {
        return metadataWords;
    }

    /** Returns the size of the payload array: the most payload bytes the buffer can hold. */
    public int payloadCapacity() {
        return payload.capacity();
    }

    /**
     * Returns the free payload bytes. A packet of this size may still be refused when the free space
     * is split by the wrap; {@link #enqueue(int)} decides.
     */
    public int window() {
        return payload.window();
    }

    /** Drops every packet and padding entry. */
    public void reset() {
        payload.clear();
        for (int i = 0; i < padding.length; i++) {
            padding[i] = false;
        }
        head = 0;
        entries = 0;
        paddingEntries = 0;
    }

    // ---------------------------------------------------------------- internals

    /** Appends an entry for {@code size} payload bytes from {@code start}; the caller checked there is a free slot. */
    private int push(int start, int size) {
        int slot = slotAt(entries);
        starts[slot] = start;
        sizes[slot] = size;
        entries++;
        return slot;
    }

    private void pop() {
        head = slotAt(1);
        entries--;
    }

    private int slotAt(int distance) {
        int slot = head + distance;
        return slot >= sizes.length ? slot - sizes.length : slot;
    }

    private int wordIndex(int slot, int word) {
        checkPacketSlot(slot);
        if (word < 0 || word >= metadataWords) {
            throw new IndexOutOfBoundsException("metadata word " + word + " is outside 0.." + (metadataWords - 1));
        }
        return slot * metadataWords + word;
    }

    private void checkPacketSlot(int slot) {
        if (slot < 0 || slot >= sizes.length) {
            throw new IndexOutOfBoundsException("slot " + slot + " is outside 0.." + (sizes.length - 1));
        }
        int distance = slot >= head ? slot - head : slot + sizes.length - head;
        if (distance >= entries || padding[slot]) {
            throw new IllegalArgumentException("slot " + slot + " holds no queued packet");
        }
    }
}
