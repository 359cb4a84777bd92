package org.smoltcp4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

/** Time arithmetic and printing into a reused builder allocate nothing (design.md section 3). */
class TimeAllocationTest {

    private long now = Instant.fromMillis(1234);
    private long sink;

    @Test
    void arithmeticAllocatesNothing() {
        AllocationProbe.assertAllocationFree("Instant/Duration arithmetic", () -> {
            long timeout = Duration.shiftLeft(Duration.fromMillis(200), 3);
            long deadline = Instant.plus(now, Duration.mul(timeout, 2));
            long waited = Instant.durationSince(deadline, now);
            sink += Duration.add(waited, Duration.div(timeout, 3)) + Duration.sub(timeout, waited)
                    + Instant.minus(deadline, Duration.fromSecs(1)) + Instant.absoluteDifference(now, deadline)
                    + Instant.secs(deadline) + Instant.millis(deadline) + Instant.totalMillis(deadline)
                    + Duration.millis(waited) + Duration.shiftRight(waited, 2);
            now++;
        });
        assertTrue(sink != 0);
    }

    @Test
    void formattingIntoAReusedBuilderAllocatesNothing() {
        StringBuilder out = new StringBuilder(64);
        AllocationProbe.assertAllocationFree("Instant/Duration appendTo", () -> {
            out.setLength(0);
            Instant.appendTo(out, Instant.MIN);
            out.append(' ');
            Duration.appendTo(out, Duration.fromMillis(1500));
        });
        assertEquals("-9223372036854.775s 1.500s", out.toString());
    }
}
