package org.smoltcp4j.time;

/**
 * A span of time: a primitive {@code long} count of microseconds in {@code [0, Long.MAX_VALUE]}
 * ({@link #ZERO} to {@link #MAX}), smoltcp's {@code Duration} (a {@code u64} there) without the
 * object. Arithmetic saturates at both ends instead of wrapping or failing, so a timer computed from
 * extreme values stays "now" or "never" rather than turning into nonsense.
 *
 * <p>A negative argument where a duration is expected is API misuse and throws
 * {@link IllegalArgumentException}. Nothing here allocates except {@link #toString(long)}.
 */
public final class Duration {

    /** No time at all. */
    public static final long ZERO = 0L;
    /** The longest representable duration (about 292 471 years); every saturating result stops here. */
    public static final long MAX = Long.MAX_VALUE;

    static final long MICROS_PER_MILLI = 1000L;
    static final long MICROS_PER_SEC = 1000000L;

    private Duration() {
    }

    /** A duration of {@code micros} microseconds. */
    public static long fromMicros(long micros) {
        return requireDuration("micros", micros);
    }

    /** A duration of {@code millis} milliseconds, saturating at {@link #MAX}. */
    public static long fromMillis(long millis) {
        return Saturating.multiply(requireDuration("millis", millis), MICROS_PER_MILLI);
    }

    /** A duration of {@code secs} seconds, saturating at {@link #MAX}. */
    public static long fromSecs(long secs) {
        return Saturating.multiply(requireDuration("secs", secs), MICROS_PER_SEC);
    }

    /** The whole duration in microseconds (the value itself; for symmetry with smoltcp). */
    public static long totalMicros(long duration) {
        return requireDuration("duration", duration);
    }

    /** The whole duration in milliseconds, rounded down. */
    public static long totalMillis(long duration) {
        return requireDuration("duration", duration) / MICROS_PER_MILLI;
    }

    /** The number of whole seconds. */
    public static long secs(long duration) {
        return requireDuration("duration", duration) / MICROS_PER_SEC;
    }

    /** The milliseconds beyond the whole seconds, 0..999. */
    public static long millis(long duration) {
        return requireDuration("duration", duration) / MICROS_PER_MILLI % 1000L;
    }

    /** The microseconds beyond the whole seconds, 0..999 999. */
    public static long micros(long duration) {
        return requireDuration("duration", duration) % MICROS_PER_SEC;
    }

    /** {@code a + b}, saturating at {@link #MAX}. */
    public static long add(long a, long b) {
        return Saturating.plus(requireDuration("a", a), requireDuration("b", b));
    }

    /** {@code a - b}, saturating at {@link #ZERO} (smoltcp panics there instead). */
    public static long sub(long a, long b) {
        requireDuration("a", a);
        requireDuration("b", b);
        return a <= b ? ZERO : a - b;
    }

    /** {@code duration * factor}, saturating at {@link #MAX}; {@code factor} must be >= 0. */
    public static long mul(long duration, long factor) {
        requireDuration("duration", duration);
        if (factor < 0) {
            throw new IllegalArgumentException("factor must be >= 0, got " + factor);
        }
        return factor == 0 ? ZERO : Saturating.multiply(duration, factor);
    }

    /** {@code duration / divisor}, rounded down; {@code divisor} must be > 0. */
    public static long div(long duration, long divisor) {
        requireDuration("duration", duration);
        if (divisor <= 0) {
            throw new IllegalArgumentException("divisor must be > 0, got " + divisor);
        }
        return duration / divisor;
    }

    /** {@code duration << bits} (doubling {@code bits} times, as for retransmission backoff), saturating at {@link #MAX}. */
    public static long shiftLeft(long duration, int bits) {
        requireDuration("duration", duration);
        requireShift(bits);
        if (duration == 0) {
            return ZERO;
        }
        return bits >= 63 || duration > MAX >> bits ? MAX : duration << bits;
    }

    /** {@code duration >> bits} (halving {@code bits} times, rounded down). */
    public static long shiftRight(long duration, int bits) {
        requireDuration("duration", duration);
        requireShift(bits);
        return bits >= 63 ? ZERO : duration >> bits;
    }

    /** The shorter of two durations. */
    public static long min(long a, long b) {
        return Math.min(requireDuration("a", a), requireDuration("b", b));
    }

    /** The longer of two durations. */
    public static long max(long a, long b) {
        return Math.max(requireDuration("a", a), requireDuration("b", b));
    }

    /** Appends smoltcp's display form, whole seconds and three digits of milliseconds: {@code "1.500s"}. */
    public static StringBuilder appendTo(StringBuilder out, long duration) {
        return appendSeconds(out, secs(duration), millis(duration));
    }

    /** The display form of {@link #appendTo}, as a new string (allocates; for logs and tests). */
    public static String toString(long duration) {
        return appendTo(new StringBuilder(24), duration).toString();
    }

    /** Appends {@code "<secs>.<millis, three digits>s"}; both parts must be non-negative. */
    static StringBuilder appendSeconds(StringBuilder out, long wholeSecs, long millisPart) {
        out.append(wholeSecs).append('.');
        if (millisPart < 100) {
            out.append('0');
        }
        if (millisPart < 10) {
            out.append('0');
        }
        return out.append(millisPart).append('s');
    }

    private static long requireDuration(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be a duration >= 0 us, got " + value);
        }
        return value;
    }

    private static void requireShift(int bits) {
        if (bits < 0) {
            throw new IllegalArgumentException("bits must be >= 0, got " + bits);
        }
    }
}
