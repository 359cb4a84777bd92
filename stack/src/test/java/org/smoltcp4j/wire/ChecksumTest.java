package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

class ChecksumTest {

    /** RFC 1071 section 3 example: the sum of these words is ddf2, so the checksum is 220d. */
    private static final byte[] RFC1071 = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};

    /** An IPv4 header from a real capture (checksum field at offset 10 = b1e6). */
    private static final byte[] IPV4_HEADER = {
        0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, (byte) 0xb8, 0x61,
        (byte) 0xc0, (byte) 0xa8, 0x00, 0x01, (byte) 0xc0, (byte) 0xa8, 0x00, (byte) 0xc7,
    };

    @Test
    void rfc1071Example() {
        assertEquals(0xddf2, Checksum.fold(Checksum.accumulate(0, RFC1071, 0, RFC1071.length)));
        assertEquals(0x220d, Checksum.compute(RFC1071, 0, RFC1071.length));
    }

    @Test
    void knownIpv4HeaderVerifiesAndRecomputes() {
        assertTrue(Checksum.verifies(Checksum.accumulate(0, IPV4_HEADER, 0, 20)));
        byte[] copy = IPV4_HEADER.clone();
        copy[10] = 0;
        copy[11] = 0;
        assertEquals(0xb861, Checksum.compute(copy, 0, 20));
    }

    @Test
    void corruptedHeaderDoesNotVerify() {
        byte[] copy = IPV4_HEADER.clone();
        copy[3] ^= 0x04;
        assertFalse(Checksum.verifies(Checksum.accumulate(0, copy, 0, 20)));
    }

    @Test
    void oddLengthPadsTheLastByteOnTheRight() {
        byte[] odd = {0x12, 0x34, 0x56};
        assertEquals(0x1234 + 0x5600, Checksum.fold(Checksum.accumulate(0, odd, 0, 3)));
    }

    @Test
    void emptyDataSumsToZeroAndChecksumsToAllOnes() {
        assertEquals(0xffff, Checksum.compute(new byte[0], 0, 0));
    }

    @Test
    void offsetIsHonoured() {
        byte[] shifted = new byte[RFC1071.length + 3];
        System.arraycopy(RFC1071, 0, shifted, 3, RFC1071.length);
        assertEquals(0x220d, Checksum.compute(shifted, 3, RFC1071.length));
    }

    @Test
    void ipv4PseudoHeaderMatchesTheBytesItStandsFor() {
        byte[] pseudo = {(byte) 0xc0, (byte) 0xa8, 0, 1, 10, 0, 0, 2, 0, 17, 0x01, 0x2c};
        long expected = Checksum.accumulate(0, pseudo, 0, pseudo.length);
        assertEquals(Checksum.fold(expected),
                Checksum.fold(Checksum.ipv4PseudoHeader(Ipv4Address.of(192, 168, 0, 1), Ipv4Address.of(10, 0, 0, 2), 17, 300)));
    }

    @Test
    void ipv6PseudoHeaderMatchesTheBytesItStandsFor() {
        byte[] pseudo = new byte[40];
        Ipv6Address.write(pseudo, 0, 0xfe80_0000_0000_0000L, 0x0200_00ff_fe00_0001L);
        Ipv6Address.write(pseudo, 16, 0xff02_0000_0000_0000L, 0x0000_0001_ff00_0002L);
        NetworkBytes.setU32(pseudo, 32, 70000);
        pseudo[39] = 58;
        long expected = Checksum.accumulate(0, pseudo, 0, pseudo.length);
        assertEquals(Checksum.fold(expected), Checksum.fold(Checksum.ipv6PseudoHeader(
                0xfe80_0000_0000_0000L, 0x0200_00ff_fe00_0001L, 0xff02_0000_0000_0000L, 0x0000_0001_ff00_0002L, 58, 70000)));
    }

    @Test
    void computingIsAllocationFree() {
        byte[] data = new byte[1500];
        long[] sink = new long[1];
        AllocationProbe.assertAllocationFree("checksum of 1500 bytes",
                () -> sink[0] += Checksum.compute(data, 0, data.length));
    }

    /** Reference: the RFC 1071 definition, one word at a time, carries folded as they occur. */
    private static int referenceSum(byte[] data, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            int word = (data[off + i] & 0xff) << 8 | (i + 1 < len ? data[off + i + 1] & 0xff : 0);
            sum += word;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    @Property
    void agreesWithTheDefinition(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(max = 7) int skip) {
        int off = Math.min(skip, data.length);
        int len = data.length - off;
        assertEquals(referenceSum(data, off, len), Checksum.fold(Checksum.accumulate(0, data, off, len)));
    }

    @Property
    void insertingTheChecksumMakesDataVerify(@ForAll @Size(min = 2, max = 300) byte[] data) {
        int len = data.length & ~1;
        data[0] = 0;
        data[1] = 0;
        NetworkBytes.setU16(data, 0, Checksum.compute(data, 0, len));
        assertTrue(Checksum.verifies(Checksum.accumulate(0, data, 0, len)));
    }

    @Property
    void splittingAtAnEvenOffsetGivesTheSameSum(@ForAll @Size(max = 200) byte[] data, @ForAll @IntRange(max = 100) int half) {
        int split = Math.min(half * 2, data.length & ~1);
        long pieces = Checksum.accumulate(Checksum.accumulate(0, data, 0, split), data, split, data.length - split);
        assertEquals(Checksum.fold(Checksum.accumulate(0, data, 0, data.length)), Checksum.fold(pieces));
    }
}
