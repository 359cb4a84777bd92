package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.firmware.app.TcpSource;

/**
 * The firmware against Linux, as a user runs it: {@code smoltcp4j tap --netns NS} (the shaded jar
 * of module tools, in a process of its own), with Linux inside the namespace the command creates
 * talking to it with ping, socat, curl and headless Chromium, over IPv4 and IPv6. Needs root, as the other interop
 * tests; every command is bounded in time, and the command deletes the namespace when stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmwareOnTapTest {

    private static final String FIRMWARE = "192.168.69.1";
    /** host-tap's ipv6.address; the namespace's end of the TAP is fdaa::100. */
    private static final String FIRMWARE6 = "fdaa::1";
    private static final long COMMAND_SECONDS = 60;

    private final String namespace = "s4j-fw-" + ProcessHandle.current().pid();
    private final String tap = "s4jfw" + ProcessHandle.current().pid() % 100_000;
    private Process firmware;
    private final StringBuffer firmwareOutput = new StringBuffer();

    @BeforeAll
    void startTheFirmware() throws Exception {
        Path jar = Path.of("..", "tools", "target", "smoltcp4j.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: module tools builds it (mvn package -pl tools -am)");
        firmware = new ProcessBuilder("java", "-jar", jar.toString(), "tap", "--netns", namespace, "--iface", tap, "--seconds", "600")
                .redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(firmware.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    firmwareOutput.append(line).append('\n');
                    if (line.endsWith("; ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(false);
        }, "firmware-output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(ready.get(60, TimeUnit.SECONDS), "the tap command did not get ready:\n" + firmwareOutput);
    }

    @AfterAll
    void stopTheFirmware() throws Exception {
        if (firmware == null) {
            return;
        }
        firmware.destroy(); // SIGTERM: the command's shutdown hook ends the loop and deletes the namespace
        assertTrue(firmware.waitFor(20, TimeUnit.SECONDS), "the tap command did not stop:\n" + firmwareOutput);
        String namespaces = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertFalse(namespaces.contains(namespace), "the namespace is left behind: " + namespaces);
    }

    /** Runs {@code shell} (sh -c) inside the namespace; returns its standard output; fails on a non-zero exit. */
    private String inside(String shell) throws Exception {
        Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "timeout", String.valueOf(COMMAND_SECONDS), "sh", "-c", shell)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertTrue(process.waitFor(COMMAND_SECONDS + 5, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.ISO_8859_1);
        assertEquals(0, process.exitValue(), "'" + shell + "' failed; output: " + text + "\nfirmware:\n" + firmwareOutput);
        return text;
    }

    /** The firmware's address in each IP version, as socat's address types and ping's flag take it. */
    private static final String IPV4 = "-4, 192.168.69.1, UDP4, TCP4";
    private static final String IPV6 = "-6, [fdaa::1], UDP6, TCP6";

    @ParameterizedTest
    @CsvSource({IPV4, IPV6})
    void pingIsAnswered(String version, String address) throws Exception {
        String bare = address.replace("[", "").replace("]", "");
        assertTrue(inside("ping " + version + " -c 3 -i 0.2 -W 2 " + bare).contains("3 received"));
    }

    @ParameterizedTest
    @CsvSource({IPV4, IPV6})
    void udpReverse(String version, String address, String udp) throws Exception {
        assertEquals("olleh\n", inside("echo hello | socat -t 2 - " + udp + ":" + address + ":6969"));
    }

    @ParameterizedTest
    @CsvSource({IPV4, IPV6})
    void tcpHelloSaysHelloAndCloses(String version, String address, String udp, String tcp) throws Exception {
        assertEquals("hello\n", inside("socat -t 5 -u " + tcp + ":" + address + ":6969 -"));
    }

    @ParameterizedTest
    @CsvSource({IPV4, IPV6})
    void tcpReverseAnswersEachLine(String version, String address, String udp, String tcp) throws Exception {
        assertEquals("cba\nlinux\n", inside("printf 'abc\\nxunil\\n' | socat -t 3 - " + tcp + ":" + address + ":6970"));
    }

    @Test
    void statusJsonOverIpv6ListsTheIpv6Addresses() throws Exception {
        String addresses = inside("curl -g -s --max-time 10 http://[" + FIRMWARE6 + "]/status.json"
                + " | python3 -c 'import json, sys; print(\" \".join(json.load(sys.stdin)[\"ipv6\"]))'");
        List<String> listed = List.of(addresses.trim().split(" "));
        assertTrue(listed.contains(FIRMWARE6 + "/64"), addresses);
        // host-tap's MAC 02:00:00:00:00:01 gives this EUI-64 link-local address (RFC 4291 appendix A).
        assertTrue(listed.contains("fe80::ff:fe00:1/64"), addresses);
    }

    @Test
    void tcpSinkTakesAMegabyte() throws Exception {
        long before = sinkBytes();
        inside("head -c 1000000 /dev/zero | socat -u - TCP:" + FIRMWARE + ":6971");
        // socat is done once its bytes are in Linux's send buffer: wait (bounded) until the sink has counted them all.
        long received = sinkBytes();
        for (int i = 0; i < 50 && received < before + 1_000_000; i++) {
            Thread.sleep(100);
            received = sinkBytes();
        }
        assertEquals(before + 1_000_000, received, "bytes the sink counted (status.json tcp_sink.bytes_received)");
    }

    /** The TCP sink's bytes_received in /status.json. */
    private long sinkBytes() throws Exception {
        return Long.parseLong(inside("curl -s --max-time 10 http://" + FIRMWARE + "/status.json"
                + " | python3 -c 'import json, sys; print(json.load(sys.stdin)[\"tcp_sink\"][\"bytes_received\"])'").trim());
    }

    @Test
    void tcpSourceSendsThePattern() throws Exception {
        String stream = inside("socat -u TCP:" + FIRMWARE + ":6972 - | head -c 100000");
        assertEquals(100_000, stream.length());
        for (int i = 0; i < stream.length(); i++) {
            assertEquals(TcpSource.PATTERN[i % TcpSource.PATTERN.length], stream.charAt(i), "byte " + i);
        }
    }

    @Test
    void statusPageAndJsonWithMovingCounters() throws Exception {
        String page = inside("curl -s -i --max-time 10 http://" + FIRMWARE + "/");
        assertTrue(page.startsWith("HTTP/1.1 200 OK\r\n") && page.contains("<h1>host-tap</h1>"), page);
        String first = inside("curl -s --max-time 10 http://" + FIRMWARE + "/status.json | python3 -m json.tool");
        inside("ping -c 2 -i 0.2 -W 2 " + FIRMWARE);
        String second = inside("curl -s --max-time 10 http://" + FIRMWARE + "/status.json | python3 -m json.tool");
        assertTrue(counter(second, "RxEchoRequests") >= counter(first, "RxEchoRequests") + 2, first + "\n" + second);
        assertTrue(counter(second, "RxFrames") > counter(first, "RxFrames"));
        assertTrue(inside("curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://" + FIRMWARE + "/nothing").equals("404"));
    }

    @Test
    void twentyConcurrentClientsAreAllServed() throws Exception {
        String codes = inside("for i in $(seq 20); do curl -s -o /dev/null -w '%{http_code}\\n' --max-time 30 http://" + FIRMWARE
                + "/status.json & done; wait");
        List<String> lines = new ArrayList<>(List.of(codes.trim().split("\n")));
        assertEquals(20, lines.size(), codes);
        assertTrue(lines.stream().allMatch("200"::equals), codes);
    }

    @Test
    void theStatusPageRendersInHeadlessChromium() throws Exception {
        Path screenshot = Path.of("target", "firmware-status-page.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        inside("chromium --headless --no-sandbox --disable-gpu --window-size=1000,1400 --screenshot=" + screenshot
                + " http://" + FIRMWARE + "/");
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot + " is too small to show the page");
        System.out.println("status page screenshot: " + screenshot);
    }

    private static long counter(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\": (\\d+)").matcher(json);
        assertTrue(value.find(), name + " missing in " + json);
        return Long.parseLong(value.group(1));
    }
}
