package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.hal.EthernetMacDevice;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;

/**
 * The board's Ethernet path on the host (issue 8, "mocks"): our interface runs on
 * {@link EthernetMacDevice}, whose {@code EthernetMac} is the host mock (the mock jar comes first on
 * this module's test class path) attached to the TAP of {@link LinuxPeer}; Linux in the namespace
 * pings us, exchanges UDP datagrams with our echo server and lines with our TCP line reverser. The
 * firmware-level test (the firmware's main loop on the host-tap board) builds on the same path.
 * Every Linux command is bounded by its own count and timeouts; {@link LinuxPeer#close} judges the
 * capture (taken between the TAP and the mock, and above the adapter).
 */
class MockEthernetAgainstLinuxTest {

    private static final int UDP_ECHO_PORT = 7;
    private static final int TCP_ECHO_PORT = 6970;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;
    private LinuxPeer peer;
    private EthernetMacDevice mac;

    @BeforeEach
    void startPeer() throws Exception {
        peer = LinuxPeer.start(directory, 4, tap -> {
            MockBackends.attachEthernet(tap);
            mac = new EthernetMacDevice(LinuxPeer.OUR_MAC, 0);
            return mac;
        });
    }

    @AfterEach
    void closePeer() throws Exception {
        try {
            peer.close();
        } finally {
            MockBackends.detachAll();
        }
    }

    @Test
    void linuxPingsAreAnsweredThroughTheMockedMac() throws Exception {
        String output = peer.namespace().run("ping", "-n", "-c", "20", "-i", "0.01", "-w", "10", "192.168.69.1");
        assertTrue(output.contains("20 packets transmitted, 20 received, 0% packet loss"), output);
        long[] statistics = peer.onLoop(() -> new long[] {mac.statistic(EthernetMac.STAT_RX_FRAMES),
                mac.statistic(EthernetMac.STAT_TX_FRAMES), mac.receiveErrors() + mac.transmitErrors()});
        assertTrue(statistics[0] >= 20 && statistics[1] >= 20, "frames counted by the mocked MAC: " + statistics[0] + " in, "
                + statistics[1] + " out");
        assertEquals(0, statistics[2], "driver errors");
    }

    @Test
    void udpDatagramsFromLinuxAreEchoed() throws Exception {
        UdpSocket server = new UdpSocket(8, 8192, 8, 8192);
        server.bind(UDP_ECHO_PORT);
        byte[] scratch = new byte[1500];
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(() -> {
            while (server.canRecv() && server.canSend()) {
                int length = server.recv(scratch, 0, scratch.length);
                server.send(scratch, 0, length, server.remoteAddress(), server.remotePort());
            }
        });
        for (int i = 0; i < 10; i++) {
            String datagram = "datagram-" + i + "-through-the-mock";
            String reply = peer.namespace().run("sh", "-c",
                    "printf " + datagram + " | socat -T 3 - UDP:192.168.69.1:" + UDP_ECHO_PORT);
            assertEquals(datagram, reply);
        }
    }

    @Test
    void tcpLinesFromLinuxComeBackReversed() throws Exception {
        TcpSocket server = new TcpSocket(8192, 8192, 1);
        server.listen(TCP_ECHO_PORT);
        LineReverser reverser = new LineReverser(server);
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(reverser::step);

        String reply = peer.namespace().run("sh", "-c",
                "printf 'first line\\nsecond line\\n' | socat -t 5 -T 5 - TCP:192.168.69.1:" + TCP_ECHO_PORT);
        assertEquals("enil tsrif\nenil dnoces\n", reply);
    }
}
