package org.smoltcp4j.storage;

/**
 * Records which byte ranges of a stream have arrived, relative to the next byte the consumer expects
 * (offset 0): TCP out-of-order data, IP fragment reassembly, and later the SACK blocks.
 *
 * <p>The ranges live in two preallocated arrays sized by {@code maxRanges} (smoltcp's
 * {@code ASSEMBLER_MAX_SEGMENT_COUNT}). They are kept ascending, non-overlapping and non-touching:
 * every add merges the new range with every range it overlaps or touches, so the number of ranges
 * is always the smallest possible. An add that would need more ranges than the capacity ("too many
 * holes") is refused and leaves the assembler exactly as it was; the caller drops the data and the
 * peer retransmits it.
 *
 * <p>Offsets and sizes are non-negative {@code int}s and {@code offset + size} must not exceed
 * {@link Integer#MAX_VALUE}; anything else is API misuse and throws {@link IllegalArgumentException}.
 * Nothing allocates after construction.
 */
public final class Assembler {

    /** smoltcp's default {@code ASSEMBLER_MAX_SEGMENT_COUNT}. */
    public static final int DEFAULT_MAX_RANGES = 4;

    /** Returned by {@link #addThenRemoveFront} when the range was refused for lack of ranges. */
    public static final int TOO_MANY_HOLES = -1;

    /** Start (inclusive) of each range, relative to the front; only {@code [0, count)} is in use. */
    private final int[] starts;
    /** End (exclusive) of each range, relative to the front. */
    private final int[] ends;
    private int count;

    /**
     * Creates an empty assembler that can track up to {@code maxRanges} separate ranges of data.
     *
     * @throws IllegalArgumentException if {@code maxRanges < 1}
     */
    public Assembler(int maxRanges) {
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges must be >= 1, got " + maxRanges);
        }
        starts = new int[maxRanges];
        ends = new int[maxRanges];
    }

    /** The number of separate ranges this assembler can track. */
    public int maxRanges() {
        return starts.length;
    }

    /** The number of separate ranges currently recorded. */
    public int rangeCount() {
        return count;
    }

    /** Start (inclusive, relative to the front) of range {@code index}; ranges ascend with the index. */
    public int rangeStart(int index) {
        checkRangeIndex(index);
        return starts[index];
    }

    /** End (exclusive, relative to the front) of range {@code index}. */
    public int rangeEnd(int index) {
        checkRangeIndex(index);
        return ends[index];
    }

    /** Whether no data is recorded at all. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every recorded range. */
    public void clear() {
        count = 0;
    }

    /** The number of bytes available at offset 0 (the size {@link #removeFront} would return), or 0. */
    public int peekFront() {
        return count > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /**
     * Records that bytes {@code [offset, offset + size)} have arrived, merging them with every range
     * they overlap or touch. Adding zero bytes does nothing and succeeds.
     *
     * @return {@code true} if recorded; {@code false} if recording it would need more than
     *         {@link #maxRanges()} ranges, in which case nothing changed
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative or their sum
     *         overflows an {@code int}
     */
    public boolean add(int offset, int size) {
        checkArguments(offset, size);
        if (size == 0) {
            return true;
        }
        int end = offset + size;
        int first = firstRangeReaching(offset);
        int afterLast = firstRangeAfter(first, end);
        if (first == afterLast) {
            if (count == starts.length) {
                return false;
            }
            insertAt(first, offset, end);
        } else {
            mergeInto(first, afterLast, offset, end);
        }
        return true;
    }

    /**
     * If data starts at offset 0, removes that range and returns its size; every other range then
     * moves closer to the front by that size (the consumer has taken those bytes). Otherwise returns 0.
     */
    public int removeFront() {
        int size = peekFront();
        if (size > 0) {
            dropFirstRanges(1, size);
        }
        return size;
    }

    /**
     * Moves the front forward by {@code bytes} whether or not data is recorded there: ranges that
     * end at or before the new front are forgotten, a range that straddles it is cut, every other
     * range moves closer to the front by {@code bytes}. For a sender's SACK scoreboard, whose front
     * is SND.UNA and moves with each cumulative ACK.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public void advance(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        int gone = 0;
        while (gone < count && ends[gone] <= bytes) {
            gone++;
        }
        int remaining = count - gone;
        for (int i = 0; i < remaining; i++) {
            starts[i] = Math.max(0, starts[i + gone] - bytes);
            ends[i] = ends[i + gone] - bytes;
        }
        count = remaining;
    }

    /**
     * Adds {@code [offset, offset + size)} then removes the data at the front, as {@link #add}
     * followed by {@link #removeFront}, but refuses only if the state after both steps would need
     * more than {@link #maxRanges()} ranges. So data that reaches offset 0 is never refused, even
     * when the assembler is full (TCP must never drop the next expected segment or the connection
     * can stall; smoltcp makes the same promise), and neither is any range added while data already
     * waits at the front, since removing that data frees a range.
     *
     * @return the number of bytes removed from the front (possibly 0), or {@link #TOO_MANY_HOLES}
     *         if refused, in which case nothing changed
     * @throws IllegalArgumentException as {@link #add}
     */
    public int addThenRemoveFront(int offset, int size) {
        checkArguments(offset, size);
        if (size == 0) {
            return removeFront();
        }
        int end = offset + size;
        int first = firstRangeReaching(offset);
        int afterLast = firstRangeAfter(first, end);
        boolean mergesWithOthers = first != afterLast;
        int mergedStart = mergesWithOthers ? Math.min(offset, starts[first]) : offset;
        if (mergedStart == 0) {
            // The new data joins the front: everything up to the merged end is delivered at once,
            // so the ranges it absorbed disappear and no new range is needed.
            int mergedEnd = mergesWithOthers ? Math.max(end, ends[afterLast - 1]) : end;
            dropFirstRanges(afterLast, mergedEnd);
            return mergedEnd;
        }
        int front = peekFront();
        if (front == 0) {
            return add(offset, size) ? 0 : TOO_MANY_HOLES;
        }
        // Data waits at the front and the new range does not touch it: removing the front first
        // frees a range, so the add below cannot be refused.
        dropFirstRanges(1, front);
        add(offset - front, size);
        return front;
    }

    /**
     * Appends smoltcp's debug form: each range as its preceding hole in parentheses (left out when
     * empty) and its size, e.g. {@code "[ 4 (4) 4 ]"} for data at 0..4 and 8..12, {@code "[ ]"} when empty.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("[ ");
        int previousEnd = 0;
        for (int i = 0; i < count; i++) {
            int hole = starts[i] - previousEnd;
            if (hole != 0) {
                out.append('(').append(hole).append(") ");
            }
            out.append(ends[i] - starts[i]).append(' ');
            previousEnd = ends[i];
        }
        return out.append(']');
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    /** Index of the first range whose end reaches {@code offset} (touching counts), or {@code count}. */
    private int firstRangeReaching(int offset) {
        int i = 0;
        while (i < count && ends[i] < offset) {
            i++;
        }
        return i;
    }

    /** Index of the first range at or after {@code from} that starts beyond {@code end} (touching counts as not beyond). */
    private int firstRangeAfter(int from, int end) {
        int i = from;
        while (i < count && starts[i] <= end) {
            i++;
        }
        return i;
    }

    private void insertAt(int index, int start, int end) {
        System.arraycopy(starts, index, starts, index + 1, count - index);
        System.arraycopy(ends, index, ends, index + 1, count - index);
        starts[index] = start;
        ends[index] = end;
        count++;
    }

    /** Replaces ranges {@code [first, afterLast)}, which all overlap or touch {@code [start, end)}, by their union. */
    private void mergeInto(int first, int afterLast, int start, int end) {
        starts[first] = Math.min(start, starts[first]);
        ends[first] = Math.max(end, ends[afterLast - 1]);
        int absorbed = afterLast - first - 1;
        if (absorbed > 0) {
            System.arraycopy(starts, afterLast, starts, first + 1, count - afterLast);
            System.arraycopy(ends, afterLast, ends, first + 1, count - afterLast);
            count -= absorbed;
        }
    }

    /** Removes the first {@code removed} ranges and moves the front forward by {@code consumed} bytes. */
    private void dropFirstRanges(int removed, int consumed) {
        int remaining = count - removed;
        for (int i = 0; i < remaining; i++) {
            starts[i] = starts[i + removed] - consumed;
            ends[i] = ends[i + removed] - consumed;
        }
        count = remaining;
    }

    private static void checkArguments(int offset, int size) {
        if (offset < 0 || size < 0 || offset > Integer.MAX_VALUE - size) {
            throw new IllegalArgumentException("offset and size must be >= 0 with offset + size <= "
                    + Integer.MAX_VALUE + ", got offset " + offset + ", size " + size);
        }
    }

    private void checkRangeIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("range index " + index + " outside [0, " + count + ")");
        }
    }
}
