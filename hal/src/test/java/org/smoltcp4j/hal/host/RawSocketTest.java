package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.WireStatus;

/**
 * A raw socket on one end of a veth pair between two namespaces the test creates; the socket is
 * opened inside namespace "ours" with {@link NamespaceThread} (needs root).
 */
class RawSocketTest {

    private static final long SECOND = 1_000_000;
    private static final int OUR_IP = Ipv4Address.of(192, 168, 70, 1);
    private static final int PEER_IP = Ipv4Address.of(192, 168, 70, 2);
    private static final long OUR_MAC = MacAddress.of(2, 0, 0, 0, 0x70, 1);
    private static final long PEER_MAC = MacAddress.of(2, 0, 0, 0, 0x70, 2);

    private NetworkNamespace ours;
    private NetworkNamespace theirs;
    private RawSocket socket;

    @BeforeEach
    void connect() throws Exception {
        ours = NetworkNamespace.create("rawus");
        theirs = NetworkNamespace.create("rawthem");
        NetworkNamespace.connect(ours, "s4jveth0", theirs, "s4jveth1");
        theirs.run("ip", "link", "set", "s4jveth1", "address", "02:00:00:00:70:02");
        theirs.run("ip", "addr", "add", "192.168.70.2/24", "dev", "s4jveth1");
        socket = NamespaceThread.call(ours.name(), () -> RawSocket.open("s4jveth0"));
    }

    @AfterEach
    void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        theirs.close();
        ours.close();
    }

    @Test
    void isAnEthernetDeviceNamedAfterItsInterface() {
        assertEquals(Medium.ETHERNET, socket.capabilities().medium());
        assertEquals(1514, socket.capabilities().mtu());
        assertEquals("s4jveth0", socket.name());
    }

    @Test
    void arpRequestOfThePeerArrives() throws IOException {
        theirs.start("ping", "-c", "1", "-W", "1", "192.168.70.1");
        EthernetRepr ethernet = new EthernetRepr();
        ArpRepr arp = new ArpRepr();
        assertTrue(KernelPeer.awaitFrame(socket, 3 * SECOND, (buffer, offset, length) -> {
            EthernetFrame frame = new EthernetFrame().wrap(buffer, offset, length);
            return ethernet.parse(frame) == WireStatus.OK && ethernet.etherType() == EtherType.ARP
                    && arp.parse(new ArpPacket().wrap(buffer, frame.payloadOffset(), frame.payloadLength())) == WireStatus.OK
                    && arp.senderHardwareAddress() == PEER_MAC && arp.targetProtocolAddress() == OUR_IP;
        }), "no ARP request for 192.168.70.1 on the veth");
    }

    @Test
    void echoRequestWeWriteIsAnsweredAndOurOwnFrameIsNotReadBack() throws IOException {
        theirs.run("ip", "neigh", "add", "192.168.70.1", "lladdr", "02:00:00:00:70:01", "dev", "s4jveth1");
        IcmpEchoFrames echo = new IcmpEchoFrames();
        assertTrue(socket.prepareTransmit(0, 1514));
        socket.commitTransmit(echo.writeEthernet(socket.transmitBuffer(), 0, OUR_MAC, PEER_MAC, OUR_IP, PEER_IP, 79, 3, 16));
        int[] ownFrames = new int[1];
        assertTrue(KernelPeer.awaitFrame(socket, 3 * SECOND, (buffer, offset, length) -> {
            if (new EthernetFrame().wrap(buffer, offset, length).source() == OUR_MAC) {
                ownFrames[0]++;
            }
            return echo.echoReplySequenceOfEthernet(buffer, offset, length, 79) == 3;
        }), "no echo reply from 192.168.70.2");
        assertEquals(0, ownFrames[0], "our own request was read back");
        assertEquals(0, socket.transmitErrors());
    }

    @Test
    void missingInterfaceIsNamed() {
        IOException missing = assertThrows(IOException.class, () -> RawSocket.open("s4jnosuch0"));
        assertEquals("cannot open a raw socket on interface 's4jnosuch0': no such interface (ENODEV 19)", missing.getMessage());
    }

    @Test
    void missingNamespaceIsNamed() {
        IOException missing = assertThrows(IOException.class, () -> NamespaceThread.call("s4j-nosuch", () -> 1));
        assertEquals("cannot open network namespace /var/run/netns/s4j-nosuch: no such file or directory (ENOENT 2)",
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NamespaceThread.call("../etc", () -> 1));
    }
}
