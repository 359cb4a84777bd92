package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv4Fixture.OTHER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_MAC;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NetworkBytes;

/** Neighbour resolution on Ethernet: request pacing, lifetime and refresh, pending packets, gratuitous ARP. */
class ArpBehaviourTest {

    private static final long SECOND = 1_000_000L;
    private static final long NEW_PEER_MAC = 0x5254_0000_00aaL;

    private final Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);

    /** Target IPs of the ARP requests among {@code frames}. */
    private static List<Integer> arpRequests(List<byte[]> frames) {
        List<Integer> targets = new ArrayList<>();
        for (byte[] frame : frames) {
            if (NetworkBytes.getU16(frame, 12) == EtherType.ARP && NetworkBytes.getU16(frame, 20) == ArpPacket.OPERATION_REQUEST) {
                targets.add(NetworkBytes.getU32(frame, 38));
            }
        }
        return targets;
    }

    private void arpReplyFromPeer(long mac) {
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REPLY, mac, PEER_IP, OUR_MAC, OUR_IP, OUR_MAC));
    }

    @Test
    void twoPacketsToOneUnresolvedAddressAskOnceAndToTwoAddressesTwice(@TempDir Path dir) throws Exception {
        f.sockets.add(ScriptedSocket.of(PEER_IP, 253, 60).queue(1));
        f.sockets.add(ScriptedSocket.of(PEER_IP, 253, 60).queue(1));
        List<byte[]> out = f.poll(0);
        assertEquals(List.of(PEER_IP), arpRequests(out));
        f.judge(dir, "who-has", out, "arp.opcode");
        f.sockets.add(ScriptedSocket.of(OTHER_IP, 253, 60).queue(1));
        assertEquals(List.of(OTHER_IP), arpRequests(f.poll(SECOND / 2)), "the peer is not asked again within 1 s");
        assertEquals(List.of(PEER_IP, OTHER_IP), arpRequests(f.poll(SECOND + SECOND / 2)), "each asked again after 1 s");
        assertEquals(3, f.counter(Counters.TX_NEIGHBOR_PENDING));
    }

    @Test
    void pendingPacketsGoOutWhenTheNeighborAnswers() {
        f.sockets.add(ScriptedSocket.of(PEER_IP, 253, 60).queue(2));
        f.poll(0);
        arpReplyFromPeer(PEER_MAC);
        List<byte[]> out = Ipv4Fixture.ipv4Frames(f.poll(SECOND / 10));
        assertEquals(2, out.size());
        assertEquals(PEER_MAC, NetworkBytes.getU48(out.get(0), 0));
    }

    @Test
    void anUnreachablePeerDoesNotBlockAnother() {
        f.learnPeer(0);
        f.sockets.add(ScriptedSocket.of(OTHER_IP, 253, 60).queue(3));
        ScriptedSocket toPeer = ScriptedSocket.of(PEER_IP, 253, 60).queue(2);
        f.sockets.add(toPeer);
        List<byte[]> out = Ipv4Fixture.ipv4Frames(f.poll(0));
        assertEquals(2, out.size(), "both packets to the resolved peer left");
        assertEquals(0, toPeer.queued);
    }

    @Test
    void pendingPacketsAreDroppedAfterTheTimeoutAndCounted() {
        f.sockets.add(ScriptedSocket.of(OTHER_IP, 253, 60).queue(1));
        f.poll(0);
        f.poll(2 * SECOND);
        assertEquals(0, f.counter(Counters.TX_NEIGHBOR_TIMEOUT));
        f.poll(3 * SECOND);
        assertEquals(1, f.counter(Counters.TX_NEIGHBOR_TIMEOUT));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(3 * SECOND, f.sockets));
        // The neighbour answering late sends nothing: the packet is gone.
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REPLY, Ipv4Fixture.OTHER_MAC, OTHER_IP, OUR_MAC, OUR_IP, OUR_MAC));
        assertEquals(List.of(), Ipv4Fixture.ipv4Frames(f.poll(4 * SECOND)));
    }

    @Test
    void entriesExpireAfter60SecondsUnlessRefreshedByTraffic() {
        f.learnPeer(0);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, 60 * SECOND - 1));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(PEER_IP, 60 * SECOND));
        Ipv4Fixture g = new Ipv4Fixture(Medium.ETHERNET);
        g.learnPeer(0);
        g.injectIp(Ipv4Fixture.ping(1, new byte[8]));
        g.poll(50 * SECOND);
        assertEquals(PEER_MAC, g.iface.neighborCache().lookup(PEER_IP, 109 * SECOND), "refreshed at 50 s by the ping");
        assertEquals(NeighborCache.MISSING, g.iface.neighborCache().lookup(PEER_IP, 110 * SECOND));
    }

    @Test
    void anExpiredEntryIsAskedForAgain() {
        f.learnPeer(0);
        f.sockets.add(ScriptedSocket.of(PEER_IP, 253, 60).queue(1));
        assertEquals(List.of(PEER_IP), arpRequests(f.poll(61 * SECOND)));
    }

    @Test
    void gratuitousArpUpdatesAnExistingEntryButAddsNoNewOne() {
        f.learnPeer(0);
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, NEW_PEER_MAC, PEER_IP, 0, PEER_IP, MacAddress.BROADCAST));
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, Ipv4Fixture.OTHER_MAC, OTHER_IP, 0, OTHER_IP, MacAddress.BROADCAST));
        assertEquals(List.of(), f.poll(SECOND));
        assertEquals(NEW_PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, SECOND));
        assertEquals(NeighborCache.MISSING, f.iface.neighborCache().lookup(OTHER_IP, SECOND));
        f.device.inject(Ipv4Fixture.ethernetFrame(OUR_MAC, NEW_PEER_MAC, EtherType.IPV4, Ipv4Fixture.ping(1, new byte[8])));
        assertEquals(NEW_PEER_MAC, NetworkBytes.getU48(f.poll(2 * SECOND).get(0), 0), "replies go to the new MAC");
    }
}
