package org.smoltcp4j.firmware;

import org.smoltcp4j.firmware.app.TcpHello;
import org.smoltcp4j.firmware.app.TcpReverse;
import org.smoltcp4j.firmware.app.TcpSink;
import org.smoltcp4j.firmware.app.TcpSource;
import org.smoltcp4j.firmware.app.UdpReverse;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.RamBudget;
import org.smoltcp4j.firmware.http.HttpServer;
import org.smoltcp4j.firmware.http.StatusPage;
import org.smoltcp4j.hal.DeviceIdentity;
import org.smoltcp4j.hal.EthernetMacDevice;
import org.smoltcp4j.hal.Ieee802154RadioDevice;
import org.smoltcp4j.hal.UniqueIdMac;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSequenceSource;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.Hex;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.socket.UdpSocket;

/**
 * Boot: builds the firmware a {@link BoardDescription} asks for, allocating every buffer once
 * (device, interface, sockets, applications); after this nothing is allocated. Ports are those of
 * smoltcp's examples/server.rs (6969 UDP and TCP, 6970-6972 TCP), 80 for the status page, and
 * smoltcp's benchmark ports for the throughput application (1234: we send, 1235: we receive).
 */
public final class Boot {

    public static final int PORT_REVERSE_UDP = 6969;
    public static final int PORT_HELLO = 6969;
    public static final int PORT_REVERSE_TCP = 6970;
    public static final int PORT_SINK = 6971;
    public static final int PORT_SOURCE = 6972;
    public static final int PORT_HTTP = 80;
    public static final int PORT_THROUGHPUT_SOURCE = 1234;
    public static final int PORT_THROUGHPUT_SINK = 1235;
    /** The sink's keep-alive and user timeout, as smoltcp's server.rs (1 s and 2 s). */
    public static final long SINK_KEEP_ALIVE = 1000000L;
    public static final long SINK_TIMEOUT = 2000000L;
    /** How long an HTTP request head may take to arrive, and a keep-alive connection may stay idle. */
    public static final long HTTP_REQUEST_TIMEOUT = 5000000L;
    public static final long HTTP_IDLE_TIMEOUT = 10000000L;
    /** The longest line the reverse echo answers whole (also bounded by the send buffer). */
    public static final int MAX_REVERSE_LINE = 1024;

    private final BoardDescription board;
    private final Device device;
    private final long bootMicros;
    private final long hardwareAddress;
    private final BootSecrets secrets;
    /** Shared by every listener: one 4-tuple's ISNs increase whichever socket serves it (RFC 6528). */
    private final TcpSequenceSource sequences;
    private final Socket[] sockets;
    private final Application[] applications;
    private int socketCount;
    private int applicationCount;

    private Boot(BoardDescription board, Device device, long bootMicros, long hardwareAddress, BootSecrets secrets) {
        this.board = board;
        this.device = device;
        this.bootMicros = bootMicros;
        this.hardwareAddress = hardwareAddress;
        this.secrets = secrets;
        this.sequences = secrets.tcpSequences();
        this.sockets = new Socket[board.udpSockets() + board.totalTcpSockets()];
        this.applications = new Application[BoardDescription.APP_COUNT + 1];
    }

    /**
     * The board's network device: its Ethernet MAC started with the board's address and PHY, or its
     * IEEE 802.15.4 radio started on the board's channel with its PAN and addresses.
     *
     * @throws IllegalStateException when the driver does not start, or for a MAC to derive from a
     *                               chip that has no unique ID
     */
    public static Device openDevice(BoardDescription board) {
        if (board.driver() == BoardDescription.DRIVER_IEEE802154_RADIO) {
            return new Ieee802154RadioDevice(board.radioChannel(), board.radioPanId(), board.radioShortAddress(),
                    board.radioExtendedAddress());
        }
        // Host boards have no PHY (no eth.phy-address): their mocked MAC ignores the address.
        return new EthernetMacDevice(macAddress(board), Math.max(0, board.phyAddress()));
    }

    /**
     * The board's MAC address: {@code mac.address}, or with {@code mac.derive = unique-id} the
     * address {@link UniqueIdMac} derives from the chip's unique ID ({@link DeviceIdentity}).
     *
     * @throws IllegalStateException when the chip gives no unique ID, naming its status
     */
    public static long macAddress(BoardDescription board) {
        if (!board.macFromUniqueId()) {
            return board.macAddress();
        }
        byte[] id = new byte[DeviceIdentity.MAX_LENGTH];
        int length = DeviceIdentity.uniqueId(id);
        if (length <= 0) {
            throw new IllegalStateException(board.fileName() + ": mac.derive = unique-id, but DeviceIdentity.uniqueId answered "
                    + length + (length == DeviceIdentity.ERROR_NO_UNIQUE_ID ? " (this chip has no unique ID)" : "")
                    + "; give mac.address");
        }
        return UniqueIdMac.derive(id, length);
    }

    /**
     * Builds the firmware of {@code board} on {@code device} (from {@link #openDevice}, or a host
     * device in tests and on the simulator), booted at {@code bootMicros}. Appends the boot banner,
     * where the boot's secrets came from (a warning when the chip has no working random number
     * generator: {@link BootSecrets}) and the RAM budget to {@code log} (a board over its RAM never
     * gets here: the parser refuses it).
     *
     * @throws IllegalStateException for a MAC to derive from a chip without a unique ID (see {@link #macAddress})
     */
    public static Firmware build(BoardDescription board, Device device, long bootMicros, StringBuilder log) {
        log.append("smoltcp4j firmware on ").append(board.name()).append(" (").append(board.description()).append(")\n");
        long hardwareAddress;
        if (board.driver() == BoardDescription.DRIVER_IEEE802154_RADIO) {
            hardwareAddress = board.radioExtendedAddress();
            appendExtendedAddress(log.append("802.15.4 extended address "), hardwareAddress)
                    .append(", PAN 0x").append(Integer.toHexString(board.radioPanId())).append(", channel ")
                    .append(board.radioChannel()).append(", IPv6 over 6LoWPAN\n");
        } else {
            hardwareAddress = macAddress(board);
            MacAddress.append(log.append("mac address ").append(board.macFromUniqueId() ? "(from the chip's unique ID) " : ""),
                    hardwareAddress).append('\n');
        }
        BootSecrets secrets = BootSecrets.read(log);
        new RamBudget(board).appendTo(log);
        return new Boot(board, device, bootMicros, hardwareAddress, secrets).assemble();
    }

    /** An EUI-64 as eight colon-separated hex pairs, most significant first. */
    private static StringBuilder appendExtendedAddress(StringBuilder out, long address) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            Hex.append(out.append(shift < 56 ? ":" : ""), address >>> shift, 2);
        }
        return out;
    }

    private Firmware assemble() {
        Interface iface = new Interface(board.interfaceConfig(hardwareAddress).randomSeed(secrets.interfaceSeed()),
                device.capabilities());
        if (board.hasIpv4()) {
            iface.addIpv4Address(board.ipv4Address(), board.ipv4PrefixLength());
        }
        if (board.hasIpv4Gateway()) {
            iface.setIpv4Gateway(board.ipv4Gateway());
        }
        // The link-local address is the interface's own (derived from the link address).
        for (int i = 0; i < board.ipv6AddressCount(); i++) {
            iface.addIpv6Address(board.ipv6AddressHigh(i), board.ipv6AddressLow(i), board.ipv6PrefixLength(i));
        }
        if (board.hasIpv6Gateway()) {
            iface.setIpv6Gateway(board.ipv6GatewayHigh(), board.ipv6GatewayLow());
        }
        SocketSet set = new SocketSet(Math.max(1, sockets.length));
        TcpSink tcpSink = null;
        if (board.appEnabled(BoardDescription.APP_UDP_REVERSE)) {
            UdpSocket udp = new UdpSocket(board.udpPackets(), board.udpRxBuffer(), board.udpPackets(), board.udpTxBuffer());
            udp.bind(PORT_REVERSE_UDP);
            add(set, udp);
            addApplication(new UdpReverse(udp));
        }
        if (board.appEnabled(BoardDescription.APP_TCP_HELLO)) {
            addApplication(new TcpHello(listener(set, PORT_HELLO, board.tcpSockets())));
        }
        if (board.appEnabled(BoardDescription.APP_TCP_REVERSE)) {
            int maxLine = Math.min(MAX_REVERSE_LINE, board.tcpTxBuffer() - 1);
            addApplication(new TcpReverse(listener(set, PORT_REVERSE_TCP, board.tcpSockets()), maxLine));
        }
        if (board.appEnabled(BoardDescription.APP_TCP_SINK)) {
            TcpListener sink = listener(set, PORT_SINK, board.tcpSockets());
            for (int i = 0; i < sink.backlog(); i++) {
                sink.socket(i).setKeepAlive(SINK_KEEP_ALIVE);
                sink.socket(i).setTimeout(SINK_TIMEOUT);
            }
            tcpSink = new TcpSink(sink);
            addApplication(tcpSink);
        }
        if (board.appEnabled(BoardDescription.APP_TCP_SOURCE)) {
            addApplication(new TcpSource(listener(set, PORT_SOURCE, board.tcpSockets())));
        }
        if (board.appEnabled(BoardDescription.APP_THROUGHPUT)) {
            addApplication(new TcpSource(listener(set, PORT_THROUGHPUT_SOURCE, board.throughputSourceSockets())));
            addApplication(new TcpSink(listener(set, PORT_THROUGHPUT_SINK, board.throughputSinkSockets())));
        }
        if (board.appEnabled(BoardDescription.APP_HTTP)) {
            TcpListener http = listener(set, PORT_HTTP, board.httpBacklog());
            Socket[] table = new Socket[socketCount];
            System.arraycopy(sockets, 0, table, 0, socketCount);
            StatusPage page = new StatusPage(board.name(), bootMicros, iface, table, tcpSink);
            addApplication(new HttpServer(http, page, board.httpRequestBuffer(), board.tcpTxBuffer(),
                    HTTP_REQUEST_TIMEOUT, HTTP_IDLE_TIMEOUT));
        }
        Application[] enabled = new Application[applicationCount];
        System.arraycopy(applications, 0, enabled, 0, applicationCount);
        return new Firmware(iface, device, set, enabled);
    }

    private TcpListener listener(SocketSet set, int port, int backlog) {
        TcpSocket[] members = new TcpSocket[backlog];
        for (int i = 0; i < backlog; i++) {
            members[i] = new TcpSocket(new RingBuffer(board.tcpRxBuffer()), new RingBuffer(board.tcpTxBuffer()),
                    Assembler.DEFAULT_MAX_RANGES, sequences);
            sockets[socketCount++] = members[i];
        }
        // (0, 0): every local address of both IP versions.
        TcpListener listener = new TcpListener(members, 0L, 0L, port);
        set.add(listener);
        return listener;
    }

    private void add(SocketSet set, Socket socket) {
        set.add(socket);
        sockets[socketCount++] = socket;
    }

    private void addApplication(Application application) {
        applications[applicationCount++] = application;
    }
}
