package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.iface.Counters;

/** Test fixture: counts what a 6LoWPAN adapter reports, as an interface's {@link Counters} would. */
final class CountingSink implements CounterSink {

    private final long[] values = new long[Counters.COUNT];

    @Override
    public void increment(int counter) {
        values[counter]++;
    }

    long get(int counter) {
        return values[counter];
    }

    /** All counts together. */
    long total() {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
