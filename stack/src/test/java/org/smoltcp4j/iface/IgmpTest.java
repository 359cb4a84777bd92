package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.IgmpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.NetworkBytes;

/** IGMPv2 host behaviour (RFC 2236) with v1 compatibility, including smoltcp's test_handle_igmp. */
class IgmpTest {

    private static final int GROUP_A = Ipv4Address.of(224, 0, 0, 22);
    private static final int GROUP_B = Ipv4Address.of(224, 0, 0, 56);
    private static final long SECOND = 1_000_000L;

    /** What one IGMP message sent by us says: "type group -> destination". */
    private static List<String> igmp(List<byte[]> packets) {
        List<String> messages = new ArrayList<>();
        for (byte[] p : packets) {
            assertEquals(2, p[9], "protocol IGMP");
            assertEquals(1, p[8], "TTL 1");
            assertEquals(24, (p[0] & 0x0f) * 4, "header with the Router Alert option");
            assertEquals(0x9404_0000, NetworkBytes.getU32(p, 20), "Router Alert");
            messages.add(Integer.toHexString(p[24] & 0xff) + " " + text(NetworkBytes.getU32(p, 28)) + " -> " + text(NetworkBytes.getU32(p, 16)));
        }
        return messages;
    }

    private static String text(int address) {
        return Ipv4Address.append(new StringBuilder(), address).toString();
    }

    private static byte[] query(int version, int maxRespTenths, int group, int destination) {
        IgmpRepr repr = new IgmpRepr().setQuery(version, version == 1 ? 0 : maxRespTenths, group);
        return Ipv4Fixture.ipv4(PEER_IP, destination, 2, Ipv4Fixture.igmp(repr));
    }

    private static byte[] reportFromAnotherHost(int group) {
        return Ipv4Fixture.ipv4(Ipv4Fixture.OTHER_IP, group, 2, Ipv4Fixture.igmp(new IgmpRepr().setReport(2, group)));
    }

    private static Ipv4Fixture joinedBoth(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().randomSeed(42));
        f.iface.joinMulticastGroup(GROUP_A, 0);
        f.iface.joinMulticastGroup(GROUP_B, 0);
        f.poll(0);
        // Let the one repeat of each unsolicited report go too.
        f.poll(10 * SECOND);
        return f;
    }

    /** Polls at each deadline pollAt gives until {@code until}, collecting the IGMP messages sent. */
    private static List<String> runUntil(Ipv4Fixture f, long from, long until) {
        List<String> messages = new ArrayList<>();
        long now = from;
        while (true) {
            long at = f.iface.pollAt(now, f.sockets);
            if (at > until) {
                return messages;
            }
            now = at;
            messages.addAll(igmp(f.pollIp(now)));
        }
    }

    // --- smoltcp: test_handle_igmp ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void joinReportsQueryIsAnsweredLeaveGoesToAllRouters(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        assertTrue(f.iface.joinMulticastGroup(GROUP_A, 0));
        assertTrue(f.iface.joinMulticastGroup(GROUP_B, 0));
        List<byte[]> frames = f.poll(0);
        List<String[]> rows = f.judge(dir, "join", frames, "igmp.type", "igmp.maddr", "ip.dst", "ip.ttl", "ip.opt.type", "ip.dsfield");
        assertEquals(List.of("0x16", "224.0.0.22", "224.0.0.22", "1", "148", "0xc0"), List.of(rows.get(0)));
        assertEquals(List.of("0x16", "224.0.0.56", "224.0.0.56", "1", "148", "0xc0"), List.of(rows.get(1)));
        if (f.ethernet()) {
            assertEquals(0x01005e000016L, NetworkBytes.getU48(frames.get(0), 0), "the group's multicast MAC");
        }
        // smoltcp's general query from a router: IGMPv3 (12 bytes; IHL 6 with Router Alert, max
        // response 10 s), which a v2 host answers as a v2 query (RFC 3376 section 7.2.1).
        f.injectIp(HexFormat.of().parseHex("46c00024edb4000001024743ac166304e0000001940400001164ec8f00000000020c0000"));
        f.poll(0);
        assertEquals(1, f.counter(Counters.RX_IGMP_QUERIES));
        assertTrue(f.iface.pollAt(0, f.sockets) <= 10 * SECOND, "reports scheduled within 10 s");
        assertTrue(f.iface.leaveMulticastGroup(GROUP_A, 0));
        assertTrue(f.iface.leaveMulticastGroup(GROUP_B, 0));
        List<byte[]> leaves = f.poll(0);
        assertEquals(List.of("17 224.0.0.22 -> 224.0.0.2", "17 224.0.0.56 -> 224.0.0.2"),
                igmp(leaves.stream().map(f::ipOf).toList()));
        f.judge(dir, "leave", leaves, "igmp.type");
        assertEquals(2, f.counter(Counters.TX_IGMP_LEAVES));
    }

    // --- joining and leaving ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void theUnsolicitedReportIsRepeatedOnceWithinTheUnsolicitedReportInterval(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().randomSeed(7));
        f.iface.joinMulticastGroup(GROUP_A, 5);
        assertEquals(5, f.iface.pollAt(5, f.sockets));
        assertEquals(List.of("16 224.0.0.22 -> 224.0.0.22"), igmp(f.pollIp(5)));
        long repeat = f.iface.pollAt(5, f.sockets);
        assertTrue(repeat > 5 && repeat <= 5 + 10 * SECOND, "repeat at " + repeat);
        assertEquals(List.of(), f.pollIp(repeat - 1));
        assertEquals(List.of("16 224.0.0.22 -> 224.0.0.22"), igmp(f.pollIp(repeat)));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(repeat, f.sockets));
        assertEquals(2, f.counter(Counters.TX_IGMP_REPORTS));
    }

    @Test
    void joinAndLeaveAnswerWhetherAnythingChanged() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP, new InterfaceConfig().maxMulticastGroups(1));
        assertFalse(f.iface.joinMulticastGroup(Ipv4Address.ALL_SYSTEMS, 0), "224.0.0.1 is always joined");
        assertTrue(f.iface.joinMulticastGroup(GROUP_A, 0));
        assertFalse(f.iface.joinMulticastGroup(GROUP_A, 0));
        assertFalse(f.iface.leaveMulticastGroup(GROUP_B, 0));
        assertEquals("already in 1 multicast groups; raise InterfaceConfig.maxMulticastGroups",
                assertThrows(IllegalStateException.class, () -> f.iface.joinMulticastGroup(GROUP_B, 0)).getMessage());
        assertEquals("not an IPv4 multicast group: 10.0.0.2",
                assertThrows(IllegalArgumentException.class, () -> f.iface.joinMulticastGroup(PEER_IP, 0)).getMessage());
        assertEquals(List.of("16 224.0.0.22 -> 224.0.0.22"), igmp(f.pollIp(0)));
    }

    @Test
    void leavingBeforeTheReportWentOutSendsOnlyTheLeave() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP);
        f.iface.joinMulticastGroup(GROUP_A, 0);
        f.iface.leaveMulticastGroup(GROUP_A, 0);
        assertEquals(List.of("17 224.0.0.22 -> 224.0.0.2"), igmp(f.pollIp(0)));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(0, f.sockets));
    }

    @Test
    void aJoinAfterALeaveOfTheSameGroupCancelsTheLeave() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP, new InterfaceConfig().maxMulticastGroups(1));
        f.iface.joinMulticastGroup(GROUP_A, 0);
        f.poll(0);
        f.iface.leaveMulticastGroup(GROUP_A, 1);
        f.iface.joinMulticastGroup(GROUP_B, 1);
        assertEquals(List.of("16 224.0.0.56 -> 224.0.0.56"), igmp(f.pollIp(1)),
                "with one slot, the new group's report takes the place of the pending leave");
    }

    @Test
    void withoutAnAddressNothingIsSentAndNothingSpins() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP);
        f.iface.removeIpv4Address(OUR_IP);
        f.iface.joinMulticastGroup(GROUP_A, 0);
        assertEquals(List.of(), f.pollIp(0));
        assertEquals(1, f.counter(Counters.TX_NO_ROUTE));
        assertTrue(f.iface.pollAt(0, f.sockets) > 0, "the repeat is scheduled, not retried at once");
    }

    @Test
    void aBusyDeviceDelaysTheReportToTheNextPoll() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP);
        f.iface.joinMulticastGroup(GROUP_A, 0);
        f.device.limitTransmitRoom(0);
        assertEquals(List.of(), f.pollIp(0));
        assertEquals(0, f.iface.pollAt(0, f.sockets));
        f.device.limitTransmitRoom(Integer.MAX_VALUE);
        assertEquals(List.of("16 224.0.0.22 -> 224.0.0.22"), igmp(f.pollIp(1)));
    }

    // --- queries ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void aGeneralQueryIsAnsweredForEveryGroupWithinTheMaxResponseTime(int medium) {
        Ipv4Fixture f = joinedBoth(medium);
        long now = 20 * SECOND;
        f.injectIp(query(2, 50, 0, Ipv4Address.ALL_SYSTEMS));
        assertEquals(List.of(), f.pollIp(now), "reports wait for their random delay");
        long first = f.iface.pollAt(now, f.sockets);
        assertTrue(first >= now && first <= now + 5 * SECOND, "first report at " + first);
        List<String> reports = runUntil(f, now, now + 5 * SECOND);
        reports.sort(null);
        assertEquals(List.of("16 224.0.0.22 -> 224.0.0.22", "16 224.0.0.56 -> 224.0.0.56"), reports);
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(now + 5 * SECOND, f.sockets));
    }

    @Test
    void aGroupSpecificQueryIsAnsweredForThatGroupOnly() {
        Ipv4Fixture f = joinedBoth(Medium.IP);
        long now = 20 * SECOND;
        f.injectIp(query(2, 10, GROUP_B, GROUP_B));
        f.poll(now);
        assertEquals(List.of("16 224.0.0.56 -> 224.0.0.56"), runUntil(f, now, now + SECOND));
    }

    @Test
    void aQueryForAGroupWeHaveNotJoinedIsIgnored() {
        Ipv4Fixture f = joinedBoth(Medium.IP);
        int other = Ipv4Address.of(224, 0, 0, 99);
        f.injectIp(query(2, 10, other, Ipv4Address.ALL_SYSTEMS));
        f.poll(20 * SECOND);
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(20 * SECOND, f.sockets));
    }

    @Test
    void aRunningTimerIsOnlyShortenedByALaterQuery() {
        Ipv4Fixture f = joinedBoth(Medium.IP);
        long now = 20 * SECOND;
        f.injectIp(query(2, 1, GROUP_A, GROUP_A));
        f.poll(now);
        long due = f.iface.pollAt(now, f.sockets);
        assertTrue(due <= now + SECOND / 10);
        f.injectIp(query(2, 255, 0, Ipv4Address.ALL_SYSTEMS));
        f.poll(now);
        assertTrue(f.iface.pollAt(now, f.sockets) <= due, "a longer max response time does not postpone A");
    }

    @Test
    void anotherHostsReportSuppressesOurs() {
        Ipv4Fixture f = joinedBoth(Medium.IP);
        long now = 20 * SECOND;
        f.injectIp(query(2, 100, 0, Ipv4Address.ALL_SYSTEMS));
        f.injectIp(reportFromAnotherHost(GROUP_A));
        f.poll(now);
        assertEquals(List.of("16 224.0.0.56 -> 224.0.0.56"), runUntil(f, now, now + 10 * SECOND));
    }

    @Test
    void aV1QuerySwitchesToV1ReportsAndSilentLeavesFor400Seconds() {
        Ipv4Fixture f = joinedBoth(Medium.IP);
        long now = 20 * SECOND;
        f.injectIp(query(1, 0, 0, Ipv4Address.ALL_SYSTEMS));
        f.poll(now);
        List<String> reports = runUntil(f, now, now + 10 * SECOND);
        reports.sort(null);
        assertEquals(List.of("12 224.0.0.22 -> 224.0.0.22", "12 224.0.0.56 -> 224.0.0.56"), reports, "v1 reports within 10 s");
        f.iface.leaveMulticastGroup(GROUP_A, now + 11 * SECOND);
        assertEquals(List.of(), f.pollIp(now + 11 * SECOND), "no leave while a v1 router is present");
        // After the Version 1 Router Present Timeout, v2 again.
        long later = now + 401 * SECOND;
        f.injectIp(query(2, 10, GROUP_B, GROUP_B));
        f.poll(later);
        assertEquals(List.of("16 224.0.0.56 -> 224.0.0.56"), runUntil(f, later, later + SECOND));
        f.iface.leaveMulticastGroup(GROUP_B, later + 2 * SECOND);
        assertEquals(List.of("17 224.0.0.56 -> 224.0.0.2"), igmp(f.pollIp(later + 2 * SECOND)));
    }

    @Test
    void reportDelaysAreReproducibleForASeedAndDifferAcrossSeeds() {
        long[] firstSeed = reportTimes(1);
        assertEquals(List.of(firstSeed[0], firstSeed[1]), List.of(reportTimes(1)[0], reportTimes(1)[1]));
        long[] otherSeed = reportTimes(2);
        assertFalse(firstSeed[0] == otherSeed[0] && firstSeed[1] == otherSeed[1]);
    }

    private static long[] reportTimes(long seed) {
        Ipv4Fixture f = new Ipv4Fixture(Medium.IP, new InterfaceConfig().randomSeed(seed));
        f.iface.joinMulticastGroup(GROUP_A, 0);
        f.poll(0);
        long repeat = f.iface.pollAt(0, f.sockets);
        f.poll(repeat);
        f.injectIp(query(2, 100, 0, Ipv4Address.ALL_SYSTEMS));
        f.poll(repeat);
        return new long[] {repeat, f.iface.pollAt(repeat, f.sockets)};
    }
}
