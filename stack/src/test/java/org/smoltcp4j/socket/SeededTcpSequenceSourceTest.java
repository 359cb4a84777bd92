package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SeededTcpSequenceSourceTest {

    private static final int LOCAL = Ipv4Address.of(192, 168, 1, 1);
    private static final int REMOTE = Ipv4Address.of(192, 168, 1, 2);
    private static final long SECOND = 1_000_000;

    private final SeededTcpSequenceSource source = new SeededTcpSequenceSource(0x0123456789abcdefL, 0xfedcba9876543210L);

    /** An IPv4 address in the IPv6 form's low half (the high half is 0). */
    private static long m(int ipv4) {
        return Ipv6Address.ipv4MappedLow(ipv4);
    }

    private int isn(SeededTcpSequenceSource s, int localPort, int remotePort, long now) {
        return s.initialSequenceNumber(0, m(LOCAL), localPort, 0, m(REMOTE), remotePort, now);
    }

    // --- RFC 6528 initial sequence numbers -------------------------------------------------------

    @Test
    void isnIsTheFourMicrosecondClockPlusTheKeyedHashOfTheFourTuple() {
        long addresses = (LOCAL & 0xffffffffL) << 32 | REMOTE & 0xffffffffL;
        long portsAndTag = 50000L << 48 | 80L << 32 | 1;
        int f = (int) new SipHash(0x0123456789abcdefL, 0xfedcba9876543210L).hash(addresses, portsAndTag);
        assertEquals(f, isn(source, 50000, 80, 0));
        assertEquals(f + 250_000, isn(source, 50000, 80, SECOND));
        assertEquals(f + 1, isn(source, 50000, 80, 7)); // 4 us ticks: 7 us is one tick
    }

    @Test
    void isnOfOneFourTupleGrowsByQuarterMillionPerSecond() {
        int previous = isn(source, 50000, 80, 0);
        for (int second = 1; second <= 10; second++) {
            int next = isn(source, 50000, 80, second * SECOND);
            assertEquals(250_000, next - previous, "second " + second);
            previous = next;
        }
    }

    @Property
    void isnAdvancesWithTheClockModulo2To32(@ForAll @IntRange(min = 1, max = 65535) int localPort,
            @ForAll @IntRange(min = 1, max = 65535) int remotePort,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long t0,
            @ForAll @LongRange(min = 0, max = 1L << 40) long elapsed) {
        int difference = isn(source, localPort, remotePort, t0 + elapsed) - isn(source, localPort, remotePort, t0);
        assertEquals((int) (((t0 + elapsed) >> 2) - (t0 >> 2)), difference);
    }

    @Test
    void neighbouringFourTuplesGetUnrelatedIsns() {
        // 4096 tuples differing in one port by 1: all ISNs distinct, and every bit is set in about
        // half of them (a counter or a linear function of the port would fail both).
        Set<Integer> seen = new HashSet<>();
        int[] bitCounts = new int[32];
        int tuples = 4096;
        for (int port = 1; port <= tuples; port++) {
            int value = isn(source, 50000, port, 5 * SECOND);
            seen.add(value);
            for (int bit = 0; bit < 32; bit++) {
                bitCounts[bit] += value >>> bit & 1;
            }
        }
        assertEquals(tuples, seen.size());
        for (int bit = 0; bit < 32; bit++) {
            assertTrue(Math.abs(bitCounts[bit] - tuples / 2) < 200, "bit " + bit + " set " + bitCounts[bit] + " times");
        }
        // Every endpoint counts, in both directions.
        int base = isn(source, 50000, 80, 0);
        assertNotEquals(base, isn(source, 50001, 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(0, m(LOCAL + 1), 50000, 0, m(REMOTE), 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(0, m(LOCAL), 50000, 0, m(REMOTE + 1), 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(0, m(REMOTE), 80, 0, m(LOCAL), 50000, 0));
    }

    @Test
    void differentKeysGiveDifferentIsns() {
        SeededTcpSequenceSource otherHigh = new SeededTcpSequenceSource(0x0123456789abcdeeL, 0xfedcba9876543210L);
        SeededTcpSequenceSource otherLow = new SeededTcpSequenceSource(0x0123456789abcdefL, 0xfedcba9876543211L);
        for (int port = 1; port <= 100; port++) {
            int value = isn(source, 50000, port, 0);
            assertNotEquals(value, isn(otherHigh, 50000, port, 0), "port " + port);
            assertNotEquals(value, isn(otherLow, 50000, port, 0), "port " + port);
        }
        assertNotEquals(isn(new SeededTcpSequenceSource(1), 50000, 80, 0), isn(new SeededTcpSequenceSource(2), 50000, 80, 0));
        assertEquals(isn(new SeededTcpSequenceSource(1), 50000, 80, 0), isn(new SeededTcpSequenceSource(1), 50000, 80, 0));
    }

    // --- IPv6 --------------------------------------------------------------------------------------

    private static final long V6_HIGH = 0x2001_0db8_0000_0000L;

    @Test
    void ipv6IsnHashesBothFullAddresses() {
        SipHash sip = new SipHash(0x0123456789abcdefL, 0xfedcba9876543210L);
        long portsAndTag = 50000L << 48 | 80L << 32 | 1;
        assertEquals((int) sip.hash(V6_HIGH, 1, V6_HIGH, 2, portsAndTag),
                source.initialSequenceNumber(V6_HIGH, 1, 50000, V6_HIGH, 2, 80, 0));
        int base = source.initialSequenceNumber(V6_HIGH, 1, 50000, V6_HIGH, 2, 80, 0);
        // Addresses that differ only in bits an IPv4 hash would drop still give other ISNs.
        assertNotEquals(base, source.initialSequenceNumber(V6_HIGH + 1, 1, 50000, V6_HIGH, 2, 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(V6_HIGH, 1, 50000, V6_HIGH + 1, 2, 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(V6_HIGH, 1L << 40, 50000, V6_HIGH, 2, 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(V6_HIGH, 1, 50000, V6_HIGH, 2L << 40, 80, 0));
        assertNotEquals(base, source.initialSequenceNumber(V6_HIGH, 1, 50001, V6_HIGH, 2, 80, 0));
        assertNotEquals(source.timestampOffset(V6_HIGH, 1, 50000, V6_HIGH, 2, 80),
                source.timestampOffset(V6_HIGH + 1, 1, 50000, V6_HIGH, 2, 80));
        int port = source.ephemeralPort(V6_HIGH, 1, V6_HIGH, 2, 80);
        assertTrue(port >= SeededTcpSequenceSource.EPHEMERAL_MIN && port <= 65535, "port " + port);
    }

    @Test
    void anIpv4ConnectionKeepsItsSixteenByteHashAndDiffersFromAnIpv6OneWithTheSameLowHalves() {
        int v4 = isn(source, 50000, 80, 0);
        assertNotEquals(v4, source.initialSequenceNumber(V6_HIGH, m(LOCAL), 50000, V6_HIGH, m(REMOTE), 80, 0));
    }

    // --- RFC 7323 timestamp offsets --------------------------------------------------------------

    @Test
    void timestampOffsetIsPerConnectionAndUnlikeTheIsn() {
        int offset = source.timestampOffset(0, m(LOCAL), 50000, 0, m(REMOTE), 80);
        assertEquals(offset, source.timestampOffset(0, m(LOCAL), 50000, 0, m(REMOTE), 80), "stable for one connection");
        assertNotEquals(offset, source.timestampOffset(0, m(LOCAL), 50001, 0, m(REMOTE), 80));
        assertNotEquals(offset, source.timestampOffset(0, m(LOCAL), 50000, 0, m(REMOTE), 81));
        assertNotEquals(offset, isn(source, 50000, 80, 0), "the offset does not reveal the ISN's hash");
        assertNotEquals(offset, new SeededTcpSequenceSource(3).timestampOffset(0, m(LOCAL), 50000, 0, m(REMOTE), 80));
    }

    // --- RFC 6056 ephemeral ports ----------------------------------------------------------------

    @Test
    void ephemeralPortsToOnePeerMoveOnByOneInTheDynamicRange() {
        int first = source.ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80);
        for (int i = 1; i <= SeededTcpSequenceSource.EPHEMERAL_COUNT + 10; i++) {
            int port = source.ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80);
            assertTrue(port >= SeededTcpSequenceSource.EPHEMERAL_MIN && port <= 65535, "port " + port);
            int expected = SeededTcpSequenceSource.EPHEMERAL_MIN
                    + (first - SeededTcpSequenceSource.EPHEMERAL_MIN + i) % SeededTcpSequenceSource.EPHEMERAL_COUNT;
            assertEquals(expected, port, "connection " + i);
        }
    }

    @Test
    void ephemeralPortsStartWhereTheKeyedHashOfThePeerSays() {
        SeededTcpSequenceSource a = new SeededTcpSequenceSource(7);
        SeededTcpSequenceSource b = new SeededTcpSequenceSource(7);
        // Same key, same counter: the peer alone decides where the search starts.
        int toWeb = a.ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80);
        int toSsh = b.ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 22);
        assertNotEquals(toWeb, toSsh);
        assertEquals(toWeb, new SeededTcpSequenceSource(7).ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80));
        assertNotEquals(toWeb, new SeededTcpSequenceSource(8).ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80));
    }

    @Test
    void allocatesNothing() {
        int[] sink = new int[1];
        long[] clock = new long[1];
        AllocationProbe.assertAllocationFree("sequence source", () -> {
            clock[0] += 1000;
            sink[0] += source.initialSequenceNumber(0, m(LOCAL), 50000, 0, m(REMOTE), 80, clock[0])
                    + source.timestampOffset(0, m(LOCAL), 50000, 0, m(REMOTE), 80) + source.ephemeralPort(0, m(LOCAL), 0, m(REMOTE), 80)
                    + source.initialSequenceNumber(V6_HIGH, 1, 50000, V6_HIGH, 2, 80, clock[0]);
        });
    }
}
