package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ipv6Address;

/** Link addresses, the framer's source choice, and the configuration's validation. */
class SixlowpanAddressingTest {

    @Test
    void linkAddressesTagShortOnesApartFromExtendedOnes() {
        long shortOne = LinkAddress.ofShort(0x1234);
        assertTrue(LinkAddress.isShort(shortOne));
        assertFalse(LinkAddress.isShort(A));
        assertEquals(Ieee802154Frame.MODE_SHORT, LinkAddress.mode(shortOne));
        assertEquals(Ieee802154Frame.MODE_EXTENDED, LinkAddress.mode(A));
        assertEquals(Ieee802154Frame.MODE_ABSENT, LinkAddress.mode(LinkAddress.NONE));
        assertEquals(0x1234, LinkAddress.value(shortOne));
        assertEquals(A, LinkAddress.value(A));
        assertEquals(shortOne, LinkAddress.of(Ieee802154Frame.MODE_SHORT, 0x1234));
        assertEquals(A, LinkAddress.of(Ieee802154Frame.MODE_EXTENDED, A));
        assertEquals(LinkAddress.NONE, LinkAddress.of(Ieee802154Frame.MODE_ABSENT, 0));
        assertEquals(org.smoltcp4j.iface.Ipv6Ingress.NO_LINK_SOURCE, LinkAddress.NONE, "the ingress learns nothing from it");
        assertFalse(LinkAddress.isShort(LinkAddress.NONE));
        assertEquals(0, LinkAddress.value(LinkAddress.NONE), "as an absent address field reads");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LinkAddress.ofShort(0x10000));
        assertEquals("short address must be 0..0xffff, got 65536", bad.getMessage());
    }

    @Test
    void destinationsMapToLinkAddressesByTheirInterfaceIdentifier() {
        assertEquals(LinkAddress.BROADCAST, LinkAddress.ofDestination(Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW));
        assertEquals(LinkAddress.ofShort(0xbeef), LinkAddress.ofDestination(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_beefL));
        assertEquals(A, LinkAddress.ofDestination(0xfe80_0000_0000_0000L, LinkAddress.interfaceId(A)));
        assertEquals(0x0212_4b00_0001_0203L, LinkAddress.interfaceId(A));
    }

    @Test
    void theFramerUsesTheShortAddressOnlyForTheAddressMadeFromIt() {
        Ieee802154Framer framer = new Ieee802154Framer(new SixlowpanConfig().shortAddress(7), A, 0);
        assertEquals(LinkAddress.ofShort(7), framer.sourceFor(0x0000_00ff_fe00_0007L));
        assertEquals(A, framer.sourceFor(LinkAddress.interfaceId(A)));
        assertEquals(A, new Ieee802154Framer(new SixlowpanConfig(), A, 0).sourceFor(0x0000_00ff_fe00_0007L));
        assertEquals(3 + 2 + 2 + 8, framer.headerLength(A, LinkAddress.BROADCAST));
        assertEquals(3 + 2 + 8 + 2, framer.headerLength(LinkAddress.ofShort(7), A));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new Ieee802154Framer(new SixlowpanConfig(), 0, 0));
        assertEquals("an IEEE 802.15.4 interface needs an extended address (InterfaceConfig.extendedAddress), got 0x0", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ieee802154Framer(new SixlowpanConfig(), -1L, 0));
    }

    @Test
    void configurationDefaultsAndValidation() {
        SixlowpanConfig config = new SixlowpanConfig();
        assertEquals(0xabcd, config.panId());
        assertFalse(config.hasShortAddress());
        assertEquals(2, config.reassemblyBufferCount());
        assertEquals(1280, config.reassemblyBufferSize());
        assertEquals(15_000_000L, config.reassemblyTimeoutMicros());
        assertEquals("PAN ID must be 0..0xfffe (0xffff is the broadcast PAN), got 65535",
                assertThrows(IllegalArgumentException.class, () -> config.panId(0xffff)).getMessage());
        assertEquals("short address must be 0..0xfffd, or 0xfffe for none, got 65535",
                assertThrows(IllegalArgumentException.class, () -> config.shortAddress(0xffff)).getMessage());
        assertEquals("6LoWPAN reassembly buffer count must be at least 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyBufferCount(-1)).getMessage());
        assertEquals("6LoWPAN reassembly buffer size must be 1280..2047, got 2048",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyBufferSize(2048)).getMessage());
        assertEquals("6LoWPAN reassembly timeout must be 1..60000000 microseconds (RFC 4944), got 60000001",
                assertThrows(IllegalArgumentException.class, () -> config.reassemblyTimeoutMicros(60_000_001)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.reassemblyTimeoutMicros(0));
    }

    @Test
    void fragmenterAndReassemblerRejectImpossibleSizes() {
        Ieee802154Framer framer = new Ieee802154Framer(new SixlowpanConfig(), A, 0);
        SixlowpanCompressor compressor = new SixlowpanCompressor(new org.smoltcp4j.wire.SixlowpanContexts());
        assertEquals("802.15.4 frame length must be at least 81, got 80",
                assertThrows(IllegalArgumentException.class, () -> new SixlowpanFragmenter(compressor, framer, 1280, 80, new CountingSink(), 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SixlowpanFragmenter(compressor, framer, 2048, 125, new CountingSink(), 0));
        SixlowpanFragmenter fragmenter = new SixlowpanFragmenter(compressor, framer, 1280, 125, new CountingSink(), 0);
        assertThrows(IllegalStateException.class, () -> fragmenter.writeNextFrame(new byte[125], 0));
        assertThrows(IllegalArgumentException.class, () -> fragmenter.start(1281, A));
        SixlowpanDecompressor decompressor = new SixlowpanDecompressor(new org.smoltcp4j.wire.SixlowpanContexts());
        assertThrows(IllegalArgumentException.class, () -> new SixlowpanReassembler(decompressor, 1, 2048, 1, new CountingSink()));
        assertThrows(IllegalArgumentException.class, () -> new SixlowpanReassembler(decompressor, -1, 1280, 1, new CountingSink()));
        assertThrows(IllegalStateException.class, () -> new SixlowpanReassembler(decompressor, 1, 1280, 1, new CountingSink()).completedBuffer());
    }
}
