package org.smoltcp4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Saturating time arithmetic against exact {@link BigInteger} results clamped to the valid range. */
class TimePropertiesTest {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Values of every magnitude, with the extremes and their neighbours well represented. */
    @Provide
    Arbitrary<Long> longs() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-3_000_000L, 3_000_000L),
                Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> durations() {
        return longs().map(v -> v == Long.MIN_VALUE ? 0L : Math.abs(v));
    }

    private static long clamp(BigInteger exact, BigInteger low) {
        return exact.max(low).min(LONG_MAX).longValueExact();
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Property
    void instantPlusAndMinusAreClampedExactSums(@ForAll("longs") long instant, @ForAll("durations") long duration) {
        assertEquals(clamp(big(instant).add(big(duration)), LONG_MIN), Instant.plus(instant, duration));
        assertEquals(clamp(big(instant).subtract(big(duration)), LONG_MIN), Instant.minus(instant, duration));
    }

    @Property
    void durationSinceIsTheClampedExactDifference(@ForAll("longs") long later, @ForAll("longs") long earlier) {
        BigInteger exact = big(later).subtract(big(earlier));
        assertEquals(clamp(exact, BigInteger.ZERO), Instant.durationSince(later, earlier));
        assertEquals(clamp(exact.abs(), BigInteger.ZERO), Instant.absoluteDifference(later, earlier));
    }

    @Property
    void durationArithmeticIsClampedExactArithmetic(@ForAll("durations") long a, @ForAll("durations") long b) {
        assertEquals(clamp(big(a).add(big(b)), BigInteger.ZERO), Duration.add(a, b));
        assertEquals(clamp(big(a).subtract(big(b)), BigInteger.ZERO), Duration.sub(a, b));
        assertEquals(clamp(big(a).multiply(big(b)), BigInteger.ZERO), Duration.mul(a, b));
        if (b > 0) {
            assertEquals(a / b, Duration.div(a, b));
        }
    }

    @Property
    void shiftsAreClampedExactPowersOfTwo(@ForAll("durations") long duration, @ForAll @IntRange(min = 0, max = 200) int bits) {
        assertEquals(clamp(big(duration).shiftLeft(bits), BigInteger.ZERO), Duration.shiftLeft(duration, bits));
        assertEquals(big(duration).shiftRight(bits).longValueExact(), Duration.shiftRight(duration, bits));
    }

    @Property
    void constructorsAreClampedExactProducts(@ForAll("longs") long value) {
        assertEquals(clamp(big(value).multiply(big(1000)), LONG_MIN), Instant.fromMillis(value));
        assertEquals(clamp(big(value).multiply(big(1000000)), LONG_MIN), Instant.fromSecs(value));
        if (value >= 0) {
            assertEquals(clamp(big(value).multiply(big(1000)), BigInteger.ZERO), Duration.fromMillis(value));
            assertEquals(clamp(big(value).multiply(big(1000000)), BigInteger.ZERO), Duration.fromSecs(value));
        }
    }

    @Property
    void millisRoundTripWhereRepresentable(@ForAll @LongRange(min = Long.MIN_VALUE / 1000, max = Long.MAX_VALUE / 1000) long millis) {
        assertEquals(millis, Instant.totalMillis(Instant.fromMillis(millis)));
        if (millis >= 0) {
            assertEquals(millis, Duration.totalMillis(Duration.fromMillis(millis)));
        }
    }

    @Property
    void secsRoundTripWhereRepresentable(@ForAll @LongRange(min = Long.MIN_VALUE / 1000000, max = Long.MAX_VALUE / 1000000) long secs) {
        assertEquals(secs, Instant.secs(Instant.fromSecs(secs)));
        if (secs >= 0) {
            assertEquals(secs, Duration.secs(Duration.fromSecs(secs)));
        }
    }

    @Property
    void partsRecomposeTheValue(@ForAll("longs") long instant) {
        assertEquals(instant, Instant.secs(instant) * 1000000 + Instant.micros(instant));
        assertEquals(Instant.micros(instant) / 1000, Instant.millis(instant));
        if (instant >= 0) {
            assertEquals(instant, Duration.secs(instant) * 1000000 + Duration.micros(instant));
            assertEquals(Duration.millis(instant), Instant.millis(instant));
        }
    }

    @Property
    void displayIsSignSecondsDotThreeDigitMillis(@ForAll("longs") long instant) {
        BigInteger magnitude = big(instant).abs();
        BigInteger[] secsAndRest = magnitude.divideAndRemainder(big(1000000));
        String expected = (instant < 0 ? "-" : "") + secsAndRest[0] + "."
                + String.format("%03d", secsAndRest[1].intValue() / 1000) + "s";
        assertEquals(expected, Instant.toString(instant));
        if (instant >= 0) {
            assertEquals(expected, Duration.toString(instant));
        }
    }
}
