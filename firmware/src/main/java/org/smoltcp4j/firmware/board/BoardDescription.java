package org.smoltcp4j.firmware.board;

import org.smoltcp4j.iface.InterfaceConfig;

/**
 * One board's configuration, read from its {@code <board>.board} file by
 * {@link BoardDescriptionParser}: driver and its parameters, addresses, buffer sizes and socket
 * counts, enabled applications, RAM available, how the firmware is flashed. Read-only outside this
 * package (only the parser fills it in); every key of
 * board-configs/README.md has a getter here. Keyword values are int constants of this class.
 */
public final class BoardDescription {

    /** {@code driver = ethernet-mac}: an Ethernet MAC (STM32 ETH, LAN9118, the host devices). */
    public static final int DRIVER_ETHERNET_MAC = 0;
    /** {@code driver = ieee802154-radio}: the nRF52840 radio in IEEE 802.15.4 mode. */
    public static final int DRIVER_IEEE802154_RADIO = 1;
    static final String[] DRIVERS = {"ethernet-mac", "ieee802154-radio"};

    public static final int CORE_CORTEX_M7 = 0;
    public static final int CORE_CORTEX_M4F = 1;
    public static final int CORE_HOST = 2;
    static final String[] CORES = {"cortex-m7", "cortex-m4f", "host"};

    /** SysTick for the tick, the DWT cycle counter for microseconds (Cortex-M7). */
    public static final int TIMER_SYSTICK_DWT = 0;
    /** The nRF52840's RTC (32.768 kHz) counter. */
    public static final int TIMER_RTC = 1;
    /** The host JVM's monotonic clock. */
    public static final int TIMER_HOST = 2;
    static final String[] TIMERS = {"systick-dwt", "rtc", "host"};

    /** {@code flash.tool = openocd}: a real board, programmed through openocd. */
    public static final int FLASH_OPENOCD = 0;
    /** {@code flash.tool = qemu}: an emulated board; nothing is flashed, QEMU loads the image. */
    public static final int FLASH_QEMU = 1;
    /** {@code flash.tool = none}: the host; the firmware runs in the JVM. */
    public static final int FLASH_NONE = 2;
    static final String[] FLASH_TOOLS = {"openocd", "qemu", "none"};

    /** {@link #hostBackend()} of a board that is not a host board. */
    public static final int HOST_BACKEND_NONE = -1;
    /** {@code host.backend = virtual-segment}: the simulator's in-process Ethernet. */
    public static final int HOST_BACKEND_VIRTUAL_SEGMENT = 0;
    /** {@code host.backend = tap}: a Linux TAP device. */
    public static final int HOST_BACKEND_TAP = 1;
    static final String[] HOST_BACKENDS = {"virtual-segment", "tap"};

    /**
     * ICMP and ICMPv6 echo replies, sent by the interface itself; a board without it ignores echo
     * requests ({@link InterfaceConfig#answerEchoRequests}).
     */
    public static final int APP_PING = 0;
    /** UDP 6969: each datagram back, reversed. */
    public static final int APP_UDP_REVERSE = 1;
    /** TCP 6969: says "hello" and closes. */
    public static final int APP_TCP_HELLO = 2;
    /** TCP 6970: each chunk back, reversed. */
    public static final int APP_TCP_REVERSE = 3;
    /** TCP 6971: discards what it receives (keep-alive 1 s). */
    public static final int APP_TCP_SINK = 4;
    /** TCP 6972: an endless stream. */
    public static final int APP_TCP_SOURCE = 5;
    /** HTTP/1.1 status page on port 80. */
    public static final int APP_HTTP = 6;
    /** The benchmarks' throughput source/sink. */
    public static final int APP_THROUGHPUT = 7;
    static final String[] APPS = {"ping", "udp-reverse", "tcp-hello", "tcp-reverse", "tcp-sink", "tcp-source", "http",
        "throughput"};
    /** Number of APP_* constants. */
    public static final int APP_COUNT = 8;

    /** The most addresses {@code ipv6.address} may list; the automatic link-local address comes on top. */
    public static final int MAX_IPV6_ADDRESSES = 4;

    /** Ethernet payload: the IPv4 MTU of an Ethernet board. */
    public static final int ETHERNET_MTU = 1500;
    /** An Ethernet frame without FCS: 14-byte header + MTU. */
    public static final int ETHERNET_FRAME_BYTES = 1514;
    /** IPv6's minimum link MTU, which 6LoWPAN provides: the IP MTU of a radio board. */
    public static final int IPV6_MTU = 1280;
    /** The largest datagram a 6LoWPAN fragment header describes (11 bits). */
    public static final int SIXLOWPAN_MAX_DATAGRAM = 2047;
    /** An IEEE 802.15.4 PSDU (aMaxPhyPacketSize). */
    public static final int IEEE802154_FRAME_BYTES = 127;

    String fileName;
    String name;
    String description;
    int driver;
    int phyAddress = -1;
    long macAddress;
    boolean macFromUniqueId;
    int radioChannel;
    int radioPanId;
    int radioShortAddress;
    long radioExtendedAddress;
    boolean hasIpv4;
    int ipv4Address;
    int ipv4PrefixLength;
    boolean hasIpv4Gateway;
    int ipv4Gateway;
    final long[] ipv6High = new long[MAX_IPV6_ADDRESSES];
    final long[] ipv6Low = new long[MAX_IPV6_ADDRESSES];
    final int[] ipv6PrefixLengths = new int[MAX_IPV6_ADDRESSES];
    int ipv6Count;
    boolean hasIpv6Gateway;
    long ipv6GatewayHigh;
    long ipv6GatewayLow;
    int apps;
    int tcpSockets;
    int tcpRxBuffer;
    int tcpTxBuffer;
    int udpSockets;
    int udpRxBuffer;
    int udpTxBuffer;
    int udpPackets;
    int httpBacklog;
    int httpRequestBuffer;
    int neighbors;
    int reassemblyBuffer;
    int fragmentationBuffer;
    int pendingPackets;
    int deviceRxFrames;
    int deviceTxFrames;
    int ramAvailable;
    int core;
    int timer;
    int flashTool;
    long flashAddress = -1;
    String openocdConfig;
    String openocdInterface;
    String openocdTarget;
    String qemuMachine;
    int hostBackend = HOST_BACKEND_NONE;

    BoardDescription() {
    }

    /** The name of an APP_* constant as written in {@code apps}, e.g. {@code udp-reverse}. */
    public static String appName(int app) {
        if (app < 0 || app >= APP_COUNT) {
            throw new IllegalArgumentException("app must be 0.." + (APP_COUNT - 1) + " (an APP_* constant), got " + app);
        }
        return APPS[app];
    }

    /** Whether {@code apps} lists the application {@code app} (an APP_* constant). */
    public boolean appEnabled(int app) {
        appName(app);
        return (apps & (1 << app)) != 0;
    }

    /** Whether any of the TCP applications (tcp-*, http, throughput) is enabled. */
    public boolean anyTcpApp() {
        return tcpListenerApps() > 0 || appEnabled(APP_HTTP);
    }

    /**
     * How many of the applications that listen with {@code tcp.sockets} sockets each are enabled:
     * tcp-hello, tcp-reverse, tcp-sink, tcp-source, throughput (http has its own count,
     * {@code http.backlog}).
     */
    public int tcpListenerApps() {
        int count = 0;
        for (int app = APP_TCP_HELLO; app <= APP_TCP_SOURCE; app++) {
            count += appEnabled(app) ? 1 : 0;
        }
        return count + (appEnabled(APP_THROUGHPUT) ? 1 : 0);
    }

    /**
     * Every TCP socket the applications allocate: {@code tcp.sockets} per listening app (throughput's
     * two listeners share theirs, at least one each), plus the http backlog.
     */
    public int totalTcpSockets() {
        int perApp = (tcpListenerApps() - (appEnabled(APP_THROUGHPUT) ? 1 : 0)) * tcpSockets;
        int throughput = appEnabled(APP_THROUGHPUT) ? throughputSourceSockets() + throughputSinkSockets() : 0;
        return perApp + throughput + (appEnabled(APP_HTTP) ? httpBacklog : 0);
    }

    /** The throughput source's listen backlog: half of {@code tcp.sockets}, at least one. */
    public int throughputSourceSockets() {
        return Math.max(1, tcpSockets / 2);
    }

    /** The throughput sink's listen backlog: the rest of {@code tcp.sockets}, at least one. */
    public int throughputSinkSockets() {
        return Math.max(1, tcpSockets - throughputSourceSockets());
    }

    /** The bytes of one device frame buffer: an Ethernet frame or an IEEE 802.15.4 PSDU. */
    public int deviceFrameBytes() {
        return driver == DRIVER_ETHERNET_MAC ? ETHERNET_FRAME_BYTES : IEEE802154_FRAME_BYTES;
    }

    /**
     * The interface sizes of this board ({@code iface.*}) with its link address: the Ethernet
     * address (the board's {@link #macAddress()}, or the one derived from the chip's unique ID) or,
     * on a radio board, {@link #radioExtendedAddress()}. Room for exactly the board's IPv6
     * addresses (its {@code ipv6.address} list and the automatic link-local one) and its gateway;
     * echo requests answered only when {@code apps} lists {@code ping}.
     */
    public InterfaceConfig interfaceConfig(long hardwareAddress) {
        InterfaceConfig config = new InterfaceConfig()
                .neighborCacheSize(neighbors)
                .fragmentationBufferSize(fragmentationBuffer)
                .pendingPacketSlots(pendingPackets)
                .maxIpv6Addresses(ipv6InterfaceAddresses())
                .maxIpv6Routes(ipv6InterfaceRoutes())
                // Without ping in apps the board ignores echo requests, as Linux with icmp_echo_ignore_all.
                .answerEchoRequests(appEnabled(APP_PING));
        if (driver == DRIVER_IEEE802154_RADIO) {
            // iface.reassembly-buffer is 6LoWPAN's here: no IPv4 on the radio.
            config.reassemblyBufferCount(0).extendedAddress(hardwareAddress).sixlowpan()
                    .panId(radioPanId).shortAddress(radioShortAddress).reassemblyBufferCount(reassemblyBuffer == 0 ? 0 : 1);
            if (reassemblyBuffer != 0) {
                config.sixlowpan().reassemblyBufferSize(reassemblyBuffer);
            }
            return config;
        }
        config.reassemblyBufferCount(reassemblyBuffer == 0 ? 0 : 1);
        if (reassemblyBuffer != 0) {
            config.reassemblyBufferSize(reassemblyBuffer);
        }
        return config.hardwareAddress(hardwareAddress);
    }

    /** IPv6 addresses the interface holds: the link-local one and those of {@code ipv6.address}. */
    public int ipv6InterfaceAddresses() {
        return 1 + ipv6Count;
    }

    /** IPv6 routes the interface holds: the default route when {@code ipv6.gateway} is set. */
    public int ipv6InterfaceRoutes() {
        return hasIpv6Gateway ? 1 : 0;
    }

    /** The file this description was read from, e.g. {@code host-sim.board}. */
    public String fileName() {
        return fileName;
    }

    /** {@code board.name}, equal to the file name without {@code .board}. */
    public String name() {
        return name;
    }

    /** {@code board.description}: one line for humans. */
    public String description() {
        return description;
    }

    /** {@code driver}: DRIVER_ETHERNET_MAC or DRIVER_IEEE802154_RADIO. */
    public int driver() {
        return driver;
    }

    /** {@code eth.phy-address} (0..31), or -1 when the board has no MDIO PHY to configure (host boards, radio). */
    public int phyAddress() {
        return phyAddress;
    }

    /** {@code mac.address} as a 48-bit value, or 0 when {@link #macFromUniqueId()} or a radio board. */
    public long macAddress() {
        return macAddress;
    }

    /** {@code mac.derive = unique-id}: the firmware derives a locally administered MAC from the chip's unique ID. */
    public boolean macFromUniqueId() {
        return macFromUniqueId;
    }

    /** {@code radio.channel} (11..26), radio boards only. */
    public int radioChannel() {
        return radioChannel;
    }

    /** {@code radio.pan-id}, radio boards only. */
    public int radioPanId() {
        return radioPanId;
    }

    /** {@code radio.short-address} (0xfffe: none, use the extended address), radio boards only. */
    public int radioShortAddress() {
        return radioShortAddress;
    }

    /** {@code radio.extended-address} as a 64-bit value, radio boards only. */
    public long radioExtendedAddress() {
        return radioExtendedAddress;
    }

    /** Whether the board has IPv4 ({@code ipv4.address}): Ethernet boards always, radio boards never. */
    public boolean hasIpv4() {
        return hasIpv4;
    }

    /** The address of {@code ipv4.address}, network order in an int (0 without {@link #hasIpv4()}). */
    public int ipv4Address() {
        return ipv4Address;
    }

    /** The prefix length of {@code ipv4.address}. */
    public int ipv4PrefixLength() {
        return ipv4PrefixLength;
    }

    /** Whether {@code ipv4.gateway} is set. */
    public boolean hasIpv4Gateway() {
        return hasIpv4Gateway;
    }

    /** {@code ipv4.gateway}, or 0 when {@link #hasIpv4Gateway()} is false. */
    public int ipv4Gateway() {
        return ipv4Gateway;
    }

    /** How many addresses {@code ipv6.address} lists (0..MAX_IPV6_ADDRESSES), the link-local one not counted. */
    public int ipv6AddressCount() {
        return ipv6Count;
    }

    /** The first 64 bits of the {@code index}th address of {@code ipv6.address}. */
    public long ipv6AddressHigh(int index) {
        return ipv6High[checkIpv6Index(index)];
    }

    /** The last 64 bits of the {@code index}th address of {@code ipv6.address}. */
    public long ipv6AddressLow(int index) {
        return ipv6Low[checkIpv6Index(index)];
    }

    /** The prefix length (1..128) of the {@code index}th address of {@code ipv6.address}. */
    public int ipv6PrefixLength(int index) {
        return ipv6PrefixLengths[checkIpv6Index(index)];
    }

    private int checkIpv6Index(int index) {
        if (index < 0 || index >= ipv6Count) {
            throw new IndexOutOfBoundsException("index must be 0.." + (ipv6Count - 1) + " (ipv6AddressCount), got " + index);
        }
        return index;
    }

    /** Whether {@code ipv6.gateway} is set. */
    public boolean hasIpv6Gateway() {
        return hasIpv6Gateway;
    }

    /** The first 64 bits of {@code ipv6.gateway} (0 when unset). */
    public long ipv6GatewayHigh() {
        return ipv6GatewayHigh;
    }

    /** The last 64 bits of {@code ipv6.gateway} (0 when unset). */
    public long ipv6GatewayLow() {
        return ipv6GatewayLow;
    }

    /** {@code tcp.sockets}: sockets per listening TCP application (0 when no TCP application runs). */
    public int tcpSockets() {
        return tcpSockets;
    }

    /** {@code tcp.rx-buffer}: receive buffer bytes of every application TCP socket. */
    public int tcpRxBuffer() {
        return tcpRxBuffer;
    }

    /** {@code tcp.tx-buffer}: transmit buffer bytes of every application TCP socket. */
    public int tcpTxBuffer() {
        return tcpTxBuffer;
    }

    /** {@code udp.sockets}: UDP sockets of the udp-reverse application. */
    public int udpSockets() {
        return udpSockets;
    }

    /** {@code udp.rx-buffer}: receive payload bytes per UDP socket. */
    public int udpRxBuffer() {
        return udpRxBuffer;
    }

    /** {@code udp.tx-buffer}: transmit payload bytes per UDP socket. */
    public int udpTxBuffer() {
        return udpTxBuffer;
    }

    /** {@code udp.packets}: datagrams queued per direction per UDP socket. */
    public int udpPackets() {
        return udpPackets;
    }

    /** {@code http.backlog}: HTTP connections served at once (sockets of the port-80 listener). */
    public int httpBacklog() {
        return httpBacklog;
    }

    /** {@code http.request-buffer}: bytes of one HTTP request head; longer requests get 431. */
    public int httpRequestBuffer() {
        return httpRequestBuffer;
    }

    /** {@code iface.neighbors}: ARP cache entries. */
    public int neighbors() {
        return neighbors;
    }

    /** {@code iface.reassembly-buffer}: largest datagram reassembled (0: no reassembly): IPv4 on Ethernet, 6LoWPAN on the radio. */
    public int reassemblyBuffer() {
        return reassemblyBuffer;
    }

    /** {@code iface.fragmentation-buffer}: largest IPv4 datagram sent in fragments (0: none; always 0 on the radio). */
    public int fragmentationBuffer() {
        return fragmentationBuffer;
    }

    /** {@code iface.pending-packets}: packets held while ARP resolves their next hop. */
    public int pendingPackets() {
        return pendingPackets;
    }

    /** {@code device.rx-frames}: receive frame buffers of the device. */
    public int deviceRxFrames() {
        return deviceRxFrames;
    }

    /** {@code device.tx-frames}: transmit frame buffers of the device. */
    public int deviceTxFrames() {
        return deviceTxFrames;
    }

    /** {@code ram.available}: bytes of RAM for the stack's and the applications' buffers. */
    public int ramAvailable() {
        return ramAvailable;
    }

    /** {@code core}: CORE_CORTEX_M7, CORE_CORTEX_M4F or CORE_HOST. */
    public int core() {
        return core;
    }

    /** {@code timer}: TIMER_SYSTICK_DWT, TIMER_RTC or TIMER_HOST. */
    public int timer() {
        return timer;
    }

    /** {@code flash.tool}: FLASH_OPENOCD, FLASH_QEMU or FLASH_NONE. */
    public int flashTool() {
        return flashTool;
    }

    /** {@code flash.address}: where a raw binary image goes, or -1 when not flashed with openocd. */
    public long flashAddress() {
        return flashAddress;
    }

    /** {@code openocd.config} (e.g. {@code board/st_nucleo_f7.cfg}), or null when interface + target are given. */
    public String openocdConfig() {
        return openocdConfig;
    }

    /** {@code openocd.interface} (e.g. {@code interface/cmsis-dap.cfg}), or null. */
    public String openocdInterface() {
        return openocdInterface;
    }

    /** {@code openocd.target} (e.g. {@code target/nrf52.cfg}), or null. */
    public String openocdTarget() {
        return openocdTarget;
    }

    /** {@code qemu.machine} (e.g. {@code mps2-an500}) for flash.tool = qemu, or null. */
    public String qemuMachine() {
        return qemuMachine;
    }

    /** {@code host.backend}: HOST_BACKEND_VIRTUAL_SEGMENT or HOST_BACKEND_TAP, HOST_BACKEND_NONE off the host. */
    public int hostBackend() {
        return hostBackend;
    }
}
