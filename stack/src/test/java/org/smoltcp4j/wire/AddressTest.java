package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.testing.AllocationProbe;

class AddressTest {

    @Test
    void macTextAndClasses() {
        long mac = MacAddress.of(0x02, 0x00, 0x5e, 0x10, 0xab, 0xff);
        assertEquals("02:00:5e:10:ab:ff", MacAddress.append(new StringBuilder(), mac).toString());
        assertTrue(MacAddress.isUnicast(mac));
        assertTrue(MacAddress.isLocal(mac));
        assertTrue(MacAddress.isBroadcast(MacAddress.BROADCAST));
        assertTrue(MacAddress.isMulticast(MacAddress.BROADCAST));
        assertTrue(MacAddress.isMulticast(MacAddress.of(0x01, 0, 0x5e, 0, 0, 1)));
        assertFalse(MacAddress.isUnicast(MacAddress.UNSPECIFIED));
        assertFalse(MacAddress.isValid(1L << 48));
    }

    @Test
    void multicastMacsForIpGroups() {
        assertEquals(MacAddress.of(0x01, 0x00, 0x5e, 0x7f, 0x00, 0x01), MacAddress.ofIpv4Multicast(Ipv4Address.of(239, 255, 0, 1)));
        assertEquals(MacAddress.of(0x33, 0x33, 0xff, 0x00, 0x00, 0x02), MacAddress.ofIpv6Multicast(0x0000_0001_ff00_0002L));
    }

    @Test
    void ipv4TextAndClasses() {
        int address = Ipv4Address.of(192, 168, 69, 1);
        assertEquals("192.168.69.1", Ipv4Address.append(new StringBuilder(), address).toString());
        assertEquals("255.255.255.255", Ipv4Address.append(new StringBuilder(), Ipv4Address.BROADCAST).toString());
        assertTrue(Ipv4Address.isUnicast(address));
        assertTrue(Ipv4Address.isMulticast(Ipv4Address.ALL_SYSTEMS));
        assertTrue(Ipv4Address.isLoopback(Ipv4Address.LOOPBACK));
        assertTrue(Ipv4Address.isLinkLocal(Ipv4Address.of(169, 254, 3, 4)));
        assertFalse(Ipv4Address.isUnicast(Ipv4Address.UNSPECIFIED));
        assertTrue(Ipv4Address.inSubnet(address, Ipv4Address.of(192, 168, 69, 0), 24));
        assertFalse(Ipv4Address.inSubnet(address, Ipv4Address.of(192, 168, 70, 0), 24));
        assertTrue(Ipv4Address.inSubnet(address, 0, 0));
        assertEquals(0xffffff00, Ipv4Address.netmask(24));
        assertEquals(-1, Ipv4Address.netmask(32));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.netmask(33));
        assertEquals("IPv4 prefix length must be 0..32, got 33", error.getMessage());
    }

    /** RFC 5952 section 4 examples and edge cases: the address as Java parses it, our canonical text. */
    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:db8::1",
        "2001:0db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "::, ::",
        "::1, ::1",
        "fe80::, fe80::",
        "FF02::1:FF00:2, ff02::1:ff00:2",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1::, 1::",
        "0:1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
        "::ffff:c000:201, ::ffff:192.0.2.1",
    })
    void ipv6CanonicalText(String input, String canonical) throws UnknownHostException {
        byte[] bytes = ipv6Bytes(InetAddress.getByName(input));
        StringBuilder out = Ipv6Address.append(new StringBuilder(), Ipv6Address.readHigh(bytes, 0), Ipv6Address.readLow(bytes, 0));
        assertEquals(canonical, out.toString());
    }

    /** Java turns IPv4-mapped IPv6 text into an Inet4Address; map it back to 16 bytes. */
    private static byte[] ipv6Bytes(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address.getAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        return mapped;
    }

    @Property
    void ipv6TextParsesBackToTheSameAddress(@ForAll long high, @ForAll long low) throws UnknownHostException {
        String text = Ipv6Address.append(new StringBuilder(), high, low).toString();
        byte[] expected = new byte[16];
        Ipv6Address.write(expected, 0, high, low);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(ipv6Bytes(InetAddress.getByName(text))), text);
    }

    @Test
    void ipv6Classes() {
        assertTrue(Ipv6Address.isLinkLocal(0xfe80_0000_0000_0000L));
        assertTrue(Ipv6Address.isLinkLocal(0xfebf_0000_0000_0000L));
        assertFalse(Ipv6Address.isLinkLocal(0xfec0_0000_0000_0000L));
        assertTrue(Ipv6Address.isMulticast(Ipv6Address.ALL_NODES_HIGH));
        assertTrue(Ipv6Address.isLoopback(0, 1));
        assertTrue(Ipv6Address.isUnspecified(0, 0));
        assertEquals(0x0000_0001_ffab_cdefL, Ipv6Address.solicitedNodeLow(0x1234_5678_90ab_cdefL));
    }

    @Test
    void printingIsAllocationFree() {
        StringBuilder out = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("address printing", () -> {
            out.setLength(0);
            MacAddress.append(out, 0x0200_0000_0001L);
            Ipv4Address.append(out, 0xc0a8_4501);
            Ipv6Address.append(out, 0x2001_0db8_0000_0000L, 1L);
        });
    }
}
