package org.smoltcp4j.phy;

/** Where a {@link Tracer} sends its lines: a console, a log, a test's list. */
public interface TraceSink {

    /**
     * One frame, printed on one line (without line end). {@code line} is reused for the next frame:
     * copy what you keep.
     *
     * @param now         the time given with the frame, in microseconds
     * @param transmitted true for a frame sent, false for one received
     */
    void trace(long now, boolean transmitted, CharSequence line);
}
