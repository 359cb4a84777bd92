package org.smoltcp4j.tools;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.smoltcp4j.socket.TcpSocket;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the TCP throughput benchmarks share, after smoltcp's {@code benchmark} and
 * {@code loopback_benchmark} examples: move {@code --bytes} one way through a TCP connection
 * {@code --runs} times, print each run, and end with {@code throughput: X.XX Gbit/s} (the median
 * run; bits are bytes / 0.125e9 as smoltcp counts them). Our sockets never copy: the application
 * only moves the in-place windows of the socket buffers ({@link #sendInPlace}, {@link #receiveInPlace}),
 * as smoltcp's closures only advance pointers.
 */
abstract class TcpThroughputBenchmark implements Callable<Integer> {

    /** smoltcp's socket buffers in both benchmarks (64 KiB). */
    static final int SOCKET_BUFFER = 65536;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "1", description = "How many transfers to measure (default ${DEFAULT-VALUE}); the last line is the median.")
    int runs;

    /** Bytes one run moves; each benchmark sets its own default. */
    abstract long bytes();

    /** Says what is measured, in one line; called before the first run. */
    abstract String describe();

    /** Checks the benchmark's own options; null when fine, else the message of a usage error. */
    abstract String problem();

    /** What one run measured: its time, and the CPU time of the peer's thread if the peer is not us (else -1), in nanoseconds. */
    record Run(long nanos, long peerCpuNanos) {
    }

    /** Moves {@link #bytes()} once, on the calling thread, and says how long it took. */
    abstract Run runOnce(int run) throws Exception;

    /** Sets up what all runs share (called once, before the first); the default does nothing. */
    void open() throws Exception {
    }

    /** Releases what {@link #open} set up, also after a failure; the default does nothing. */
    void close() {
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String problem = runs < 1 ? "--runs must be at least 1, got " + runs
                : bytes() < 1 ? "--bytes must be at least 1, got " + bytes() : problem();
        if (problem != null) {
            spec.commandLine().getErr().println("smoltcp4j bench " + spec.name() + ": " + problem);
            return 2;
        }
        out.println(describe());
        out.flush();
        double[] rates = new double[runs];
        try {
            open();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int run = 0; run < runs; run++) {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long userBefore = threads.getCurrentThreadUserTime();
                Run measured = runOnce(run);
                long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
                // User time comes in clock ticks (10 ms), CPU time to the nanosecond: short runs may make the difference negative.
                long kernel = Math.max(0, cpu - (threads.getCurrentThreadUserTime() - userBefore));
                rates[run] = gigabits(bytes(), measured.nanos());
                // CPU times (user and system: the kernel's work in a thread's reads and writes counts)
                // tell what a run cost even when other processes share the cores.
                out.printf("run %d: %d bytes in %.3f s = %.2f Gbit/s (CPU: our thread %.3f s, %.3f s of it in the kernel%s)%n", run + 1,
                        bytes(), measured.nanos() / 1e9, rates[run], cpu / 1e9, kernel / 1e9,
                        measured.peerCpuNanos() < 0 ? "" : String.format(", Linux's thread %.3f s", measured.peerCpuNanos() / 1e9));
                out.flush();
            }
        } finally {
            close();
        }
        Arrays.sort(rates);
        if (runs > 1) {
            out.printf("median of %d runs, range %.2f .. %.2f Gbit/s%n", runs, rates[0], rates[runs - 1]);
        }
        out.printf("throughput: %.2f Gbit/s%n", rates[runs / 2]);
        out.flush();
        return 0;
    }

    /** The usage error of an on/off option whose value is neither, else null. */
    static String onOrOff(String option, String value) {
        return value.equals("on") || value.equals("off") ? null : option + " must be on or off, got '" + value + "'";
    }

    /** Gigabits per second as smoltcp computes them: bytes / seconds / 0.125e9. */
    static double gigabits(long bytes, long nanos) {
        return bytes / (nanos / 1e9) / 0.125e9;
    }

    /**
     * Queues up to {@code remaining} bytes by committing the free space of {@code socket}'s send
     * buffer, both parts when it wraps; the bytes are whatever the buffer holds. Returns the count.
     */
    static long sendInPlace(TcpSocket socket, long remaining) {
        long queued = 0;
        for (int part = 0; part < 2 && queued < remaining; part++) {
            int count = (int) Math.min(socket.sendWindowLength(), remaining - queued);
            if (count <= 0 || socket.commitSend(count) < 0) {
                break;
            }
            queued += count;
        }
        return queued;
    }

    /** Consumes every byte {@code socket} has received, both parts when the buffer wraps; returns the count. */
    static long receiveInPlace(TcpSocket socket) {
        long consumed = 0;
        for (int part = 0; part < 2; part++) {
            int count = socket.recvWindowLength();
            if (count <= 0) {
                break;
            }
            socket.commitRecv(count);
            consumed += count;
        }
        return consumed;
    }

    /**
     * Notices a run that stopped moving: {@link #stalled} once nothing has progressed for
     * {@link #STALL_MICROS}, so a broken connection fails the benchmark instead of hanging it.
     */
    static final class Watchdog {
        static final long STALL_MICROS = 10_000_000;
        private long lastProgress = micros();

        /** Notes progress when {@code moved} is positive. */
        void moved(long moved, long now) {
            if (moved > 0) {
                lastProgress = now;
            }
        }

        /** True when nothing moved for {@link #STALL_MICROS}; the caller then fails, saying what is stuck. */
        boolean stalled(long now) {
            return now - lastProgress > STALL_MICROS;
        }

        /** The failure of a stalled run; {@code what} says what is stuck. */
        static IllegalStateException failure(String what) {
            return new IllegalStateException("no progress for " + STALL_MICROS / 1_000_000 + " s: " + what);
        }
    }

    /** Microseconds of the monotonic clock: the stack's {@code now}. */
    static long micros() {
        return System.nanoTime() / 1000;
    }
}
