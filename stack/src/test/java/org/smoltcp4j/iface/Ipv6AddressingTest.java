package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.wire.EtherType;

/** IPv6 addresses, routes and source selection (contract section 2); smoltcp's get_source_address cases. */
class Ipv6AddressingTest {

    private static final long LINK_LOCAL = 0xfe80_0000_0000_0000L;
    private static final long ULA = 0xfdbe_0000_0000_0000L;
    private static final long ULA_OTHER = 0xfd00_0000_0000_0000L;
    private static final long GLOBAL = 0x2001_0db8_0000_0000L;

    private static Interface ethernet() {
        return new Interface(new InterfaceConfig().hardwareAddress(0x3456_789a_bcdeL), new DeviceCapabilities(Medium.ETHERNET, 1514, 0));
    }

    @Test
    void linkLocalAddressIsTheModifiedEui64OfTheMac() {
        // RFC 4291 appendix A's example: 34:56:78:9a:bc:de -> 3656:78ff:fe9a:bcde.
        assertEquals(0x3656_78ff_fe9a_bcdeL, InterfaceIdentifier.ofMac(0x3456_789a_bcdeL));
        Interface iface = ethernet();
        assertEquals(1, iface.ipv6Routing().addressCount());
        assertEquals(LINK_LOCAL, iface.ipv6Routing().addressHigh(0));
        assertEquals(0x3656_78ff_fe9a_bcdeL, iface.ipv6Routing().addressLow(0));
        assertEquals(64, iface.ipv6Routing().prefixLength(0));
    }

    @Test
    void extendedAddressIdentifierFlipsTheUniversalLocalBit() {
        assertEquals(0x0012_4b00_0001_0203L, InterfaceIdentifier.ofExtendedAddress(0x0212_4b00_0001_0203L));
    }

    @Test
    void identifierFollowsTheMedium() {
        assertEquals(InterfaceIdentifier.ofMac(0x3456_789a_bcdeL), InterfaceIdentifier.of(Medium.ETHERNET, 0x3456_789a_bcdeL));
        assertEquals(0x0012_4b00_0001_0203L, InterfaceIdentifier.of(Medium.IEEE802154, 0x0212_4b00_0001_0203L));
        assertEquals("medium 2 has no link-layer address to derive an interface identifier from",
                assertThrows(IllegalArgumentException.class, () -> InterfaceIdentifier.of(Medium.IP, 1)).getMessage());
    }

    @Test
    void extendedAddressIsKeptAsTheHardwareAddress() {
        assertEquals(0x0212_4b00_0001_0203L, new InterfaceConfig().extendedAddress(0x0212_4b00_0001_0203L).hardwareAddress());
        assertEquals(-2L, new InterfaceConfig().extendedAddress(-2L).hardwareAddress());
        assertEquals("extended address must not be 0 or all ones, got 0xffffffffffffffff",
                assertThrows(IllegalArgumentException.class, () -> new InterfaceConfig().extendedAddress(-1L)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InterfaceConfig().extendedAddress(0));
    }

    @Test
    void theIpMediumHasNoAutomaticAddress() {
        assertEquals(0, new Interface(new InterfaceConfig(), new DeviceCapabilities(Medium.IP, 1500, 0)).ipv6Routing().addressCount());
    }

    /**
     * RFC 8200 section 5: a link that cannot take 1280-byte packets whole carries no IPv6. Such an
     * interface keeps to IPv4: no link-local address, no configured one, and IPv6 it receives (here
     * a ping to all nodes, which it would answer) dropped as a protocol it does not speak.
     */
    @Test
    void aDeviceBelowIpv6sMinimumMtuCarriesIpv4Only() {
        for (int medium : new int[] {Medium.ETHERNET, Medium.IP}) {
            int linkHeader = medium == Medium.ETHERNET ? 14 : 0;
            TestingDevice device = new TestingDevice(new DeviceCapabilities(medium, linkHeader + 1279, 0));
            Interface iface = new Interface(new InterfaceConfig().hardwareAddress(Ipv6Fixture.OUR_MAC), device.capabilities());
            iface.addIpv4Address(0x0a00_0001, 24);
            assertEquals(0, iface.ipv6Routing().addressCount(), "no link-local address");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> iface.addIpv6Address(ULA, 1, 64));
            assertEquals("the device's MTU leaves 1279 bytes for IP, below IPv6's minimum link MTU of 1280 (RFC 8200 section 5):"
                    + " this interface carries IPv4 only", refused.getMessage());
            byte[] ping = Ipv6Fixture.ping(Ipv6Fixture.ALL_NODES_HIGH, 1, 1, new byte[8]);
            device.inject(medium == Medium.ETHERNET
                    ? Ipv4Fixture.ethernetFrame(0x3333_0000_0001L, Ipv6Fixture.PEER_MAC, EtherType.IPV6, ping) : ping);
            iface.poll(0, device, new SocketSet(1));
            assertEquals(1, iface.counters().get(Counters.RX_LINK_UNSUPPORTED));
            assertTrue(device.drainTransmitted().isEmpty(), "no echo reply");
        }
        Interface enough = new Interface(new InterfaceConfig().hardwareAddress(Ipv6Fixture.OUR_MAC),
                new DeviceCapabilities(Medium.ETHERNET, 14 + 1280, 0));
        enough.addIpv6Address(ULA, 1, 64);
        assertEquals(2, enough.ipv6Routing().addressCount(), "link-local and configured at exactly 1280 bytes for IP");
    }

    @Test
    void sourceIsLinkLocalForLinkScopeAndMatchingPrefixOtherwise() {
        Interface iface = ethernet();
        iface.addIpv6Address(ULA, 1, 64);
        iface.addIpv6Address(GLOBAL, 1, 64);
        assertSource(iface, LINK_LOCAL, 0x3656_78ff_fe9a_bcdeL, LINK_LOCAL, 7);
        assertSource(iface, LINK_LOCAL, 0x3656_78ff_fe9a_bcdeL, 0xff02_0000_0000_0000L, 1);
        assertSource(iface, ULA, 1, ULA, 9);
        assertSource(iface, GLOBAL, 1, GLOBAL, 9);
        assertSource(iface, ULA, 1, ULA_OTHER, 9); // no prefix matches: the first address not link-local
        assertSource(iface, ULA, 1, 0xff0e_0000_0000_0000L, 1); // global-scope multicast
        assertTrue(iface.ipv6Routing().hasAddress(ULA, 1));
        assertFalse(iface.ipv6Routing().hasAddress(ULA, 2));
    }

    @Test
    void noSourceForAGlobalDestinationWithOnlyALinkLocalAddress() {
        assertSource(ethernet(), 0, 0, GLOBAL, 1);
    }

    @Test
    void withNoLinkLocalAddressLinkScopeDestinationsUseAnyAddress() {
        Interface ip = new Interface(new InterfaceConfig(), new DeviceCapabilities(Medium.IP, 1500, 0));
        assertSource(ip, 0, 0, LINK_LOCAL, 1);
        ip.addIpv6Address(ULA, 1, 64);
        assertSource(ip, ULA, 1, LINK_LOCAL, 1);
    }

    /** The source chosen for a destination, (0, 0) for none, as the interface's context gives it to sockets. */
    private static void assertSource(Interface iface, long high, long low, long destinationHigh, long destinationLow) {
        Ipv6Routing routing = iface.ipv6Routing();
        int i = routing.sourceIndexFor(destinationHigh, destinationLow);
        assertEquals(high, i < 0 ? 0 : routing.addressHigh(i));
        assertEquals(low, i < 0 ? 0 : routing.addressLow(i));
    }

    @Test
    void routesChooseTheLongestPrefixAndOnLinkPrefixesNeedNone() {
        Interface iface = ethernet();
        iface.addIpv6Address(ULA, 1, 64);
        Ipv6Routing routing = iface.ipv6Routing();
        assertEquals(Ipv6Routing.UNREACHABLE, routing.route(GLOBAL, 1));
        iface.setIpv6Gateway(LINK_LOCAL, 1);
        iface.addIpv6Route(GLOBAL, 0, 32, LINK_LOCAL, 2);
        assertEquals(Ipv6Routing.ON_LINK, routing.route(ULA, 5));
        assertEquals(Ipv6Routing.ON_LINK, routing.route(LINK_LOCAL, 5));
        int route = routing.route(GLOBAL, 1);
        assertEquals(2, routing.gatewayLow(route));
        route = routing.route(0x2002_0000_0000_0000L, 1);
        assertEquals(1, routing.gatewayLow(route));
        assertTrue(iface.removeIpv6Route(GLOBAL, 0, 32));
        assertEquals(1, routing.gatewayLow(routing.route(GLOBAL, 1)));
        assertTrue(iface.clearIpv6Gateway());
        assertFalse(iface.clearIpv6Gateway());
        assertEquals(Ipv6Routing.UNREACHABLE, routing.route(GLOBAL, 1));
    }

    @Test
    void prefixesLongerThan64BitsCompareTheLowHalf() {
        Interface iface = ethernet();
        iface.addIpv6Address(ULA, 0x100, 120);
        assertEquals(Ipv6Routing.ON_LINK, iface.ipv6Routing().route(ULA, 0x1ff));
        assertEquals(Ipv6Routing.UNREACHABLE, iface.ipv6Routing().route(ULA, 0x200));
    }

    @Test
    void removingAnAddressKeepsTheOthersInOrder() {
        Interface iface = ethernet();
        iface.addIpv6Address(ULA, 1, 64);
        iface.addIpv6Address(GLOBAL, 1, 64);
        iface.removeIpv6Address(ULA, 1);
        assertEquals(2, iface.ipv6Routing().addressCount());
        assertEquals(LINK_LOCAL, iface.ipv6Routing().addressHigh(0));
        assertEquals(GLOBAL, iface.ipv6Routing().addressHigh(1));
    }

    @Test
    void misuseIsRefusedWithAMessage() {
        Interface iface = ethernet();
        assertEquals("an interface address must be an IPv6 unicast address (not loopback or IPv4-mapped), got ff02::1",
                assertThrows(IllegalArgumentException.class, () -> iface.addIpv6Address(0xff02_0000_0000_0000L, 1, 64)).getMessage());
        assertEquals("an interface address must be an IPv6 unicast address (not loopback or IPv4-mapped), got ::ffff:10.0.0.1",
                assertThrows(IllegalArgumentException.class, () -> iface.addIpv6Address(0, 0xffff_0a00_0001L, 64)).getMessage());
        assertEquals("IPv6 prefix length must be 0..128, got 129",
                assertThrows(IllegalArgumentException.class, () -> iface.addIpv6Address(ULA, 1, 129)).getMessage());
        iface.addIpv6Address(ULA, 1, 64);
        assertEquals("fdbe::1 is already an address of this interface",
                assertThrows(IllegalArgumentException.class, () -> iface.addIpv6Address(ULA, 1, 64)).getMessage());
        iface.addIpv6Address(ULA, 2, 64);
        assertEquals("the interface already has 3 IPv6 addresses; raise InterfaceConfig.maxIpv6Addresses",
                assertThrows(IllegalStateException.class, () -> iface.addIpv6Address(ULA, 3, 64)).getMessage());
        assertEquals("fdbe::9 is not an address of this interface",
                assertThrows(IllegalArgumentException.class, () -> iface.removeIpv6Address(ULA, 9)).getMessage());
        assertEquals("route network fdbe::1/64 has host bits set",
                assertThrows(IllegalArgumentException.class, () -> iface.addIpv6Route(ULA, 1, 64, LINK_LOCAL, 1)).getMessage());
        assertEquals("a route gateway must be an IPv6 unicast address (not loopback or IPv4-mapped), got ::",
                assertThrows(IllegalArgumentException.class, () -> iface.setIpv6Gateway(0, 0)).getMessage());
        iface.setIpv6Gateway(LINK_LOCAL, 1);
        iface.addIpv6Route(GLOBAL, 0, 32, LINK_LOCAL, 1);
        assertEquals("the interface already has 2 IPv6 routes; raise InterfaceConfig.maxIpv6Routes",
                assertThrows(IllegalStateException.class, () -> iface.addIpv6Route(ULA_OTHER, 0, 16, LINK_LOCAL, 1)).getMessage());
    }

    @Test
    void configValidatesTheIpv6Sizes() {
        InterfaceConfig config = new InterfaceConfig();
        assertEquals(3, config.maxIpv6Addresses());
        assertEquals(2, config.maxIpv6Routes());
        assertEquals("max IPv6 addresses must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> config.maxIpv6Addresses(0)).getMessage());
        assertEquals("max IPv6 routes must be at least 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> config.maxIpv6Routes(-1)).getMessage());
        assertEquals(7, config.maxIpv6Addresses(7).maxIpv6Addresses());
    }
}
