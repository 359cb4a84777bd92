package org.smoltcp4j.wire;

/**
 * The walk over a run of type-length options that every option cursor shares: where the run ends,
 * where the next option starts, which option is current. Subclasses say how long an option is and
 * what is malformed, in {@link #next}; a status other than OK ends the walk.
 */
public abstract class OptionCursor {

    /** {@link #next} result when the run holds no more options. */
    public static final int END = 1;

    private static final byte[] NOTHING = new byte[0];

    protected byte[] buf = NOTHING;
    /** Where the next option starts. */
    protected int position;
    /** Where the run ends (exclusive). */
    protected int end;
    /** Where the current option starts, or -1 before the first and after the walk. */
    protected int current = -1;

    /** Points the cursor at the options in {@code buf[off, off+len)}, before the first. */
    protected final void start(byte[] buf, int off, int len) {
        NetworkBytes.checkBounds(buf, off, len);
        this.buf = buf;
        this.position = off;
        this.end = off + len;
        this.current = -1;
    }

    /**
     * Moves to the next option: {@link WireStatus#OK} when there is one, {@link #END} when the run
     * is used up, or a {@link WireStatus} saying why the rest cannot be read (the walk ends).
     */
    public abstract int next();

    /** Absolute index of the current option's type byte. */
    public final int optionOffset() {
        return current;
    }

    /** The current option's type. */
    public final int type() {
        return buf[current] & 0xff;
    }

    /** Makes the {@code length}-byte option at {@code at} current. */
    protected final int advance(int at, int length) {
        current = at;
        position = at + length;
        return WireStatus.OK;
    }

    /** Ends the walk with {@code status} ({@link #END} or an error), with no current option. */
    protected final int stop(int status) {
        current = -1;
        position = end;
        return status;
    }
}
