package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv4Fixture.OTHER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OTHER_MAC;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_MAC;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NetworkBytes;

/** Regression tests for bugs found in review of the interface layer, one per bug. */
class ReviewFindingsTest {

    private static final long SECOND = 1_000_000L;

    @Test
    void ipv4TrafficFromAnotherMacRefreshesNothingAndDoesNotRewriteTheNeighborEntry() {
        // smoltcp's reset_expiry_if_existing only refreshes an entry whose MAC matches the frame's
        // source; any other MAC (a spoofed or misdirected frame) must not repoint the entry.
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.learnPeer(0);
        f.device.inject(Ipv4Fixture.ethernetFrame(OUR_MAC, OTHER_MAC, EtherType.IPV4,
                Ipv4Fixture.ipv4(PEER_IP, OUR_IP, 253, new byte[4])));
        f.poll(SECOND);
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, SECOND));
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, 60 * SECOND - 1), "not refreshed by the foreign frame");
    }

    @Test
    void pendingPacketsToOneNeighborGoOutInTheOrderTheyWereSent() {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        ScriptedSocket toOther = ScriptedSocket.of(OTHER_IP, 253, 60).queue(1);
        ScriptedSocket toPeer = ScriptedSocket.of(PEER_IP, 253, 60).queue(1);
        f.sockets.add(toOther);
        f.sockets.add(toPeer);
        f.poll(0); // slot 0: to OTHER, slot 1: the peer's first packet
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REPLY, OTHER_MAC, OTHER_IP, OUR_MAC, OUR_IP, OUR_MAC));
        toPeer.queue(1);
        assertEquals(1, Ipv4Fixture.ipv4Frames(f.poll(SECOND / 10)).size(), "OTHER's packet left; the peer's second took its slot");
        f.device.inject(Ipv4Fixture.arp(ArpPacket.OPERATION_REPLY, PEER_MAC, PEER_IP, OUR_MAC, OUR_IP, OUR_MAC));
        List<byte[]> out = Ipv4Fixture.ipv4Frames(f.poll(2 * SECOND / 10));
        assertEquals(2, out.size());
        int first = NetworkBytes.getU16(out.get(0), 14 + 4);
        int second = NetworkBytes.getU16(out.get(1), 14 + 4);
        assertEquals((first + 1) & 0xffff, second, "the peer's packets in the order they were sent");
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void echoRequestFromTheUnspecifiedAddressIsNotAnswered(int medium) {
        // RFC 1122 3.2.1.3: 0.0.0.0 is never a destination; smoltcp's icmpv4_reply does not
        // answer a non-unicast source. With a default gateway the reply would leave toward it.
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.iface.setIpv4Gateway(PEER_IP);
        f.learnPeer(0);
        f.injectIp(Ipv4Fixture.ipv4(Ipv4Address.UNSPECIFIED, OUR_IP, 1, Ipv4Fixture.echoRequest(1, 1, new byte[4])));
        assertEquals(List.of(), f.poll(SECOND));
    }

    @Test
    void datagramToUsInALinkLayerBroadcastGetsNoIcmpError() {
        // RFC 1122 3.2.2: an ICMP error MUST NOT be sent about a datagram received as a link-layer
        // broadcast (or multicast), whatever its IP destination.
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.learnPeer(0);
        byte[] udpToClosedPort = {0x30, 0x39, 0x04, (byte) 0xd2, 0, 8, 0, 0};
        f.device.inject(Ipv4Fixture.ethernetFrame(MacAddress.BROADCAST, PEER_MAC, EtherType.IPV4,
                Ipv4Fixture.ipv4(PEER_IP, OUR_IP, 17, udpToClosedPort)));
        f.device.inject(Ipv4Fixture.ethernetFrame(MacAddress.BROADCAST, PEER_MAC, EtherType.IPV4,
                Ipv4Fixture.ipv4(PEER_IP, OUR_IP, 253, new byte[4])));
        assertEquals(List.of(), f.poll(SECOND));
        assertEquals(1, f.counter(Counters.RX_UDP_NO_PORT));
        assertEquals(1, f.counter(Counters.RX_IPV4_UNKNOWN_PROTOCOL));
    }
}
