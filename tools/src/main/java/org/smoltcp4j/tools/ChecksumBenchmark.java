package org.smoltcp4j.tools;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;

import org.smoltcp4j.wire.Checksum;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Speed of the Internet checksum, the hottest loop of the stack, in bytes per second for the packet
 * sizes that matter. Each size is warmed up, then measured in several rounds of about
 * {@code --round-millis}; the median round is reported, with the slowest and fastest beside it.
 */
@Command(name = "checksum", description = "Internet checksum speed (bytes/s) over typical packet sizes.")
public final class ChecksumBenchmark implements Callable<Integer> {

    private static final int[] SIZES = {20, 64, 576, 1500, 9000, 65536};

    @Spec
    private CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "7", description = "Measured rounds per size (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--round-millis", defaultValue = "300", description = "Length of one round in ms (default ${DEFAULT-VALUE}).")
    private int roundMillis;

    /** Keeps the JIT from discarding the sums. */
    long sink;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1 || roundMillis < 10) {
            spec.commandLine().getErr().println("smoltcp4j bench checksum: --rounds must be >= 1 and --round-millis >= 10");
            return 2;
        }
        out.printf("Internet checksum (org.smoltcp4j.wire.Checksum.compute), %s %s, %d rounds of %d ms per size, median [min..max]%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, roundMillis);
        Random random = new Random(1);
        for (int size : SIZES) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            measure(data, roundMillis * 2L); // warm-up
            double[] rates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                rates[i] = measure(data, roundMillis);
            }
            Arrays.sort(rates);
            out.printf("%6d bytes: %7.2f GB/s  [%.2f .. %.2f]%n", size, rates[rounds / 2] / 1e9, rates[0] / 1e9, rates[rounds - 1] / 1e9);
        }
        out.flush();
        return 0;
    }

    /** Bytes per second checksummed over about {@code millis}. */
    private double measure(byte[] data, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long start = System.nanoTime();
        long calls = 0;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink += Checksum.compute(data, 0, data.length);
            }
            calls += 256;
            now = System.nanoTime();
        } while (now < deadline);
        return (double) calls * data.length / ((now - start) / 1e9);
    }
}
