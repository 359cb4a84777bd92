package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.WireStatus;

/** A TAP device against Linux in a namespace the test creates (needs root). */
class TapInterfaceTest {

    private static final long SECOND = 1_000_000;

    private final IcmpEchoFrames echo = new IcmpEchoFrames();
    private KernelPeer peer;

    @BeforeEach
    void openTap() throws IOException {
        peer = KernelPeer.tap();
    }

    @AfterEach
    void closeTap() throws IOException {
        peer.close();
    }

    @Test
    void isAnEthernetDeviceWithTheInterfaceMtu() {
        assertEquals(Medium.ETHERNET, peer.device.capabilities().medium());
        assertEquals(1514, peer.device.capabilities().mtu());
        assertTrue(peer.device.name().startsWith("s4jtap"), peer.device.name());
    }

    @Test
    void linuxArpRequestArrivesAsAFrameWeRead() throws IOException {
        peer.namespace.start("ping", "-c", "1", "-W", "1", "192.168.69.1");
        EthernetRepr ethernet = new EthernetRepr();
        ArpRepr arp = new ArpRepr();
        assertTrue(peer.awaitFrame(3 * SECOND, (buffer, offset, length) -> {
            EthernetFrame frame = new EthernetFrame().wrap(buffer, offset, length);
            return ethernet.parse(frame) == WireStatus.OK && ethernet.etherType() == EtherType.ARP
                    && ethernet.source() == KernelPeer.PEER_MAC
                    && arp.parse(new ArpPacket().wrap(buffer, frame.payloadOffset(), frame.payloadLength())) == WireStatus.OK
                    && arp.operation() == ArpPacket.OPERATION_REQUEST
                    && arp.senderProtocolAddress() == KernelPeer.PEER_IP
                    && arp.targetProtocolAddress() == KernelPeer.OUR_IP;
        }), "no ARP request for 192.168.69.1 from the namespace");
    }

    @Test
    void gratuitousArpWeWriteIsSeenByTcpdump() throws Exception {
        KernelPeer.Capture capture = peer.startCapture("arp");
        peer.send((buffer, offset) -> {
            new EthernetRepr().setSource(KernelPeer.OUR_MAC).setDestination(MacAddress.BROADCAST).setEtherType(EtherType.ARP)
                    .emit(new EthernetFrame().wrap(buffer, offset, EthernetFrame.HEADER_LEN));
            new ArpRepr().set(ArpPacket.OPERATION_REQUEST, KernelPeer.OUR_MAC, KernelPeer.OUR_IP, MacAddress.UNSPECIFIED, KernelPeer.OUR_IP)
                    .emit(new ArpPacket().wrap(buffer, offset + EthernetFrame.HEADER_LEN, ArpPacket.ETHERNET_IPV4_LEN));
            return EthernetFrame.HEADER_LEN + ArpPacket.ETHERNET_IPV4_LEN;
        });
        String output = capture.output();
        assertTrue(output.contains("ARP, Request who-has 192.168.69.1") && output.contains("tell 192.168.69.1"), output);
    }

    @Test
    void echoRequestWeWriteIsSeenByTcpdumpAndAnswered() throws Exception {
        peer.addStaticNeighbour();
        KernelPeer.Capture capture = peer.startCapture("icmp");
        peer.send((buffer, offset) -> echo.writeEthernet(buffer, offset, KernelPeer.OUR_MAC, KernelPeer.PEER_MAC,
                KernelPeer.OUR_IP, KernelPeer.PEER_IP, 77, 5, 16));
        assertTrue(peer.awaitFrame(3 * SECOND,
                (buffer, offset, length) -> echo.echoReplySequenceOfEthernet(buffer, offset, length, 77) == 5),
                "no echo reply from 192.168.69.100");
        String output = capture.output();
        assertTrue(output.contains("192.168.69.1 > 192.168.69.100: ICMP echo request, id 77, seq 5"), output);
    }

    @Test
    void receiveWithNothingWaitingAllocatesNothing() {
        FileDescriptorDevice tap = peer.device;
        AllocationProbe.assertAllocationFree("TAP receive with no frame waiting", () -> {
            if (tap.receive(1) > 0) {
                tap.releaseReceive();
            }
        });
    }

    /**
     * Steady state of both paths with real frames: each run writes an echo request and reads
     * Linux's reply. Counting the replies proves the probe measured frames actually received.
     */
    @Test
    void echoRoundTripAllocatesNothing() throws IOException {
        peer.addStaticNeighbour();
        FileDescriptorDevice tap = peer.device;
        int[] counts = new int[2];
        AllocationProbe.assertAllocationFree("TAP transmit of an echo request and receive of its reply", () -> {
            tap.prepareTransmit(0, tap.capabilities().mtu());
            tap.commitTransmit(echo.writeEthernet(tap.transmitBuffer(), tap.transmitOffset(), KernelPeer.OUR_MAC,
                    KernelPeer.PEER_MAC, KernelPeer.OUR_IP, KernelPeer.PEER_IP, 1, counts[0] & 0xffff, 16));
            counts[0]++;
            for (int attempt = 0; attempt < 10 && tap.waitReadable(100_000); attempt++) {
                int length = tap.receive(0);
                if (length > 0) {
                    boolean reply = echo.echoReplySequenceOfEthernet(tap.receiveBuffer(), 0, length, 1) >= 0;
                    tap.releaseReceive();
                    if (reply) {
                        counts[1]++;
                        break;
                    }
                }
            }
        });
        assertTrue(counts[1] > counts[0] * 99L / 100, counts[1] + " replies to " + counts[0] + " requests");
    }

    @Test
    void secondOpenOfTheSameNameIsBusy() throws IOException {
        // The kernel side is in the namespace now; a new TAP of the same name in the host namespace
        // would be a different interface, so use a TAP still in the host namespace.
        try (TapInterface first = TapInterface.open("s4jbusy%d")) {
            IOException busy = assertThrows(IOException.class, () -> TapInterface.open(first.name()));
            assertTrue(busy.getMessage().contains("cannot create TAP interface '" + first.name() + "'")
                    && busy.getMessage().contains("device busy") && busy.getMessage().contains("(EBUSY 16)"), busy.getMessage());
            IOException otherKind = assertThrows(IOException.class, () -> TunInterface.open(first.name()));
            assertTrue(otherKind.getMessage().contains("EINVAL 22") || otherKind.getMessage().contains("EBUSY 16"), otherKind.getMessage());
        }
    }

    @Test
    void invalidNamesAreRefused() {
        IOException slash = assertThrows(IOException.class, () -> TapInterface.open("bad/name"));
        assertEquals("cannot create TAP interface 'bad/name': invalid argument (bad interface name, "
                + "or an existing interface of the other kind) (EINVAL 22)", slash.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> TapInterface.open("sixteen-chars-xx"));
        assertEquals("interface name must be 1 to 15 characters, got 'sixteen-chars-xx' (16)", tooLong.getMessage());
    }

    @Test
    void closedDeviceRefusesUse() throws IOException {
        TapInterface tap = TapInterface.open("s4jshut%d");
        tap.close();
        tap.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> tap.receive(0));
        assertEquals("device " + tap.name() + " is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> tap.waitReadable(0));
    }

    /**
     * Room is not asked for each frame: the first frame is taken, the kernel refuses it (EIO: the
     * interface is down), and it is kept, not lost, so there is no room until it has gone.
     */
    @Test
    void interfaceThatIsDownKeepsTheRefusedFrameAndHasNoRoom() throws IOException {
        try (TapInterface down = TapInterface.open("s4jdown%d", 1280)) {
            assertEquals(1280 + 14, down.capabilities().mtu());
            assertEquals(true, down.prepareTransmit(0, 60));
            down.commitTransmit(60);
            assertEquals(false, down.prepareTransmit(0, 60));
            assertEquals(false, down.prepareTransmit(0, 60));
            assertEquals(0, down.transmitErrors());
            assertEquals(0, down.receive(0));
        }
    }

    @Test
    void waitReadableTimesOutWhenNothingArrives() {
        assertEquals(false, peer.device.waitReadable(1000));
        assertThrows(IllegalArgumentException.class, () -> peer.device.waitReadable(-1));
    }

    @Test
    void addressesAreInsideTheNamespaceOnly() throws IOException {
        assertTrue(peer.namespace.run("ip", "-4", "addr", "show", "dev", peer.device.name()).contains(KernelPeer.PEER_CIDR));
        assertEquals(Ipv4Address.of(192, 168, 69, 100), KernelPeer.PEER_IP);
    }
}
