package org.smoltcp4j.tools;

import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.Ipv4Address;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench loopback}: smoltcp's {@code loopback_benchmark} — a client and a server TCP socket on
 * one interface over a {@link Loopback} in this process (medium IP: an Ethernet interface would ask
 * itself by ARP who it is, which we refuse, as a sender using our own address is a spoof), the client sending
 * {@code --bytes} to the server through 64 KiB socket buffers, with 65535-byte frames and no
 * checksums by default. Everything runs on one thread; the time is the transfer's, from the first
 * byte queued to the last byte consumed.
 */
@Command(name = "loopback", description = "TCP throughput between two sockets over the Loopback device (smoltcp's loopback_benchmark).")
final class LoopbackBenchmark extends TcpThroughputBenchmark {

    private static final int ADDRESS = Ipv4Address.of(192, 168, 69, 1);
    private static final int PORT = 1234;
    /** Frames in flight on the loopback: a send buffer's worth of the largest frames, and their ACKs. */
    private static final int QUEUE = 8;
    private static final int[] CHECKSUMMED = {DeviceCapabilities.PROTOCOL_IPV4, DeviceCapabilities.PROTOCOL_TCP};

    @Option(names = "--bytes", defaultValue = "1073741824", description = "Bytes to move per run (default ${DEFAULT-VALUE}, 1 GiB as smoltcp).")
    long bytes;

    @Option(names = "--mtu", defaultValue = "65535", description = "Largest IP packet on the loopback (default ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--checksums", defaultValue = "off", description = "Compute and verify IPv4/TCP checksums: on or off (default ${DEFAULT-VALUE}).")
    String checksums;

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    String problem() {
        if (mtu < 68 || mtu > Loopback.DEFAULT_MTU) {
            return "--mtu must be 68.." + Loopback.DEFAULT_MTU + ", got " + mtu;
        }
        return onOrOff("--checksums", checksums);
    }

    @Override
    String describe() {
        return "TCP over Loopback in one process: " + bytes + " bytes client -> server per run, " + mtu + "-byte IP packets, checksums "
                + checksums + ", " + SOCKET_BUFFER + "-byte socket buffers, in-place send/recv";
    }

    @Override
    Run runOnce(int run) {
        Loopback device = new Loopback(Medium.IP, mtu, QUEUE);
        if (checksums.equals("off")) {
            for (int protocol : CHECKSUMMED) {
                device.capabilities().setChecksum(protocol, DeviceCapabilities.CHECKSUM_NONE);
            }
        }
        Interface iface = new Interface(new InterfaceConfig(), device.capabilities());
        iface.addIpv4Address(ADDRESS, 24);
        SocketSet sockets = new SocketSet(2);
        TcpSocket server = new TcpSocket(SOCKET_BUFFER, SOCKET_BUFFER, 2 * run + 1);
        TcpSocket client = new TcpSocket(SOCKET_BUFFER, SOCKET_BUFFER, 2 * run + 2);
        sockets.add(server);
        sockets.add(client);
        server.listen(PORT);
        client.connect(iface.context(micros()), ADDRESS, PORT, 0);
        Watchdog watchdog = new Watchdog();
        while (client.state() != TcpSocket.ESTABLISHED || server.state() != TcpSocket.ESTABLISHED) {
            long now = micros();
            iface.poll(now, device, sockets);
            if (watchdog.stalled(now)) {
                throw Watchdog.failure("the connection was not established");
            }
        }
        long start = System.nanoTime();
        long sent = 0;
        long received = 0;
        while (received < bytes) {
            long now = micros();
            iface.poll(now, device, sockets);
            sent += sendInPlace(client, bytes - sent);
            long moved = receiveInPlace(server);
            received += moved;
            watchdog.moved(moved, now);
            if (watchdog.stalled(now)) {
                throw Watchdog.failure(received + " of " + bytes + " bytes received");
            }
        }
        return new Run(System.nanoTime() - start, -1);
    }
}
