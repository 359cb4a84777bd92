package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;

/** Two UDP frame links facing each other on 127.0.0.1. */
class UdpFrameLinkTest {

    private UdpFrameLink a;
    private UdpFrameLink b;

    @BeforeEach
    void connect() throws IOException {
        a = new UdpFrameLink(0, 9); // remote fixed below, once b's port is known
        int portA = a.localPort();
        a.close();
        b = new UdpFrameLink(0, portA);
        a = new UdpFrameLink(portA, b.localPort());
    }

    @AfterEach
    void close() throws IOException {
        a.close();
        b.close();
    }

    @Test
    void isAnEthernetDevice() {
        assertEquals(Medium.ETHERNET, a.capabilities().medium());
        assertEquals(UdpFrameLink.DEFAULT_MTU, a.capabilities().mtu());
    }

    @Test
    void framesRoundTripBothWays() {
        byte[] frame = new byte[60];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 7);
        }
        send(a, frame);
        assertArrayEquals(frame, receive(b));
        frame[0] = 42;
        send(b, frame);
        assertArrayEquals(frame, receive(a));
        assertEquals(0, a.receive(0));
    }

    @Test
    void roundTripAllocatesNothing() {
        int[] received = new int[1];
        AllocationProbe.assertAllocationFree("UDP link transmit and receive", () -> {
            a.prepareTransmit(0, 64);
            a.commitTransmit(64);
            for (int attempt = 0; attempt < 100_000; attempt++) {
                if (b.receive(0) > 0) {
                    b.releaseReceive();
                    received[0]++;
                    break;
                }
            }
        });
        assertTrue(received[0] > 0, "no frame received during the probe");
    }

    @Test
    void sendingToAClosedPortIsCountedNotThrown() throws IOException {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (UdpFrameLink lonely = new UdpFrameLink(0, closedPort)) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (lonely.receiveErrors() + lonely.transmitErrors() == 0 && System.nanoTime() < deadline) {
                send(lonely, new byte[60]);
                assertEquals(0, lonely.receive(0));
            }
            assertTrue(lonely.receiveErrors() + lonely.transmitErrors() > 0, "the ICMP port unreachable was never reported");
        }
    }

    @Test
    void portsOutOfRangeAreRefused() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new UdpFrameLink(0, 0));
        assertEquals("local port must be 0..65535 and remote port 1..65535, got 0 and 0", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UdpFrameLink(70_000, 1));
    }

    private static void send(UdpFrameLink link, byte[] frame) {
        assertTrue(link.prepareTransmit(0, frame.length));
        System.arraycopy(frame, 0, link.transmitBuffer(), link.transmitOffset(), frame.length);
        link.commitTransmit(frame.length);
    }

    /** Polls (loopback delivery is asynchronous) for at most 2 s. */
    private static byte[] receive(UdpFrameLink link) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            int length = link.receive(0);
            if (length > 0) {
                byte[] frame = Arrays.copyOfRange(link.receiveBuffer(), link.receiveOffset(), link.receiveOffset() + length);
                link.releaseReceive();
                return frame;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no frame within 2 s");
    }
}
