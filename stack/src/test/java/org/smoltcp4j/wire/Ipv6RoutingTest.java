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

/** smoltcp wire/ipv6routing.rs; its vectors start at the routing type, ours add next header (TCP) and length. */
class Ipv6RoutingTest {

    /** Type 2, segments left 1, home address ::1. */
    static final byte[] TYPE2 = Ipv6Vectors.bytes(0x06, 0x02, 0x2, 0x1, 0x0, 0x0, 0x0, 0x0,
            0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1);
    /** RPL source route with two full addresses fd00::2, fd00::3:1... as in smoltcp BYTES_SRH_FULL. */
    static final byte[] SRH_FULL = Ipv6Vectors.bytes(0x06, 0x04, 0x3, 0x2, 0x0, 0x0, 0x0, 0x0,
            0xfd, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x2,
            0xfd, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3, 0x1);
    /** RPL source route with CmprI 15, CmprE 14, Pad 5: addresses ..02 and ..0301. */
    static final byte[] SRH_ELIDED = Ipv6Vectors.bytes(0x06, 0x01, 0x3, 0x2, 0xfe, 0x50, 0x0, 0x0,
            0x2, 0x3, 0x1, 0x0, 0x0, 0x0, 0x0, 0x0);

    private static final long FD00 = 0xfd00_0000_0000_0000L;

    private final Ipv6RoutingHeader header = new Ipv6RoutingHeader();
    private final Ipv6RoutingRepr repr = new Ipv6RoutingRepr();

    @Test
    void checkLength() {
        assertEquals(WireStatus.TRUNCATED, header.wrap(TYPE2, 0, 3).check());
        assertEquals(WireStatus.TRUNCATED, header.wrap(SRH_FULL, 0, 3).check());
        assertEquals(WireStatus.TRUNCATED, header.wrap(SRH_ELIDED, 0, 15).check());
        assertEquals(WireStatus.TRUNCATED, repr.parse(header));
        assertEquals(WireStatus.OK, header.wrap(TYPE2, 0, TYPE2.length).check());
        assertEquals(WireStatus.OK, header.wrap(SRH_FULL, 0, SRH_FULL.length).check());
        assertEquals(WireStatus.OK, header.wrap(SRH_ELIDED, 0, SRH_ELIDED.length).check());
    }

    @Test
    void headerDeconstruct() {
        header.wrap(TYPE2, 0, TYPE2.length);
        assertEquals(Ipv6RoutingHeader.TYPE_MOBILE_IPV6, header.routingType());
        assertEquals(1, header.segmentsLeft());
        assertEquals(1, header.addressCount());
        assertEquals(1, Ipv6Address.readLow(TYPE2, header.addressOffset(0)));
        header.wrap(SRH_FULL, 0, SRH_FULL.length);
        assertEquals(Ipv6RoutingHeader.TYPE_RPL_SOURCE_ROUTE, header.routingType());
        assertEquals(2, header.segmentsLeft());
        assertEquals(8, header.addressesOffset());
        assertEquals(32, header.addressesLength());
        assertEquals(2, header.addressCount());
        header.wrap(SRH_ELIDED, 0, SRH_ELIDED.length);
        assertEquals(15, header.cmprI());
        assertEquals(14, header.cmprE());
        assertEquals(5, header.pad());
        assertEquals(2, header.addressCount());
        assertEquals(9, header.addressOffset(1));
        assertEquals(1, header.addressLength(0));
        assertEquals(2, header.addressLength(1));
    }

    @Test
    void reprParseValid() {
        assertEquals(WireStatus.OK, repr.parse(header.wrap(TYPE2, 0, TYPE2.length)));
        assertEquals(1, repr.segmentsLeft());
        assertEquals(0, repr.addressHigh(0, 0, 0));
        assertEquals(1, repr.addressLow(0, 0, 0));
        assertEquals("IPv6 Routing type=2 seg_left=1 home_address=::1", repr.appendTo(new StringBuilder()).toString());

        assertEquals(WireStatus.OK, repr.parse(header.wrap(SRH_FULL, 0, SRH_FULL.length)));
        assertEquals(2, repr.addressCount());
        assertEquals(FD00, repr.addressHigh(0, 0, 0));
        assertEquals(2, repr.addressLow(0, 0, 0));
        assertEquals(0x301, repr.addressLow(1, 0, 0));

        assertEquals(WireStatus.OK, repr.parse(header.wrap(SRH_ELIDED, 0, SRH_ELIDED.length)));
        assertEquals(5, repr.pad());
        // Elided octets come from the reference (the packet's destination), RFC 6554 section 3.
        assertEquals(FD00, repr.addressHigh(0, FD00, 0x1));
        assertEquals(0x2, repr.addressLow(0, FD00, 0x1));
        assertEquals(0x301, repr.addressLow(1, FD00, 0x1));
        assertEquals("IPv6 Routing type=3 seg_left=2 cmpr_i=15 cmpr_e=14 pad=5 addresses=2", repr.appendTo(new StringBuilder()).toString());
    }

    @Test
    void reprEmit() {
        byte[] out = Ipv6Vectors.filled(TYPE2.length);
        repr.setType2(IpProtocol.TCP, 1, 0, 1).emit(header.wrap(out, 0, out.length));
        assertArrayEquals(TYPE2, out);
        out = Ipv6Vectors.filled(SRH_FULL.length);
        repr.setRpl(IpProtocol.TCP, 2, 0, 0, SRH_FULL, 8, 2).emit(header.wrap(out, 0, out.length));
        assertArrayEquals(SRH_FULL, out);
        out = Ipv6Vectors.filled(SRH_ELIDED.length);
        repr.setRpl(IpProtocol.TCP, 2, 15, 14, SRH_ELIDED, 8, 2).emit(header.wrap(out, 0, out.length));
        assertArrayEquals(SRH_ELIDED, out);
    }

    @Test
    void bufferLength() {
        assertEquals(24, repr.setType2(IpProtocol.TCP, 1, 0, 1).bufferLen());
        assertEquals(40, repr.setRpl(IpProtocol.TCP, 2, 0, 0, SRH_FULL, 8, 2).bufferLen());
        assertEquals(16, repr.setRpl(IpProtocol.TCP, 2, 15, 14, SRH_ELIDED, 8, 2).bufferLen());
    }

    @Test
    void type0FromScapyRoundTrips() {
        byte[] packet = Ipv6Vectors.hex(Ipv6Vectors.ROUTING0);
        assertEquals(WireStatus.OK, repr.parse(header.wrap(packet, 40, packet.length - 40)));
        assertEquals(Ipv6RoutingHeader.TYPE_SOURCE_ROUTE, repr.routingType());
        assertEquals(2, repr.addressCount());
        assertEquals(0x2001_0db8_0000_0000L, repr.addressHigh(1, 0, 0));
        assertEquals(2, repr.addressLow(1, 0, 0));
        assertEquals("IPv6 Routing type=0 seg_left=2 addresses=2001:db8::1,2001:db8::2", repr.appendTo(new StringBuilder()).toString());
        byte[] out = Ipv6Vectors.filled(40);
        repr.resetType0(IpProtocol.IPV6_NO_NEXT_HEADER);
        assertTrue(repr.addType0Address(0x2001_0db8_0000_0000L, 1));
        assertTrue(repr.addType0Address(0x2001_0db8_0000_0000L, 2));
        repr.emit(header.wrap(out, 0, 40));
        assertArrayEquals(Arrays.copyOfRange(packet, 40, 80), out);
    }

    @Test
    void inconsistentHeadersAreMalformedOrUnsupported() {
        byte[] bytes = TYPE2.clone();
        bytes[3] = 2;
        assertEquals(WireStatus.MALFORMED, repr.parse(header.wrap(bytes, 0, bytes.length)), "segments left beyond the addresses");
        byte[] type2Long = Arrays.copyOf(TYPE2, 32);
        type2Long[1] = 3;
        assertEquals(WireStatus.MALFORMED, repr.parse(header.wrap(type2Long, 0, 32)), "type 2 of the wrong length");
        byte[] type0Odd = Arrays.copyOf(TYPE2, 16);
        type0Odd[1] = 1;
        type0Odd[2] = 0;
        assertEquals(WireStatus.MALFORMED, repr.parse(header.wrap(type0Odd, 0, 16)), "type 0 of odd length");
        bytes = SRH_ELIDED.clone();
        bytes[5] = (byte) 0x70;
        assertEquals(WireStatus.MALFORMED, repr.parse(header.wrap(bytes, 0, bytes.length)), "RPL fields with no whole address count");
        assertEquals(-1, header.addressCount());
        bytes = SRH_ELIDED.clone();
        bytes[2] = 4;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(header.wrap(bytes, 0, bytes.length)), "routing type 4");
        byte[] nine = new byte[8 + 9 * 16];
        nine[1] = 18;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(header.wrap(nine, 0, nine.length)), "more than MAX_ADDRESSES");
    }

    @Test
    void misuseIsReportedClearly() {
        assertThrows(IllegalArgumentException.class, () -> repr.setType2(IpProtocol.TCP, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> repr.setRpl(IpProtocol.TCP, 1, 16, 0, new byte[64], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> repr.setRpl(IpProtocol.TCP, 3, 0, 0, new byte[64], 0, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repr.setRpl(IpProtocol.TCP, 0, 0, 0, new byte[256], 0, 9));
        assertEquals("RPL address count must be 1..8, got 9", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> repr.setRpl(IpProtocol.TCP, 0, 0, 0, new byte[20], 0, 2));
        assertThrows(IllegalStateException.class, () -> repr.setType2(IpProtocol.TCP, 1, 0, 1).addType0Address(0, 1));
        repr.resetType0(IpProtocol.TCP);
        for (int i = 0; i < Ipv6RoutingRepr.MAX_ADDRESSES; i++) {
            assertTrue(repr.addType0Address(0, i));
        }
        assertFalse(repr.addType0Address(0, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> repr.addressHigh(8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> repr.emit(header.wrap(new byte[16], 0, 16)));
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[SRH_ELIDED.length];
        Ipv6RoutingHeader outHeader = new Ipv6RoutingHeader();
        StringBuilder text = new StringBuilder(256);
        AllocationProbe.assertAllocationFree("IPv6 routing parse, emit and print", () -> {
            repr.parse(header.wrap(SRH_ELIDED, 0, SRH_ELIDED.length));
            repr.emit(outHeader.wrap(out, 0, out.length));
            repr.addressLow(1, FD00, 1);
            text.setLength(0);
            repr.appendTo(text);
        });
    }

    @Property
    void anyBytesParseWithoutThrowingAndReEmitIdentically(@ForAll byte[] bytes) {
        Ipv6RoutingRepr parsed = new Ipv6RoutingRepr();
        Ipv6RoutingHeader view = new Ipv6RoutingHeader().wrap(bytes, 0, bytes.length);
        if (parsed.parse(view) == WireStatus.OK) {
            byte[] out = new byte[parsed.bufferLen()];
            parsed.emit(new Ipv6RoutingHeader().wrap(out, 0, out.length));
            Ipv6RoutingRepr again = new Ipv6RoutingRepr();
            assertEquals(WireStatus.OK, again.parse(new Ipv6RoutingHeader().wrap(out, 0, out.length)));
            assertEquals(parsed.appendTo(new StringBuilder()).toString(), again.appendTo(new StringBuilder()).toString());
        }
    }

    @Property
    void generatedRplReprsSurviveEmitAndParse(@ForAll @IntRange(max = 15) int cmprI, @ForAll @IntRange(max = 15) int cmprE,
            @ForAll @IntRange(min = 1, max = 8) int n, @ForAll long low) {
        byte[] addresses = new byte[8 * 16];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = (byte) (low >>> (i % 8 * 8));
        }
        repr.setRpl(IpProtocol.UDP, n, cmprI, cmprE, addresses, 0, n);
        byte[] out = new byte[repr.bufferLen()];
        assertEquals(0, out.length % 8);
        repr.emit(header.wrap(out, 0, out.length));
        Ipv6RoutingRepr parsed = new Ipv6RoutingRepr();
        assertEquals(WireStatus.OK, parsed.parse(header));
        assertEquals(n, parsed.addressCount());
        for (int i = 0; i < n; i++) {
            assertEquals(repr.addressLow(i, FD00, 7), parsed.addressLow(i, FD00, 7));
            assertEquals(repr.addressHigh(i, FD00, 7), parsed.addressHigh(i, FD00, 7));
        }
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        byte[] ip = new byte[40 + 24];
        new Ipv6Repr().set(Ipv6Vectors.LL, 1, Ipv6Vectors.LL, 2, IpProtocol.IPV6_ROUTE, 24, 64).emit(new Ipv6Packet().wrap(ip, 0, ip.length));
        repr.setType2(IpProtocol.IPV6_NO_NEXT_HEADER, 1, 0x2001_0db8_0000_0000L, 0x99).emit(header.wrap(ip, 40, 24));
        List<String[]> rows = Tshark.judge(dir.resolve("routing.pcap"), PcapFormat.LINKTYPE_ETHERNET, List.of(Ipv6Vectors.ethernet(ip)),
                "ipv6.routing.type", "ipv6.routing.segleft", "ipv6.routing.nxt", "ipv6.routing.mipv6.home_address");
        assertArrayEquals(new String[] {"2", "1", "59", "2001:db8::99"}, rows.get(0));
    }
}
