package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every board file that board-configs ships loads, and says what its comments say. */
class ShippedBoardsTest {

    static List<String> boards() {
        return ShippedBoards.names();
    }

    @Test
    void theSevenBoardsOfIssue7AreShipped() {
        assertEquals(List.of("stm32f746g-disco", "nucleo-f767zi", "nucleo-h743zi", "nrf52840-dk", "mps2-an500",
                "host-tap", "host-sim"), boards());
    }

    @ParameterizedTest
    @MethodSource("boards")
    void loadsAndFitsItsRam(String name) {
        BoardDescription board = ShippedBoards.load(name);
        assertEquals(name, board.name());
        assertEquals(name + ".board", board.fileName());
        assertFalse(board.description().isEmpty());
        assertTrue(new RamBudget(board).total() <= board.ramAvailable());
        assertTrue(board.appEnabled(BoardDescription.APP_PING), "every board answers ping");
    }

    @Test
    void hostSimIsSmoltcpsExampleAddressingOnTheVirtualSegment() {
        BoardDescription board = ShippedBoards.load("host-sim");
        assertEquals(BoardDescription.DRIVER_ETHERNET_MAC, board.driver());
        assertEquals(0x02_00_00_00_00_01L, board.macAddress());
        assertFalse(board.macFromUniqueId());
        assertEquals(0xc0a84501, board.ipv4Address());
        assertEquals(24, board.ipv4PrefixLength());
        assertTrue(board.hasIpv4Gateway());
        assertEquals(0xc0a84564, board.ipv4Gateway());
        assertEquals(BoardDescription.CORE_HOST, board.core());
        assertEquals(BoardDescription.TIMER_HOST, board.timer());
        assertEquals(BoardDescription.FLASH_NONE, board.flashTool());
        assertEquals(BoardDescription.HOST_BACKEND_VIRTUAL_SEGMENT, board.hostBackend());
        assertEquals(-1, board.phyAddress());
        assertEquals(-1, board.flashAddress());
        for (int app = 0; app < BoardDescription.APP_COUNT; app++) {
            assertTrue(board.appEnabled(app), BoardDescription.appName(app));
        }
        assertEquals(5 * 4 + 8, board.totalTcpSockets());
    }

    @Test
    void hostTapUsesTheTapBackend() {
        assertEquals(BoardDescription.HOST_BACKEND_TAP, ShippedBoards.load("host-tap").hostBackend());
    }

    @Test
    void stm32BoardsDeriveTheirMacAndFlashAtTheStartOfFlash() {
        for (String name : List.of("stm32f746g-disco", "nucleo-f767zi", "nucleo-h743zi")) {
            BoardDescription board = ShippedBoards.load(name);
            assertTrue(board.macFromUniqueId(), name);
            assertEquals(0, board.macAddress(), name);
            assertEquals(0, board.phyAddress(), name);
            assertEquals(BoardDescription.CORE_CORTEX_M7, board.core(), name);
            assertEquals(BoardDescription.FLASH_OPENOCD, board.flashTool(), name);
            assertEquals(0x0800_0000L, board.flashAddress(), name);
            assertEquals(BoardDescription.HOST_BACKEND_NONE, board.hostBackend(), name);
        }
    }

    @Test
    void nrf52840IsAnIeee802154RadioBoard() {
        BoardDescription board = ShippedBoards.load("nrf52840-dk");
        assertEquals(BoardDescription.DRIVER_IEEE802154_RADIO, board.driver());
        assertEquals(26, board.radioChannel());
        assertEquals(0xbeef, board.radioPanId());
        assertEquals(0x0001, board.radioShortAddress());
        assertEquals(0x02_00_00_00_00_00_00_01L, board.radioExtendedAddress());
        assertEquals(BoardDescription.IEEE802154_FRAME_BYTES, board.deviceFrameBytes());
        assertEquals(BoardDescription.CORE_CORTEX_M4F, board.core());
        assertEquals(BoardDescription.TIMER_RTC, board.timer());
        assertEquals("board/nordic_nrf52_dk.cfg", board.openocdConfig());
        assertEquals(0L, board.flashAddress());
        assertFalse(board.hasIpv4Gateway());
        assertFalse(board.appEnabled(BoardDescription.APP_HTTP));
        assertEquals(0, board.httpBacklog());
    }

    @Test
    void mps2An500RunsUnderQemuWithAFixedMac() {
        BoardDescription board = ShippedBoards.load("mps2-an500");
        assertEquals(BoardDescription.FLASH_QEMU, board.flashTool());
        assertEquals("mps2-an500", board.qemuMachine());
        assertNull(board.openocdConfig());
        assertEquals(1, board.phyAddress());
        assertEquals(0x02_00_00_00_05_00L, board.macAddress());
    }
}
