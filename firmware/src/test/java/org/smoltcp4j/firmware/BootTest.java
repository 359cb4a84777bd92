package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.BoardDescriptionParser;
import org.smoltcp4j.firmware.board.RamBudget;
import org.smoltcp4j.firmware.board.ShippedBoards;
import org.smoltcp4j.hal.DeviceIdentity;
import org.smoltcp4j.hal.UniqueIdMac;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;

/** The firmware Boot builds from the shipped board descriptions, exercised from a client host. */
class BootTest {

    @Test
    void hostSimBootsWithEveryApplicationAnswering() {
        StringBuilder log = new StringBuilder();
        TwoHosts hosts = new TwoHosts(ShippedBoards.load("host-sim"), log);
        assertTrue(log.toString().startsWith("smoltcp4j firmware on host-sim ("), log.toString());
        assertTrue(log.toString().contains("tcp sockets") && log.toString().contains("total"), log.toString());

        IcmpSocket ping = new IcmpSocket(2, 256, 2, 256);
        ping.bindIdentifier(7);
        hosts.clientSockets.add(ping);
        byte[] request = TwoHosts.echoRequest(7, 1, 16);
        ping.send(request, 0, request.length, TwoHosts.SERVER);
        UdpSocket udp = new UdpSocket(2, 256, 2, 256);
        udp.bind(40_000);
        hosts.clientSockets.add(udp);
        udp.send("ping\n".getBytes(StandardCharsets.US_ASCII), 0, 5, TwoHosts.SERVER, Boot.PORT_REVERSE_UDP);
        hosts.run(100);
        assertEquals(request.length, ping.recv(new byte[64], 0, 64));
        byte[] reply = new byte[16];
        assertEquals("gnip\n", new String(reply, 0, udp.recv(reply, 0, 16), StandardCharsets.US_ASCII));

        assertEquals("hello\n", hosts.receiveAll(hosts.connect(Boot.PORT_HELLO), 500));
        TcpSocket reverse = hosts.connect(Boot.PORT_REVERSE_TCP);
        hosts.send(reverse, "smoltcp4j\n");
        assertEquals("j4pctloms\n", hosts.receive(reverse, 500, text -> text.endsWith("\n")));
        TcpSocket source = hosts.connect(Boot.PORT_SOURCE);
        assertTrue(hosts.receive(source, 500, text -> text.length() > 1000).length() > 1000);
        TcpSocket http = hosts.connect(Boot.PORT_HTTP);
        hosts.send(http, "GET /status.json HTTP/1.1\r\nHost: sim\r\n\r\n");
        String json = hosts.receive(http, 1_000, text -> text.endsWith("]}\n"));
        assertTrue(json.contains("\"board\":\"host-sim\"") && json.contains("\"local_port\":6972"), json);
        assertTrue(hosts.server.counters().get(Counters.TX_ECHO_REPLIES) == 1);
    }

    @Test
    void hostSimAnswersOverIpv6AndListsItsIpv6Addresses() {
        TwoHosts hosts = new TwoHosts(ShippedBoards.load("host-sim"), new StringBuilder());
        IcmpSocket ping = new IcmpSocket(2, 256, 2, 256);
        ping.bindIdentifier(9);
        hosts.clientSockets.add(ping);
        byte[] request = TwoHosts.echoRequest6(9, 1, 16);
        ping.send(request, 0, request.length, TwoHosts.ULA_HIGH, TwoHosts.SERVER6_LOW);
        UdpSocket udp = new UdpSocket(2, 256, 2, 256);
        udp.bind(40_006);
        hosts.clientSockets.add(udp);
        udp.send("ipv6\n".getBytes(StandardCharsets.US_ASCII), 0, 5, TwoHosts.ULA_HIGH, TwoHosts.SERVER6_LOW, Boot.PORT_REVERSE_UDP);
        hosts.run(100);
        assertEquals(request.length, ping.recv(new byte[64], 0, 64));
        assertEquals(TwoHosts.SERVER6_LOW, ping.remoteAddressLow());
        byte[] reply = new byte[16];
        assertEquals("6vpi\n", new String(reply, 0, udp.recv(reply, 0, 16), StandardCharsets.US_ASCII));
        assertEquals(TwoHosts.ULA_HIGH, udp.remoteAddressHigh(), "the reply came from the IPv6 address");

        assertEquals("hello\n", hosts.receiveAll(hosts.connect(TwoHosts.ULA_HIGH, TwoHosts.SERVER6_LOW, Boot.PORT_HELLO), 500));
        TcpSocket http = hosts.connect(TwoHosts.ULA_HIGH, TwoHosts.SERVER6_LOW, Boot.PORT_HTTP);
        hosts.send(http, "GET /status.json HTTP/1.1\r\nHost: [fdaa::1]\r\n\r\n");
        String json = hosts.receive(http, 1_000, text -> text.endsWith("]}\n"));
        assertTrue(json.contains("\"ipv4\":[\"192.168.69.1/24\"],\"ipv6\":[\"fe80::ff:fe00:1/64\",\"fdaa::1/64\"]"), json);
        assertTrue(json.contains("\"remote\":\"[fdaa::100]:" + http.localPort() + "\""), json);
        assertTrue(hosts.server.counters().get(Counters.TX_ICMPV6_ECHO_REPLIES) == 1);
    }

    @Test
    void theStatusShowsTheBytesTheTcpSinkReceived() {
        TwoHosts hosts = new TwoHosts(ShippedBoards.load("host-sim"), new StringBuilder());
        TcpSocket sink = hosts.connect(Boot.PORT_SINK);
        String chunk = "0123456789".repeat(100);
        for (int i = 0; i < 3; i++) {
            hosts.send(sink, chunk);
        }
        sink.close();
        hosts.run(200);
        TcpSocket http = hosts.connect(Boot.PORT_HTTP);
        hosts.send(http, "GET /status.json HTTP/1.1\r\nHost: sim\r\n\r\n");
        String json = hosts.receive(http, 1_000, text -> text.endsWith("]}\n"));
        assertTrue(json.contains("\"tcp_sink\":{\"port\":6971,\"bytes_received\":3000}"), json);
        hosts.send(http, "GET / HTTP/1.1\r\nHost: sim\r\n\r\n");
        String page = hosts.receive(http, 1_000, text -> text.endsWith("</html>\n"));
        assertTrue(page.contains("<h2>Applications</h2>\n<p>TCP sink (port 6971): 3000 bytes received\n"), page);
    }

    @Test
    void theBudgetCountsEveryTcpSocketBootBuildsEvenWithOneSocketPerApplication() {
        // throughput's two listeners get at least one socket each, also when tcp.sockets = 1.
        byte[] bytes = ShippedBoards.text("host-sim").replace("tcp.sockets = 4", "tcp.sockets = 1").getBytes(StandardCharsets.UTF_8);
        BoardDescription board = BoardDescriptionParser.parse("host-sim.board", bytes, bytes.length);
        TwoHosts hosts = new TwoHosts(board, new StringBuilder());
        int tcpSockets = 0;
        for (int handle = 0; handle < hosts.serverSockets.capacity(); handle++) {
            try {
                tcpSockets += hosts.serverSockets.get(handle) instanceof TcpSocket ? 1 : 0;
            } catch (IllegalArgumentException emptySlot) {
                // not every slot is used
            }
        }
        assertEquals(tcpSockets, board.totalTcpSockets());
        assertEquals((long) tcpSockets * (board.tcpRxBuffer() + board.tcpTxBuffer()),
                new RamBudget(board).bytes(RamBudget.TCP_SOCKETS));
    }

    @Test
    void aBoardWithoutPingIgnoresEchoRequestsOfBothVersions() {
        String text = ShippedBoards.text("host-sim").replace("apps = ping, ", "apps = ");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        BoardDescription board = BoardDescriptionParser.parse("host-sim.board", bytes, bytes.length);
        assertFalse(board.appEnabled(BoardDescription.APP_PING), text);
        TwoHosts hosts = new TwoHosts(board, new StringBuilder());
        IcmpSocket ping = new IcmpSocket(4, 256, 4, 256);
        ping.bindIdentifier(11);
        hosts.clientSockets.add(ping);
        byte[] request = TwoHosts.echoRequest(11, 1, 16);
        ping.send(request, 0, request.length, TwoHosts.SERVER);
        byte[] request6 = TwoHosts.echoRequest6(11, 2, 16);
        ping.send(request6, 0, request6.length, TwoHosts.ULA_HIGH, TwoHosts.SERVER6_LOW);
        UdpSocket udp = new UdpSocket(2, 256, 2, 256);
        udp.bind(40_007);
        hosts.clientSockets.add(udp);
        udp.send("on\n".getBytes(StandardCharsets.US_ASCII), 0, 3, TwoHosts.SERVER, Boot.PORT_REVERSE_UDP);
        hosts.run(100);
        assertTrue(udp.canRecv(), "the other applications still answer");
        assertFalse(ping.canRecv(), "no echo reply");
        assertEquals(1, hosts.server.counters().get(Counters.RX_ECHO_REQUESTS));
        assertEquals(1, hosts.server.counters().get(Counters.RX_ICMPV6_ECHO_REQUESTS));
        assertEquals(0, hosts.server.counters().get(Counters.TX_ECHO_REPLIES) + hosts.server.counters().get(Counters.TX_ICMPV6_ECHO_REPLIES));
    }

    @Test
    void everyEthernetBoardBuildsWithinItsBudget() {
        for (String name : ShippedBoards.names()) {
            BoardDescription board = ShippedBoards.load(name);
            if (board.driver() == BoardDescription.DRIVER_ETHERNET_MAC) {
                TwoHosts hosts = new TwoHosts(board, new StringBuilder());
                hosts.run(10);
                assertEquals(board.ipv4Address(), hosts.server.routing().address(0), name);
            }
        }
    }

    @Test
    void aMacDerivedFromTheUniqueIdIsThatOfUniqueIdMac() {
        BoardDescription board = ShippedBoards.load("nucleo-h743zi");
        MockBackends.setUniqueIdSeed(99);
        try {
            byte[] id = new byte[DeviceIdentity.MAX_LENGTH];
            int length = DeviceIdentity.uniqueId(id);
            assertEquals(UniqueIdMac.derive(id, length), Boot.macAddress(board));
            assertEquals(Boot.macAddress(board), new TwoHosts(board, new StringBuilder()).server.config().hardwareAddress());
            MockBackends.setUniqueIdSeed(100);
            assertTrue(Boot.macAddress(board) != UniqueIdMac.derive(id, length), "another chip, another address");
        } finally {
            MockBackends.detachAll();
        }
    }

    @Test
    void aChipWithoutAUniqueIdIsRefusedWhenTheBoardWantsOne() {
        MockBackends.removeUniqueId();
        try {
            IllegalStateException noId = assertThrows(IllegalStateException.class,
                    () -> Boot.macAddress(ShippedBoards.load("stm32f746g-disco")));
            assertEquals("stm32f746g-disco.board: mac.derive = unique-id, but DeviceIdentity.uniqueId answered -4 "
                    + "(this chip has no unique ID); give mac.address", noId.getMessage());
            assertEquals(0x02_00_00_00_05_00L, Boot.macAddress(ShippedBoards.load("mps2-an500")), "a fixed mac.address needs no ID");
        } finally {
            MockBackends.detachAll();
        }
    }
}
