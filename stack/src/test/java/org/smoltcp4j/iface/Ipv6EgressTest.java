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
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/** {@link Egress#beginIpv6}: source choice, link addresses, refusals, and the {@link LinkAdapter} seam. */
class Ipv6EgressTest {

    private static final long GLOBAL = 0x2001_0db8_0000_0000L;

    private final Counters counters = new Counters();
    private final Ipv6Routing routing6 = new Ipv6Routing(3, 2);
    private final NeighborCache neighbors = new NeighborCache(4, 60_000_000L, 1_000_000L);
    private final List<long[]> solicited = new ArrayList<>();
    private TestingDevice device;
    private Egress egress;

    private Egress egress(int medium, InterfaceConfig config) {
        DeviceCapabilities capabilities = new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0);
        device = new TestingDevice(capabilities);
        egress = new Egress(capabilities, config.hardwareAddress(OUR_MAC), new Ipv4Routing(1, 1), routing6, neighbors, counters);
        egress.useSolicitor((high, low) -> solicited.add(new long[] {high, low}));
        egress.begin(device, 0);
        routing6.addAddress(LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, 64);
        routing6.addAddress(ULA_HIGH, OUR_LOW, 64);
        return egress;
    }

    private Egress ethernet() {
        return egress(Medium.ETHERNET, new InterfaceConfig());
    }

    private int send(long destinationHigh, long destinationLow, byte[] payload) {
        int status = egress.beginIpv6(0, 0, destinationHigh, destinationLow, IpProtocol.UDP, 7, payload.length);
        if (status == PacketEmitter.OK) {
            System.arraycopy(payload, 0, egress.buffer(), egress.payloadOffset(), payload.length);
            egress.commit();
        }
        return status;
    }

    @Test
    void multicastGoesToThirtyThreeThirtyThreeAndTheLowGroupBitsFromTheLinkLocalAddress() {
        ethernet();
        assertEquals(PacketEmitter.OK, send(0xff02_0000_0000_0000L, 0x0000_0001_ff12_3456L, new byte[] {1, 2}));
        byte[] frame = device.drainTransmitted().get(0);
        assertEquals(0x3333_ff12_3456L, NetworkBytes.getU48(frame, 0));
        assertEquals(OUR_MAC, NetworkBytes.getU48(frame, 6));
        assertEquals(0x86dd, NetworkBytes.getU16(frame, 12));
        byte[] expected = Ipv6Fixture.ipv6(LINK_LOCAL_HIGH, OUR_LINK_LOCAL_LOW, 0xff02_0000_0000_0000L, 0x0000_0001_ff12_3456L,
                IpProtocol.UDP, 7, new byte[] {1, 2});
        assertArrayEquals(expected, Arrays.copyOfRange(frame, 14, frame.length));
    }

    @Test
    void resolvedUnicastGoesStraightToTheDeviceFromTheMatchingPrefix() {
        ethernet();
        neighbors.fill(ULA_HIGH, PEER_LOW, PEER_MAC, 0);
        assertEquals(PacketEmitter.OK, egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, IpProtocol.UDP, 64, 0));
        assertEquals(ULA_HIGH, egress.sourceHigh());
        assertEquals(OUR_LOW, egress.sourceLow());
        assertEquals(Ipv4Address.UNSPECIFIED, egress.source());
        assertEquals(device.transmitOffset() + 14 + 40, egress.payloadOffset());
        egress.commit();
        byte[] frame = device.drainTransmitted().get(0);
        assertEquals(PEER_MAC, NetworkBytes.getU48(frame, 0));
        assertEquals(1, counters.get(Counters.TX_FRAMES));
    }

    @Test
    void unresolvedUnicastIsParkedAndSolicitedThenSentWhenAdvertised() {
        ethernet();
        assertEquals(PacketEmitter.OK, send(ULA_HIGH, PEER_LOW, new byte[] {9}));
        assertEquals(1, solicited.size());
        assertArrayEquals(new long[] {ULA_HIGH, PEER_LOW}, solicited.get(0));
        assertEquals(List.of(), device.drainTransmitted());
        neighbors.fill(ULA_HIGH, PEER_LOW, PEER_MAC, 0);
        assertTrue(egress.flush());
        byte[] frame = device.drainTransmitted().get(0);
        assertEquals(0x86dd, NetworkBytes.getU16(frame, 12), "the parked packet keeps its family");
        assertEquals(PEER_MAC, NetworkBytes.getU48(frame, 0));
    }

    @Test
    void unresolvedUnicastWithNoFreeSlotIsRefusedNamingTheNextHop() {
        egress(Medium.ETHERNET, new InterfaceConfig().pendingPacketSlots(0));
        routing6.addRoute(0, 0, 0, LINK_LOCAL_HIGH, 1);
        assertEquals(PacketEmitter.NEIGHBOR_PENDING, send(GLOBAL, 5, new byte[0]));
        assertEquals(LINK_LOCAL_HIGH, egress.refusedNeighborHigh());
        assertEquals(1, egress.refusedNeighborLow(), "the gateway is the next hop");
        assertArrayEquals(new long[] {LINK_LOCAL_HIGH, 1}, solicited.get(0));
    }

    @Test
    void packetsOverTheMtuAreTooLargeEvenForTcpWithSegmentationOffload() {
        ethernet();
        neighbors.fill(ULA_HIGH, PEER_LOW, PEER_MAC, 0);
        device.capabilities().setTcpSegmentationLimit(65535);
        assertEquals(PacketEmitter.OK, egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, IpProtocol.UDP, 64, 1500 - 40));
        egress.abort();
        assertEquals(PacketEmitter.TOO_LARGE, egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, IpProtocol.UDP, 64, 1500 - 40 + 1));
        assertEquals(PacketEmitter.TOO_LARGE, egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, IpProtocol.TCP, 64, 4000));
        assertEquals(2, counters.get(Counters.TX_TOO_LARGE));
    }

    @Test
    void noSourceNoRouteAndForeignSourceAreRefused() {
        ethernet();
        assertEquals(PacketEmitter.NO_ROUTE, send(GLOBAL, 1, new byte[0]), "no route to a global address");
        assertEquals(PacketEmitter.NO_ROUTE, egress.beginIpv6(ULA_HIGH, 9, ULA_HIGH, PEER_LOW, IpProtocol.UDP, 64, 0), "not our address");
        routing6.removeAddress(ULA_HIGH, OUR_LOW);
        routing6.addRoute(0, 0, 0, LINK_LOCAL_HIGH, 1);
        assertEquals(PacketEmitter.NO_ROUTE, send(GLOBAL, 1, new byte[0]), "only a link-local address for a global destination");
        assertEquals(3, counters.get(Counters.TX_NO_ROUTE));
    }

    @Test
    void ipMediumHasNoLinkHeader() {
        egress(Medium.IP, new InterfaceConfig());
        assertEquals(PacketEmitter.OK, send(ULA_HIGH, PEER_LOW, new byte[] {1}));
        byte[] packet = device.drainTransmitted().get(0);
        assertEquals(41, packet.length);
        assertEquals(0x60, packet[0] & 0xf0);
    }

    /** An egress on the IP medium with 10.0.0.1/24 and fdbe::1/64. */
    private Egress dualStackOnIp() {
        DeviceCapabilities capabilities = new DeviceCapabilities(Medium.IP, 1500, 0);
        Ipv4Routing routing = new Ipv4Routing(1, 1);
        routing.addAddress(Ipv4Address.of(10, 0, 0, 1), 24);
        routing6.addAddress(ULA_HIGH, OUR_LOW, 64);
        egress = new Egress(capabilities, new InterfaceConfig(), routing, routing6, neighbors, counters);
        device = new TestingDevice(capabilities);
        egress.begin(device, 0);
        return egress;
    }

    @Test
    void afterBeginIpv4TheSourceIsGivenMapped() {
        Egress v4 = dualStackOnIp();
        assertEquals(PacketEmitter.OK, v4.beginIpv4(0, Ipv4Address.of(10, 0, 0, 2), IpProtocol.UDP, 64, 0));
        assertEquals(0, v4.sourceHigh());
        assertEquals(Ipv6Address.ipv4MappedLow(Ipv4Address.of(10, 0, 0, 1)), v4.sourceLow());
        v4.abort();
    }

    /** A raw socket's whole IPv4 packet must not leave its "whole packet" mode to the IPv6 packet lent next. */
    @Test
    void anIpv6PacketAfterAWholeIpv4PacketHasItsPayloadAfterTheHeader() {
        dualStackOnIp();
        assertEquals(PacketEmitter.OK, egress.beginIpv4Packet(Ipv4Address.of(10, 0, 0, 2), 20));
        egress.abort();
        assertEquals(PacketEmitter.OK, send(ULA_HIGH, PEER_LOW, new byte[] {1, 2, 3}));
        assertArrayEquals(Ipv6Fixture.ipv6(ULA_HIGH, OUR_LOW, ULA_HIGH, PEER_LOW, IpProtocol.UDP, 7, new byte[] {1, 2, 3}),
                device.drainTransmitted().get(0));
    }

    @Test
    void icmpv6ChecksumOffloadIsHonoured() {
        ethernet();
        assertTrue(egress.checksumBySoftware(IpProtocol.ICMPV6));
        device.capabilities().setChecksum(DeviceCapabilities.PROTOCOL_ICMPV6, DeviceCapabilities.CHECKSUM_RX);
        assertFalse(egress.checksumBySoftware(IpProtocol.ICMPV6));
    }

    @Test
    void misuseIsRefusedWithAMessage() {
        ethernet();
        assertEquals("hop limit must be 1..255, payload length 0..65535 and next header 0..255, got 0, 0, 17",
                assertThrows(IllegalArgumentException.class, () -> egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, 17, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, 17, 64, 65536));
        assertThrows(IllegalArgumentException.class, () -> egress.beginIpv6(0, 0, ULA_HIGH, PEER_LOW, 256, 64, 0));
        assertEquals("no packet buffer is lent: call beginIpv4 or beginIpv6 first",
                assertThrows(IllegalStateException.class, () -> egress.sourceHigh()).getMessage());
    }

    // --- the LinkAdapter seam (6LoWPAN) ------------------------------------------------------------

    /** Records what it is given; "sends" one frame per flush while it has a packet. */
    private static final class RecordingAdapter implements LinkAdapter {
        final List<byte[]> packets = new ArrayList<>();
        final List<Long> destinations = new ArrayList<>();
        boolean sending;
        int flushes;

        @Override
        public boolean isSending() {
            return sending;
        }

        @Override
        public void send(byte[] packet, int off, int len, long linkDestination) {
            packets.add(Arrays.copyOfRange(packet, off, off + len));
            destinations.add(linkDestination);
            sending = true;
        }

        @Override
        public boolean flush(Device device, long now) {
            flushes++;
            return sending;
        }

        @Override
        public long linkDestinationFor(long high, long low) {
            return Ipv6Address.isMulticast(high) ? 0xffff : low ^ 0x0200_0000_0000_0000L;
        }
    }

    @Test
    void withALinkAdapterEveryIpv6PacketIsStagedWholeAndHandedOverAtCommit() {
        egress(Medium.IP, new InterfaceConfig());
        RecordingAdapter adapter = new RecordingAdapter();
        egress.useLinkAdapter(adapter, new byte[1280]);
        assertEquals(1280, egress.ipv6Mtu());
        assertEquals(PacketEmitter.OK, send(LINK_LOCAL_HIGH, 0x0212_4b00_0001_0203L, new byte[] {4, 5}));
        assertEquals(List.of(), device.drainTransmitted(), "the adapter makes the frames");
        assertEquals(1, adapter.packets.size());
        assertEquals(42, adapter.packets.get(0).length);
        assertEquals(0x0012_4b00_0001_0203L, adapter.destinations.get(0), "derived from the interface identifier");
        assertEquals(1, adapter.flushes, "the adapter starts sending at once");

        assertEquals(PacketEmitter.DEVICE_BUSY, send(LINK_LOCAL_HIGH, 7, new byte[0]), "one packet at a time");
        assertTrue(egress.flush());
        adapter.sending = false;
        neighbors.fill(LINK_LOCAL_HIGH, 7, 0xbeef, 0);
        assertEquals(PacketEmitter.OK, send(LINK_LOCAL_HIGH, 7, new byte[0]));
        assertEquals(0xbeef, adapter.destinations.get(1), "learned from received frames");
        adapter.sending = false;
        assertEquals(PacketEmitter.OK, send(0xff02_0000_0000_0000L, 1, new byte[0]));
        assertEquals(0xffff, adapter.destinations.get(2));
        adapter.sending = false;
        assertEquals(PacketEmitter.TOO_LARGE, send(LINK_LOCAL_HIGH, 7, new byte[1280 - 40 + 1]));
    }
}
