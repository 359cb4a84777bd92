package org.smoltcp4j.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap bytes the current thread allocates while running a block of code, so tests can
 * prove the zero-allocation rule (design.md section 3) instead of assuming it.
 *
 * <p>The block runs {@code warmUp} times first, so that class loading, lazy initialisation and JIT
 * compilation are over, then {@code runs} times under measurement. The measurement is repeated a few
 * times (up to three rounds of five trials, warming up again between rounds) and the smallest total
 * is reported: a block that really allocates, even once in a thousand runs, does so in every
 * trial, while an allocation by the runtime does not repeat. Such runtime
 * allocations exist: when the JIT deoptimises a compiled frame, it re-materialises on the heap the
 * objects it had scalar-replaced, charged to this thread (seen as a few hundred bytes over ten
 * thousand runs of code that allocates nothing under {@code -Xint}).
 */
public final class AllocationProbe {

    /** Warm-up and measured repetitions used by {@link #assertAllocationFree}. */
    public static final int DEFAULT_WARM_UP = 20_000;
    public static final int DEFAULT_RUNS = 10_000;
    private static final int TRIALS = 5;
    /** Rounds of trials, with a fresh warm-up between them, before an allocation is believed. */
    private static final int ROUNDS = 3;

    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private AllocationProbe() {
    }

    /** Code under measurement; an interface of our own so it may throw checked exceptions. */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }

    /**
     * Returns the bytes the current thread allocated over {@code runs} executions of {@code block},
     * after {@code warmUp} unmeasured executions (smallest of a few trials).
     */
    public static long allocatedBytes(int warmUp, int runs, Block block) {
        if (warmUp < 0 || runs <= 0) {
            throw new IllegalArgumentException("warmUp must be >= 0 and runs > 0, got " + warmUp + ", " + runs);
        }
        try {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS && least > 0; round++) {
                for (int i = 0; i < warmUp; i++) {
                    block.run();
                }
                for (int trial = 0; trial < TRIALS && least > 0; trial++) {
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < runs; i++) {
                        block.run();
                    }
                    long after = THREADS.getCurrentThreadAllocatedBytes();
                    least = Math.min(least, after - before);
                }
            }
            return least;
        } catch (Exception e) {
            throw new AssertionError("block under allocation measurement threw", e);
        }
    }

    /**
     * Returns the bytes the current thread allocated during one execution of {@code block}, with no
     * warm-up and no repetition: for a block that cannot run twice alike, such as the rest of a
     * transfer a peer drives. The caller warms up first; a runtime allocation (see the class
     * comment) is not filtered out here, so a non-zero figure may need a look before it is believed.
     */
    public static long allocatedBytesOnce(Block block) {
        try {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            block.run();
            return THREADS.getCurrentThreadAllocatedBytes() - before;
        } catch (Exception e) {
            throw new AssertionError("block under allocation measurement threw", e);
        }
    }

    /** Fails, naming {@code what} and the bytes per run, if {@code block} allocates in steady state. */
    public static void assertAllocationFree(String what, Block block) {
        long bytes = allocatedBytes(DEFAULT_WARM_UP, DEFAULT_RUNS, block);
        if (bytes != 0) {
            throw new AssertionError(what + " allocated " + bytes + " bytes over " + DEFAULT_RUNS + " runs ("
                    + (double) bytes / DEFAULT_RUNS + " bytes per run); expected none");
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            throw new IllegalStateException("this JVM cannot count per-thread allocation (no com.sun.management.ThreadMXBean)");
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not support per-thread allocation counting");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
