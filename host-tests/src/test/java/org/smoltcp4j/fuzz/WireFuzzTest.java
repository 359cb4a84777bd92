package org.smoltcp4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.phy.Medium;

/**
 * Fuzzing of every wire parser with Jazzer, seeded from golden vectors: the seeds run in-process,
 * then coverage-guided fuzzing runs for {@code fuzz.seconds} (60 in the test command) in a separate
 * JVM under Jazzer's driver. A crash fails the test with Jazzer's report; the crashing input and a
 * Java reproducer are kept in {@code host-tests/target/fuzz-crashes}.
 */
class WireFuzzTest {

    private static final Pattern EXECUTIONS = Pattern.compile("stat::number_of_executed_units: (\\d+)");

    /** Seeds: hex text files, first byte the entry point of {@link WireFuzzTarget}. */
    static List<byte[]> seeds() throws IOException, URISyntaxException {
        Path dir = Path.of(WireFuzzTest.class.getResource("seeds").toURI());
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                seeds.add(HexFormat.of().parseHex(Files.readString(file).replaceAll("\\s+", "")));
            }
        }
        return seeds;
    }

    @Test
    void theRadioSeedsGetPastThe6lowpanAddressFilter() throws Exception {
        FuzzedInterface radio = new FuzzedInterface(Medium.IEEE802154);
        for (byte[] seed : seeds()) {
            if ((seed[0] & 0xff) % WireFuzzTarget.ENTRY_POINTS == WireFuzzTarget.INTERFACE_IEEE802154) {
                radio.receive(seed, 1, seed.length - 1);
            }
        }
        Counters counters = radio.iface().counters();
        assertTrue(counters.get(Counters.RX_ICMPV6_ECHO_REQUESTS) >= 1, "the echo request: " + counters.appendTo(new StringBuilder()));
        assertTrue(counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK) >= 1, "the reassembled datagram: " + counters.appendTo(new StringBuilder()));
    }

    @Test
    void everySeedRunsWithoutThrowing() throws Exception {
        List<byte[]> seeds = seeds();
        assertFalse(seeds.isEmpty(), "no seeds found");
        boolean[] covered = new boolean[WireFuzzTarget.ENTRY_POINTS];
        for (byte[] seed : seeds) {
            WireFuzzTarget.fuzzerTestOneInput(seed);
            covered[(seed[0] & 0xff) % WireFuzzTarget.ENTRY_POINTS] = true;
        }
        for (int entry = 0; entry < covered.length; entry++) {
            assertTrue(covered[entry], "no seed for entry point " + entry);
        }
    }

    @Test
    void coverageGuidedFuzzingFindsNoCrash(@TempDir Path work) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("fuzz.seconds", "60"));
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        // Crashing inputs and Java reproducers outlive the test, for a developer to replay.
        Path crashes = Files.createDirectories(Path.of("target", "fuzz-crashes").toAbsolutePath());
        int n = 0;
        for (byte[] seed : seeds()) {
            Files.write(corpus.resolve("seed-" + n++), seed);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + WireFuzzTarget.class.getName(),
                "--instrumentation_includes=org.smoltcp4j.**",
                "--reproducer_path=" + crashes,
                "-artifact_prefix=" + crashes + "/",
                "-max_total_time=" + seconds,
                "-print_final_stats=1",
                "-timeout=10",
                "-seed=20261121",
                corpus.toString());
        Process jazzer = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile()).start();
        String output;
        try (InputStream in = jazzer.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(jazzer.waitFor(seconds + 120L, TimeUnit.SECONDS), "Jazzer did not stop");
        assertEquals(0, jazzer.exitValue(), "Jazzer found a crash or failed:\n" + tail(output));
        Matcher executions = EXECUTIONS.matcher(output);
        assertTrue(executions.find(), "Jazzer printed no statistics:\n" + tail(output));
        long runs = Long.parseLong(executions.group(1));
        assertTrue(runs > 0, "Jazzer executed nothing");
        System.out.println("fuzzing: " + runs + " executions in " + seconds + " s over " + WireFuzzTarget.ENTRY_POINTS + " entry points");
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
