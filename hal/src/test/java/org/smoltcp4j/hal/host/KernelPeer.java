package org.smoltcp4j.hal.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;

/**
 * Test fixture: a TUN or TAP device opened by the test process whose kernel side was moved into a
 * fresh network namespace and given the peer address there (never in the host namespace). IPv6 is
 * off in the namespace so that only the test's own traffic appears.
 */
final class KernelPeer implements AutoCloseable {

    static final int OUR_IP = Ipv4Address.of(192, 168, 69, 1);
    static final int PEER_IP = Ipv4Address.of(192, 168, 69, 100);
    static final long OUR_MAC = MacAddress.of(2, 0, 0, 0, 0, 1);
    static final long PEER_MAC = MacAddress.of(2, 0, 0, 0, 0, 0x64);
    static final String PEER_CIDR = "192.168.69.100/24";

    final FileDescriptorDevice device;
    final NetworkNamespace namespace;

    private KernelPeer(FileDescriptorDevice device, NetworkNamespace namespace) {
        this.device = device;
        this.namespace = namespace;
    }

    /** A TAP whose kernel side is 192.168.69.100 with MAC 02:00:00:00:00:64. */
    static KernelPeer tap() throws IOException {
        return setUp(TapInterface.open("s4jtap%d"), true);
    }

    /** A TUN whose kernel side is 192.168.69.100 (point to point, no link layer). */
    static KernelPeer tun() throws IOException {
        return setUp(TunInterface.open("s4jtun%d"), false);
    }

    private static KernelPeer setUp(FileDescriptorDevice device, boolean ethernet) throws IOException {
        NetworkNamespace namespace = null;
        try {
            namespace = NetworkNamespace.create(ethernet ? "tap" : "tun");
            namespace.run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            namespace.adoptLink(device.name());
            if (ethernet) {
                namespace.run("ip", "link", "set", device.name(), "address", "02:00:00:00:00:64");
            }
            namespace.run("ip", "addr", "add", PEER_CIDR, "dev", device.name());
            namespace.run("ip", "link", "set", device.name(), "up");
            return new KernelPeer(device, namespace);
        } catch (IOException | RuntimeException e) {
            device.close();
            if (namespace != null) {
                namespace.close();
            }
            throw e;
        }
    }

    /** Tells Linux our MAC for OUR_IP, so it answers without ARP. */
    void addStaticNeighbour() throws IOException {
        namespace.run("ip", "neigh", "add", "192.168.69.1", "lladdr", "02:00:00:00:00:01", "dev", device.name());
    }

    /** Starts {@code tcpdump -n -c 1} on the peer side with {@code filter}, returning once it listens. */
    Capture startCapture(String filter) throws IOException {
        Process tcpdump = namespace.start("tcpdump", "-n", "-c", "1", "-i", device.name(), filter);
        BufferedReader lines = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.contains("listening on")) {
                return new Capture(tcpdump, lines);
            }
        }
        throw new IOException("tcpdump ended before listening on " + device.name());
    }

    /** A running tcpdump and its output after the "listening" line. */
    record Capture(Process process, BufferedReader lines) {

        /** Waits (at most 5 s) for the capture to end and returns what it printed. */
        String output() throws IOException, InterruptedException {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
            }
            StringBuilder out = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                out.append(line).append('\n');
            }
            return out.toString();
        }
    }

    /**
     * Reads frames for up to {@code timeoutMicros}, releasing each, until {@code match} accepts one;
     * returns whether one did.
     */
    boolean awaitFrame(long timeoutMicros, FrameMatcher match) {
        return awaitFrame(device, timeoutMicros, match);
    }

    /** {@link #awaitFrame(long, FrameMatcher)} on any host device. */
    static boolean awaitFrame(FileDescriptorDevice device, long timeoutMicros, FrameMatcher match) {
        long deadline = System.nanoTime() / 1000 + timeoutMicros;
        long now;
        while ((now = System.nanoTime() / 1000) < deadline) {
            device.waitReadable(deadline - now);
            int length;
            while ((length = device.receive(now)) > 0) {
                boolean matched = match.matches(device.receiveBuffer(), device.receiveOffset(), length);
                device.releaseReceive();
                if (matched) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sends a frame (or packet) built by {@code writer} in the device's transmit buffer. */
    void send(FrameWriter writer) {
        if (!device.prepareTransmit(0, device.capabilities().mtu())) {
            throw new AssertionError("device " + device.name() + " had no room to transmit");
        }
        device.commitTransmit(writer.write(device.transmitBuffer(), device.transmitOffset()));
    }

    @FunctionalInterface
    interface FrameMatcher {
        boolean matches(byte[] buffer, int offset, int length);
    }

    @FunctionalInterface
    interface FrameWriter {
        /** Writes at {@code offset}, returns the length. */
        int write(byte[] buffer, int offset);
    }

    @Override
    public void close() throws IOException {
        device.close();
        namespace.close();
    }
}
