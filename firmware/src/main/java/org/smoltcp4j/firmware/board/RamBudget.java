package org.smoltcp4j.firmware.board;

import org.smoltcp4j.firmware.http.HttpServer;
import org.smoltcp4j.hal.Ieee802154RadioDevice;
import org.smoltcp4j.iface.NeighborCache;
import org.smoltcp4j.iface.sixlowpan.SixlowpanDecompressor;
import org.smoltcp4j.socket.DatagramSocket;

/**
 * The RAM a board's configuration preallocates, per component, from the same figures the stack
 * allocates: frame buffers, the interface's packet buffers and IPv6 address and route tables (equal
 * to {@code Interface.preallocatedBytes()}), the neighbour cache, socket buffers and the HTTP request
 * buffers. Object headers, code and the VM's own needs are not counted: {@code ram.available}
 * is what is left for these buffers once the VM is set up (board-configs/README.md).
 */
public final class RamBudget {

    public static final int DEVICE_FRAMES = 0;
    public static final int INTERFACE_BUFFERS = 1;
    public static final int NEIGHBOR_CACHE = 2;
    public static final int TCP_SOCKETS = 3;
    public static final int UDP_SOCKETS = 4;
    public static final int HTTP_REQUESTS = 5;
    /** Number of components. */
    public static final int COMPONENTS = 6;

    private static final String[] NAMES = {"device frames", "interface buffers", "neighbor cache", "tcp sockets", "udp sockets",
        "http requests"};
    /** One IPv6 address of the interface: the address (two longs) and its prefix length. */
    static final int IPV6_ADDRESS_BYTES = 8 + 8 + 4;
    /** One IPv6 route: network (two longs), prefix length, gateway (two longs). */
    static final int IPV6_ROUTE_BYTES = 8 + 8 + 4 + 8 + 8;
    /** One queued datagram's metadata in a PacketBuffer: size and start (ints), padding flag, metadata words. */
    static final int DATAGRAM_METADATA_BYTES = 4 + 4 + 1 + 8 * DatagramSocket.METADATA_WORDS;
    private static final int NAME_WIDTH = 18;
    private static final int NUMBER_WIDTH = 10;

    private final BoardDescription board;
    private final long[] bytes = new long[COMPONENTS];

    /** Computes the budget of {@code board}. */
    public RamBudget(BoardDescription board) {
        this.board = board;
        bytes[DEVICE_FRAMES] = (long) (board.deviceRxFrames() + board.deviceTxFrames()) * board.deviceFrameBytes();
        boolean ethernet = board.driver() == BoardDescription.DRIVER_ETHERNET_MAC;
        // Pending packets wait for ARP, so only Ethernet has them, each in a buffer of the IP MTU.
        bytes[INTERFACE_BUFFERS] = (ethernet ? (long) board.pendingPackets() * BoardDescription.ETHERNET_MTU : 0)
                + board.fragmentationBuffer() + board.reassemblyBuffer() + sixlowpanBuffers() + ipv6Tables();
        bytes[NEIGHBOR_CACHE] = (long) board.neighbors() * NeighborCache.ENTRY_BYTES;
        bytes[TCP_SOCKETS] = (long) board.totalTcpSockets() * ((long) board.tcpRxBuffer() + board.tcpTxBuffer());
        bytes[UDP_SOCKETS] = (long) board.udpSockets()
                * ((long) board.udpRxBuffer() + board.udpTxBuffer() + 2L * board.udpPackets() * DATAGRAM_METADATA_BYTES);
        // The status page renders into one body buffer as large as a send buffer, plus a header buffer.
        bytes[HTTP_REQUESTS] = board.appEnabled(BoardDescription.APP_HTTP)
                ? (long) board.httpBacklog() * board.httpRequestBuffer() + board.tcpTxBuffer() + HttpServer.HEADER_BYTES : 0;
    }

    /**
     * Refuses a board whose buffers need more than its {@code ram.available}, with the numbers.
     *
     * @throws BoardConfigException naming the total, the RAM available and each component
     */
    public static void check(BoardDescription board) {
        RamBudget budget = new RamBudget(board);
        if (budget.total() > board.ramAvailable()) {
            StringBuilder message = new StringBuilder();
            message.append("the buffers need ").append(budget.total()).append(" bytes, ")
                    .append(budget.total() - board.ramAvailable()).append(" more than ram.available = ")
                    .append(board.ramAvailable()).append(" (");
            for (int i = 0; i < COMPONENTS; i++) {
                message.append(i == 0 ? "" : ", ").append(NAMES[i]).append(' ').append(budget.bytes[i]);
            }
            message.append(')');
            throw new BoardConfigException(board.fileName(), BoardConfigException.NO_LINE, "ram.available", message.toString());
        }
    }

    /** The name of a component constant, e.g. {@code tcp sockets}. */
    public static String componentName(int component) {
        checkComponent(component);
        return NAMES[component];
    }

    /**
     * On the radio, 6LoWPAN's buffers besides the reassembly buffer: the 1280-byte IPv6 staging
     * buffer packets are compressed and fragmented from, the reassembler's scratch for a first
     * fragment (a whole PSDU) decompressed, and the decompression buffer of one received frame; both
     * hold a frame plus what decompression may add ({@link SixlowpanDecompressor#MAX_GROWTH}).
     */
    private int sixlowpanBuffers() {
        if (board.driver() != BoardDescription.DRIVER_IEEE802154_RADIO) {
            return 0;
        }
        return BoardDescription.IPV6_MTU + BoardDescription.IEEE802154_FRAME_BYTES + Ieee802154RadioDevice.MTU
                + 2 * SixlowpanDecompressor.MAX_GROWTH;
    }

    /** The IPv6 address and route tables of the interface. */
    private int ipv6Tables() {
        return board.ipv6InterfaceAddresses() * IPV6_ADDRESS_BYTES + board.ipv6InterfaceRoutes() * IPV6_ROUTE_BYTES;
    }

    /** Bytes of one component (a component constant). */
    public long bytes(int component) {
        checkComponent(component);
        return bytes[component];
    }

    /** Bytes of all components. */
    public long total() {
        long total = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            total += bytes[i];
        }
        return total;
    }

    /**
     * Appends one line per component ({@code name, bytes, how it is made up}), then the total
     * against {@code ram.available}; each line ends with a newline.
     */
    public void appendTo(StringBuilder out) {
        for (int i = 0; i < COMPONENTS; i++) {
            Text.appendPadded(out, NAMES[i], NAME_WIDTH);
            Text.appendRightAligned(out, bytes[i], NUMBER_WIDTH);
            out.append(" bytes");
            appendDetail(out, i);
            out.append('\n');
        }
        Text.appendPadded(out, "total", NAME_WIDTH);
        Text.appendRightAligned(out, total(), NUMBER_WIDTH);
        out.append(" bytes of ram.available ").append(board.ramAvailable()).append(" (")
                .append(board.ramAvailable() - total()).append(" free)\n");
    }

    private void appendDetail(StringBuilder out, int component) {
        out.append("  ");
        switch (component) {
            case DEVICE_FRAMES:
                out.append(board.deviceRxFrames()).append(" rx + ").append(board.deviceTxFrames()).append(" tx x ")
                        .append(board.deviceFrameBytes());
                break;
            case INTERFACE_BUFFERS:
                if (board.driver() == BoardDescription.DRIVER_ETHERNET_MAC) {
                    out.append(board.pendingPackets()).append(" pending x ").append(BoardDescription.ETHERNET_MTU)
                            .append(" + fragmentation ").append(board.fragmentationBuffer()).append(" + reassembly ");
                } else {
                    out.append("6LoWPAN staging, scratch and decompression ").append(sixlowpanBuffers()).append(" + reassembly ");
                }
                out.append(board.reassemblyBuffer()).append(" + IPv6 tables ").append(ipv6Tables());
                break;
            case NEIGHBOR_CACHE:
                out.append(board.neighbors()).append(" entries x ").append(NeighborCache.ENTRY_BYTES);
                break;
            case TCP_SOCKETS:
                out.append(board.totalTcpSockets()).append(" sockets x (").append(board.tcpRxBuffer()).append(" rx + ")
                        .append(board.tcpTxBuffer()).append(" tx)");
                break;
            case UDP_SOCKETS:
                out.append(board.udpSockets()).append(" sockets x (").append(board.udpRxBuffer()).append(" rx + ")
                        .append(board.udpTxBuffer()).append(" tx + 2 x ").append(board.udpPackets()).append(" datagrams x ")
                        .append(DATAGRAM_METADATA_BYTES).append(')');
                break;
            default:
                if (!board.appEnabled(BoardDescription.APP_HTTP)) {
                    // Boot builds no HTTP server then: nothing to list.
                    out.append("http app off");
                    break;
                }
                out.append(board.httpBacklog()).append(" connections x ").append(board.httpRequestBuffer()).append(" + page ")
                        .append(board.tcpTxBuffer()).append(" + header ").append(HttpServer.HEADER_BYTES);
                break;
        }
    }

    private static void checkComponent(int component) {
        if (component < 0 || component >= COMPONENTS) {
            throw new IllegalArgumentException("component must be 0.." + (COMPONENTS - 1) + ", got " + component);
        }
    }
}
