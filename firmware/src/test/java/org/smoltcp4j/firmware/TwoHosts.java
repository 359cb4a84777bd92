package org.smoltcp4j.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.hal.host.VirtualEthernetSegment;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.TraceSink;
import org.smoltcp4j.phy.Tracer;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * The firmware's server side (192.168.69.1) and a client host (192.168.69.100), two interfaces of
 * our stack on a {@link VirtualEthernetSegment}, driven on a virtual clock in 1 ms steps. Tests add
 * sockets and applications to the server, then {@link #start} it and talk to it from client sockets.
 *
 * <p>{@link #throughTheMocks} boots the firmware as a board does instead: its device is the
 * {@code EthernetMac} natives' mock on the segment's port 0, its MAC comes from
 * {@code DeviceIdentity}, and both hosts run on the mocked hardware clock (real time, each step
 * waiting at most 1 ms for a frame). {@link #close} then detaches the mocks' backends.
 */
public final class TwoHosts implements AutoCloseable {

    public static final int SERVER = Ipv4Address.of(192, 168, 69, 1);
    public static final int CLIENT = Ipv4Address.of(192, 168, 69, 100);
    /** The shipped host boards' ipv6.address fdaa::1, and the client's fdaa::100 (its first 64 bits are the same). */
    public static final long ULA_HIGH = 0xfdaa_0000_0000_0000L;
    public static final long SERVER6_LOW = 1;
    public static final long CLIENT6_LOW = 0x100;
    public static final long STEP = 1_000;

    public final VirtualEthernetSegment segment = new VirtualEthernetSegment(2, 0, 0, 1);
    public final Interface server;
    public final SocketSet serverSockets;
    public final Interface client;
    public final SocketSet clientSockets;
    public Firmware firmware;
    public long now;
    /** The mocked hardware clock, or null for the virtual clock. */
    private final Clock clock;
    private int nextLocalPort = 49_500;

    public TwoHosts(int serverSlots, int clientSlots) {
        server = new Interface(new InterfaceConfig().hardwareAddress(0x02_00_00_00_00_01L), segment.port(0).capabilities());
        server.addIpv4Address(SERVER, 24);
        serverSockets = new SocketSet(serverSlots);
        client = client();
        clientSockets = new SocketSet(clientSlots);
        clock = null;
    }

    /** The firmware {@link Boot} builds for {@code board} (at 192.168.69.1) as the server, already started. */
    public TwoHosts(BoardDescription board, StringBuilder bootLog) {
        this(board, bootLog, null, null);
    }

    /** As {@link #TwoHosts(BoardDescription, StringBuilder)}, with every frame of the server traced to {@code serverTrace}. */
    public TwoHosts(BoardDescription board, StringBuilder bootLog, TraceSink serverTrace) {
        this(board, bootLog, null, serverTrace);
    }

    private TwoHosts(BoardDescription board, StringBuilder bootLog, Clock clock, TraceSink serverTrace) {
        this.clock = clock;
        if (clock != null) {
            MockBackends.attachEthernet(segment.port(0));
            now = clock.nowMicros();
        }
        try {
            Device device = clock != null ? Boot.openDevice(board) : segment.port(0);
            if (serverTrace != null) {
                device = new Tracer(device, serverTrace);
            }
            firmware = Boot.build(board, device, now, bootLog);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        server = firmware.iface();
        serverSockets = firmware.sockets();
        client = client();
        clientSockets = new SocketSet(8);
    }

    /**
     * The firmware of {@code board} booted through the HAL mocks (see the class comment), on the
     * mocked hardware clock; close it to detach the mocks.
     */
    public static TwoHosts throughTheMocks(BoardDescription board, StringBuilder bootLog) {
        return new TwoHosts(board, bootLog, new HardwareClock(), null);
    }

    /** Detaches the mocks' backends when the firmware was booted through them. */
    @Override
    public void close() {
        if (clock != null) {
            MockBackends.detachAll();
        }
    }

    private Interface client() {
        Interface client = new Interface(new InterfaceConfig().hardwareAddress(0x02_00_00_00_00_64L), segment.port(1).capabilities());
        client.addIpv4Address(CLIENT, 24);
        client.addIpv6Address(ULA_HIGH, CLIENT6_LOW, 64);
        return client;
    }

    /** A listener of {@code backlog} sockets with the given buffers on the server, added to its socket set. */
    public TcpListener listener(int port, int backlog, int rxBuffer, int txBuffer) {
        TcpListener listener = TcpListener.withNewSockets(backlog, rxBuffer, txBuffer, 7, port);
        serverSockets.add(listener);
        return listener;
    }

    /** A UDP socket bound to {@code port} on the server. */
    public UdpSocket udp(int port) {
        UdpSocket socket = new UdpSocket(8, 2048, 8, 2048);
        socket.bind(port);
        serverSockets.add(socket);
        return socket;
    }

    /** Starts the firmware loop over the server's applications. */
    public TwoHosts start(Application... applications) {
        firmware = new Firmware(server, segment.port(0), serverSockets, applications);
        return this;
    }

    /**
     * Advances the clock by {@code millis}, stepping the firmware and polling the client each ms (on
     * the mocked hardware clock: at most each ms, sooner when a frame reaches the firmware's MAC).
     */
    public void run(int millis) {
        for (int i = 0; i < millis; i++) {
            if (clock != null) {
                now = clock.nowMicros();
            }
            firmware.step(now);
            client.poll(now, segment.port(1), clientSockets);
            if (clock != null) {
                clock.waitUntil(now + STEP);
            } else {
                now += STEP;
            }
        }
    }

    /** A client TCP socket connected (handshake done) to the server's {@code port}. */
    public TcpSocket connect(int port) {
        return connect(0, Ipv6Address.ipv4MappedLow(SERVER), port);
    }

    /** A client TCP socket connected to {@code high:low} (IPv6, or IPv4-mapped) port {@code port}. */
    public TcpSocket connect(long high, long low, int port) {
        TcpSocket socket = new TcpSocket(65_535, 65_535, nextLocalPort);
        clientSockets.add(socket);
        socket.connect(client.context(now), high, low, port, 0, 0, nextLocalPort++);
        for (int i = 0; i < 2_000 && socket.state() != TcpSocket.ESTABLISHED; i++) {
            run(1);
        }
        if (socket.state() != TcpSocket.ESTABLISHED) {
            throw new AssertionError("no connection to port " + port + ": " + TcpSocket.stateName(socket.state()));
        }
        return socket;
    }

    /** Sends {@code text} (ASCII) on {@code socket}, all of it. */
    public void send(TcpSocket socket, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int sent = 0;
        for (int i = 0; i < 10_000 && sent < bytes.length; i++) {
            sent += Math.max(0, socket.send(bytes, sent, bytes.length - sent));
            run(1);
        }
    }

    /**
     * Runs up to {@code millis}, collecting what {@code socket} receives until {@code done} says it
     * is enough or the server finishes its half.
     */
    public String receive(TcpSocket socket, int millis, java.util.function.Predicate<String> done) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int i = 0; i < millis; i++) {
            run(1);
            int n;
            while ((n = socket.recv(chunk, 0, chunk.length)) > 0) {
                received.write(chunk, 0, n);
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            if (n < 0 || done.test(text)) {
                return text;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** An ICMP echo request with {@code dataLength} zero bytes of data and a correct checksum. */
    public static byte[] echoRequest(int identifier, int sequence, int dataLength) {
        Icmpv4Repr repr = new Icmpv4Repr().setEchoRequest(identifier, sequence, dataLength);
        byte[] bytes = new byte[repr.bufferLen()];
        Icmpv4Packet packet = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
        repr.emit(packet, false);
        packet.fillChecksum();
        return bytes;
    }

    /** An ICMPv6 echo request with {@code dataLength} zero bytes of data; the ICMP socket fills its checksum. */
    public static byte[] echoRequest6(int identifier, int sequence, int dataLength) {
        Icmpv6Repr repr = new Icmpv6Repr().setEcho(true, identifier, sequence, dataLength);
        byte[] bytes = new byte[repr.bufferLen()];
        repr.emit(new Icmpv6Packet().wrap(bytes, 0, bytes.length));
        return bytes;
    }

    /** What {@code socket} receives until the server closes its half (within {@code millis}). */
    public String receiveAll(TcpSocket socket, int millis) {
        return receive(socket, millis, text -> false);
    }
}
