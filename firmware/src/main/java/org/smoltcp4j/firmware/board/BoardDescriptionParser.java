package org.smoltcp4j.firmware.board;

import org.smoltcp4j.wire.Ipv6Address;

/**
 * Reads a board file ({@code board-configs/src/main/resources/org/smoltcp4j/boards/<name>.board},
 * format and keys in board-configs/README.md) into a {@link BoardDescription}, without
 * {@code java.util.Properties}. Unknown, duplicate and missing keys, keys that do not apply to the
 * board, bad values and buffers that exceed {@code ram.available} ({@link RamBudget#check}) are
 * refused with a {@link BoardConfigException} naming the file, the line, the key and the problem.
 */
public final class BoardDescriptionParser {

    /** Every key a board file may contain. */
    static final String[] KEYS = {
        "board.name", "board.description",
        "driver", "eth.phy-address", "mac.address", "mac.derive",
        "radio.channel", "radio.pan-id", "radio.short-address", "radio.extended-address",
        "ipv4.address", "ipv4.gateway", "ipv6.address", "ipv6.gateway",
        "apps",
        "tcp.sockets", "tcp.rx-buffer", "tcp.tx-buffer",
        "udp.sockets", "udp.rx-buffer", "udp.tx-buffer", "udp.packets",
        "http.backlog", "http.request-buffer",
        "iface.neighbors", "iface.reassembly-buffer", "iface.fragmentation-buffer", "iface.pending-packets",
        "device.rx-frames", "device.tx-frames",
        "ram.available", "core", "timer",
        "flash.tool", "flash.address", "openocd.config", "openocd.interface", "openocd.target", "qemu.machine",
        "host.backend",
    };

    private static final String[] MAC_DERIVATIONS = {"unique-id"};
    private static final int MAX_BUFFER = 16 * 1024 * 1024;
    private static final int MIN_IP_DATAGRAM = 68;

    private BoardDescriptionParser() {
    }

    /**
     * Parses the UTF-8 text {@code utf8Text[0, length)} of the board file {@code fileName} (its
     * name without directories, e.g. {@code host-sim.board}).
     *
     * @throws BoardConfigException when the file is not a valid board description
     */
    public static BoardDescription parse(String fileName, byte[] utf8Text, int length) {
        BoardFile file = BoardFile.read(fileName, utf8Text, length, KEYS);
        BoardValues values = new BoardValues(file);
        BoardDescription board = new BoardDescription();
        board.fileName = fileName;
        readIdentity(file, values, board);
        readLink(file, values, board);
        readIpv4(file, values, board);
        readIpv6(file, values, board);
        readApplications(file, values, board);
        readInterface(file, values, board);
        readFlashing(file, values, board);
        RamBudget.check(board);
        return board;
    }

    private static void readIdentity(BoardFile file, BoardValues values, BoardDescription board) {
        file.require("board.name", "");
        board.name = values.text("board.name");
        if (!board.name.equals(file.boardName())) {
            throw file.error("board.name", "'" + board.name + "' differs from the file name " + file.fileName());
        }
        file.require("board.description", "");
        board.description = values.text("board.description");
        file.require("core", "");
        board.core = values.keyword("core", BoardDescription.CORES);
        file.require("timer", "");
        board.timer = values.keyword("timer", BoardDescription.TIMERS);
        file.require("ram.available", "");
        board.ramAvailable = values.integer("ram.available", 1024, Integer.MAX_VALUE);
    }

    private static void readLink(BoardFile file, BoardValues values, BoardDescription board) {
        file.require("driver", "");
        board.driver = values.keyword("driver", BoardDescription.DRIVERS);
        boolean ethernet = board.driver == BoardDescription.DRIVER_ETHERNET_MAC;
        boolean host = board.core == BoardDescription.CORE_HOST;
        String[] radioKeys = {"radio.channel", "radio.pan-id", "radio.short-address", "radio.extended-address"};
        if (ethernet) {
            for (int i = 0; i < radioKeys.length; i++) {
                file.forbid(radioKeys[i], "for driver = ieee802154-radio");
            }
            readEthernet(file, values, board, host);
            return;
        }
        file.forbid("eth.phy-address", "for driver = ethernet-mac");
        file.forbid("mac.address", "for driver = ethernet-mac");
        file.forbid("mac.derive", "for driver = ethernet-mac");
        for (int i = 0; i < radioKeys.length; i++) {
            file.require(radioKeys[i], "for driver = ieee802154-radio");
        }
        board.radioChannel = values.integer("radio.channel", 11, 26);
        board.radioPanId = (int) values.hex("radio.pan-id", 0xfffe);
        // 0xffff is the broadcast address, which no node takes; 0xfffe means none.
        board.radioShortAddress = (int) values.hex("radio.short-address", 0xfffe);
        board.radioExtendedAddress = values.extendedAddress("radio.extended-address");
    }

    private static void readEthernet(BoardFile file, BoardValues values, BoardDescription board, boolean host) {
        if (host) {
            file.forbid("eth.phy-address", "on a microcontroller; host devices have no MDIO PHY");
            file.forbid("mac.derive", "on a microcontroller; the host has no chip unique ID");
        } else {
            file.require("eth.phy-address", "for driver = ethernet-mac on a microcontroller");
            board.phyAddress = values.integer("eth.phy-address", 0, 31);
        }
        if (file.has("mac.address") && file.has("mac.derive")) {
            throw file.error("mac.derive", "conflicts with mac.address on line " + file.line("mac.address") + "; set one of them");
        }
        if (file.has("mac.derive")) {
            values.keyword("mac.derive", MAC_DERIVATIONS);
            board.macFromUniqueId = true;
        } else {
            file.require("mac.address", "for driver = ethernet-mac, unless mac.derive = unique-id");
            board.macAddress = values.mac("mac.address");
        }
    }

    private static void readIpv4(BoardFile file, BoardValues values, BoardDescription board) {
        if (board.driver == BoardDescription.DRIVER_IEEE802154_RADIO) {
            String[] keys = {"ipv4.address", "ipv4.gateway"};
            for (int i = 0; i < keys.length; i++) {
                if (file.has(keys[i])) {
                    throw file.error(keys[i], "does not apply to a radio board: IPv4 does not run over 6LoWPAN (give ipv6.address)");
                }
            }
            return;
        }
        file.require("ipv4.address", "for driver = ethernet-mac");
        board.hasIpv4 = true;
        board.ipv4Address = values.ipv4OfPrefix("ipv4.address");
        board.ipv4PrefixLength = values.prefixLength("ipv4.address");
        if (!file.has("ipv4.gateway")) {
            return;
        }
        int gateway = values.ipv4("ipv4.gateway");
        int mask = board.ipv4PrefixLength == 32 ? -1 : ~(-1 >>> board.ipv4PrefixLength);
        if ((gateway & mask) != (board.ipv4Address & mask) || gateway == board.ipv4Address) {
            throw file.error("ipv4.gateway", "'" + file.value("ipv4.gateway") + "' is not another host on the subnet of ipv4.address "
                    + file.value("ipv4.address"));
        }
        board.hasIpv4Gateway = true;
        board.ipv4Gateway = gateway;
    }

    private static void readIpv6(BoardFile file, BoardValues values, BoardDescription board) {
        if (file.has("ipv6.address")) {
            board.ipv6Count = values.ipv6Prefixes("ipv6.address", board.ipv6High, board.ipv6Low, board.ipv6PrefixLengths);
            for (int i = 0; i < board.ipv6Count; i++) {
                String problem = unicastProblem(board.ipv6High[i], board.ipv6Low[i]);
                if (problem == null && Ipv6Address.isLinkLocal(board.ipv6High[i])) {
                    problem = "is link-local; the interface derives its link-local address from the link address by itself";
                }
                for (int j = 0; problem == null && j < i; j++) {
                    if (board.ipv6High[j] == board.ipv6High[i] && board.ipv6Low[j] == board.ipv6Low[i]) {
                        problem = "is listed twice";
                    }
                }
                if (problem != null) {
                    throw file.error("ipv6.address", "'" + address(board.ipv6High[i], board.ipv6Low[i]) + "' " + problem);
                }
            }
        }
        if (!file.has("ipv6.gateway")) {
            return;
        }
        long[] gateway = new long[2];
        values.ipv6("ipv6.gateway", gateway);
        String problem = unicastProblem(gateway[0], gateway[1]);
        if (problem == null && !Ipv6Address.isLinkLocal(gateway[0]) && !onConfiguredPrefix(board, gateway[0], gateway[1])) {
            problem = "is neither link-local (fe80::/10) nor another host on the prefix of an ipv6.address";
        }
        if (problem != null) {
            throw file.error("ipv6.gateway", "'" + file.value("ipv6.gateway") + "' " + problem);
        }
        board.hasIpv6Gateway = true;
        board.ipv6GatewayHigh = gateway[0];
        board.ipv6GatewayLow = gateway[1];
    }

    /** Why (high, low) cannot be a host's unicast address, or null when it can. */
    private static String unicastProblem(long high, long low) {
        if (Ipv6Address.isUnspecified(high, low) || Ipv6Address.isLoopback(high, low)) {
            return "is the unspecified or the loopback address";
        }
        if (Ipv6Address.isMulticast(high)) {
            return "is a multicast address";
        }
        if (Ipv6Address.isIpv4Mapped(high, low)) {
            return "is an IPv4-mapped address; give IPv4 in ipv4.address";
        }
        return null;
    }

    /** Whether (high, low) is on the prefix of one of the board's IPv6 addresses, and not that address. */
    private static boolean onConfiguredPrefix(BoardDescription board, long high, long low) {
        for (int i = 0; i < board.ipv6Count; i++) {
            int bits = board.ipv6PrefixLengths[i];
            long highMask = bits >= 64 ? -1L : ~(-1L >>> bits);
            long lowMask = bits <= 64 ? 0 : bits == 128 ? -1L : ~(-1L >>> (bits - 64));
            boolean same = high == board.ipv6High[i] && low == board.ipv6Low[i];
            if (!same && (high & highMask) == (board.ipv6High[i] & highMask) && (low & lowMask) == (board.ipv6Low[i] & lowMask)) {
                return true;
            }
        }
        return false;
    }

    private static String address(long high, long low) {
        return Ipv6Address.append(new StringBuilder(), high, low).toString();
    }

    private static void readApplications(BoardFile file, BoardValues values, BoardDescription board) {
        file.require("apps", "");
        board.apps = values.list("apps", BoardDescription.APPS);
        String tcpApps = "when apps include tcp-hello, tcp-reverse, tcp-sink, tcp-source, http or throughput";
        if (requiredOnlyIf(file, board.anyTcpApp(), new String[] {"tcp.rx-buffer", "tcp.tx-buffer"}, tcpApps)) {
            board.tcpRxBuffer = values.integer("tcp.rx-buffer", 64, MAX_BUFFER);
            board.tcpTxBuffer = values.integer("tcp.tx-buffer", 64, MAX_BUFFER);
        }
        if (requiredOnlyIf(file, board.tcpListenerApps() > 0, new String[] {"tcp.sockets"},
                "when apps include tcp-hello, tcp-reverse, tcp-sink, tcp-source or throughput")) {
            board.tcpSockets = values.integer("tcp.sockets", 1, 64);
        }
        if (requiredOnlyIf(file, board.appEnabled(BoardDescription.APP_UDP_REVERSE),
                new String[] {"udp.sockets", "udp.rx-buffer", "udp.tx-buffer", "udp.packets"}, "when apps include udp-reverse")) {
            board.udpSockets = values.integer("udp.sockets", 1, 16);
            board.udpRxBuffer = values.integer("udp.rx-buffer", 64, MAX_BUFFER);
            board.udpTxBuffer = values.integer("udp.tx-buffer", 64, MAX_BUFFER);
            board.udpPackets = values.integer("udp.packets", 1, 1024);
        }
        if (requiredOnlyIf(file, board.appEnabled(BoardDescription.APP_HTTP),
                new String[] {"http.backlog", "http.request-buffer"}, "when apps include http")) {
            board.httpBacklog = values.integer("http.backlog", 1, 64);
            board.httpRequestBuffer = values.integer("http.request-buffer", 256, 65536);
        }
    }

    /** Requires {@code keys} when {@code applies}, refuses them otherwise; returns {@code applies}. */
    private static boolean requiredOnlyIf(BoardFile file, boolean applies, String[] keys, String when) {
        for (int i = 0; i < keys.length; i++) {
            if (applies) {
                file.require(keys[i], when);
            } else {
                file.forbid(keys[i], when);
            }
        }
        return applies;
    }

    private static void readInterface(BoardFile file, BoardValues values, BoardDescription board) {
        String[] required = {"iface.neighbors", "iface.reassembly-buffer", "iface.fragmentation-buffer", "iface.pending-packets",
            "device.rx-frames", "device.tx-frames"};
        for (int i = 0; i < required.length; i++) {
            file.require(required[i], "");
        }
        board.neighbors = values.integer("iface.neighbors", 1, 1024);
        if (board.driver == BoardDescription.DRIVER_IEEE802154_RADIO) {
            readSixlowpanBuffers(file, values, board);
        } else {
            board.reassemblyBuffer = datagramSizeOrOff(file, values, "iface.reassembly-buffer");
            board.fragmentationBuffer = datagramSizeOrOff(file, values, "iface.fragmentation-buffer");
        }
        board.pendingPackets = values.integer("iface.pending-packets", 0, 64);
        board.deviceRxFrames = values.integer("device.rx-frames", 1, 64);
        board.deviceTxFrames = values.integer("device.tx-frames", 1, 64);
    }

    /**
     * On the radio the interface buffers are 6LoWPAN's: a datagram sent in fragments comes from the
     * fixed 1280-byte IPv6 staging buffer (IPv6 sources do not fragment here), so there is no
     * fragmentation buffer to size; the reassembly buffer takes datagrams that arrive in 6LoWPAN
     * fragments, at least the IPv6 MTU and at most what a fragment header can describe.
     */
    private static void readSixlowpanBuffers(BoardFile file, BoardValues values, BoardDescription board) {
        if (values.integer("iface.fragmentation-buffer", 0, 65535) != 0) {
            throw file.error("iface.fragmentation-buffer", "must be 0 on a radio board: 6LoWPAN fragments from its "
                    + BoardDescription.IPV6_MTU + "-byte IPv6 staging buffer");
        }
        int bytes = values.integer("iface.reassembly-buffer", 0, 65535);
        if (bytes != 0 && (bytes < BoardDescription.IPV6_MTU || bytes > BoardDescription.SIXLOWPAN_MAX_DATAGRAM)) {
            throw file.error("iface.reassembly-buffer", "'" + file.value("iface.reassembly-buffer") + "' is out of range for 6LoWPAN:"
                    + " 0 (off) or " + BoardDescription.IPV6_MTU + ".." + BoardDescription.SIXLOWPAN_MAX_DATAGRAM);
        }
        board.reassemblyBuffer = bytes;
    }

    private static int datagramSizeOrOff(BoardFile file, BoardValues values, String key) {
        int bytes = values.integer(key, 0, 65535);
        if (bytes != 0 && bytes < MIN_IP_DATAGRAM) {
            throw file.error(key, "'" + file.value(key) + "' is out of range: 0 (off) or " + MIN_IP_DATAGRAM + "..65535");
        }
        return bytes;
    }

    private static void readFlashing(BoardFile file, BoardValues values, BoardDescription board) {
        file.require("flash.tool", "");
        board.flashTool = values.keyword("flash.tool", BoardDescription.FLASH_TOOLS);
        boolean host = board.core == BoardDescription.CORE_HOST;
        if (host != (board.flashTool == BoardDescription.FLASH_NONE)) {
            throw file.error("flash.tool", host ? "must be none for core = host" : "none is only for core = host");
        }
        boolean openocd = board.flashTool == BoardDescription.FLASH_OPENOCD;
        if (requiredOnlyIf(file, openocd, new String[] {"flash.address"}, "when flash.tool = openocd")) {
            board.flashAddress = values.hex("flash.address", 0xffffffffL);
        }
        readOpenocd(file, values, board, openocd);
        if (requiredOnlyIf(file, board.flashTool == BoardDescription.FLASH_QEMU, new String[] {"qemu.machine"},
                "when flash.tool = qemu")) {
            board.qemuMachine = values.text("qemu.machine");
        }
        if (requiredOnlyIf(file, host, new String[] {"host.backend"}, "when core = host")) {
            board.hostBackend = values.keyword("host.backend", BoardDescription.HOST_BACKENDS);
        }
    }

    private static void readOpenocd(BoardFile file, BoardValues values, BoardDescription board, boolean openocd) {
        String when = "when flash.tool = openocd";
        if (!openocd) {
            requiredOnlyIf(file, false, new String[] {"openocd.config", "openocd.interface", "openocd.target"}, when);
            return;
        }
        if (file.has("openocd.config")) {
            file.forbid("openocd.interface", "without openocd.config, which names the interface already");
            file.forbid("openocd.target", "without openocd.config, which names the target already");
            board.openocdConfig = values.text("openocd.config");
            return;
        }
        file.require("openocd.interface", when + ", unless openocd.config is set");
        file.require("openocd.target", when + ", unless openocd.config is set");
        board.openocdInterface = values.text("openocd.interface");
        board.openocdTarget = values.text("openocd.target");
    }
}
