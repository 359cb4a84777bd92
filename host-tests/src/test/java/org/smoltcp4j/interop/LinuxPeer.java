package org.smoltcp4j.interop;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.smoltcp4j.hal.host.TapInterface;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.OutputStreamPcapSink;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.phy.PcapWriter;
import org.smoltcp4j.hal.host.NetworkNamespace;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;

/**
 * Test fixture: our {@link Interface} on a TAP device whose Linux side lives in a namespace the
 * fixture creates, so the kernel is the peer (network rule, design.md section 6: 192.168.69.100 is
 * configured only inside that namespace, 192.168.69.1 only in our Java interface).
 *
 * <p>A background thread runs the main loop an application would: poll, run the application step
 * ({@link #setApplication}), wait for a frame at most {@code min(pollDelay, 10 ms)}, until closed.
 * The interface and sockets are not thread-safe, so the test touches them only through
 * {@link #onLoop}, which runs a task on the loop thread between two polls. Time is the wall clock
 * plus an offset the test can move ({@link #advanceClock}) to age timers without waiting.
 *
 * <p>Every frame in both directions is written to {@code traffic.pcap} in the test's directory, and
 * the frames we sent to {@code sent.pcap} as well. {@link #close} stops the loop, deletes the
 * namespace, then fails if the loop threw or if tshark finds a problem in the capture: in
 * {@code traffic.pcap}, or only in {@code sent.pcap} after {@link #expectHostileInput} (the frames
 * the test injected are malformed on purpose; ours must never be).
 *
 * <p>A test may put a middleware between the two captures ({@link #start(Path, int, UnaryOperator)}),
 * such as a fault injector: {@code sent.pcap} then holds our frames as we emitted them and
 * {@code traffic.pcap} the frames on the wire.
 */
final class LinuxPeer implements AutoCloseable {

    static final int OUR_IP = Ipv4Address.of(192, 168, 69, 1);
    static final int PEER_IP = Ipv4Address.of(192, 168, 69, 100);
    static final long OUR_MAC = MacAddress.of(2, 0, 0, 0, 0, 1);
    static final long PEER_MAC = MacAddress.of(2, 0, 0, 0, 0, 0x64);
    static final String OUR_MAC_TEXT = "02:00:00:00:00:01";
    static final String PEER_MAC_TEXT = "02:00:00:00:00:64";
    /** fd00::1, ours when started with {@link #startWithIpv6}; fd00::100 is Linux's. */
    static final long ULA_HIGH = 0xfd00_0000_0000_0000L;
    static final long OUR_ULA_LOW = 1;
    static final String OUR_ULA_TEXT = "fd00::1";
    static final String PEER_ULA_TEXT = "fd00::100";
    /** Our automatic link-local address: fe80:: and the modified EUI-64 of {@link #OUR_MAC}. */
    static final String OUR_LINK_LOCAL_TEXT = "fe80::ff:fe00:1";
    /** Room for an 8000-byte ping, whole, in each direction. */
    static final int DATAGRAM_BUFFER = 16 * 1024;
    /** Longest wait for a frame between polls, so tasks and stop requests are seen soon. */
    static final long MAX_WAIT_MICROS = 10_000;
    private static final long TASK_TIMEOUT_SECONDS = 10;
    private static final int OFFLOAD_IP_MTU = 1500;

    private final TapInterface tap;
    private final NetworkNamespace namespace;
    private final Path directory;
    private final OutputStream trafficFile;
    private final OutputStream sentFile;
    private final Device device;
    private final Interface iface;
    private final SocketSet sockets;
    private final ConcurrentLinkedQueue<FutureTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;
    private final long nanosAtStart = System.nanoTime();
    private final Thread loop;
    private volatile long clockOffsetMicros;
    private volatile boolean running = true;
    private volatile Throwable loopFailure;
    private volatile Runnable application;
    private boolean hostileInput;
    private boolean closed;

    private LinuxPeer(TapInterface tap, NetworkNamespace namespace, Path directory, int socketSlots,
            UnaryOperator<Device> middleware, boolean ipv6) throws IOException {
        this.tap = tap;
        this.namespace = namespace;
        this.directory = directory;
        // FileOutputStream: its writes allocate nothing on the heap (a channel stream wraps a ByteBuffer per write).
        trafficFile = new BufferedOutputStream(new FileOutputStream(directory.resolve("traffic.pcap").toFile()));
        sentFile = new BufferedOutputStream(new FileOutputStream(directory.resolve("sent.pcap").toFile()));
        device = new PcapWriter(middleware.apply(new PcapWriter(tap, new OutputStreamPcapSink(trafficFile), PcapWriter.MODE_BOTH)),
                new OutputStreamPcapSink(sentFile), PcapWriter.MODE_TX);
        InterfaceConfig config = new InterfaceConfig().hardwareAddress(OUR_MAC)
                .reassemblyBufferSize(DATAGRAM_BUFFER).fragmentationBufferSize(DATAGRAM_BUFFER);
        iface = new Interface(config, device.capabilities());
        iface.addIpv4Address(OUR_IP, 24);
        if (ipv6) {
            iface.addIpv6Address(ULA_HIGH, OUR_ULA_LOW, 64);
        }
        sockets = new SocketSet(socketSlots);
        loop = new Thread(this::runLoop, "poll-" + tap.name());
        loop.setDaemon(true);
    }

    /**
     * Opens a TAP, moves its Linux side into a fresh namespace as 192.168.69.100/24 (MAC
     * {@link #PEER_MAC_TEXT}, IPv6 off so only the test's traffic flows) and starts the poll loop.
     */
    static LinuxPeer start(Path directory, int socketSlots) throws IOException {
        return start(directory, socketSlots, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, int)}, with {@code middleware} applied to the device under our
     * interface, between {@code sent.pcap} (above it) and {@code traffic.pcap} (below it).
     */
    static LinuxPeer start(Path directory, int socketSlots, UnaryOperator<Device> middleware) throws IOException {
        return start(directory, socketSlots, middleware, false, false);
    }

    /**
     * As {@link #start(Path, int)}, with IPv6 on both sides as well: Linux at fd00::100/64 and its
     * link-local address, ours at fd00::1/64 and {@link #OUR_LINK_LOCAL_TEXT}. Linux runs no
     * Duplicate Address Detection (its addresses are usable at once) and neither solicits nor
     * accepts router advertisements.
     */
    static LinuxPeer startWithIpv6(Path directory, int socketSlots) throws IOException {
        return start(directory, socketSlots, UnaryOperator.identity(), true, false);
    }

    /**
     * As {@link #startWithIpv6}, on a TAP with offload (virtio-net header, IP MTU 1500): TCP
     * checksums are partial sums both ways, which the kernel completes and vouches for, so the
     * capture's judge overlooks bad checksums (and only those).
     */
    static LinuxPeer startWithIpv6AndOffload(Path directory, int socketSlots) throws IOException {
        return start(directory, socketSlots, UnaryOperator.identity(), true, true);
    }

    private static LinuxPeer start(Path directory, int socketSlots, UnaryOperator<Device> middleware, boolean ipv6, boolean offload)
            throws IOException {
        TapInterface tap = offload ? TapInterface.open("s4jif%d", OFFLOAD_IP_MTU, true) : TapInterface.open("s4jif%d");
        NetworkNamespace namespace = null;
        try {
            namespace = NetworkNamespace.create("iface");
            if (ipv6) {
                namespace.run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.default.disable_ipv6=0",
                        "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.default.accept_ra=0",
                        "net.ipv6.conf.default.router_solicitations=0");
            } else {
                namespace.run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            }
            namespace.adoptLink(tap.name());
            namespace.run("ip", "link", "set", tap.name(), "address", PEER_MAC_TEXT);
            namespace.run("ip", "addr", "add", "192.168.69.100/24", "dev", tap.name());
            if (ipv6) {
                namespace.run("ip", "-6", "addr", "add", PEER_ULA_TEXT + "/64", "dev", tap.name(), "nodad");
            }
            namespace.run("ip", "link", "set", tap.name(), "up");
            LinuxPeer peer = new LinuxPeer(tap, namespace, directory, socketSlots, middleware, ipv6);
            peer.loop.start();
            return peer;
        } catch (IOException | RuntimeException e) {
            tap.close();
            if (namespace != null) {
                namespace.close();
            }
            throw e;
        }
    }

    /** The namespace holding Linux's side. */
    NetworkNamespace namespace() {
        return namespace;
    }

    /** The TAP's name, inside the namespace. */
    String link() {
        return tap.name();
    }

    /** The test's directory, where the captures are written. */
    Path directory() {
        return directory;
    }

    /** Our interface: touch it only in {@link #onLoop} tasks. */
    Interface iface() {
        return iface;
    }

    /** Our sockets: touch them only in {@link #onLoop} tasks. */
    SocketSet sockets() {
        return sockets;
    }

    /** The loop's clock: wall-clock microseconds since the epoch plus the offset. */
    long now() {
        return epochMicrosAtStart + (System.nanoTime() - nanosAtStart) / 1000 + clockOffsetMicros;
    }

    /** Moves the loop's clock {@code micros} ahead from now on. */
    void advanceClock(long micros) {
        clockOffsetMicros += micros;
    }

    /** Sets the step run on the loop thread after every poll (null for none). */
    void setApplication(Runnable step) {
        application = step;
    }

    /** Judge only the frames we sent: the test injects malformed frames on purpose. */
    void expectHostileInput() {
        hostileInput = true;
    }

    /** Runs {@code task} on the loop thread between two polls and returns its result. */
    <T> T onLoop(Callable<T> task) throws Exception {
        return onLoop(task, TASK_TIMEOUT_SECONDS);
    }

    /** As {@link #onLoop(Callable)}, for a task that may take up to {@code timeoutSeconds}. */
    <T> T onLoop(Callable<T> task, long timeoutSeconds) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        tasks.add(future);
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            throw new AssertionError("the poll loop did not run a task within " + timeoutSeconds + " s"
                    + (loopFailure == null ? "" : "; it failed"), loopFailure == null ? e : loopFailure);
        }
    }

    /** A copy of every counter, read on the loop thread. */
    long[] counters() throws Exception {
        return onLoop(() -> {
            long[] values = new long[Counters.COUNT];
            for (int i = 0; i < Counters.COUNT; i++) {
                values[i] = iface.counters().get(i);
            }
            return values;
        });
    }

    /**
     * Waits until counter {@code index} reaches {@code atLeast} (checked every 10 ms, at most
     * {@code timeoutMillis}); returns its last value.
     */
    long awaitCounter(int index, long atLeast, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long value;
        while ((value = onLoop(() -> iface.counters().get(index))) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return value;
    }

    /**
     * Waits until {@code condition}, evaluated on the loop thread every 20 ms, holds; fails naming
     * {@code what} after 10 s.
     */
    void awaitOnLoop(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TASK_TIMEOUT_SECONDS);
        while (!onLoop(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + TASK_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until a socket of the namespace listens on {@code port} ({@code ssProtocol}: "-t" for
     * TCP, "-u" for UDP), checked every 20 ms for at most 2 s.
     */
    void awaitListener(String ssProtocol, int port) throws Exception {
        String listening = "";
        for (int i = 0; i < 100 && !listening.contains(":" + port); i++) {
            Thread.sleep(20);
            listening = namespace.run("ss", "-Hln", ssProtocol, "sport = :" + port);
        }
        if (!listening.contains(":" + port)) {
            throw new AssertionError("nothing listens on port " + port + " (ss " + ssProtocol + ") in the namespace after 2 s");
        }
    }

    /**
     * One turn of the main loop: poll, the application's step, then wait for a frame until the
     * interface has work or {@link #MAX_WAIT_MICROS} passed. Package-private so that the
     * allocation test can run it under the probe from an {@link #onLoop} task, on the loop thread.
     */
    void iterate() {
        iface.poll(now(), device, sockets);
        Runnable step = application;
        if (step != null) {
            step.run();
        }
        tap.waitReadable(Math.min(iface.pollDelay(now(), sockets), MAX_WAIT_MICROS));
    }

    private void runLoop() {
        try {
            while (running) {
                FutureTask<?> task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                iterate();
            }
        } catch (Throwable t) {
            loopFailure = t;
        }
    }

    /**
     * Stops the loop, closes the TAP and deletes the namespace; then fails if the loop threw or
     * tshark finds a problem in the capture.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        try {
            loop.join(TimeUnit.SECONDS.toMillis(TASK_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the poll loop", e);
        }
        try {
            tap.close();
        } finally {
            namespace.close();
            trafficFile.close();
            sentFile.close();
        }
        if (loop.isAlive()) {
            throw new AssertionError("the poll loop did not stop within " + TASK_TIMEOUT_SECONDS + " s");
        }
        if (loopFailure != null) {
            throw new AssertionError("the poll loop threw", loopFailure);
        }
        Path judged = directory.resolve(hostileInput ? "sent.pcap" : "traffic.pcap");
        if (Files.size(judged) <= PcapFormat.GLOBAL_HEADER_LEN) {
            throw new AssertionError(judged + " holds no frame: the capture did not record the traffic");
        }
        List<String> problems = Tshark.problems(judged);
        if (tap.offload()) {
            problems.removeIf(problem -> problem.contains("Bad checksum"));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("tshark finds problems in " + judged + ":\n  " + String.join("\n  ", problems));
        }
    }
}
