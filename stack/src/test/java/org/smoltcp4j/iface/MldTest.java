package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv6Fixture.LINK_LOCAL_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LINK_LOCAL_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LINK_LOCAL_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/** MLDv2 host behaviour (RFC 3810): reports on join, leave and address changes, answers to queries, validation. */
class MldTest {

    private static final long SECOND = 1_000_000L;
    private static final long GROUP_HIGH = 0xff02_0000_0000_0000L;
    private static final long GROUP_LOW = 0x1234L;
    private static final String OUR_SOLICITED = "ff02::1:ff00:1";
    private static final String LINK_LOCAL_SOLICITED = "ff02::1:ff02:202";
    private static final byte[] HOP_BY_HOP_ROUTER_ALERT = {58, 0, 5, 2, 0, 0, 1, 0};

    /**
     * What each MLDv2 report says, "record-type group" per record, after checking what every report
     * must carry: our link-local source, ff02::16, hop limit 1, Router Alert, a valid checksum.
     */
    private static List<String> reports(List<byte[]> packets) {
        List<String> reports = new ArrayList<>();
        for (byte[] p : packets) {
            assertEquals(0, p[6], "a Hop-by-Hop header first");
            assertEquals(1, p[7], "hop limit 1");
            assertEquals(LINK_LOCAL_HIGH, NetworkBytes.getU64(p, 8), "link-local source");
            assertEquals(OUR_LINK_LOCAL_LOW, NetworkBytes.getU64(p, 16));
            assertEquals(MldHandler.ALL_MLDV2_ROUTERS_HIGH, NetworkBytes.getU64(p, 24), "to ff02::16");
            assertEquals(MldHandler.ALL_MLDV2_ROUTERS_LOW, NetworkBytes.getU64(p, 32));
            assertArrayEquals(HOP_BY_HOP_ROUTER_ALERT, java.util.Arrays.copyOfRange(p, 40, 48), "Router Alert, value 0 (MLD)");
            assertEquals(143, p[48] & 0xff, "MLDv2 report");
            long sum = Checksum.ipv6PseudoHeader(LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, MldHandler.ALL_MLDV2_ROUTERS_HIGH,
                    MldHandler.ALL_MLDV2_ROUTERS_LOW, 58, p.length - 48);
            assertTrue(Checksum.verifies(Checksum.accumulate(sum, p, 48, p.length - 48)), "ICMPv6 checksum");
            int records = NetworkBytes.getU16(p, 54);
            assertEquals(56 + 20 * records, p.length);
            StringBuilder report = new StringBuilder();
            for (int r = 0, at = 56; r < records; r++, at += 20) {
                assertEquals(0, NetworkBytes.getU16(p, at + 2), "no sources");
                report.append(r == 0 ? "" : ", ").append(p[at]).append(' ');
                Ipv6Address.append(report, NetworkBytes.getU64(p, at + 4), NetworkBytes.getU64(p, at + 12));
            }
            reports.add(report.toString());
        }
        return reports;
    }

    /**
     * Polls at {@code from} (taking what was injected) and then at each deadline pollAt gives until
     * {@code until}, collecting the reports and the times they went out.
     */
    private static List<String> runUntil(Ipv6Fixture f, long from, long until, List<Long> times) {
        List<String> reports = new ArrayList<>();
        long now = from;
        for (boolean first = true; ; first = false) {
            long at = first ? from : f.iface.pollAt(now, f.sockets);
            if (at > until) {
                return reports;
            }
            now = at;
            List<String> sent = reports(f.pollIp(now));
            for (int i = 0; i < sent.size(); i++) {
                times.add(now);
            }
            reports.addAll(sent);
        }
    }

    private static List<String> runUntil(Ipv6Fixture f, long from, long until) {
        return runUntil(f, from, until, new ArrayList<>());
    }

    /** An interface with fdbe::1 whose unsolicited reports went out. */
    private static Ipv6Fixture settled(InterfaceConfig config) {
        Ipv6Fixture f = Ipv6Fixture.reportingMld(config.randomSeed(7));
        runUntil(f, 0, 2 * SECOND);
        return f;
    }

    /**
     * An MLD query from {@code (sourceHigh, sourceLow)} to {@code destination} with hop limit, with
     * or without a Router Alert, in MLDv1's 24-byte form or MLDv2's 28, for {@code group} (:: general).
     */
    static byte[] query(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int hopLimit, boolean routerAlert,
            boolean v1, int maxResponseCode, long groupHigh, long groupLow) {
        byte[] icmp = Ipv6Fixture.icmp(130, 0, new byte[v1 ? 20 : 24]);
        NetworkBytes.setU16(icmp, 4, maxResponseCode);
        NetworkBytes.setU64(icmp, 8, groupHigh);
        NetworkBytes.setU64(icmp, 16, groupLow);
        if (!v1) {
            icmp[24] = 2; // QRV
            icmp[25] = 125; // QQIC
        }
        byte[] payload = icmp;
        if (routerAlert) {
            payload = new byte[8 + icmp.length];
            System.arraycopy(HOP_BY_HOP_ROUTER_ALERT, 0, payload, 0, 8);
            System.arraycopy(icmp, 0, payload, 8, icmp.length);
        }
        byte[] packet = Ipv6Fixture.ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, routerAlert ? 0 : 58, hopLimit, payload);
        int upper = routerAlert ? 48 : 40;
        return Ipv6Fixture.withChecksum(packet, upper, 58, upper + 2);
    }

    /** A valid MLDv2 general query from the router's link-local address. */
    static byte[] generalQuery(int maxResponseCode) {
        return query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, 1, true, false,
                maxResponseCode, 0, 0);
    }

    @Test
    void addressesAndJoinedGroupsAreReportedAtOnceAndRepeatedWithinASecond() {
        Ipv6Fixture f = Ipv6Fixture.reportingMld(new InterfaceConfig().randomSeed(7));
        assertTrue(f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0));
        List<Long> times = new ArrayList<>();
        List<String> reports = runUntil(f, 0, 10 * SECOND, times);
        // The link-local address's group, fdbe::1's, ff02::1234: each CHANGE_TO_EXCLUDE {} twice; ff02::1 never.
        List<String> once = List.of("4 " + LINK_LOCAL_SOLICITED, "4 " + OUR_SOLICITED, "4 ff02::1234");
        assertEquals(once, reports.subList(0, 3));
        assertEquals(List.of(0L, 0L, 0L), times.subList(0, 3));
        assertEquals(6, reports.size(), reports.toString());
        assertEquals(once.stream().sorted().toList(), reports.subList(3, 6).stream().sorted().toList());
        for (long at : times.subList(3, 6)) {
            assertTrue(at > 0 && at <= MldHandler.UNSOLICITED_REPORT_INTERVAL_MICROS, "repeat at " + at);
        }
        assertEquals(6, f.counter(Counters.TX_MLD_REPORTS));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(10 * SECOND, f.sockets));
    }

    @Test
    void leavingSendsChangeToIncludeTwice() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        assertTrue(f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND));
        assertEquals(List.of("4 ff02::1234", "4 ff02::1234"), runUntil(f, 2 * SECOND, 4 * SECOND));
        assertTrue(f.iface.leaveIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 4 * SECOND));
        assertFalse(f.iface.leaveIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 4 * SECOND));
        assertEquals(List.of("3 ff02::1234", "3 ff02::1234"), runUntil(f, 4 * SECOND, 6 * SECOND));
    }

    @Test
    void joiningTwiceAllNodesOrAFullTableIsRefused() {
        Ipv6Fixture f = settled(new InterfaceConfig().maxMulticastGroups(2));
        assertFalse(f.iface.joinIpv6MulticastGroup(Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, 0), "always joined");
        assertTrue(f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0));
        assertFalse(f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0));
        assertTrue(f.iface.joinMulticastGroup(Ipv4Address.of(224, 0, 0, 22), 0), "the table holds both families");
        assertEquals("already in 2 multicast groups; raise InterfaceConfig.maxMulticastGroups",
                assertThrows(IllegalStateException.class, () -> f.iface.joinIpv6MulticastGroup(GROUP_HIGH, 0x5678, 0)).getMessage());
        assertEquals("not an IPv6 multicast group: fdbe::1",
                assertThrows(IllegalArgumentException.class, () -> f.iface.joinIpv6MulticastGroup(ULA_HIGH, OUR_LOW, 0)).getMessage());
        assertFalse(f.iface.leaveIpv6MulticastGroup(ULA_HIGH, OUR_LOW, 0), "not a group");
        assertFalse(f.iface.leaveIpv6MulticastGroup(0, Ipv6Address.ipv4MappedLow(Ipv4Address.of(224, 0, 0, 22)), 0),
                "an IPv4 group is left through leaveMulticastGroup");
    }

    @Test
    void addressesSharingASolicitedNodeGroupReportItOnceAndLeaveItWithTheLast() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        f.iface.addIpv6Address(0x2001_0db8_0000_0000L, OUR_LOW, 64);
        assertEquals(List.of(), runUntil(f, 2 * SECOND, 4 * SECOND), "ff02::1:ff00:1 is joined already");
        f.iface.removeIpv6Address(ULA_HIGH, OUR_LOW);
        assertEquals(List.of(), runUntil(f, 4 * SECOND, 6 * SECOND), "2001:db8::1 still needs it");
        f.iface.removeIpv6Address(0x2001_0db8_0000_0000L, OUR_LOW);
        assertEquals(List.of("3 " + OUR_SOLICITED, "3 " + OUR_SOLICITED), runUntil(f, 6 * SECOND, 8 * SECOND));
        f.iface.addIpv6Address(ULA_HIGH, 0xabcdefL, 64);
        assertEquals(List.of("4 ff02::1:ffab:cdef", "4 ff02::1:ffab:cdef"), runUntil(f, 8 * SECOND, 10 * SECOND));
    }

    @Test
    void generalQueryIsAnsweredWithinItsDelayByOneReportOfEveryGroup() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND);
        runUntil(f, 2 * SECOND, 4 * SECOND);
        f.injectIp(generalQuery(1000));
        List<Long> times = new ArrayList<>();
        List<String> reports = runUntil(f, 4 * SECOND, 10 * SECOND, times);
        assertEquals(List.of("2 " + LINK_LOCAL_SOLICITED + ", 2 " + OUR_SOLICITED + ", 2 ff02::1234"), reports);
        assertTrue(times.get(0) >= 4 * SECOND && times.get(0) <= 5 * SECOND, "within 1 s: " + times);
        assertEquals(1, f.counter(Counters.RX_MLD_QUERIES));
    }

    @Test
    void generalAnswerOverTheMtuIsSplitOverPackets() {
        Ipv6Fixture f = settled(new InterfaceConfig().maxMulticastGroups(80));
        for (int i = 0; i < 80; i++) {
            f.iface.joinIpv6MulticastGroup(GROUP_HIGH, 0x1000 + i, 2 * SECOND);
        }
        runUntil(f, 2 * SECOND, 4 * SECOND);
        f.injectIp(generalQuery(0));
        List<byte[]> packets = f.pollIp(4 * SECOND);
        List<String> reports = reports(packets);
        assertEquals(2, reports.size());
        // 1500 - 40 - 8 - 8 leaves room for 72 records; the 82 groups take two packets.
        assertEquals(72, reports.get(0).split(", ").length);
        assertEquals(10, reports.get(1).split(", ").length);
        assertTrue(packets.get(0).length <= 1500);
    }

    @Test
    void groupSpecificQueriesOfBothVersionsAreAnsweredForThatGroupOnly() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND);
        runUntil(f, 2 * SECOND, 4 * SECOND);
        for (boolean v1 : new boolean[] {true, false}) {
            f.injectIp(query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, GROUP_HIGH, GROUP_LOW, 1, true, v1, 500, GROUP_HIGH, GROUP_LOW));
            List<Long> times = new ArrayList<>();
            assertEquals(List.of("2 ff02::1234"), runUntil(f, 4 * SECOND, 6 * SECOND, times), v1 ? "MLDv1 query" : "MLDv2 query");
            assertTrue(times.get(0) <= 4 * SECOND + 500_000, "within 500 ms: " + times);
        }
        // A query for a group we are not in reaches us only if it is one of ours; ff02::1 is never reported.
        f.injectIp(query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW, 1, true, false, 0,
                Ipv6Address.ALL_NODES_HIGH, Ipv6Address.ALL_NODES_LOW));
        assertEquals(List.of(), runUntil(f, 4 * SECOND, 6 * SECOND));
        assertEquals(3, f.counter(Counters.RX_MLD_QUERIES));
    }

    @Test
    void maximumResponseDelayFollowsBothEncodings() {
        assertEquals(1_000_000L, MldHandler.maxResponseDelayMicros(1000, false));
        assertEquals(40_000_000L, MldHandler.maxResponseDelayMicros(40_000, true), "MLDv1: plain milliseconds");
        // RFC 3810 5.1.3: 0x8000 is mantissa 0, exponent 0: 0x1000 << 3 ms.
        assertEquals(32_768_000L, MldHandler.maxResponseDelayMicros(0x8000, false));
        assertEquals((0x1fffL << 10) * 1000, MldHandler.maxResponseDelayMicros(0xffff, false));
    }

    @Test
    void invalidQueriesAreCountedAndUnanswered() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        long all = Ipv6Address.ALL_NODES_HIGH;
        long one = Ipv6Address.ALL_NODES_LOW;
        f.injectIp(query(ULA_HIGH, Ipv6Fixture.PEER_LOW, all, one, 1, true, false, 0, 0, 0));
        f.injectIp(query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, all, one, 255, true, false, 0, 0, 0));
        f.injectIp(query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, all, one, 1, false, false, 0, 0, 0));
        byte[] badCode = query(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, all, one, 1, true, false, 0, 0, 0);
        badCode[49] = 1;
        f.injectIp(Ipv6Fixture.withChecksum(badCode, 48, 58, 50));
        byte[] badChecksum = generalQuery(0);
        badChecksum[50] ^= 1;
        f.injectIp(badChecksum);
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.ipv6(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, all, one, 0, 1,
                concat(HOP_BY_HOP_ROUTER_ALERT, Ipv6Fixture.icmp(130, 0, new byte[16]))), 48, 58, 50));
        assertEquals(List.of(), runUntil(f, 2 * SECOND, 20 * SECOND));
        assertEquals(1, f.counter(Counters.RX_MLD_BAD_SOURCE), f.counters());
        assertEquals(1, f.counter(Counters.RX_MLD_BAD_HOP_LIMIT), f.counters());
        assertEquals(1, f.counter(Counters.RX_MLD_NO_ROUTER_ALERT), f.counters());
        assertEquals(2, f.counter(Counters.RX_MLD_MALFORMED), "code 1, and 20 bytes: " + f.counters());
        assertEquals(1, f.counter(Counters.RX_ICMPV6_BAD_CHECKSUM), f.counters());
        assertEquals(0, f.counter(Counters.RX_MLD_QUERIES));
    }

    @Test
    void reportsOfOtherHostsAreIgnored() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        byte[] icmp = Ipv6Fixture.icmp(143, 0, new byte[4]);
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.ipv6(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, Ipv6Address.ALL_NODES_HIGH,
                Ipv6Address.ALL_NODES_LOW, 0, 1, concat(HOP_BY_HOP_ROUTER_ALERT, icmp)), 48, 58, 50));
        assertEquals(List.of(), runUntil(f, 2 * SECOND, 4 * SECOND));
        assertEquals(1, f.counter(Counters.RX_MLD_REPORTS_IGNORED));
    }

    @Test
    void datagramsToAJoinedGroupReachAnAnyBoundSocketAndOthersAreNotForUs() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        UdpSocket socket = new UdpSocket(4, 256, 4, 256);
        socket.bind(8123);
        f.sockets.add(socket);
        byte[] datagram = Ipv6Fixture.udp(GROUP_HIGH, GROUP_LOW, 8123, new byte[] {'h', 'i'});
        f.injectIp(datagram);
        f.poll(2 * SECOND);
        assertFalse(socket.canRecv(), "not joined yet");
        assertEquals(1, f.counter(Counters.RX_LINK_NOT_FOR_US) + f.counter(Counters.RX_IPV6_NOT_FOR_US));
        f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND);
        f.injectIp(datagram);
        f.poll(2 * SECOND);
        byte[] got = new byte[8];
        assertEquals(2, socket.recv(got, 0, got.length));
        assertEquals('h', got[0]);
        f.iface.leaveIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND);
        f.injectIp(datagram);
        f.poll(2 * SECOND);
        assertFalse(socket.canRecv(), "left");
    }

    @Test
    void igmpIsUnchangedBesideMld() {
        Ipv6Fixture f = settled(new InterfaceConfig());
        f.iface.addIpv4Address(Ipv4Address.of(192, 168, 69, 1), 24);
        f.iface.joinMulticastGroup(Ipv4Address.of(224, 0, 0, 22), 2 * SECOND);
        f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 2 * SECOND);
        List<byte[]> sent = f.poll(2 * SECOND);
        assertEquals(2, sent.size());
        assertEquals(EtherType.IPV4, NetworkBytes.getU16(sent.get(0), 12), "IGMP first, as before MLD existed");
        assertEquals(0x16, sent.get(0)[14 + 24] & 0xff, "IGMPv2 membership report");
        assertEquals(List.of("4 ff02::1234"), reports(List.of(f.ipOf(sent.get(1)))));
        assertEquals(1, f.counter(Counters.TX_IGMP_REPORTS));
    }

    @Test
    void reportsAreJudgedWellFormedByTshark(@TempDir Path dir) throws Exception {
        Ipv6Fixture f = Ipv6Fixture.reportingMld(new InterfaceConfig().randomSeed(7));
        f.iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0);
        List<byte[]> frames = new ArrayList<>(f.poll(0));
        f.injectIp(generalQuery(0));
        frames.addAll(f.poll(SECOND / 2));
        f.iface.leaveIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, SECOND);
        frames.addAll(f.poll(SECOND));
        List<String[]> rows = f.judge(dir, "mld", frames, "eth.dst", "ipv6.hlim", "ipv6.opt.router_alert", "icmpv6.type",
                "icmpv6.checksum.status", "icmpv6.mldr.nb_mcast_records");
        assertTrue(rows.size() >= 5, "three reports, the answer, the leave: " + rows.size());
        boolean answer = false;
        for (String[] row : rows) {
            answer |= row[5].equals("3");
            assertEquals("33:33:00:00:00:16", row[0]);
            assertEquals("1", row[1]);
            assertEquals("0", row[2], "Router Alert: MLD");
            assertEquals("143", row[3]);
            assertEquals("1", row[4], "checksum good");
        }
        assertTrue(answer, "the general answer lists the three groups");
    }

    @Test
    void reportsAndQueriesAllocateNothing() {
        DeviceCapabilities caps = new DeviceCapabilities(Medium.ETHERNET, 1514, 0);
        byte[] query = generalQuery(0);
        ReplayDevice device = new ReplayDevice(caps, Ipv4Fixture.ethernetFrame(0x3333_0000_0001L, PEER_MAC, EtherType.IPV6, query));
        Interface iface = new Interface(new InterfaceConfig().hardwareAddress(OUR_MAC), caps);
        iface.addIpv6Address(ULA_HIGH, OUR_LOW, 64);
        device.assertPollsAllocateNothing(iface, "MLD general query in, report out", Counters.TX_MLD_REPORTS);
        SocketSet sockets = new SocketSet(1);
        long before = iface.counters().get(Counters.TX_MLD_REPORTS);
        AllocationProbe.assertAllocationFree("MLD join and leave reports", () -> {
            iface.joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0);
            iface.poll(0, device, sockets);
            iface.leaveIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, 0);
            iface.poll(0, device, sockets);
        });
        assertTrue(iface.counters().get(Counters.TX_MLD_REPORTS) - before >= 2L * AllocationProbe.DEFAULT_RUNS);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
