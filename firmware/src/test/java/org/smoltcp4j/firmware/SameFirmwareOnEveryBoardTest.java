package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.ShippedBoards;
import org.smoltcp4j.hal.DeviceIdentity;
import org.smoltcp4j.hal.UniqueIdMac;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.TcpSocket;

/**
 * "The same firmware on every board": every shipped Ethernet board description boots as on the
 * board, through the HAL's mocks (the EthernetMac mock on a virtual segment, the MAC from the
 * DeviceIdentity mock where the board derives it), and answers a ping and an HTTP GET from a second
 * stack on the segment. Each board's boot banner and RAM budget is printed. The radio board boots in
 * RadioBoardTest, on a simulated IEEE 802.15.4 medium.
 */
class SameFirmwareOnEveryBoardTest {

    private static final List<String> ETHERNET_BOARDS = List.of(
            "stm32f746g-disco", "nucleo-f767zi", "nucleo-h743zi", "mps2-an500", "host-tap", "host-sim");

    @Test
    void everyShippedEthernetBoardBootsThroughTheMocksAndAnswersPingAndHttp() {
        List<String> booted = new ArrayList<>();
        for (String name : ShippedBoards.names()) {
            BoardDescription board = ShippedBoards.load(name);
            if (board.driver() != BoardDescription.DRIVER_ETHERNET_MAC) {
                continue;
            }
            StringBuilder log = new StringBuilder();
            MockBackends.setUniqueIdSeed(name.hashCode());
            long derived = UniqueIdMac.derive(uniqueId(), DeviceIdentity.MAX_LENGTH);
            try (TwoHosts hosts = TwoHosts.throughTheMocks(board, log)) {
                long mac = MockBackends.ethernet().macAddress();
                assertEquals(board.macFromUniqueId() ? derived : board.macAddress(), mac, name + ": the MAC the driver was started with");
                assertPingAnswered(hosts, name);
                assertStatusPageServed(hosts, name);
            }
            System.out.print(log);
            System.out.println("  -> " + name + ": ping and HTTP GET / answered through the mocks\n");
            booted.add(name);
        }
        assertEquals(ETHERNET_BOARDS, booted);
    }

    private static byte[] uniqueId() {
        byte[] id = new byte[DeviceIdentity.MAX_LENGTH];
        assertEquals(DeviceIdentity.MAX_LENGTH, DeviceIdentity.uniqueId(id));
        return id;
    }

    private static void assertPingAnswered(TwoHosts hosts, String board) {
        IcmpSocket ping = new IcmpSocket(2, 256, 2, 256);
        ping.bindIdentifier(7);
        hosts.clientSockets.add(ping);
        byte[] request = TwoHosts.echoRequest(7, 1, 32);
        ping.send(request, 0, request.length, TwoHosts.SERVER);
        byte[] reply = new byte[256];
        int length = 0;
        for (int i = 0; i < 2_000 && length <= 0; i++) {
            hosts.run(1);
            length = ping.recv(reply, 0, reply.length);
        }
        assertEquals(request.length, length, board + ": echo reply");
    }

    private static void assertStatusPageServed(TwoHosts hosts, String board) {
        TcpSocket http = hosts.connect(Boot.PORT_HTTP);
        hosts.send(http, "GET / HTTP/1.1\r\nHost: " + board + "\r\n\r\n");
        String page = hosts.receive(http, 2_000, text -> text.endsWith("</html>\n"));
        assertTrue(page.startsWith("HTTP/1.1 200 OK\r\n"), board + ": " + page);
        assertTrue(page.contains(board), board + ": the page names the board");
    }
}
