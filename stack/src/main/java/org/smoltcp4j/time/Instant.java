package org.smoltcp4j.time;

/**
 * A point in time: a primitive {@code long} count of microseconds since an arbitrary epoch (such as
 * boot), smoltcp's {@code Instant} (an {@code i64} there) without the object. It may be negative
 * (before the epoch). The stack never reads a clock: the caller passes {@code now} in.
 *
 * <p>Accessors divide like smoltcp (Rust integer division truncates toward zero), so the parts of a
 * negative instant are negative too: {@code secs(-1_500_000) == -1}, {@code millis(-1_500_000) == -500}.
 * Arithmetic saturates at {@link #MIN} and {@link #MAX} instead of wrapping. Nothing here allocates
 * except {@link #toString(long)}.
 */
public final class Instant {

    /** The epoch. */
    public static final long ZERO = 0L;
    /** The latest representable instant; a deadline here never arrives. */
    public static final long MAX = Long.MAX_VALUE;
    /** The earliest representable instant. */
    public static final long MIN = Long.MIN_VALUE;

    private Instant() {
    }

    /** The instant {@code micros} microseconds after the epoch (the value itself; for symmetry with smoltcp). */
    public static long fromMicros(long micros) {
        return micros;
    }

    /** The instant {@code millis} milliseconds after the epoch, saturating at {@link #MIN}/{@link #MAX}. */
    public static long fromMillis(long millis) {
        return Saturating.multiply(millis, Duration.MICROS_PER_MILLI);
    }

    /** The instant {@code secs} seconds after the epoch, saturating at {@link #MIN}/{@link #MAX}. */
    public static long fromSecs(long secs) {
        return Saturating.multiply(secs, Duration.MICROS_PER_SEC);
    }

    /** Microseconds since the epoch (the value itself). */
    public static long totalMicros(long instant) {
        return instant;
    }

    /** Milliseconds since the epoch, truncated toward zero. */
    public static long totalMillis(long instant) {
        return instant / Duration.MICROS_PER_MILLI;
    }

    /** Whole seconds since the epoch, truncated toward zero. */
    public static long secs(long instant) {
        return instant / Duration.MICROS_PER_SEC;
    }

    /** The milliseconds beyond the whole seconds, -999..999 with the sign of {@code instant}. */
    public static long millis(long instant) {
        return instant % Duration.MICROS_PER_SEC / Duration.MICROS_PER_MILLI;
    }

    /** The microseconds beyond the whole seconds, -999 999..999 999 with the sign of {@code instant}. */
    public static long micros(long instant) {
        return instant % Duration.MICROS_PER_SEC;
    }

    /** {@code instant + duration}, saturating at {@link #MAX}. */
    public static long plus(long instant, long duration) {
        return Saturating.plus(instant, Duration.fromMicros(duration));
    }

    /** {@code instant - duration}, saturating at {@link #MIN}. */
    public static long minus(long instant, long duration) {
        return Saturating.minus(instant, Duration.fromMicros(duration));
    }

    /**
     * The time from {@code earlier} to {@code later}: {@link Duration#ZERO} if {@code later} is not
     * after {@code earlier}, saturating at {@link Duration#MAX}. This is the question timers ask
     * ("how long since?"), where a clock that seems to run backwards must not yield a huge value.
     */
    public static long durationSince(long later, long earlier) {
        if (later <= earlier) {
            return Duration.ZERO;
        }
        long difference = later - earlier;
        // later > earlier, so a negative result means the true difference overflowed.
        return difference < 0 ? Duration.MAX : difference;
    }

    /** The distance between two instants, whichever comes first (smoltcp's {@code Instant - Instant}), saturating at {@link Duration#MAX}. */
    public static long absoluteDifference(long a, long b) {
        return a >= b ? durationSince(a, b) : durationSince(b, a);
    }

    /**
     * Appends smoltcp's display form, whole seconds and three digits of milliseconds: {@code "5.674s"}.
     * A negative instant prints as a minus sign and its magnitude ({@code "-0.074s"}), where smoltcp
     * would print {@code "0.-74s"}.
     */
    public static StringBuilder appendTo(StringBuilder out, long instant) {
        if (instant < 0) {
            // Negate the parts, not the instant: -Long.MIN_VALUE does not exist.
            out.append('-');
            return Duration.appendSeconds(out, -secs(instant), -millis(instant));
        }
        return Duration.appendSeconds(out, secs(instant), millis(instant));
    }

    /** The display form of {@link #appendTo}, as a new string (allocates; for logs and tests). */
    public static String toString(long instant) {
        return appendTo(new StringBuilder(24), instant).toString();
    }
}
