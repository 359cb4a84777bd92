package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken board files (host-sim.board edited): one test per kind of error, each with the message the user sees. */
class BoardDescriptionParserTest {

    private static final EditedBoard HOST_SIM = EditedBoard.of("host-sim");

    private static void assertError(String expected, BoardConfigException e) {
        assertEquals(expected, e.getMessage());
    }

    @Test
    void unknownKey() {
        EditedBoard board = HOST_SIM.plus("tcp.socket = 4");
        BoardConfigException e = board.error();
        assertError("host-sim.board:" + board.lastLine() + ": tcp.socket: unknown key (board-configs/README.md lists the keys)", e);
        assertEquals(board.lastLine(), e.line());
        assertEquals("tcp.socket", e.key());
        assertEquals("host-sim.board", e.fileName());
    }

    @Test
    void duplicateKey() {
        EditedBoard board = HOST_SIM.plus("udp.packets = 4");
        assertError("host-sim.board:" + board.lastLine() + ": udp.packets: duplicate key, first set on line "
                + HOST_SIM.lineOf("udp.packets"), board.error());
    }

    @Test
    void missingRequiredKey() {
        BoardConfigException e = HOST_SIM.without("iface.neighbors").error();
        assertError("host-sim.board: iface.neighbors: missing (required)", e);
        assertEquals(BoardConfigException.NO_LINE, e.line());
    }

    @Test
    void missingKeyRequiredByAnApplication() {
        assertError("host-sim.board: http.backlog: missing (required when apps include http)",
                HOST_SIM.without("http.backlog").error());
    }

    @Test
    void keyOfADisabledApplication() {
        EditedBoard board = HOST_SIM.with("apps", "apps = ping, tcp-hello");
        assertError(board.at("udp.sockets") + "does not apply to this board (only when apps include udp-reverse)", board.error());
    }

    @Test
    void pingAloneNeedsNoSocketKeys() {
        EditedBoard board = HOST_SIM.with("apps", "apps = ping");
        for (String key : new String[] {"tcp.sockets", "tcp.rx-buffer", "tcp.tx-buffer", "udp.sockets", "udp.rx-buffer",
            "udp.tx-buffer", "udp.packets", "http.backlog", "http.request-buffer"}) {
            board = board.without(key);
        }
        BoardDescription description = board.parse();
        assertEquals(0, description.totalTcpSockets());
        assertFalse(description.anyTcpApp());
    }

    @Test
    void httpAloneNeedsNoTcpSocketsCount() {
        BoardDescription board = HOST_SIM.with("apps", "apps = ping, http").without("tcp.sockets").without("udp.sockets")
                .without("udp.rx-buffer").without("udp.tx-buffer").without("udp.packets").parse();
        assertEquals(8, board.totalTcpSockets());
    }

    @Test
    void badIpv4Address() {
        EditedBoard board = HOST_SIM.with("ipv4.address", "ipv4.address = 192.168.69.300/24");
        assertError(board.at("ipv4.address") + "'192.168.69.300/24' is not an IPv4 address/prefix", board.error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"192.168.69.1", "192.168.69/24", "192.168.69.1.2/24", "192.168.69.1/", "192.168.69.1/x",
        "a.b.c.d/24", "192.168.0069.1/24", "1..2.3/8", "192.168.69.1/24/24", "192.168.69.1/+8"})
    void malformedIpv4Prefixes(String value) {
        assertError(HOST_SIM.at("ipv4.address") + "'" + value + "' is not an IPv4 address/prefix",
                HOST_SIM.with("ipv4.address", "ipv4.address = " + value).error());
    }

    @Test
    void badGatewayAddress() {
        assertError(HOST_SIM.at("ipv4.gateway") + "'192.168.69' is not an IPv4 address",
                HOST_SIM.with("ipv4.gateway", "ipv4.gateway = 192.168.69").error());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1", "192.168.69.1"})
    void gatewayMustBeAnotherHostOfTheSubnet(String gateway) {
        assertError(HOST_SIM.at("ipv4.gateway") + "'" + gateway + "' is not another host on the subnet of ipv4.address 192.168.69.1/24",
                HOST_SIM.with("ipv4.gateway", "ipv4.gateway = " + gateway).error());
    }

    @Test
    void gatewayIsOptional() {
        BoardDescription board = HOST_SIM.without("ipv4.gateway").parse();
        assertFalse(board.hasIpv4Gateway());
        assertEquals(0, board.ipv4Gateway());
    }

    @ParameterizedTest
    @CsvSource({"0", "33"})
    void prefixOutOfRange(String prefix) {
        assertError(HOST_SIM.at("ipv4.address") + "prefix length " + prefix + " in '192.168.69.1/" + prefix
                + "' is out of range 1..32", HOST_SIM.with("ipv4.address", "ipv4.address = 192.168.69.1/" + prefix).error());
    }

    @Test
    void hostPrefixIsAccepted() {
        assertEquals(32, HOST_SIM.without("ipv4.gateway").with("ipv4.address", "ipv4.address = 10.0.0.1/32").parse()
                .ipv4PrefixLength());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"02:00:00:00:00", "02:00:00:00:00:0g", "02-00-00-00-00-01", "02:00:00:00:00:01:",
        "0200:00:00:00:01"})
    void badMac(String mac) {
        assertError(HOST_SIM.at("mac.address") + "'" + mac + "' is not a MAC address (xx:xx:xx:xx:xx:xx)",
                HOST_SIM.with("mac.address", "mac.address = " + mac).error());
    }

    @Test
    void multicastMac() {
        assertError(HOST_SIM.at("mac.address") + "'03:00:00:00:00:01' is a multicast address; a station needs a unicast one",
                HOST_SIM.with("mac.address", "mac.address = 03:00:00:00:00:01").error());
    }

    @Test
    void globallyAdministeredMac() {
        assertError(HOST_SIM.at("mac.address") + "'00:80:e1:00:00:01' is not locally administered (the first byte needs bit 0x02,"
                + " e.g. 02:...; globally unique addresses are assigned by vendors)",
                HOST_SIM.with("mac.address", "mac.address = 00:80:e1:00:00:01").error());
    }

    @Test
    void upperCaseMacIsAccepted() {
        assertEquals(0x02ab_cdef_0001L, HOST_SIM.with("mac.address", "mac.address = 02:AB:CD:EF:00:01").parse().macAddress());
    }

    @Test
    void numberOutOfRange() {
        assertError(HOST_SIM.at("tcp.sockets") + "'65' is out of range 1..64", HOST_SIM.with("tcp.sockets", "tcp.sockets = 65").error());
    }

    @ParameterizedTest
    @CsvSource({"four", "-1", "4k", "0x", "1234567890123", "0xfffffffffffff"})
    void notANumber(String value) {
        assertError(HOST_SIM.at("tcp.sockets") + "'" + value + "' is not a number",
                HOST_SIM.with("tcp.sockets", "tcp.sockets = " + value).error());
    }

    @Test
    void hexadecimalNumbersAreAccepted() {
        assertEquals(0x20, HOST_SIM.with("udp.packets", "udp.packets = 0x20").parse().udpPackets());
    }

    @Test
    void datagramBufferBelowTheIpMinimum() {
        assertError(HOST_SIM.at("iface.reassembly-buffer") + "'67' is out of range: 0 (off) or 68..65535",
                HOST_SIM.with("iface.reassembly-buffer", "iface.reassembly-buffer = 67").error());
    }

    @Test
    void reassemblyAndFragmentationCanBeTurnedOff() {
        BoardDescription board = HOST_SIM.with("iface.reassembly-buffer", "iface.reassembly-buffer = 0")
                .with("iface.fragmentation-buffer", "iface.fragmentation-buffer = 0").parse();
        assertEquals(0, board.reassemblyBuffer());
        assertEquals(0, board.fragmentationBuffer());
        assertEquals(0, board.interfaceConfig(board.macAddress()).reassemblyBufferCount());
        assertEquals(0, board.interfaceConfig(board.macAddress()).fragmentationBufferSize());
    }

    @Test
    void unknownApp() {
        assertError(HOST_SIM.at("apps") + "'telnet' is not one of ping, udp-reverse, tcp-hello, tcp-reverse, tcp-sink, tcp-source,"
                + " http, throughput", HOST_SIM.with("apps", "apps = ping, telnet").error());
    }

    @Test
    void emptyAppList() {
        assertError(HOST_SIM.at("apps") + "'' is not one of ping, udp-reverse, tcp-hello, tcp-reverse, tcp-sink, tcp-source,"
                + " http, throughput", HOST_SIM.with("apps", "apps =").error());
    }

    @Test
    void appListedTwice() {
        assertError(HOST_SIM.at("apps") + "'http' is listed twice", HOST_SIM.with("apps", "apps = http, ping, http").error());
    }

    @Test
    void unknownKeyword() {
        assertError(HOST_SIM.at("driver") + "'wifi' is not one of ethernet-mac | ieee802154-radio",
                HOST_SIM.with("driver", "driver = wifi").error());
    }

    @Test
    void ramExceededGivesTheNumbers() {
        BoardConfigException e = HOST_SIM.with("ram.available", "ram.available = 100000").error();
        RamBudget budget = new RamBudget(HOST_SIM.parse());
        assertEquals(4_045_178L, budget.total());
        assertError("host-sim.board: ram.available: the buffers need 4045178 bytes, 3945178 more than ram.available = 100000"
                + " (device frames 96896, interface buffers 143146, neighbor cache 656, tcp sockets 3670016,"
                + " udp sockets 35904, http requests 98560)", e);
        assertEquals("ram.available", e.key());
    }

    @Test
    void fileNameMustEndInBoard() {
        assertError("host-sim.txt: not a board file: the name must be <board>.board", HOST_SIM.named("host-sim.txt").error());
        assertError(".board: not a board file: the name must be <board>.board", HOST_SIM.named(".board").error());
    }

    @Test
    void binaryFileIsNotABoardFile() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        assertError("logo.board: not a board file: byte 0x89 at offset 0 is not UTF-8 (board files are UTF-8 text)",
                assertThrows(BoardConfigException.class, () -> BoardDescriptionParser.parse("logo.board", png, png.length)));
    }

    @Test
    void nulByteIsNotText() {
        byte[] bytes = {'a', 0, 'b'};
        assertError("x.board: not a board file: a NUL byte at offset 1 (board files are UTF-8 text)",
                assertThrows(BoardConfigException.class, () -> BoardDescriptionParser.parse("x.board", bytes, bytes.length)));
    }

    @Test
    void truncatedOverlongAndBrokenUtf8AreRefused() {
        byte[] cut = {'a', (byte) 0xc3};
        assertError("x.board: not a board file: a UTF-8 sequence is cut off at offset 1 (board files are UTF-8 text)",
                assertThrows(BoardConfigException.class, () -> BoardDescriptionParser.parse("x.board", cut, cut.length)));
        byte[] overlong = {(byte) 0xe0, (byte) 0x80, (byte) 0x80};
        assertError("x.board: not a board file: an overlong or invalid UTF-8 sequence at offset 0 (board files are UTF-8 text)",
                assertThrows(BoardConfigException.class, () -> BoardDescriptionParser.parse("x.board", overlong, 3)));
        byte[] badContinuation = {(byte) 0xc3, 'a'};
        assertError("x.board: not a board file: byte 0x61 at offset 1 is not UTF-8 (board files are UTF-8 text)",
                assertThrows(BoardConfigException.class, () -> BoardDescriptionParser.parse("x.board", badContinuation, 2)));
    }

    @Test
    void scriptIsNotABoardFile() {
        assertError("script.board:2: 'echo hello' is not a 'key = value' line (comments start with #)",
                EditedBoard.raw("script.board", "# a shell script\necho hello\n").error());
    }

    @Test
    void lineWithoutKey() {
        assertError("empty.board:1: '= 4' has no key before '='", EditedBoard.raw("empty.board", "= 4\n").error());
    }

    @Test
    void emptyFileLacksTheFirstRequiredKey() {
        assertError("empty.board: board.name: missing (required)", EditedBoard.raw("empty.board", "").error());
    }

    @Test
    void boardNameMustMatchTheFileName() {
        assertError("other.board:" + HOST_SIM.lineOf("board.name") + ": board.name: 'host-sim' differs from the file name other.board",
                HOST_SIM.named("other.board").error());
    }

    @Test
    void emptyText() {
        assertError(HOST_SIM.at("board.description") + "is empty", HOST_SIM.with("board.description", "board.description =").error());
    }

    @Test
    void utf8ByteOrderMarkCrLfIndentationAndCommentsAreFine() {
        String text = "\ufeff" + HOST_SIM.with("board.description", "  board.description = Gerät für 🐧  ").text()
                .replace("\n", "\r\n") + "   # an indented comment\r\n";
        assertEquals("Gerät für 🐧", EditedBoard.raw("host-sim.board", text).parse().description());
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = (HOST_SIM.text() + "garbage line\n").getBytes(StandardCharsets.UTF_8);
        int length = HOST_SIM.text().getBytes(StandardCharsets.UTF_8).length;
        assertEquals("host-sim", BoardDescriptionParser.parse("host-sim.board", bytes, length).name());
    }

    @Test
    void radioKeysOnAnEthernetBoard() {
        EditedBoard board = HOST_SIM.plus("radio.channel = 11");
        assertError("host-sim.board:" + board.lastLine() + ": radio.channel: does not apply to this board"
                + " (only for driver = ieee802154-radio)", board.error());
    }

    @Test
    void phyAddressOnAHostBoard() {
        EditedBoard board = HOST_SIM.plus("eth.phy-address = 0");
        assertError("host-sim.board:" + board.lastLine() + ": eth.phy-address: does not apply to this board"
                + " (only on a microcontroller; host devices have no MDIO PHY)", board.error());
    }

    @Test
    void uniqueIdOnAHostBoard() {
        EditedBoard board = HOST_SIM.with("mac.address", "mac.derive = unique-id");
        assertError(board.at("mac.derive") + "does not apply to this board (only on a microcontroller; the host has no chip"
                + " unique ID)", board.error());
    }

    @Test
    void hostBoardIsNotFlashed() {
        assertError(HOST_SIM.at("flash.tool") + "must be none for core = host", HOST_SIM.with("flash.tool", "flash.tool = openocd").error());
    }

    @Test
    void hostBoardNeedsItsBackend() {
        assertError("host-sim.board: host.backend: missing (required when core = host)", HOST_SIM.without("host.backend").error());
    }

    @Test
    void apiMisuse() {
        byte[] bytes = new byte[4];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> BoardDescriptionParser.parse("x.board", bytes, 5));
        assertEquals("length 5 is outside the text array of 4 bytes", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> BoardDescriptionParser.parse("x.board", bytes, -1));
        assertThrows(NullPointerException.class, () -> BoardDescriptionParser.parse(null, bytes, 0));
        assertThrows(NullPointerException.class, () -> BoardDescriptionParser.parse("x.board", null, 0));
        IllegalArgumentException app = assertThrows(IllegalArgumentException.class, () -> BoardDescription.appName(8));
        assertEquals("app must be 0..7 (an APP_* constant), got 8", app.getMessage());
    }
}
