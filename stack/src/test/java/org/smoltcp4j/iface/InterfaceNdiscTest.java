package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv6Fixture.ALL_NODES_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.LINK_LOCAL_HIGH;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LINK_LOCAL_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LINK_LOCAL_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.NetworkBytes;

/** Neighbor Discovery (RFC 4861) on Ethernet: smoltcp's ndisc tests and the rules of section 7. */
class InterfaceNdiscTest {

    private static final long SOLICITED_HIGH = 0xff02_0000_0000_0000L;
    private static final long OUR_SOLICITED_LOW = 0x0000_0001_ff00_0001L;
    private static final long PEER_SOLICITED_LOW = 0x0000_0001_ff00_0002L;
    private static final int SOLICITED_OVERRIDE = 0x60;
    private static final int OVERRIDE = 0x20;
    private static final int SOLICITED = 0x40;
    private static final long SECOND = 1_000_000L;

    private final Ipv6Fixture f = new Ipv6Fixture(Medium.ETHERNET);

    private static long destinationMac(byte[] frame) {
        return NetworkBytes.getU48(frame, 0);
    }

    // --- smoltcp: test_handle_valid_ndisc_request ---------------------------------------------------

    @Test
    void solicitationForOurAddressIsAnsweredAndTeachesUsTheSender(@TempDir Path dir) throws Exception {
        f.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, SOLICITED_HIGH, OUR_SOLICITED_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 255));
        List<byte[]> frames = f.poll(0);
        assertEquals(1, frames.size());
        assertEquals(PEER_MAC, destinationMac(frames.get(0)));
        assertArrayEquals(Ipv6Fixture.advertisement(ULA_HIGH, OUR_LOW, ULA_HIGH, PEER_LOW, SOLICITED_OVERRIDE, ULA_HIGH, OUR_LOW, OUR_MAC),
                f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "na", frames, "icmpv6.type", "icmpv6.nd.na.flag.s", "icmpv6.nd.na.flag.o",
                "icmpv6.nd.na.flag.r", "icmpv6.opt.linkaddr", "ipv6.hlim", "icmpv6.checksum.status");
        assertEquals(List.of("136", "1", "1", "0", "02:02:02:02:02:02", "255", "1"), List.of(rows.get(0)));
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0));
        assertEquals(1, f.counter(Counters.RX_NEIGHBOR_SOLICITATIONS));
        assertEquals(1, f.counter(Counters.TX_NEIGHBOR_ADVERTISEMENTS));
    }

    @Test
    void solicitationForOurLinkLocalAddressIsAnsweredFromIt() {
        f.injectIp(Ipv6Fixture.solicitation(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, SOLICITED_HIGH, 0x0000_0001_ff02_0202L,
                LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, PEER_MAC, 255));
        List<byte[]> out = f.pollIp(0);
        assertArrayEquals(Ipv6Fixture.advertisement(LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW,
                SOLICITED_OVERRIDE, LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, OUR_MAC), out.get(0));
    }

    @Test
    void duplicateAddressProbeIsAnsweredToAllNodesUnsolicited() {
        f.injectIp(Ipv6Fixture.solicitation(0, 0, SOLICITED_HIGH, OUR_SOLICITED_LOW, ULA_HIGH, OUR_LOW, 0, 255));
        List<byte[]> frames = f.poll(0);
        assertEquals(0x3333_0000_0001L, destinationMac(frames.get(0)));
        assertArrayEquals(Ipv6Fixture.advertisement(ULA_HIGH, OUR_LOW, ALL_NODES_HIGH, 1, OVERRIDE, ULA_HIGH, OUR_LOW, OUR_MAC),
                f.ipOf(frames.get(0)));
    }

    @Test
    void solicitationForAnotherAddressIsIgnored() {
        f.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, SOLICITED_HIGH, OUR_SOLICITED_LOW, ULA_HIGH, 0x1000_0001L, PEER_MAC, 255));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NEIGHBOR_SOLICITATIONS_NOT_OURS));
    }

    // --- RFC 4861 7.1: validity ---------------------------------------------------------------------

    @Test
    void ndiscWithHopLimitBelow255IsDropped() {
        f.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 64));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NDISC_BAD_HOP_LIMIT));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0), "nothing learned from it");
    }

    @Test
    void solicitationForAMulticastTargetIsMalformed() {
        f.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ALL_NODES_HIGH, 1, PEER_MAC, 255));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    @Test
    void duplicateAddressProbeWithASourceLinkLayerOptionIsMalformed() {
        f.injectIp(Ipv6Fixture.solicitation(0, 0, SOLICITED_HIGH, OUR_SOLICITED_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 255));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    @Test
    void solicitedAdvertisementToMulticastIsMalformed() {
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ALL_NODES_HIGH, 1, SOLICITED_OVERRIDE, ULA_HIGH, PEER_LOW, PEER_MAC));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    @Test
    void ndiscWithANonZeroCodeIsMalformed() {
        byte[] packet = Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 255);
        packet[41] = 1;
        f.injectIp(Ipv6Fixture.withChecksum(packet, 40, 58, 42));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    @Test
    void ndiscWithABadChecksumIsDropped() {
        byte[] packet = Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 255);
        packet[43] ^= 1;
        f.injectIp(packet);
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_BAD_CHECKSUM));
    }

    @Test
    void routerAdvertisementsAreCountedAndIgnored() {
        byte[] rest = new byte[12];
        rest[0] = 64;
        NetworkBytes.setU16(rest, 2, 1800);
        f.injectIp(Ipv6Fixture.withChecksum(Ipv6Fixture.ipv6(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, ALL_NODES_HIGH, 1, 58, 255,
                Ipv6Fixture.icmp(134, 0, rest)), 40, 58, 42));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_ROUTER_ADVERTISEMENTS_IGNORED));
        assertEquals(0, f.iface.ipv6Routing().routeCount(), "no default route from an RA: no router discovery");
    }

    @Test
    void ndiscOnTheIpMediumIsNotActedOn() {
        Ipv6Fixture ip = new Ipv6Fixture(Medium.IP);
        ip.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, ULA_HIGH, OUR_LOW, PEER_MAC, 255));
        assertEquals(List.of(), ip.poll(0));
        assertEquals(1, ip.counter(Counters.RX_ICMPV6_UNSUPPORTED));
    }

    // --- smoltcp: ndsic_neighbor_advertisement_ethernet(_multicast_addr) -----------------------------

    @Test
    void advertisementTeachesUsTheTarget() {
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED_OVERRIDE, ULA_HIGH, PEER_LOW, PEER_MAC));
        f.poll(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0));
        assertEquals(1, f.counter(Counters.RX_NEIGHBOR_ADVERTISEMENTS));
    }

    @Test
    void unsolicitedAdvertisementToAllNodesTeachesUsTheTarget() {
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ALL_NODES_HIGH, 1, OVERRIDE, ULA_HIGH, PEER_LOW, PEER_MAC));
        f.poll(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0));
    }

    @Test
    void advertisementForOurOwnAddressChangesNothing() {
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ALL_NODES_HIGH, 1, OVERRIDE, ULA_HIGH, OUR_LOW, PEER_MAC));
        f.poll(0);
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(ULA_HIGH, OUR_LOW, 0));
    }

    @Test
    void advertisementWithoutOverrideDoesNotReplaceAKnownAddress() {
        long otherMac = 0x5254_0000_0099L;
        f.learnPeer(0);
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED, ULA_HIGH, PEER_LOW, otherMac));
        f.poll(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0), "RFC 4861 7.2.5: O clear, address differs");
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED_OVERRIDE, ULA_HIGH, PEER_LOW, otherMac));
        f.poll(0);
        assertEquals(otherMac, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0), "O set: the new address wins");
    }

    @Test
    void advertisementWithoutOverrideTeachesAnUnknownTarget() {
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED, ULA_HIGH, PEER_LOW, PEER_MAC));
        f.poll(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0));
    }

    /** As ARP refuses a multicast sender MAC: unicast frames to a group or broadcast address would reach everyone. */
    @Test
    void linkLayerOptionsThatAreNotUnicastTeachNothing() {
        f.injectIp(Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, SOLICITED_HIGH, OUR_SOLICITED_LOW, ULA_HIGH, OUR_LOW, 0xffff_ffff_ffffL,
                255));
        f.injectIp(Ipv6Fixture.advertisement(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, ALL_NODES_HIGH, 1, OVERRIDE, LINK_LOCAL_HIGH,
                PEER_LINK_LOCAL_LOW, 0x3333_0000_0001L));
        assertEquals(List.of(), f.poll(0), "no advertisement to a broadcast link-layer address");
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(ULA_HIGH, PEER_LOW, 0));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, 0));
        assertEquals(2, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    /**
     * The cache keys IPv4 neighbours by their IPv4-mapped form: an advertisement for such a
     * target must not rewrite an ARP entry (nor may any target that is not an IPv6 unicast address).
     */
    @Test
    void advertisementForAnIpv4MappedTargetDoesNotTouchTheArpEntry() {
        int peerIpv4 = 0x0a00_0002;
        f.iface.neighborCache().fill(peerIpv4, PEER_MAC, 0);
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED_OVERRIDE, 0, 0x0000_ffff_0a00_0002L,
                0x5254_0000_0066L));
        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED_OVERRIDE, 0, 0, 0x5254_0000_0066L));
        f.poll(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(peerIpv4, 0));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(0, 0, 0));
        assertEquals(2, f.counter(Counters.RX_NDISC_MALFORMED));
    }

    // --- resolving a next hop -----------------------------------------------------------------------

    @Test
    void replyToAnUnknownPeerWaitsForItsAdvertisementAfterOneSolicitationPerInterval(@TempDir Path dir) throws Exception {
        f.injectIp(Ipv6Fixture.ping(ULA_HIGH, OUR_LOW, 1, new byte[] {5}));
        List<byte[]> frames = f.poll(0);
        assertEquals(1, frames.size(), "a solicitation, the reply parked");
        assertEquals(0x3333_ff00_0002L, destinationMac(frames.get(0)));
        // From our link-local address (the solicited-node group is link scope), with our MAC as source link-layer option.
        assertArrayEquals(Ipv6Fixture.solicitation(LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, SOLICITED_HIGH, PEER_SOLICITED_LOW, ULA_HIGH,
                PEER_LOW, OUR_MAC, 255), f.ipOf(frames.get(0)));
        List<String[]> rows = f.judge(dir, "ns", frames, "icmpv6.type", "icmpv6.nd.ns.target_address", "icmpv6.opt.linkaddr",
                "icmpv6.checksum.status");
        assertEquals(List.of("135", "fdbe::2", "02:02:02:02:02:02", "1"), List.of(rows.get(0)));
        assertEquals(1, f.counter(Counters.TX_NEIGHBOR_PENDING));

        assertEquals(List.of(), f.poll(SECOND / 2), "no second solicitation within the request interval");
        assertEquals(1, f.poll(SECOND).size(), "asked again after it");
        assertEquals(2, f.counter(Counters.TX_NEIGHBOR_SOLICITATIONS));

        f.injectIp(Ipv6Fixture.advertisement(ULA_HIGH, PEER_LOW, ULA_HIGH, OUR_LOW, SOLICITED_OVERRIDE, ULA_HIGH, PEER_LOW, PEER_MAC));
        frames = f.poll(SECOND + 1);
        assertEquals(1, frames.size());
        assertEquals(PEER_MAC, destinationMac(frames.get(0)));
        byte[] reply = f.ipOf(frames.get(0));
        assertEquals(129, reply[40] & 0xff);
        assertEquals(0x86dd, NetworkBytes.getU16(frames.get(0), 12));
        assertArrayEquals(new byte[] {5}, Arrays.copyOfRange(reply, 48, 49));
    }

    @Test
    void parkedReplyIsDroppedWhenThePeerNeverAnswers() {
        f.injectIp(Ipv6Fixture.ping(ULA_HIGH, OUR_LOW, 1, new byte[0]));
        f.poll(0);
        f.poll(3 * SECOND);
        assertEquals(1, f.counter(Counters.TX_NEIGHBOR_TIMEOUT));
    }
}
