package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.hal.host.NamespaceThread;
import org.smoltcp4j.hal.host.NetworkNamespace;
import org.smoltcp4j.testing.Tshark;

import picocli.CommandLine;

/** Live capture between two namespaces this test creates; the command runs inside one of them. */
class TcpdumpCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new Smoltcp4jCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void capturesAndPrintsLiveFramesAndWritesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("live.pcap");
        try (NetworkNamespace a = NetworkNamespace.create("tda"); NetworkNamespace b = NetworkNamespace.create("tdb")) {
            for (NetworkNamespace ns : new NetworkNamespace[] {a, b}) {
                // No IPv6 chatter (MLD, DAD) to crowd out the echoes in a six-frame capture.
                ns.run("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1", "net.ipv6.conf.all.disable_ipv6=1");
            }
            NetworkNamespace.connect(a, "veth-a", b, "veth-b");
            a.run("ip", "addr", "add", "10.98.0.1/24", "dev", "veth-a");
            b.run("ip", "addr", "add", "10.98.0.2/24", "dev", "veth-b");
            b.run("ping", "-c", "1", "-W", "1", "10.98.0.1"); // resolve ARP first, so the capture sees echoes
            b.start("ping", "-c", "20", "-i", "0.2", "-W", "1", "10.98.0.1");
            int exit = NamespaceThread.call(a.name(),
                    () -> run("tcpdump", "-i", "veth-a", "-c", "6", "--seconds", "20", "-w", file.toString()));
            assertEquals(0, exit, err.toString());
        }
        String[] lines = out.toString().split("\n");
        assertEquals(6, lines.length, out.toString());
        for (int i = 0; i < lines.length; i++) {
            assertTrue(lines[i].startsWith((i + 1) + " "), lines[i]);
            assertTrue(lines[i].contains("EthernetII"), lines[i]);
            assertTrue(!lines[i].matches(".*\\((truncated|malformed|bad checksum|unsupported)\\)$"), lines[i]);
        }
        // Both directions: Linux's requests from b and the replies a sends back.
        assertTrue(out.toString().contains("echo request") && out.toString().contains("echo reply"), out.toString());
        assertEquals("6 frames captured\n", err.toString());
        List<String[]> rows = Tshark.fields(file, "frame.number");
        assertEquals(6, rows.size());
        assertEquals(List.of(), Tshark.problems(file));
    }

    @Test
    void aMissingInterfaceIsOneClearError() throws Exception {
        try (NetworkNamespace a = NetworkNamespace.create("tdm")) {
            int exit = NamespaceThread.call(a.name(), () -> run("tcpdump", "-i", "nosuch0", "-c", "1"));
            assertEquals(2, exit);
        }
        assertTrue(err.toString().startsWith("smoltcp4j tcpdump: ") && err.toString().contains("nosuch0"), err.toString());
        assertEquals(1, err.toString().split("\n").length, err.toString());
    }

    @Test
    void conflictingCaptureOptionsAreAUsageError(@TempDir Path dir) {
        assertEquals(2, run("tcpdump", "-i", "lo", "-w", dir.resolve("a").toString(), "--pcap", dir.resolve("b").toString()));
        assertEquals("smoltcp4j tcpdump: give either -w or --pcap, not both\n", err.toString());
    }

    @Test
    void interfaceIsRequired() {
        assertEquals(2, run("tcpdump"));
        assertTrue(err.toString().startsWith("Missing required option: '-i=IFACE'"), err.toString());
    }
}
