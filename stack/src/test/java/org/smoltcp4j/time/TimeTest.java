package org.smoltcp4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every case of smoltcp's time.rs, then saturation edges, negative instants and misuse. Conversions
 * to and from Rust's std types have no Java counterpart; their millisecond round trips are kept.
 */
class TimeTest {

    @Nested
    class SmoltcpCases {

        @Test
        void instantOps() {
            assertEquals(Instant.fromMillis(10), Instant.plus(Instant.fromMillis(4), Duration.fromMillis(6)));
            assertEquals(Instant.fromMillis(2), Instant.minus(Instant.fromMillis(7), Duration.fromMillis(5)));
        }

        @Test
        void instantGetters() {
            long instant = Instant.fromMillis(5674);
            assertEquals(5, Instant.secs(instant));
            assertEquals(674, Instant.millis(instant));
            assertEquals(5674, Instant.totalMillis(instant));
        }

        @Test
        void instantDisplay() {
            assertEquals("0.074s", Instant.toString(Instant.fromMillis(74)));
            assertEquals("5.674s", Instant.toString(Instant.fromMillis(5674)));
            assertEquals("5.000s", Instant.toString(Instant.fromMillis(5000)));
        }

        @Test
        void instantConversions() {
            // smoltcp converts to and from SystemTime; here the same values through millis and seconds.
            assertEquals(Instant.ZERO, Instant.fromMillis(0));
            assertEquals(Instant.fromSecs(2085955200L), Instant.fromMillis(2085955200L * 1000));
            assertEquals(2085955200L * 1000, Instant.totalMillis(Instant.fromSecs(2085955200L)));
        }

        @Test
        void durationOps() {
            assertEquals(Duration.fromMillis(42), Duration.add(Duration.fromMillis(40), Duration.fromMillis(2)));
            assertEquals(Duration.fromMillis(513), Duration.sub(Duration.fromMillis(555), Duration.fromMillis(42)));
            assertEquals(Duration.fromMillis(286), Duration.mul(Duration.fromMillis(13), 22));
            assertEquals(Duration.fromMicros(13250), Duration.div(Duration.fromMillis(53), 4));
        }

        @Test
        void durationAssignOps() {
            long duration = Duration.fromMillis(4735);
            duration = Duration.add(duration, Duration.fromMillis(1733));
            assertEquals(Duration.fromMillis(6468), duration);
            duration = Duration.sub(duration, Duration.fromMillis(1234));
            assertEquals(Duration.fromMillis(5234), duration);
            duration = Duration.mul(duration, 4);
            assertEquals(Duration.fromMillis(20936), duration);
            duration = Duration.div(duration, 5);
            assertEquals(Duration.fromMicros(4187200), duration);
        }

        @Test
        void subFromZeroSaturatesInsteadOfPanicking() {
            assertEquals(Duration.ZERO, Duration.sub(Duration.fromMillis(0), Duration.fromMillis(1)));
        }

        @Test
        void divByZeroIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Duration.div(Duration.fromMillis(4), 0));
            assertTrue(e.getMessage().contains("divisor"), e.getMessage());
        }

        @Test
        void durationGetters() {
            long duration = Duration.fromMillis(4934);
            assertEquals(4, Duration.secs(duration));
            assertEquals(934, Duration.millis(duration));
            assertEquals(4934, Duration.totalMillis(duration));
        }

        @Test
        void durationConversions() {
            long duration = Duration.fromMillis(4934);
            assertEquals(4934000, Duration.totalMicros(duration));
            assertEquals(duration, Duration.fromMicros(Duration.totalMicros(duration)));
            assertEquals(duration, Duration.fromMillis(Duration.totalMillis(duration)));
        }

        @Test
        void durationDisplay() {
            assertEquals("4.934s", Duration.toString(Duration.fromMillis(4934)));
            assertEquals("0.007s", Duration.toString(Duration.fromMillis(7)));
            assertEquals("1.500s", Duration.toString(Duration.fromMicros(1500999)));
        }
    }

    @Nested
    class InstantEdges {

        @Test
        void negativeInstantsSplitLikeRustIntegerDivision() {
            long instant = Instant.fromMicros(-1500250);
            assertEquals(-1, Instant.secs(instant));
            assertEquals(-500, Instant.millis(instant));
            assertEquals(-500250, Instant.micros(instant));
            assertEquals(-1500, Instant.totalMillis(instant));
            assertEquals(-1500250, Instant.totalMicros(instant));
        }

        @Test
        void negativeInstantsPrintWithALeadingMinus() {
            assertEquals("-0.074s", Instant.toString(Instant.fromMillis(-74)));
            assertEquals("-1.500s", Instant.toString(Instant.fromMillis(-1500)));
            assertEquals("-9223372036854.775s", Instant.toString(Instant.MIN));
            assertEquals("9223372036854.775s", Instant.toString(Instant.MAX));
        }

        @Test
        void constructorsSaturateInsteadOfWrapping() {
            assertEquals(Instant.MAX, Instant.fromMillis(Long.MAX_VALUE));
            assertEquals(Instant.MIN, Instant.fromMillis(Long.MIN_VALUE));
            assertEquals(Instant.MAX, Instant.fromSecs(Long.MAX_VALUE / 1000));
            assertEquals(Instant.MIN, Instant.fromSecs(-Long.MAX_VALUE / 1000));
            assertEquals(9223372036854000000L, Instant.fromSecs(9223372036854L));
            assertEquals(-9223372036854000000L, Instant.fromSecs(-9223372036854L));
            assertEquals(-5, Instant.fromMicros(-5));
        }

        @Test
        void plusAndMinusSaturate() {
            assertEquals(Instant.MAX, Instant.plus(Instant.MAX - 1, 2));
            assertEquals(Instant.MAX, Instant.plus(1, Duration.MAX));
            assertEquals(Instant.MAX - 1, Instant.plus(-1, Duration.MAX));
            assertEquals(Instant.MIN, Instant.minus(Instant.MIN + 1, 2));
            assertEquals(Instant.MIN, Instant.minus(-2, Duration.MAX));
            assertEquals(Instant.MIN, Instant.minus(-1, Duration.MAX));
            assertEquals(Instant.MIN + 1, Instant.minus(0, Duration.MAX));
            assertEquals(0, Instant.minus(Duration.MAX, Duration.MAX));
        }

        @Test
        void durationSinceIsZeroForEarlierInstantsAndSaturatesAtMax() {
            long a = Instant.fromMillis(100);
            long b = Instant.fromMillis(250);
            assertEquals(Duration.fromMillis(150), Instant.durationSince(b, a));
            assertEquals(Duration.ZERO, Instant.durationSince(a, b));
            assertEquals(Duration.ZERO, Instant.durationSince(a, a));
            assertEquals(Duration.MAX, Instant.durationSince(Instant.MAX, Instant.MIN));
            assertEquals(Duration.MAX, Instant.durationSince(Instant.MAX, -1));
            assertEquals(Duration.MAX, Instant.durationSince(0, Instant.MIN + 1));
            assertEquals(Duration.MAX - 1, Instant.durationSince(Instant.MAX, 1));
        }

        @Test
        void absoluteDifferenceIsSmoltcpsInstantMinusInstant() {
            long a = Instant.fromMillis(100);
            long b = Instant.fromMillis(250);
            assertEquals(Duration.fromMillis(150), Instant.absoluteDifference(a, b));
            assertEquals(Duration.fromMillis(150), Instant.absoluteDifference(b, a));
            assertEquals(Duration.MAX, Instant.absoluteDifference(Instant.MIN, Instant.MAX));
        }

        @Test
        void negativeDurationsAreRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Instant.plus(0, -1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Instant.minus(0, Long.MIN_VALUE));
        }

        @Test
        void appendToWritesIntoTheCallersBuilder() {
            StringBuilder out = new StringBuilder("now=");
            assertEquals("now=1.002s", Instant.appendTo(out, Instant.fromMicros(1002999)).toString());
        }
    }

    @Nested
    class DurationEdges {

        @Test
        void constantsSpanTheNonNegativeLongs() {
            assertEquals(0L, Duration.ZERO);
            assertEquals(Long.MAX_VALUE, Duration.MAX);
            assertEquals(0L, Instant.ZERO);
        }

        @Test
        void constructorsSaturateInsteadOfWrapping() {
            assertEquals(Duration.MAX, Duration.fromMillis(Long.MAX_VALUE));
            assertEquals(Duration.MAX, Duration.fromSecs(Long.MAX_VALUE / 1000000 + 1));
            assertEquals(9223372036854000000L, Duration.fromSecs(9223372036854L));
            assertEquals(9223372036854775000L, Duration.fromMillis(9223372036854775L));
        }

        @Test
        void partsOfTheLongestDuration() {
            assertEquals(9223372036854L, Duration.secs(Duration.MAX));
            assertEquals(775, Duration.millis(Duration.MAX));
            assertEquals(775807, Duration.micros(Duration.MAX));
            assertEquals(9223372036854775L, Duration.totalMillis(Duration.MAX));
            assertEquals("9223372036854.775s", Duration.toString(Duration.MAX));
            assertEquals("0.000s", Duration.toString(Duration.ZERO));
        }

        @Test
        void addAndMulSaturateAtMax() {
            assertEquals(Duration.MAX, Duration.add(Duration.MAX, 1));
            assertEquals(Duration.MAX, Duration.add(Duration.MAX, Duration.MAX));
            assertEquals(Duration.MAX, Duration.mul(Duration.MAX / 2 + 1, 2));
            assertEquals(Duration.MAX - 1, Duration.mul(Duration.MAX / 2, 2));
            assertEquals(Duration.MAX, Duration.mul(3, Long.MAX_VALUE));
            assertEquals(Duration.ZERO, Duration.mul(Duration.MAX, 0));
            assertEquals(Duration.ZERO, Duration.mul(Duration.ZERO, Long.MAX_VALUE));
        }

        @Test
        void subSaturatesAtZero() {
            assertEquals(Duration.ZERO, Duration.sub(Duration.ZERO, Duration.MAX));
            assertEquals(Duration.ZERO, Duration.sub(5, 5));
            assertEquals(Duration.MAX, Duration.sub(Duration.MAX, Duration.ZERO));
        }

        @Test
        void divRoundsDown() {
            assertEquals(Duration.MAX, Duration.div(Duration.MAX, 1));
            assertEquals(0, Duration.div(3, 4));
            assertEquals(1, Duration.div(Duration.MAX, Long.MAX_VALUE));
        }

        @Test
        void shiftsDoubleAndHalveWithSaturation() {
            assertEquals(Duration.fromSecs(8), Duration.shiftLeft(Duration.fromSecs(1), 3));
            assertEquals(Duration.MAX, Duration.shiftLeft(1, 63));
            assertEquals(Long.MIN_VALUE >>> 1, Duration.shiftLeft(1, 62));
            assertEquals(Duration.MAX, Duration.shiftLeft(Duration.MAX / 2 + 1, 1));
            assertEquals(Duration.MAX, Duration.shiftLeft(1, Integer.MAX_VALUE));
            assertEquals(Duration.ZERO, Duration.shiftLeft(Duration.ZERO, 100));
            assertEquals(Duration.fromMillis(500), Duration.shiftRight(Duration.fromSecs(1), 1));
            assertEquals(1, Duration.shiftRight(Duration.MAX, 62));
            assertEquals(Duration.ZERO, Duration.shiftRight(Duration.MAX, 63));
            assertEquals(Duration.ZERO, Duration.shiftRight(Duration.MAX, Integer.MAX_VALUE));
        }

        @Test
        void minAndMax() {
            assertEquals(3, Duration.min(3, 7));
            assertEquals(7, Duration.max(3, 7));
        }

        @Test
        void negativeDurationsAndFactorsAreRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duration.fromMicros(-1));
            assertTrue(e.getMessage().contains("micros") && e.getMessage().contains("-1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Duration.fromMillis(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.fromSecs(Long.MIN_VALUE));
            assertThrows(IllegalArgumentException.class, () -> Duration.add(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Duration.sub(-1, 1));
            assertThrows(IllegalArgumentException.class, () -> Duration.sub(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Duration.secs(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.millis(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.micros(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.totalMillis(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.totalMicros(-1));
            assertThrows(IllegalArgumentException.class, () -> Duration.min(-1, 1));
            assertThrows(IllegalArgumentException.class, () -> Duration.max(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Duration.toString(-1));
            e = assertThrows(IllegalArgumentException.class, () -> Duration.mul(1, -2));
            assertTrue(e.getMessage().contains("factor"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Duration.mul(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> Duration.div(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> Duration.div(1, -2));
            e = assertThrows(IllegalArgumentException.class, () -> Duration.shiftLeft(1, -1));
            assertTrue(e.getMessage().contains("bits"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Duration.shiftRight(1, -1));
            assertThrows(IllegalArgumentException.class, () -> Duration.shiftLeft(-1, 1));
            assertThrows(IllegalArgumentException.class, () -> Duration.shiftRight(-1, 1));
        }
    }
}
