package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux network namespace that a test creates, uses as a peer host, and deletes (design.md
 * section 6, network rule): test addresses live only inside namespaces like this one, never in the
 * machine's own namespace. Needs root (CAP_NET_ADMIN); CI runs as root.
 *
 * <pre>
 * try (NetworkNamespace peer = NetworkNamespace.create("tap")) {
 *     peer.adoptLink("tap0");                 // a TAP opened by this process, moved inside
 *     peer.run("ip", "addr", "add", "192.168.69.100/24", "dev", "tap0");
 *     peer.run("ip", "link", "set", "tap0", "up");
 *     Process ping = peer.start("ping", "-c", "3", "192.168.69.1");
 * }                                           // background processes killed, namespace deleted
 * </pre>
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final String name;
    private final List<Process> started = new ArrayList<>();
    private boolean closed;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace named {@code s4j-<purpose>-<pid>-<n>}, with its loopback up. */
    public static NetworkNamespace create(String purpose) throws IOException {
        if (!purpose.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("purpose must be 1 to 8 lower-case letters or digits, got '" + purpose + "'");
        }
        return named("s4j-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    /**
     * Creates the namespace {@code name} (which must not exist yet), with its loopback up: for a
     * caller that chose the name, such as {@code smoltcp4j tap --netns NS}.
     */
    public static NetworkNamespace named(String name) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("a namespace name is 1 to 64 letters, digits, '_', '.' or '-', got '" + name + "'");
        }
        runHost("ip", "netns", "add", name);
        NetworkNamespace namespace = new NetworkNamespace(name);
        try {
            namespace.run("ip", "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /**
     * Creates a veth pair with one end in each namespace ({@code nameA} in {@code a}, {@code nameB}
     * in {@code b}), both up. The pair disappears with either namespace.
     */
    public static void connect(NetworkNamespace a, String nameA, NetworkNamespace b, String nameB) throws IOException {
        runHost("ip", "link", "add", nameA, "netns", a.name, "type", "veth", "peer", "name", nameB, "netns", b.name);
        a.run("ip", "link", "set", nameA, "up");
        b.run("ip", "link", "set", nameB, "up");
    }

    public String name() {
        return name;
    }

    /**
     * Moves a link that this process created in the host namespace (a TAP/TUN device it opened)
     * into this namespace. The open file descriptor keeps working.
     */
    public void adoptLink(String link) throws IOException {
        runHost("ip", "link", "set", link, "netns", name);
    }

    /** Runs a command inside the namespace and returns its output; fails with the output if it fails. */
    public String run(String... command) throws IOException {
        return runHost(inside(command));
    }

    /** Starts a command inside the namespace in the background; it is killed on {@link #close()}. */
    public Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(inside(command)).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    /** Kills what {@link #start} started and deletes the namespace (and the links inside it). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Process process : started) {
            process.destroy();
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runHost("ip", "netns", "delete", name);
    }

    private String[] inside(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    /** Runs a command in the host namespace (only ip commands that manage our namespaces). */
    private static String runHost(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            String hint = output.contains("Operation not permitted") || output.contains("Permission denied")
                    ? " (network namespaces need root, i.e. CAP_NET_ADMIN and CAP_SYS_ADMIN)" : "";
            throw new IOException("'" + String.join(" ", command) + "' failed with exit " + process.exitValue() + hint + ": " + output.trim());
        }
        return output;
    }
}
