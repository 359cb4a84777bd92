package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

/** smoltcp wire/ipv6fragment.rs. */
class Ipv6FragmentTest {

    static final byte[] MORE_FRAGMENTS = Ipv6Vectors.bytes(0x6, 0x0, 0x0, 0x1, 0x0, 0x0, 0x30, 0x39);
    static final byte[] LAST_FRAGMENT = Ipv6Vectors.bytes(0x6, 0x0, 0xa, 0x0, 0x0, 0x1, 0x9, 0x32);

    private final Ipv6FragmentHeader header = new Ipv6FragmentHeader();
    private final Ipv6FragmentRepr repr = new Ipv6FragmentRepr();

    @Test
    void checkLength() {
        for (int len = 0; len < 8; len++) {
            assertEquals(WireStatus.TRUNCATED, header.wrap(MORE_FRAGMENTS, 0, len).check());
            assertEquals(WireStatus.TRUNCATED, repr.parse(header));
        }
        assertEquals(WireStatus.OK, header.wrap(MORE_FRAGMENTS, 0, 8).check());
    }

    @Test
    void headerDeconstruct() {
        header.wrap(MORE_FRAGMENTS, 0, 8);
        assertEquals(IpProtocol.TCP, header.nextHeader());
        assertEquals(0, header.fragmentOffset());
        assertTrue(header.moreFragments());
        assertEquals(12345, header.identification());
        assertEquals(8, header.payloadOffset());
        header.wrap(LAST_FRAGMENT, 0, 8);
        assertEquals(320, header.fragmentOffset());
        assertFalse(header.moreFragments());
        assertEquals(67890, header.identification());
    }

    @Test
    void reprParseValid() {
        assertEquals(WireStatus.OK, repr.parse(header.wrap(MORE_FRAGMENTS, 0, 8)));
        assertEquals("IPv6 Fragment next_hdr=TCP offset=0 more=true ident=12345", repr.appendTo(new StringBuilder()).toString());
        assertEquals(WireStatus.OK, repr.parse(header.wrap(LAST_FRAGMENT, 0, 8)));
        assertEquals("IPv6 Fragment next_hdr=TCP offset=320 more=false ident=67890", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void reprEmit() {
        byte[] out = Ipv6Vectors.filled(8);
        repr.set(IpProtocol.TCP, 0, true, 12345).emit(header.wrap(out, 0, 8));
        assertArrayEquals(MORE_FRAGMENTS, out);
        repr.set(IpProtocol.TCP, 320, false, 67890).emit(header.wrap(out, 0, 8));
        assertArrayEquals(LAST_FRAGMENT, out);
    }

    @Test
    void bufferLength() {
        repr.parse(header.wrap(MORE_FRAGMENTS, 0, 8));
        assertEquals(8, repr.bufferLen());
    }

    @Test
    void scapyFragmentRoundTrips() {
        byte[] packet = Ipv6Vectors.hex(Ipv6Vectors.FRAGMENT);
        assertEquals(WireStatus.OK, repr.parse(header.wrap(packet, 40, packet.length - 40)));
        assertEquals(IpProtocol.UDP, repr.nextHeader());
        assertEquals(185, repr.fragmentOffset());
        assertTrue(repr.moreFragments());
        assertEquals(0xdeadbeef, repr.identification());
        assertEquals("IPv6 Fragment next_hdr=UDP offset=185 more=true ident=3735928559", repr.appendTo(new StringBuilder()).toString());
        byte[] out = Ipv6Vectors.filled(8);
        repr.emit(new Ipv6FragmentHeader().wrap(out, 0, 8));
        assertArrayEquals(Arrays.copyOfRange(packet, 40, 48), out);
    }

    @Test
    void misuseIsReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.set(IpProtocol.TCP, 8192, false, 0));
        assertEquals("fragment offset must be 0..8191, got 8192", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> repr.set(-1, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(header.wrap(new byte[7], 0, 7)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[8];
        Ipv6FragmentHeader outHeader = new Ipv6FragmentHeader();
        StringBuilder text = new StringBuilder(128);
        AllocationProbe.assertAllocationFree("IPv6 fragment parse, emit and print", () -> {
            repr.parse(header.wrap(LAST_FRAGMENT, 0, 8));
            repr.emit(outHeader.wrap(out, 0, 8));
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitWithReservedBitsCleared(@ForAll byte[] bytes) {
        Ipv6FragmentRepr parsed = new Ipv6FragmentRepr();
        if (parsed.parse(new Ipv6FragmentHeader().wrap(bytes, 0, bytes.length)) == WireStatus.OK) {
            byte[] out = new byte[8];
            parsed.emit(new Ipv6FragmentHeader().wrap(out, 0, 8));
            byte[] expected = Arrays.copyOf(bytes, 8);
            expected[1] = 0;
            expected[3] &= (byte) 0xf9;
            assertArrayEquals(expected, out);
        }
    }

    @Property
    void generatedReprsSurviveEmitAndParse(@ForAll @IntRange(max = 255) int nextHeader, @ForAll @IntRange(max = 8191) int offset,
            @ForAll boolean more, @ForAll int identification) {
        byte[] out = new byte[8];
        repr.set(nextHeader, offset, more, identification).emit(header.wrap(out, 0, 8));
        Ipv6FragmentRepr parsed = new Ipv6FragmentRepr();
        assertEquals(WireStatus.OK, parsed.parse(header));
        assertEquals(nextHeader, parsed.nextHeader());
        assertEquals(offset, parsed.fragmentOffset());
        assertEquals(more, parsed.moreFragments());
        assertEquals(identification, parsed.identification());
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] ip = new byte[40 + 8 + 16];
        new Ipv6Repr().set(Ipv6Vectors.LL, 1, Ipv6Vectors.LL, 2, IpProtocol.IPV6_FRAGMENT, 24, 64).emit(new Ipv6Packet().wrap(ip, 0, ip.length));
        repr.set(IpProtocol.UDP, 2, true, 0x12345678).emit(header.wrap(ip, 40, 8));
        List<String[]> rows = Tshark.judge(dir.resolve("fragment.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(Ipv6Vectors.ethernet(ip)),
                "ipv6.fraghdr.ident", "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "ipv6.fraghdr.nxt");
        assertArrayEquals(new String[] {"0x12345678", "2", "1", "17"}, rows.get(0));
    }
}
