package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.firmware.board.ShippedBoards;
import org.smoltcp4j.hal.HardwareRandom;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.socket.TcpSequenceSource;

/**
 * The secrets Boot reads from the hardware random number generator (the mock's, seeded): the
 * firmware's first ISN for one 4-tuple follows the entropy, and a chip without a working generator
 * boots with a warning.
 */
class BootSecretsTest {

    private static final Pattern SYN_ACK_SEQUENCE = Pattern.compile("TCP src=" + Boot.PORT_HELLO + " dst=\\d+ syn seq=(\\d+) ack=");

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void twoBootsWithDifferentEntropyAnswerTheSameSynWithDifferentIsnsAndTheSameEntropyWithTheSame() {
        long first = firstIsnAfterBootWithEntropy(1);
        assertEquals(first, firstIsnAfterBootWithEntropy(1), "same entropy, same ISN");
        assertNotEquals(first, firstIsnAfterBootWithEntropy(2), "other entropy, other ISN");
    }

    /** Boots host-sim on the virtual clock with the mock's entropy stream {@code seed}; the ISN of its SYN-ACK to the first client connection. */
    private static long firstIsnAfterBootWithEntropy(long seed) {
        MockBackends.setRandomSeed(seed);
        List<String> serverFrames = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        TwoHosts hosts = new TwoHosts(ShippedBoards.load("host-sim"), log,
                (now, transmitted, line) -> {
                    if (transmitted) {
                        serverFrames.add(line.toString());
                    }
                });
        assertTrue(log.toString().contains("secrets: 16 bytes from the hardware random number generator\n"), log.toString());
        hosts.connect(Boot.PORT_HELLO);
        for (String frame : serverFrames) {
            Matcher m = SYN_ACK_SEQUENCE.matcher(frame);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no SYN-ACK from port " + Boot.PORT_HELLO + " in " + serverFrames);
    }

    @ParameterizedTest
    @CsvSource({
            "-4, 'warning: no hardware RNG: TCP initial sequence numbers are predictable'",
            "-5, 'warning: hardware RNG seed error (ERROR_SEED): TCP initial sequence numbers are predictable'",
            "-6, 'warning: hardware RNG clock error (ERROR_CLOCK): TCP initial sequence numbers are predictable'",
            "-3, 'warning: hardware RNG gave no value in time (ERROR_TIMEOUT): TCP initial sequence numbers are predictable'"})
    void aChipWithoutAWorkingGeneratorBootsWithAWarningAndStillAnswers(int error, String warning) {
        MockBackends.failRandom(error);
        StringBuilder log = new StringBuilder();
        TwoHosts hosts = new TwoHosts(ShippedBoards.load("host-sim"), log);
        assertTrue(log.toString().contains(warning + " (secrets from the chip's unique ID and the boot time)\n"), log.toString());
        assertFalse(log.toString().contains("secrets: "), log.toString());
        assertEquals("hello\n", hosts.receiveAll(hosts.connect(Boot.PORT_HELLO), 500));
    }

    @Test
    void theFallbackDiffersWithTheTimerAndTheUniqueIdAndWorksWithoutAnId() {
        long isn = isn(BootSecrets.fallback(1_000));
        assertEquals(isn, isn(BootSecrets.fallback(1_000)), "the same chip at the same time");
        assertNotEquals(isn, isn(BootSecrets.fallback(1_001)), "another boot time");
        MockBackends.setUniqueIdSeed(77);
        assertNotEquals(isn, isn(BootSecrets.fallback(1_000)), "another chip");
        MockBackends.removeUniqueId();
        long withoutId = isn(BootSecrets.fallback(1_000));
        assertNotEquals(withoutId, isn(BootSecrets.fallback(1_001)), "a chip without an ID still varies with the timer");
    }

    @Test
    void theTcpKeyAndTheInterfaceSeedAreDifferentFunctionsOfTheEntropy() {
        byte[] entropy = new byte[BootSecrets.ENTROPY_BYTES];
        BootSecrets zero = BootSecrets.fromEntropy(entropy);
        entropy[15] = 1;
        BootSecrets last = BootSecrets.fromEntropy(entropy);
        assertNotEquals(isn(zero), isn(last), "every byte of the entropy counts (the last one here)");
        assertNotEquals(zero.interfaceSeed(), last.interfaceSeed());
        assertEquals(zero.interfaceSeed(), BootSecrets.fromEntropy(new byte[BootSecrets.ENTROPY_BYTES]).interfaceSeed());
    }

    @Test
    void theBootLogPrintsNoSecret() {
        MockBackends.setRandomSeed(5);
        byte[] entropy = new byte[BootSecrets.ENTROPY_BYTES];
        HardwareRandom.fill(entropy, 0, entropy.length);
        MockBackends.setRandomSeed(5);
        StringBuilder log = new StringBuilder();
        new TwoHosts(ShippedBoards.load("host-sim"), log);
        BootSecrets secrets = BootSecrets.fromEntropy(entropy);
        String text = log.toString().toLowerCase();
        assertTrue(text.contains("secrets: 16 bytes"), text);
        List<String> secretTexts = new ArrayList<>(List.of(HexFormat.of().formatHex(entropy),
                HexFormat.of().formatHex(entropy, 0, 4), Long.toHexString(secrets.interfaceSeed()),
                Long.toString(secrets.interfaceSeed()), Long.toHexString(isn(secrets))));
        for (String secret : secretTexts) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
    }

    private static long isn(BootSecrets secrets) {
        TcpSequenceSource source = secrets.tcpSequences();
        return source.initialSequenceNumber(0, 0xffff_0a00_0001L, 80, 0, 0xffff_0a00_0002L, 50_000, 0) & 0xffffffffL;
    }
}
