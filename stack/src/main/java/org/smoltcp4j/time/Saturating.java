package org.smoltcp4j.time;

/** Saturating {@code long} arithmetic shared by {@link Instant} and {@link Duration}: results clamp instead of wrapping. */
final class Saturating {

    private Saturating() {
    }

    /** {@code value * factor} clamped to the {@code long} range; {@code factor} must be positive. */
    static long multiply(long value, long factor) {
        if (value > Long.MAX_VALUE / factor) {
            return Long.MAX_VALUE;
        }
        if (value < Long.MIN_VALUE / factor) {
            return Long.MIN_VALUE;
        }
        return value * factor;
    }

    /** {@code value + amount} clamped at {@link Long#MAX_VALUE}; {@code amount} must be >= 0. */
    static long plus(long value, long amount) {
        return value > Long.MAX_VALUE - amount ? Long.MAX_VALUE : value + amount;
    }

    /** {@code value - amount} clamped at {@link Long#MIN_VALUE}; {@code amount} must be >= 0. */
    static long minus(long value, long amount) {
        return value < Long.MIN_VALUE + amount ? Long.MIN_VALUE : value - amount;
    }
}
