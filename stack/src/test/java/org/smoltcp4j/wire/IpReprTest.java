package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The IP header sockets see: IPv4 addresses IPv4-mapped, IPv6 ones as they are, arguments checked. */
class IpReprTest {

    private static final int A = Ipv4Address.of(192, 168, 1, 2);
    private static final int B = Ipv4Address.of(10, 0, 0, 1);
    private static final long PREFIX = 0x2001_0db8_0000_0000L;

    @Test
    void ipv4AddressesAreMapped() {
        IpRepr ip = new IpRepr().setIpv4(A, B, IpProtocol.UDP, 64, 12);
        assertFalse(ip.isIpv6());
        assertEquals(0, ip.sourceHigh());
        assertEquals(0x0000_ffff_c0a8_0102L, ip.sourceLow());
        assertEquals(0, ip.destinationHigh());
        assertEquals(0x0000_ffff_0a00_0001L, ip.destinationLow());
        assertEquals(A, ip.ipv4Source());
        assertEquals(B, ip.ipv4Destination());
        assertEquals(IpProtocol.UDP, ip.protocol());
        assertEquals(64, ip.hopLimit());
        assertEquals(12, ip.payloadLength());
        assertTrue(Ipv6Address.isIpv4Mapped(ip.sourceHigh(), ip.sourceLow()));
        assertEquals("192.168.1.2 > 10.0.0.1", ip.appendTo(new StringBuilder()).toString());
    }

    @Test
    void fromAnIpv4ReprTakesItsFields() {
        Ipv4Repr header = new Ipv4Repr().set(A, B, IpProtocol.TCP, 40, 17);
        IpRepr ip = new IpRepr().setIpv4(header);
        assertFalse(ip.isIpv6());
        assertEquals(A, ip.ipv4Source());
        assertEquals(B, ip.ipv4Destination());
        assertEquals(IpProtocol.TCP, ip.protocol());
        assertEquals(17, ip.hopLimit());
        assertEquals(40, ip.payloadLength());
    }

    @Test
    void ipv6AddressesAreKeptAndTheHolderIsReusedAcrossFamilies() {
        IpRepr ip = new IpRepr().setIpv4(A, B, IpProtocol.UDP, 64, 12);
        ip.setIpv6(PREFIX, 2, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, IpProtocol.ICMPV6, 255, 8);
        assertTrue(ip.isIpv6());
        assertEquals(PREFIX, ip.sourceHigh());
        assertEquals(2, ip.sourceLow());
        assertEquals(Ipv6Address.ALL_NODES_HIGH, ip.destinationHigh());
        assertEquals(Ipv6Address.ALL_NODES_LOW, ip.destinationLow());
        assertEquals(IpProtocol.ICMPV6, ip.protocol());
        assertEquals(255, ip.hopLimit());
        assertEquals(8, ip.payloadLength());
        assertEquals("2001:db8::2 > ff02::1", ip.appendTo(new StringBuilder()).toString());
        ip.setIpv4(A, B, IpProtocol.UDP, 1, 0);
        assertFalse(ip.isIpv6(), "IPv4 again");
        assertEquals(0, ip.sourceHigh());
    }

    @Test
    void theUnspecifiedSourceOfEitherVersionIsFlagged() {
        IpRepr ip = new IpRepr().setIpv4(Ipv4Address.UNSPECIFIED, B, IpProtocol.TCP, 64, 20);
        assertTrue(ip.hasUnspecifiedSource(), "0.0.0.0");
        assertFalse(ip.setIpv4(A, B, IpProtocol.TCP, 64, 20).hasUnspecifiedSource());
        assertTrue(ip.setIpv6(0, 0, PREFIX, 1, IpProtocol.TCP, 64, 20).hasUnspecifiedSource(), "::");
        assertFalse(ip.setIpv6(0, 1, PREFIX, 1, IpProtocol.TCP, 64, 20).hasUnspecifiedSource(), "::1");
        assertFalse(ip.setIpv6(0, Ipv6Address.ipv4MappedLow(0), PREFIX, 1, IpProtocol.TCP, 64, 20).hasUnspecifiedSource(),
                "::ffff:0.0.0.0 over IPv6 is a mapped source, not ::");
    }

    @Property
    void mappingRoundTrips(@ForAll int ipv4) {
        long low = Ipv6Address.ipv4MappedLow(ipv4);
        assertTrue(Ipv6Address.isIpv4Mapped(0, low));
        assertFalse(Ipv6Address.isIpv4Mapped(1, low));
        assertEquals(ipv4, Ipv6Address.ipv4OfMapped(low));
        assertEquals(ipv4, new IpRepr().setIpv4(ipv4, ipv4, 0, 0, 0).ipv4Source());
    }

    @Test
    void rejectsOutOfRangeFields() {
        IpRepr ip = new IpRepr();
        assertThrows(IllegalArgumentException.class, () -> ip.setIpv4(A, B, 256, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> ip.setIpv4(A, B, -1, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> ip.setIpv4(A, B, IpProtocol.UDP, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> ip.setIpv6(PREFIX, 1, PREFIX, 2, IpProtocol.UDP, -1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ip.setIpv6(PREFIX, 1, PREFIX, 2, IpProtocol.UDP, 64, -5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }
}
