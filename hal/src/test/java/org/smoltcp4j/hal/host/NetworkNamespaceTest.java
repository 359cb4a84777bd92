package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class NetworkNamespaceTest {

    private static String hostNamespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        return output;
    }

    @Test
    void twoNamespacesTalkOverAVethPairAndAreDeletedAfterwards() throws Exception {
        String nameA;
        String nameB;
        try (NetworkNamespace a = NetworkNamespace.create("ta"); NetworkNamespace b = NetworkNamespace.create("tb")) {
            nameA = a.name();
            nameB = b.name();
            assertTrue(hostNamespaces().contains(nameA));
            NetworkNamespace.connect(a, "veth-a", b, "veth-b");
            a.run("ip", "addr", "add", "10.99.0.1/24", "dev", "veth-a");
            b.run("ip", "addr", "add", "10.99.0.2/24", "dev", "veth-b");
            String ping = a.run("ping", "-c", "2", "-W", "2", "10.99.0.2");
            assertTrue(ping.contains("2 received"), ping);
        }
        String after = hostNamespaces();
        assertFalse(after.contains(nameA), after);
        assertFalse(after.contains(nameB), after);
    }

    @Test
    void backgroundProcessesAreStoppedOnClose() throws Exception {
        Process sleeper;
        try (NetworkNamespace ns = NetworkNamespace.create("bg")) {
            sleeper = ns.start("sleep", "60");
            assertTrue(sleeper.isAlive());
        }
        assertFalse(sleeper.isAlive());
    }

    @Test
    void aFailingCommandSaysWhatFailed() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create("err")) {
            IOException error = assertThrows(IOException.class, () -> ns.run("ip", "link", "set", "nonexistent0", "up"));
            assertTrue(error.getMessage().startsWith("'ip netns exec " + ns.name() + " ip link set nonexistent0 up' failed with exit"),
                    error.getMessage());
        }
    }

    @Test
    void purposeMustBeShort() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.create("Too-Long-Name"));
        assertEquals("purpose must be 1 to 8 lower-case letters or digits, got 'Too-Long-Name'", error.getMessage());
    }
}
