package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.wire.Ipv6Address;

/** ipv6.address and ipv6.gateway, and IPv4 on radio boards: each error with the message the user sees. */
class Ipv6BoardKeysTest {

    private static final EditedBoard HOST_SIM = EditedBoard.of("host-sim");
    private static final EditedBoard NRF = EditedBoard.of("nrf52840-dk");

    private static void assertError(String expected, BoardConfigException e) {
        assertEquals(expected, e.getMessage());
    }

    @Test
    void shippedAddresses() {
        BoardDescription sim = HOST_SIM.parse();
        assertEquals(1, sim.ipv6AddressCount());
        assertEquals(0xfdaa_0000_0000_0000L, sim.ipv6AddressHigh(0));
        assertEquals(1L, sim.ipv6AddressLow(0));
        assertEquals(64, sim.ipv6PrefixLength(0));
        assertTrue(sim.hasIpv6Gateway());
        assertEquals(0xfdaa_0000_0000_0000L, sim.ipv6GatewayHigh());
        assertEquals(0x100L, sim.ipv6GatewayLow());
        BoardDescription nrf = NRF.parse();
        assertFalse(nrf.hasIpv4());
        assertEquals(1, nrf.ipv6AddressCount());
        assertTrue(sim.hasIpv4());
    }

    @Test
    void severalAddressesInOneKey() {
        BoardDescription board = HOST_SIM.with("ipv6.address", "ipv6.address = fdaa::1/64, 2001:db8:0:1::2/48 ,fd00::/128")
                .parse();
        assertEquals(3, board.ipv6AddressCount());
        assertEquals(0x2001_0db8_0000_0001L, board.ipv6AddressHigh(1));
        assertEquals(2L, board.ipv6AddressLow(1));
        assertEquals(48, board.ipv6PrefixLength(1));
        assertEquals(0xfd00_0000_0000_0000L, board.ipv6AddressHigh(2));
        assertEquals(0L, board.ipv6AddressLow(2));
        assertEquals(128, board.ipv6PrefixLength(2));
        assertThrows(IndexOutOfBoundsException.class, () -> board.ipv6AddressLow(3));
    }

    @Test
    void ipv6IsOptionalOnEthernet() {
        BoardDescription board = HOST_SIM.without("ipv6.gateway").without("ipv6.address").parse();
        assertEquals(0, board.ipv6AddressCount());
        assertFalse(board.hasIpv6Gateway());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> board.ipv6AddressHigh(0));
        assertEquals("index must be 0..-1 (ipv6AddressCount), got 0", e.getMessage());
    }

    @Test
    void radioBoardMayRunOnTheLinkLocalAddressAlone() {
        assertEquals(0, NRF.without("ipv6.address").parse().ipv6AddressCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipv4.address = 192.168.69.1/24", "ipv4.gateway = 192.168.69.100"})
    void ipv4OnARadioBoard(String line) {
        EditedBoard board = NRF.plus(line);
        String key = line.substring(0, line.indexOf(' '));
        assertError("nrf52840-dk.board:" + board.lastLine() + ": " + key + ": does not apply to a radio board: IPv4 does not run"
                + " over 6LoWPAN (give ipv6.address)", board.error());
    }

    @Test
    void ipv4IsStillRequiredOnEthernet() {
        assertError("host-sim.board: ipv4.address: missing (required for driver = ethernet-mac)",
                HOST_SIM.without("ipv4.gateway").without("ipv4.address").error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fdaa::1", "fdaa::1/", "fdaa::1/x", "fdaa::1/64/64", "fdaa::1/+64", "fdaa:::1/64", "fdaa::1::2/64",
        "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "1:2:3:4:5:6:7::8/64", "fdaa:12345::1/64", "fdaa::g/64", ":1::/64", "1::2:/64",
        "::ffff:1.2.3.4/96", "/64", "fdaa::1/0064", ""})
    void malformedIpv6Prefixes(String entry) {
        assertError(HOST_SIM.at("ipv6.address") + "'" + entry + "' is not an IPv6 address/prefix",
                HOST_SIM.with("ipv6.address", "ipv6.address = fdaa::5/64, " + entry).error());
    }

    @ParameterizedTest
    @CsvSource({"0", "129"})
    void ipv6PrefixOutOfRange(String prefix) {
        assertError(HOST_SIM.at("ipv6.address") + "prefix length " + prefix + " in 'fdaa::1/" + prefix + "' is out of range 1..128",
                HOST_SIM.with("ipv6.address", "ipv6.address = fdaa::1/" + prefix).error());
    }

    @Test
    void tooManyAddresses() {
        assertError(HOST_SIM.at("ipv6.address") + "more than 4 addresses",
                HOST_SIM.with("ipv6.address", "ipv6.address = fdaa::1/64, fdaa::2/64, fdaa::3/64, fdaa::4/64, fdaa::5/64").error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::/64|'::' is the unspecified or the loopback address",
        "::1/128|'::1' is the unspecified or the loopback address",
        "ff02::1/64|'ff02::1' is a multicast address",
        "::ffff:0:1/96|'::ffff:0.0.0.1' is an IPv4-mapped address; give IPv4 in ipv4.address",
        "fe80::1/64|'fe80::1' is link-local; the interface derives its link-local address from the link address by itself",
        "fdaa::1/64, fdaa:0::1/48|'fdaa::1' is listed twice"})
    void addressesAHostCannotTake(String value, String problem) {
        assertError(HOST_SIM.at("ipv6.address") + problem, HOST_SIM.with("ipv6.address", "ipv6.address = " + value).error());
    }

    @Test
    void malformedGateway() {
        assertError(HOST_SIM.at("ipv6.gateway") + "'fdaa::100/64' is not an IPv6 address",
                HOST_SIM.with("ipv6.gateway", "ipv6.gateway = fdaa::100/64").error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fdab::100|is neither link-local (fe80::/10) nor another host on the prefix of an ipv6.address",
        "fdaa::1|is neither link-local (fe80::/10) nor another host on the prefix of an ipv6.address",
        "ff02::2|is a multicast address",
        "::|is the unspecified or the loopback address"})
    void gatewayMustBeANeighbour(String gateway, String problem) {
        assertError(HOST_SIM.at("ipv6.gateway") + "'" + gateway + "' " + problem,
                HOST_SIM.with("ipv6.gateway", "ipv6.gateway = " + gateway).error());
    }

    @Test
    void linkLocalGatewayNeedsNoGlobalAddress() {
        BoardDescription board = HOST_SIM.without("ipv6.address").with("ipv6.gateway", "ipv6.gateway = fe80::1").parse();
        assertEquals(Ipv6Address.LINK_LOCAL_PREFIX_HIGH, board.ipv6GatewayHigh());
        assertEquals(1L, board.ipv6GatewayLow());
    }

    @Test
    void gatewayOnALongPrefix() {
        BoardDescription board = HOST_SIM.with("ipv6.address", "ipv6.address = 2001:db8::1:0:0:1/96")
                .with("ipv6.gateway", "ipv6.gateway = 2001:db8::1:0:ab:cd").parse();
        assertTrue(board.hasIpv6Gateway());
        assertError(HOST_SIM.at("ipv6.gateway") + "'2001:db8::2:0:ab:cd' is neither link-local (fe80::/10) nor another host on the"
                + " prefix of an ipv6.address", HOST_SIM.with("ipv6.address", "ipv6.address = 2001:db8::1:0:0:1/96")
                .with("ipv6.gateway", "ipv6.gateway = 2001:db8::2:0:ab:cd").error());
    }

    /** Every unicast address in RFC 5952 form, with any prefix length, reads back. */
    @Property
    void everyIpv6AddressReadsBack(@ForAll long high, @ForAll long low, @ForAll @IntRange(min = 1, max = 128) int prefix) {
        long global = high & 0x3fff_ffff_ffff_ffffL | 0x2000_0000_0000_0000L;
        String text = Ipv6Address.append(new StringBuilder(), global, low).toString();
        BoardDescription board = HOST_SIM.without("ipv6.gateway").with("ipv6.address", "ipv6.address = " + text + "/" + prefix).parse();
        assertEquals(global, board.ipv6AddressHigh(0));
        assertEquals(low, board.ipv6AddressLow(0));
        assertEquals(prefix, board.ipv6PrefixLength(0));
    }

    /** The full form with leading zeros and upper case reads the same as the compressed one. */
    @Property
    void fullUpperCaseFormReadsBack(@ForAll long high, @ForAll long low) {
        long global = high & 0x3fff_ffff_ffff_ffffL | 0x2000_0000_0000_0000L;
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            full.append(i == 0 ? "" : ":").append(String.format("%04X", Ipv6Address.group(global, low, i)));
        }
        BoardDescription board = HOST_SIM.without("ipv6.gateway").with("ipv6.address", "ipv6.address = " + full + "/64").parse();
        assertEquals(global, board.ipv6AddressHigh(0));
        assertEquals(low, board.ipv6AddressLow(0));
    }
}
