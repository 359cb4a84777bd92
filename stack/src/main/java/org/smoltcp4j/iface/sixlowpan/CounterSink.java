package org.smoltcp4j.iface.sixlowpan;

/**
 * Where the 6LoWPAN classes count frames sent and every drop, by {@link org.smoltcp4j.iface.Counters}
 * index: the interface passes its own {@code Counters} (whose increment this package cannot call),
 * so an operator reads 6LoWPAN drops with all the others.
 */
public interface CounterSink {

    /** Adds one to counter {@code counter}, a {@link org.smoltcp4j.iface.Counters} index. */
    void increment(int counter);
}
