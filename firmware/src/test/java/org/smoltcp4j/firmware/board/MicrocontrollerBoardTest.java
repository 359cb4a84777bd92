package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of real and emulated boards: PHY, MAC derivation, radio, openocd, QEMU (errors and choices). */
class MicrocontrollerBoardTest {

    private static final EditedBoard F746 = EditedBoard.of("stm32f746g-disco");
    private static final EditedBoard NRF = EditedBoard.of("nrf52840-dk");
    private static final EditedBoard AN500 = EditedBoard.of("mps2-an500");

    private static void assertError(String expected, BoardConfigException e) {
        assertEquals(expected, e.getMessage());
    }

    @Test
    void phyAddressIsRequiredAndAtMost31() {
        assertError("stm32f746g-disco.board: eth.phy-address: missing (required for driver = ethernet-mac on a microcontroller)",
                F746.without("eth.phy-address").error());
        assertError(F746.at("eth.phy-address") + "'32' is out of range 0..31",
                F746.with("eth.phy-address", "eth.phy-address = 32").error());
    }

    @Test
    void macMustBeGivenOrDerived() {
        assertError("stm32f746g-disco.board: mac.address: missing (required for driver = ethernet-mac, unless mac.derive = unique-id)",
                F746.without("mac.derive").error());
    }

    @Test
    void macCannotBeBothGivenAndDerived() {
        EditedBoard board = F746.plus("mac.address = 02:00:00:00:00:07");
        assertError(board.at("mac.derive") + "conflicts with mac.address on line " + board.lastLine() + "; set one of them",
                board.error());
    }

    @Test
    void fixedMacOnAMicrocontroller() {
        BoardDescription board = F746.with("mac.derive", "mac.address = 02:00:00:00:00:07").parse();
        assertEquals(0x02_00_00_00_00_07L, board.macAddress());
        assertEquals(false, board.macFromUniqueId());
    }

    @Test
    void unknownMacDerivation() {
        assertError(F746.at("mac.derive") + "'serial-number' is not one of unique-id",
                F746.with("mac.derive", "mac.derive = serial-number").error());
    }

    @Test
    void radioChannelOutOfRange() {
        assertError(NRF.at("radio.channel") + "'27' is out of range 11..26", NRF.with("radio.channel", "radio.channel = 27").error());
    }

    @Test
    void radioKeysAreRequired() {
        assertError("nrf52840-dk.board: radio.pan-id: missing (required for driver = ieee802154-radio)",
                NRF.without("radio.pan-id").error());
    }

    @Test
    void panIdIsHexadecimalBelowTheBroadcastId() {
        assertError(NRF.at("radio.pan-id") + "'48879' is not a hexadecimal number (0x...)",
                NRF.with("radio.pan-id", "radio.pan-id = 48879").error());
        assertError(NRF.at("radio.pan-id") + "'0xffff' is out of range 0x0..0xfffe",
                NRF.with("radio.pan-id", "radio.pan-id = 0xffff").error());
    }

    @Test
    void shortAddressIsNotTheBroadcastAddress() {
        assertError(NRF.at("radio.short-address") + "'0xffff' is out of range 0x0..0xfffe",
                NRF.with("radio.short-address", "radio.short-address = 0xffff").error());
    }

    @Test
    void badExtendedAddress() {
        assertError(NRF.at("radio.extended-address") + "'02:00:00:00:00:01' is not an IEEE 802.15.4 extended address"
                + " (xx:xx:xx:xx:xx:xx:xx:xx)", NRF.with("radio.extended-address", "radio.extended-address = 02:00:00:00:00:01").error());
    }

    @Test
    void ethernetKeysOnARadioBoard() {
        EditedBoard board = NRF.plus("mac.address = 02:00:00:00:00:01");
        assertError("nrf52840-dk.board:" + board.lastLine() + ": mac.address: does not apply to this board (only for driver ="
                + " ethernet-mac)", board.error());
    }

    @Test
    void radioBoardHasNoFragmentationBuffer() {
        assertError(NRF.at("iface.fragmentation-buffer") + "must be 0 on a radio board: 6LoWPAN fragments from its 1280-byte"
                + " IPv6 staging buffer", NRF.with("iface.fragmentation-buffer", "iface.fragmentation-buffer = 1280").error());
    }

    @ParameterizedTest
    @CsvSource({"68", "1279", "2048"})
    void radioReassemblyBufferTakesA6lowpanDatagram(String bytes) {
        assertError(NRF.at("iface.reassembly-buffer") + "'" + bytes + "' is out of range for 6LoWPAN: 0 (off) or 1280..2047",
                NRF.with("iface.reassembly-buffer", "iface.reassembly-buffer = " + bytes).error());
    }

    @ParameterizedTest
    @CsvSource({"0", "1280", "2047"})
    void radioReassemblyBufferSizes(int bytes) {
        assertEquals(bytes, NRF.with("iface.reassembly-buffer", "iface.reassembly-buffer = " + bytes).parse().reassemblyBuffer());
    }

    @Test
    void openocdInterfaceAndTargetInsteadOfABoardConfig() {
        BoardDescription board = NRF.with("openocd.config", "openocd.interface = interface/cmsis-dap.cfg")
                .plus("openocd.target = target/nrf52.cfg").parse();
        assertNull(board.openocdConfig());
        assertEquals("interface/cmsis-dap.cfg", board.openocdInterface());
        assertEquals("target/nrf52.cfg", board.openocdTarget());
    }

    @Test
    void openocdTargetWithoutInterface() {
        assertError("nrf52840-dk.board: openocd.interface: missing (required when flash.tool = openocd, unless openocd.config is set)",
                NRF.with("openocd.config", "openocd.target = target/nrf52.cfg").error());
    }

    @Test
    void openocdConfigAndTargetTogether() {
        EditedBoard board = NRF.plus("openocd.target = target/nrf52.cfg");
        assertError("nrf52840-dk.board:" + board.lastLine() + ": openocd.target: does not apply to this board (only without"
                + " openocd.config, which names the target already)", board.error());
    }

    @Test
    void openocdNeedsAFlashAddress() {
        assertError("stm32f746g-disco.board: flash.address: missing (required when flash.tool = openocd)",
                F746.without("flash.address").error());
        assertError(F746.at("flash.address") + "'0x1000000000' is out of range 0x0..0xffffffff",
                F746.with("flash.address", "flash.address = 0x1000000000").error());
    }

    @Test
    void microcontrollerMustBeFlashedSomehow() {
        assertError(F746.at("flash.tool") + "none is only for core = host", F746.with("flash.tool", "flash.tool = none").error());
    }

    @Test
    void qemuBoardHasNoOpenocdKeys() {
        EditedBoard board = AN500.plus("openocd.config = board/st_nucleo_f7.cfg");
        assertError("mps2-an500.board:" + board.lastLine() + ": openocd.config: does not apply to this board (only when"
                + " flash.tool = openocd)", board.error());
    }

    @Test
    void qemuBoardNeedsItsMachine() {
        assertError("mps2-an500.board: qemu.machine: missing (required when flash.tool = qemu)", AN500.without("qemu.machine").error());
    }

    @Test
    void hostBackendOnAMicrocontroller() {
        EditedBoard board = F746.plus("host.backend = tap");
        assertError("stm32f746g-disco.board:" + board.lastLine() + ": host.backend: does not apply to this board (only when"
                + " core = host)", board.error());
    }
}
