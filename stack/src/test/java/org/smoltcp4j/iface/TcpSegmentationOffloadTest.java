package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.smoltcp4j.iface.Ipv4Fixture.OTHER_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.IpProtocol;

/**
 * A device that declares TCP segmentation offload gets TCP packets up to its limit whole; every
 * other packet over the MTU is still fragmented, and without the capability nothing changes.
 */
class TcpSegmentationOffloadTest {

    private static final int BIG = 20000;

    private static Ipv4Fixture fixture(int segmentationLimit) {
        Ipv4Fixture f = new Ipv4Fixture(Medium.ETHERNET, new InterfaceConfig().fragmentationBufferSize(BIG));
        f.device.capabilities().setTcpSegmentationLimit(segmentationLimit);
        f.learnPeer(0);
        return f;
    }

    @Test
    void aTcpPacketUpToTheLimitGoesToTheDeviceWhole() {
        Ipv4Fixture f = fixture(0xffff);
        f.sockets.add(ScriptedSocket.of(PEER_IP, IpProtocol.TCP, BIG).queue(1));
        List<byte[]> out = f.pollIp(0);
        assertEquals(1, out.size());
        assertEquals(BIG, out.get(0).length);
        assertEquals(0, f.counter(Counters.TX_FRAGMENTS));
    }

    @Test
    void otherProtocolsAndDevicesWithoutTheCapabilityStillFragment() {
        Ipv4Fixture offloading = fixture(0xffff);
        offloading.sockets.add(ScriptedSocket.of(PEER_IP, IpProtocol.UDP, BIG).queue(1));
        assertEquals(14, offloading.pollIp(0).size(), "20000 bytes in pieces of at most 1480 data bytes");
        Ipv4Fixture plain = fixture(0);
        plain.sockets.add(ScriptedSocket.of(PEER_IP, IpProtocol.TCP, BIG).queue(1));
        assertEquals(14, plain.pollIp(0).size());
        assertEquals(14, plain.counter(Counters.TX_FRAGMENTS));
    }

    @Test
    void anOffloadSizedPacketToAnUnresolvedNeighbourWaitsInTheSocket() {
        Ipv4Fixture f = fixture(0xffff);
        ScriptedSocket socket = ScriptedSocket.of(OTHER_IP, IpProtocol.TCP, BIG).queue(1);
        f.sockets.add(socket);
        List<byte[]> out = f.poll(0);
        assertEquals(1, out.size(), "only the ARP request");
        assertEquals(PacketEmitter.NEIGHBOR_PENDING, socket.lastStatus);
        assertEquals(1, socket.queued, "no pending slot holds more than the MTU: the socket keeps it");
    }

    @Test
    void theLimitIsBetweenTheIpMtuAndTheLargestIpPacket() {
        DeviceCapabilities capabilities = new DeviceCapabilities(Medium.ETHERNET, 1514, 0);
        assertEquals(1500, capabilities.tcpSegmentationLimit());
        assertEquals(1514, capabilities.maxTransmitLength());
        assertEquals(0xffff, capabilities.setTcpSegmentationLimit(0xffff).tcpSegmentationLimit());
        assertEquals(0xffff + 14, capabilities.maxTransmitLength());
        assertEquals(1500, capabilities.setTcpSegmentationLimit(0).tcpSegmentationLimit());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> capabilities.setTcpSegmentationLimit(1499));
        assertEquals("TCP segmentation limit must be 0 (none) or 1500..65535 bytes, got 1499", small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> capabilities.setTcpSegmentationLimit(0x10000));
    }
}
