package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoltcp4j.hal.Ieee802154RadioDevice;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;

class RamBudgetTest {

    static List<String> ethernetBoards() {
        return ShippedBoards.names().stream().filter(name -> !name.startsWith("nrf")).toList();
    }

    @ParameterizedTest
    @MethodSource("ethernetBoards")
    void interfaceBuffersAreWhatTheInterfaceAllocates(String name) {
        BoardDescription board = ShippedBoards.load(name);
        Interface iface = new Interface(board.interfaceConfig(0x02_00_00_00_00_01L),
                new DeviceCapabilities(Medium.ETHERNET, BoardDescription.ETHERNET_FRAME_BYTES, 0));
        assertEquals(iface.preallocatedBytes(), new RamBudget(board).bytes(RamBudget.INTERFACE_BUFFERS));
    }

    @Test
    void radioInterfaceBuffersAreWhatThe6lowpanInterfaceAllocates() {
        BoardDescription board = ShippedBoards.load("nrf52840-dk");
        Interface iface = new Interface(board.interfaceConfig(board.radioExtendedAddress()),
                new DeviceCapabilities(Medium.IEEE802154, Ieee802154RadioDevice.MTU, 0));
        assertEquals(iface.preallocatedBytes(), new RamBudget(board).bytes(RamBudget.INTERFACE_BUFFERS));
    }

    @Test
    void socketFiguresMatchTheSocketsTheAppsBuild() {
        BoardDescription board = ShippedBoards.load("nucleo-f767zi");
        TcpSocket tcp = new TcpSocket(board.tcpRxBuffer(), board.tcpTxBuffer(), 1);
        RamBudget budget = new RamBudget(board);
        assertEquals((long) board.totalTcpSockets() * (tcp.recvCapacity() + tcp.sendCapacity()), budget.bytes(RamBudget.TCP_SOCKETS));
        assertEquals(5 * 2 + 6, board.totalTcpSockets());
        UdpSocket udp = new UdpSocket(board.udpPackets(), board.udpRxBuffer(), board.udpPackets(), board.udpTxBuffer());
        assertEquals(udp.payloadRecvCapacity() + udp.payloadSendCapacity() + 2L * board.udpPackets() * (4 + 4 + 1 + 40),
                budget.bytes(RamBudget.UDP_SOCKETS));
    }

    @Test
    void footprintOfTheF746() {
        StringBuilder out = new StringBuilder();
        new RamBudget(ShippedBoards.load("stm32f746g-disco")).appendTo(out);
        assertEquals(""
                + "device frames          12112 bytes  4 rx + 4 tx x 1514\n"
                + "interface buffers       9020 bytes  4 pending x 1500 + fragmentation 1500 + reassembly 1500 + IPv6 tables 20\n"
                + "neighbor cache           328 bytes  8 entries x 41\n"
                + "tcp sockets           114688 bytes  14 sockets x (4096 rx + 4096 tx)\n"
                + "udp sockets             4880 bytes  1 sockets x (2048 rx + 2048 tx + 2 x 8 datagrams x 49)\n"
                + "http requests           8448 bytes  4 connections x 1024 + page 4096 + header 256\n"
                + "total                 149476 bytes of ram.available 229376 (79900 free)\n", out.toString());
    }

    @Test
    void radioBoardHasNoPendingPacketsAndSmallFrames() {
        RamBudget budget = new RamBudget(ShippedBoards.load("nrf52840-dk"));
        assertEquals(8 * 127, budget.bytes(RamBudget.DEVICE_FRAMES));
        // 6LoWPAN: 1280 staging + 127 + 128 reassembly scratch + 125 + 128 decompression; 1280 reassembly; two IPv6 addresses.
        assertEquals(1280 + 255 + 253 + 1280 + 2 * 20, budget.bytes(RamBudget.INTERFACE_BUFFERS));
        assertEquals(0, budget.bytes(RamBudget.HTTP_REQUESTS));
    }

    @Test
    void aBoardWithoutHttpSaysSoInsteadOfListingBuffersItDoesNotAllocate() {
        StringBuilder out = new StringBuilder();
        new RamBudget(ShippedBoards.load("nrf52840-dk")).appendTo(out);
        assertTrue(out.toString().contains("http requests              0 bytes  http app off\n"), out.toString());
    }

    @Test
    void totalIsTheSumOfTheComponents() {
        RamBudget budget = new RamBudget(ShippedBoards.load("host-tap"));
        long sum = 0;
        for (int i = 0; i < RamBudget.COMPONENTS; i++) {
            sum += budget.bytes(i);
        }
        assertEquals(sum, budget.total());
    }

    @Test
    void componentNames() {
        assertEquals("tcp sockets", RamBudget.componentName(RamBudget.TCP_SOCKETS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RamBudget.componentName(6));
        assertEquals("component must be 0..5, got 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RamBudget(ShippedBoards.load("host-sim")).bytes(-1));
    }

    @Test
    void checkPassesAFittingBoard() {
        RamBudget.check(ShippedBoards.load("nucleo-h743zi"));
    }
}
