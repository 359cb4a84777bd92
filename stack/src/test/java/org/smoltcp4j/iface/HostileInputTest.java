package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_MAC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NetworkBytes;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What a hostile peer may send: every case ends as a drop counted under its reason, nothing
 * escapes as an exception, and the next ping is still answered.
 */
class HostileInputTest {

    private static byte[] ping() {
        return Ipv4Fixture.ping(1, Ipv4Fixture.pattern(32));
    }

    private static byte[] withHeaderByte(byte[] packet, int at, int value, boolean fixChecksum) {
        packet[at] = (byte) value;
        if (fixChecksum) {
            Ipv4Fixture.fillIpChecksum(packet);
        }
        return packet;
    }

    private static byte[] withTotalLength(byte[] packet, int length) {
        NetworkBytes.setU16(packet, 2, length);
        Ipv4Fixture.fillIpChecksum(packet);
        return packet;
    }

    private static byte[] fragment(int identification, boolean more, int offset, int length) {
        return Ipv4Fixture.fragment(PEER_IP, OUR_IP, 1, identification, more, offset, new byte[length]);
    }

    static Stream<Arguments> ipCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int medium : new int[] {Medium.ETHERNET, Medium.IP}) {
            cases.add(Arguments.of(medium, "bad header checksum", List.of(withHeaderByte(ping(), 10, 0x12, false)), Counters.RX_IPV4_BAD_CHECKSUM));
            cases.add(Arguments.of(medium, "truncated header", List.of(Arrays.copyOf(ping(), 12)), Counters.RX_IPV4_TRUNCATED));
            cases.add(Arguments.of(medium, "IHL below 5", List.of(withHeaderByte(ping(), 0, 0x44, true)), Counters.RX_IPV4_MALFORMED));
            cases.add(Arguments.of(medium, "IHL past the packet", List.of(Arrays.copyOf(withHeaderByte(ping(), 0, 0x4f, false), 40)),
                    Counters.RX_IPV4_TRUNCATED));
            // On Ethernet the EtherType says IPv4; on the IP medium the version nibble says IPv6, whose 40-byte header this is not.
            cases.add(Arguments.of(medium, "version 6", List.of(withHeaderByte(ping(), 0, 0x65, true)),
                    medium == Medium.ETHERNET ? Counters.RX_IPV4_MALFORMED : Counters.RX_IPV6_TRUNCATED));
            cases.add(Arguments.of(medium, "total length past the frame", List.of(withTotalLength(ping(), 2000)), Counters.RX_IPV4_TRUNCATED));
            cases.add(Arguments.of(medium, "total length below the header", List.of(withTotalLength(ping(), 12)), Counters.RX_IPV4_MALFORMED));
            cases.add(Arguments.of(medium, "loopback source", List.of(Ipv4Fixture.ipv4(Ipv4Address.LOOPBACK, OUR_IP, 1, new byte[8])),
                    Counters.RX_IPV4_BAD_SOURCE));
            byte[] badIcmp = ping();
            badIcmp[22] ^= 0x55;
            cases.add(Arguments.of(medium, "bad ICMP checksum", List.of(badIcmp), Counters.RX_ICMP_BAD_CHECKSUM));
            cases.add(Arguments.of(medium, "teardrop", List.of(fragment(9, true, 0, 24), fragment(9, false, 16, 40)),
                    Counters.RX_REASSEMBLY_OVERLAP));
            cases.add(Arguments.of(medium, "ping of death", List.of(fragment(9, true, 0, 1400), fragment(9, false, 65528, 16)),
                    Counters.RX_REASSEMBLY_OVERSIZE));
            cases.add(Arguments.of(medium, "past the reassembly buffer", List.of(fragment(9, true, 0, 1000), fragment(9, false, 1000, 600)),
                    Counters.RX_REASSEMBLY_OVERSIZE));
            cases.add(Arguments.of(medium, "fragment not a multiple of 8", List.of(fragment(9, true, 0, 21)), Counters.RX_FRAGMENT_MALFORMED));
            cases.add(Arguments.of(medium, "IGMP bad checksum",
                    List.of(Ipv4Fixture.ipv4(PEER_IP, Ipv4Address.ALL_SYSTEMS, 2, new byte[] {0x11, 100, 0, 0, 0, 0, 0, 0})),
                    Counters.RX_IGMP_BAD_CHECKSUM));
            cases.add(Arguments.of(medium, "IGMP truncated", List.of(Ipv4Fixture.ipv4(PEER_IP, Ipv4Address.ALL_SYSTEMS, 2, new byte[4])),
                    Counters.RX_IGMP_MALFORMED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} (medium {0})")
    @MethodSource("ipCases")
    void hostileIpv4IsCountedAndThePingAfterItAnswered(int medium, String what, List<byte[]> packets, int counter) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        for (byte[] packet : packets) {
            f.injectIp(packet);
        }
        assertEquals(List.of(), f.poll(1));
        assertEquals(1, f.counter(counter), what + ": " + f.iface.counters().appendTo(new StringBuilder()));
        assertPingAnswered(f);
    }

    static Stream<Arguments> linkCases() {
        byte[] arpHardware6 = Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST);
        arpHardware6[15] = 6;
        byte[] arpOperation9 = Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST);
        arpOperation9[21] = 9;
        byte[] truncated = Arrays.copyOf(Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST), 14 + 20);
        return Stream.of(
                Arguments.of("runt frame", new byte[10], Counters.RX_LINK_MALFORMED),
                Arguments.of("truncated ARP", truncated, Counters.RX_ARP_MALFORMED),
                Arguments.of("ARP over token ring", arpHardware6, Counters.RX_ARP_UNSUPPORTED),
                Arguments.of("ARP operation 9", arpOperation9, Counters.RX_ARP_UNSUPPORTED),
                Arguments.of("ARP from a broadcast MAC",
                        Ipv4Fixture.arp(ArpPacket.OPERATION_REQUEST, MacAddress.BROADCAST, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST),
                        Counters.RX_ARP_MALFORMED),
                Arguments.of("ARP claiming our address",
                        Ipv4Fixture.arp(ArpPacket.OPERATION_REPLY, PEER_MAC, OUR_IP, OUR_MAC, OUR_IP, OUR_MAC), Counters.RX_ARP_MALFORMED),
                Arguments.of("unknown EtherType", Ipv4Fixture.ethernetFrame(OUR_MAC, PEER_MAC, 0x88b5, new byte[46]),
                        Counters.RX_LINK_UNSUPPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkCases")
    void hostileLinkFramesAreCountedAndThePingAfterThemAnswered(String what, byte[] frame, int counter) {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET);
        f.learnPeer(0);
        f.device.inject(frame);
        assertEquals(List.of(), f.poll(1));
        assertEquals(1, f.counter(counter), what + ": " + f.iface.counters().appendTo(new StringBuilder()));
        assertEquals(PEER_MAC, f.iface.neighborCache().lookup(PEER_IP, 1), "the cache was not poisoned");
        assertPingAnswered(f);
    }

    @Property(tries = 300)
    void anyCorruptionOfAFragmentOrPingNeverThrows(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1999) Integer> flips,
            @ForAll boolean ethernet) {
        Ipv4Fixture f = new Ipv4Fixture(ethernet ? Medium.ETHERNET : Medium.IP);
        f.learnPeer(0);
        byte[][] packets = {ping(), fragment(3, true, 0, 64), fragment(3, false, 64, 8)};
        for (byte[] packet : packets) {
            for (int flip : flips) {
                packet[flip % packet.length] ^= (byte) (1 << (flip % 8));
            }
            f.injectIp(packet);
        }
        f.poll(1);
        assertPingAnswered(f);
    }

    private static void assertPingAnswered(Ipv4Fixture f) {
        f.injectIp(Ipv4Fixture.ping(77, Ipv4Fixture.pattern(16)));
        List<byte[]> out = f.pollIp(2);
        assertTrue(out.size() >= 1, "no answer to the ping");
        byte[] reply = out.get(out.size() - 1);
        assertEquals(0, reply[20], "an echo reply");
        assertEquals(77, NetworkBytes.getU16(reply, 26), "to the last ping");
    }
}
