package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.WireStatus;

/** A TUN device (raw IP) against Linux in a namespace the test creates (needs root). */
class TunInterfaceTest {

    private static final long SECOND = 1_000_000;

    private final IcmpEchoFrames echo = new IcmpEchoFrames();
    private KernelPeer peer;

    @BeforeEach
    void openTun() throws IOException {
        peer = KernelPeer.tun();
    }

    @AfterEach
    void closeTun() throws IOException {
        peer.close();
    }

    @Test
    void isAnIpDeviceWithTheInterfaceMtu() {
        assertEquals(Medium.IP, peer.device.capabilities().medium());
        assertEquals(1500, peer.device.capabilities().mtu());
    }

    @Test
    void pingFromTheNamespaceArrivesAsAnIpv4PacketWeRead() throws IOException {
        peer.namespace.start("ping", "-c", "1", "-W", "1", "192.168.69.1");
        Ipv4Repr ip = new Ipv4Repr();
        Icmpv4Repr icmp = new Icmpv4Repr();
        assertTrue(peer.awaitFrame(3 * SECOND, (buffer, offset, length) -> {
            Ipv4Packet packet = new Ipv4Packet().wrap(buffer, offset, length);
            return ip.parse(packet, true) == WireStatus.OK && ip.protocol() == IpProtocol.ICMP
                    && ip.source() == KernelPeer.PEER_IP && ip.destination() == KernelPeer.OUR_IP
                    && icmp.parse(new Icmpv4Packet().wrap(buffer, packet.payloadOffset(), packet.payloadLength()), true) == WireStatus.OK
                    && icmp.type() == Icmpv4Packet.TYPE_ECHO_REQUEST;
        }), "no echo request from 192.168.69.100");
    }

    @Test
    void echoRequestWeWriteIsSeenByTcpdumpAndAnswered() throws Exception {
        KernelPeer.Capture capture = peer.startCapture("icmp");
        peer.send((buffer, offset) -> echo.writeIp(buffer, offset, KernelPeer.OUR_IP, KernelPeer.PEER_IP, 78, 9, 16));
        assertTrue(peer.awaitFrame(3 * SECOND, (buffer, offset, length) -> echo.echoReplySequenceOfIp(buffer, offset, length, 78) == 9),
                "no echo reply from 192.168.69.100");
        String output = capture.output();
        assertTrue(output.contains("192.168.69.1 > 192.168.69.100: ICMP echo request, id 78, seq 9"), output);
    }

    @Test
    void packetTheKernelRefusesIsCountedAsLost() {
        // Not IPv4 or IPv6 (version nibble 0): tun refuses the write with EINVAL.
        peer.send((buffer, offset) -> {
            for (int i = 0; i < 40; i++) {
                buffer[offset + i] = 0;
            }
            return 40;
        });
        assertEquals(1, peer.device.transmitErrors());
        assertEquals(Errno.EINVAL, peer.device.lastErrno());
    }
}
