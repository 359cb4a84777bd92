package org.smoltcp4j.tools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.smoltcp4j.hal.host.PrivateNamespace;
import org.smoltcp4j.hal.host.TapInterface;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench tcp}: smoltcp's {@code benchmark} example — Linux's TCP against our stack through a
 * TAP device. The command creates a network namespace of its own ({@link PrivateNamespace}: the
 * kernel deletes it when the command ends, also on Ctrl-C or a failure), opens the TAP inside it
 * with Linux at 192.168.69.100/24 and our stack at 192.168.69.1 on its other side, 1500-byte MTU.
 * A thread in the namespace is the Linux application: it connects and reads ({@code reader}, port
 * 1234: we send) or writes ({@code writer}, port 1235: we receive) {@code --bytes} in 1 MB chunks
 * and times the transfer from connect to its last chunk, as smoltcp's client does. Our socket has
 * 64 KiB buffers and never copies (in-place windows).
 */
@Command(name = "tcp", description = "TCP throughput between Linux and our stack through a TAP device (smoltcp's benchmark).")
final class TapTcpBenchmark extends TcpThroughputBenchmark {

    private static final int OUR_IP = Ipv4Address.of(192, 168, 69, 1);
    private static final int LINUX_IP = Ipv4Address.of(192, 168, 69, 100);
    private static final long OUR_MAC = MacAddress.of(2, 0, 0, 0, 0, 1);
    private static final long LINUX_MAC = MacAddress.of(2, 0, 0, 0, 0, 0x64);
    private static final int IP_MTU = 1500;
    private static final int READER_PORT = 1234;
    private static final int WRITER_PORT = 1235;
    /** smoltcp's client moves 1 MB per read or write call. */
    private static final int LINUX_CHUNK = 1_000_000;
    /** Longest sleep between polls while nothing happens, so the end of a run is seen soon. */
    private static final long MAX_WAIT_MICROS = 10_000;
    private static final long CLOSE_MICROS = 1_000_000;

    @Option(names = "--direction", required = true, paramLabel = "reader|writer",
            description = "reader: we send and Linux reads (port 1234); writer: Linux writes and we receive (port 1235).")
    String direction;

    @Option(names = "--offload", defaultValue = "off", paramLabel = "on|off",
            description = "TAP offloads (virtio-net header): Linux sends us TCP super-frames of up to 64 KiB and TCP checksums are "
                    + "partial both ways; the MTU stays " + IP_MTU + " (default ${DEFAULT-VALUE}, as smoltcp's TAP).")
    String offload;

    @Option(names = "--bytes", defaultValue = "1000000000", description = "Bytes to move per run (default ${DEFAULT-VALUE}, as smoltcp).")
    long bytes;

    private PrivateNamespace namespace;
    private TapInterface tap;
    private Interface iface;
    private SocketSet sockets;

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    String problem() {
        if (!direction.equals("reader") && !direction.equals("writer")) {
            return "--direction must be reader or writer, got '" + direction + "'";
        }
        return onOrOff("--offload", offload);
    }

    private boolean weSend() {
        return direction.equals("reader");
    }

    @Override
    String describe() {
        return "TCP through TAP " + (weSend() ? "(reader): we send, Linux reads" : "(writer): Linux writes, we receive") + " " + bytes
                + " bytes per run; our buffers " + SOCKET_BUFFER + " bytes, in place; Linux chunks " + LINUX_CHUNK + " bytes; IP MTU " + IP_MTU
                + "; offload " + offload;
    }

    @Override
    void open() throws IOException {
        namespace = PrivateNamespace.create("bench");
        tap = namespace.openTap("s4jbench%d", IP_MTU, offload.equals("on"), LINUX_MAC, LINUX_IP, 24);
        iface = new Interface(new InterfaceConfig().hardwareAddress(OUR_MAC), tap.capabilities());
        iface.addIpv4Address(OUR_IP, 24);
        sockets = new SocketSet(1);
    }

    @Override
    void close() {
        if (tap != null) {
            tap.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Override
    Run runOnce(int run) throws Exception {
        int port = weSend() ? READER_PORT : WRITER_PORT;
        TcpSocket socket = new TcpSocket(SOCKET_BUFFER, SOCKET_BUFFER, run + 1);
        socket.listen(port);
        int handle = sockets.add(socket);
        Future<Run> linux = namespace.submit(() -> linuxApplication(port));
        Watchdog watchdog = new Watchdog();
        long moved = 0;
        // A writer's Linux side is done when its last chunk is in its send buffer; we run on until it has arrived.
        while (!linux.isDone() || (!weSend() && moved < bytes)) {
            long now = micros();
            boolean busy = iface.poll(now, tap, sockets);
            long progress = weSend() ? sendInPlace(socket, bytes - moved) : receiveInPlace(socket);
            moved += progress;
            watchdog.moved(progress, now);
            if (watchdog.stalled(now)) {
                throw Watchdog.failure(moved + " of " + bytes + " bytes " + (weSend() ? "queued" : "received") + ", our socket "
                        + TcpSocket.stateName(socket.state()));
            }
            if (!busy && progress == 0) {
                tap.waitReadable(Math.min(iface.pollDelay(now, sockets), MAX_WAIT_MICROS));
            }
        }
        Run measured = result(linux);
        closeGracefully(socket);
        sockets.remove(handle);
        return measured;
    }

    /**
     * Linux's side, on the namespace's thread: connect, then read or write {@code bytes} in 1 MB
     * chunks; returns the time from connect to the last chunk, and the thread's CPU time.
     */
    private Run linuxApplication(int port) throws IOException {
        InetSocketAddress ours = new InetSocketAddress(InetAddress.getByName(Ipv4Address.append(new StringBuilder(), OUR_IP).toString()), port);
        try (SocketChannel channel = SocketChannel.open(ours)) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(LINUX_CHUNK);
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long done = 0;
            while (done < bytes) {
                chunk.clear().limit((int) Math.min(LINUX_CHUNK, bytes - done));
                int count = weSend() ? channel.read(chunk) : channel.write(chunk);
                if (count < 0) {
                    throw new IOException("Linux's connection ended after " + done + " of " + bytes + " bytes");
                }
                done += count;
            }
            long nanos = System.nanoTime() - start;
            return new Run(nanos, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private static Run result(Future<Run> linux) throws Exception {
        try {
            return linux.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** Closes our side and polls until the connection is down (or a second passed), so the next run starts clean. */
    private void closeGracefully(TcpSocket socket) {
        socket.close();
        long deadline = micros() + CLOSE_MICROS;
        while (socket.state() != TcpSocket.CLOSED && socket.state() != TcpSocket.TIME_WAIT && micros() < deadline) {
            long now = micros();
            if (!iface.poll(now, tap, sockets)) {
                tap.waitReadable(Math.min(iface.pollDelay(now, sockets), MAX_WAIT_MICROS));
            }
        }
    }
}
