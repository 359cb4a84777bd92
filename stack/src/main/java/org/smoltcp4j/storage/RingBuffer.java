package org.smoltcp4j.storage;

/**
 * A ring of bytes over one fixed array, as smoltcp's {@code RingBuffer<u8>}.
 *
 * <p>The buffer holds {@link #length()} readable ("allocated") bytes starting at the read position;
 * the other {@link #window()} bytes are free ("unallocated"). It offers three ways in:
 * <ul>
 * <li>single bytes: {@link #enqueueOne}, {@link #dequeueOne};</li>
 * <li>copies of many bytes, wrapping as needed: {@link #enqueueSlice}, {@link #dequeueSlice};</li>
 * <li>in-place access to the backing array {@link #storage()} without copies: the contiguous write
 * window ({@link #writeWindowStart}, {@link #writeWindowLength}, {@link #commitEnqueue}), the contiguous
 * read window ({@link #readWindowStart}, {@link #readWindowLength}, {@link #commitDequeue}), and
 * random access at an offset, which TCP needs for retransmission and out-of-order data
 * ({@link #writeUnallocated}, {@link #enqueueUnallocated}, {@link #readAllocated},
 * {@link #dequeueAllocated}, and their in-place forms {@link #unallocatedStart}/{@link #unallocatedLength},
 * {@link #allocatedStart}/{@link #allocatedLength}).</li>
 * </ul>
 *
 * <p><b>Rewinding.</b> Like smoltcp, the write-end operations ({@link #enqueueOne}, {@link #enqueueSlice},
 * {@link #writeWindowStart}, {@link #commitEnqueue}) move an empty ring back to index 0, so that the
 * whole array is one contiguous window. The offset operations never do: bytes staged ahead of the data
 * with {@link #writeUnallocated} keep their place and become readable through {@link #enqueueUnallocated}.
 * A user that stages bytes that way must not use the write-end operations while the ring is empty.
 *
 * <p>A full or empty ring is normal and reported by return values; a capacity of 0 is allowed (the
 * ring is then empty and full at once). Misuse — negative counts, committing more than a window holds,
 * array ranges outside the caller's array — throws with a message naming the values. Nothing here
 * allocates after construction.
 */
public final class RingBuffer {

    private final byte[] storage;
    /** Index of the first readable byte; always in {@code [0, capacity)}, or 0 when capacity is 0. */
    private int readAt;
    private int length;

    /** Creates an empty ring over a new array of {@code capacity} bytes. */
    public RingBuffer(int capacity) {
        Checks.nonNegative("capacity", capacity);
        this.storage = new byte[capacity];
    }

    /** Creates an empty ring over the caller's {@code storage}, which the ring then owns. */
    public RingBuffer(byte[] storage) {
        if (storage == null) {
            throw new NullPointerException("storage must not be null");
        }
        this.storage = storage;
    }

    /** Returns the size of the backing array: the most bytes the ring can hold. */
    public int capacity() {
        return storage.length;
    }

    /** Returns the number of readable bytes. */
    public int length() {
        return length;
    }

    /** Returns the number of free bytes. */
    public int window() {
        return storage.length - length;
    }

    /**
     * Returns the number of free bytes that can be written at the write end without wrapping, taking
     * into account that an empty ring rewinds to index 0 on the next write-end operation. Equal to
     * {@link #writeWindowLength()}.
     */
    public int contiguousWindow() {
        if (length == 0) {
            return storage.length;
        }
        return Math.min(window(), storage.length - index(length));
    }

    /** Returns whether no byte is readable. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** Returns whether no byte is free. */
    public boolean isFull() {
        return length == storage.length;
    }

    /** Empties the ring and rewinds it to index 0; the array contents are left as they are. */
    public void clear() {
        readAt = 0;
        length = 0;
    }

    /**
     * Returns the backing array, for in-place access through the window and offset methods. Its bytes
     * outside the windows those methods report belong to the ring and must not be written.
     */
    public byte[] storage() {
        return storage;
    }

    // ---------------------------------------------------------------- single bytes

    /** Appends {@code value}; returns false, changing nothing, when the ring is full. */
    public boolean enqueueOne(byte value) {
        if (isFull()) {
            return false;
        }
        rewindIfEmpty();
        storage[index(length)] = value;
        length++;
        return true;
    }

    /** Removes the first byte and returns it as 0..255, or returns -1 when the ring is empty. */
    public int dequeueOne() {
        if (length == 0) {
            return -1;
        }
        int value = storage[readAt] & 0xFF;
        advanceRead(1);
        return value;
    }

    // ---------------------------------------------------------------- copies

    /**
     * Appends as many of {@code src[off, off + len)} as there is room for, wrapping around the end of
     * the array, and returns how many were appended (0 when full).
     */
    public int enqueueSlice(byte[] src, int off, int len) {
        Checks.arrayRange("src", src, off, len);
        rewindIfEmpty();
        int written = writeUnallocated(0, src, off, len);
        length += written;
        return written;
    }

    /**
     * Removes up to {@code len} bytes into {@code dst[off, ...)}, wrapping around the end of the array,
     * and returns how many were removed (0 when empty).
     */
    public int dequeueSlice(byte[] dst, int off, int len) {
        Checks.arrayRange("dst", dst, off, len);
        int read = readAllocated(0, dst, off, len);
        advanceRead(read);
        return read;
    }

    // ---------------------------------------------------------------- in-place windows

    /**
     * Returns the index in {@link #storage()} where the contiguous write window starts; an empty ring
     * is first rewound to index 0. Write up to {@link #writeWindowLength()} bytes there, then
     * {@link #commitEnqueue} them.
     */
    public int writeWindowStart() {
        rewindIfEmpty();
        return index(length);
    }

    /** Returns the length of the contiguous write window; the same as {@link #contiguousWindow()}. */
    public int writeWindowLength() {
        return contiguousWindow();
    }

    /**
     * Makes the first {@code count} bytes of the write window readable.
     *
     * @throws IllegalArgumentException if {@code count} is negative or larger than the write window
     */
    public void commitEnqueue(int count) {
        Checks.nonNegative("count", count);
        int windowLength = contiguousWindow();
        if (count > windowLength) {
            throw new IllegalArgumentException("commitEnqueue(" + count + ") exceeds the write window of "
                    + windowLength + " bytes");
        }
        rewindIfEmpty();
        length += count;
    }

    /**
     * Returns the index in {@link #storage()} of the first readable byte, where the contiguous read
     * window of {@link #readWindowLength()} bytes starts.
     */
    public int readWindowStart() {
        return readAt;
    }

    /** Returns the number of readable bytes from {@link #readWindowStart()} up to the end of the array. */
    public int readWindowLength() {
        return Math.min(length, storage.length - readAt);
    }

    /**
     * Removes the first {@code count} bytes of the read window.
     *
     * @throws IllegalArgumentException if {@code count} is negative or larger than the read window
     */
    public void commitDequeue(int count) {
        Checks.nonNegative("count", count);
        int windowLength = readWindowLength();
        if (count > windowLength) {
            throw new IllegalArgumentException("commitDequeue(" + count + ") exceeds the read window of "
                    + windowLength + " bytes");
        }
        advanceRead(count);
    }

    // ---------------------------------------------------------------- offset access to free space

    /**
     * Returns the index in {@link #storage()} of the free byte {@code offset} bytes past the end of the
     * data. Together with {@link #unallocatedLength(int)} it gives in-place access to free space.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or larger than {@link #window()}
     */
    public int unallocatedStart(int offset) {
        checkOffset(offset, window(), "free");
        return index(length + offset);
    }

    /**
     * Returns how many free bytes lie contiguously in the array from {@code offset} bytes past the end
     * of the data: 0 if {@code offset} is at or beyond the end of the free space.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public int unallocatedLength(int offset) {
        Checks.nonNegative("offset", offset);
        int free = window();
        if (offset >= free) {
            return 0;
        }
        return Math.min(free - offset, storage.length - index(length + offset));
    }

    /**
     * Copies {@code src[off, off + len)} into the free space starting {@code offset} bytes past the end
     * of the data, wrapping around the array and clipped to the free space, without making the bytes
     * readable (see {@link #enqueueUnallocated}). Returns the number of bytes written.
     */
    public int writeUnallocated(int offset, byte[] src, int off, int len) {
        Checks.nonNegative("offset", offset);
        Checks.arrayRange("src", src, off, len);
        int free = window();
        return copy(length + offset, offset >= free ? 0 : free - offset, src, off, len, true);
    }

    /**
     * Makes the first {@code count} free bytes readable, as they are (typically after
     * {@link #writeUnallocated}). Never rewinds the ring.
     *
     * @throws IllegalArgumentException if {@code count} is negative or larger than {@link #window()}
     */
    public void enqueueUnallocated(int count) {
        Checks.nonNegative("count", count);
        if (count > window()) {
            throw new IllegalArgumentException("enqueueUnallocated(" + count + ") exceeds the " + window()
                    + " free bytes");
        }
        length += count;
    }

    // ---------------------------------------------------------------- offset access to data

    /**
     * Returns the index in {@link #storage()} of the readable byte {@code offset} bytes past the read
     * position. Together with {@link #allocatedLength(int)} it gives in-place access to the data.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or larger than {@link #length()}
     */
    public int allocatedStart(int offset) {
        checkOffset(offset, length, "readable");
        return index(offset);
    }

    /**
     * Returns how many readable bytes lie contiguously in the array from {@code offset} bytes past the
     * read position: 0 if {@code offset} is at or beyond the end of the data.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public int allocatedLength(int offset) {
        Checks.nonNegative("offset", offset);
        if (offset >= length) {
            return 0;
        }
        return Math.min(length - offset, storage.length - index(offset));
    }

    /**
     * Copies up to {@code len} readable bytes, starting {@code offset} bytes past the read position and
     * wrapping around the array, into {@code dst[off, ...)} without removing them. Returns the number of
     * bytes copied (clipped to the data).
     */
    public int readAllocated(int offset, byte[] dst, int off, int len) {
        Checks.nonNegative("offset", offset);
        Checks.arrayRange("dst", dst, off, len);
        return copy(offset, offset >= length ? 0 : length - offset, dst, off, len, false);
    }

    /**
     * Removes the first {@code count} readable bytes (typically acknowledged data).
     *
     * @throws IllegalArgumentException if {@code count} is negative or larger than {@link #length()}
     */
    public void dequeueAllocated(int count) {
        Checks.nonNegative("count", count);
        if (count > length) {
            throw new IllegalArgumentException("dequeueAllocated(" + count + ") exceeds the " + length
                    + " readable bytes");
        }
        advanceRead(count);
    }

    // ---------------------------------------------------------------- internals

    /** Index of the byte {@code distance} bytes past the read position; {@code distance <= capacity}. */
    private int index(int distance) {
        // Compared against the room before the end of the array rather than summed, so no overflow.
        int untilEnd = storage.length - readAt;
        return distance < untilEnd ? readAt + distance : distance - untilEnd;
    }

    /**
     * Copies {@code min(len, available)} bytes between {@code array[off, ...)} and the ring region that
     * starts {@code distance} bytes past the read position, in at most two pieces (up to the end of the
     * storage, then from its start); returns the count. {@code distance + available <= capacity}.
     */
    private int copy(int distance, int available, byte[] array, int off, int len, boolean intoRing) {
        int total = Math.min(len, available);
        int done = 0;
        while (done < total) {
            int at = index(distance + done);
            int piece = Math.min(total - done, storage.length - at);
            if (intoRing) {
                System.arraycopy(array, off + done, storage, at, piece);
            } else {
                System.arraycopy(storage, at, array, off + done, piece);
            }
            done += piece;
        }
        return done;
    }

    private void advanceRead(int count) {
        readAt = index(count);
        length -= count;
    }

    private void rewindIfEmpty() {
        if (length == 0) {
            readAt = 0;
        }
    }

    private static void checkOffset(int offset, int limit, String what) {
        Checks.nonNegative("offset", offset);
        if (offset > limit) {
            throw new IllegalArgumentException("offset " + offset + " is beyond the " + limit + " " + what
                    + " bytes");
        }
    }
}
