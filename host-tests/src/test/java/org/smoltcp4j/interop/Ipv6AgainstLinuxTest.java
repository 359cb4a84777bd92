package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.Tshark;

/**
 * IPv6 on our interface against the Linux kernel through a TAP: Linux pings our link-local and
 * ULA addresses (unicast and all-nodes), resolves us with Neighbor Discovery and is resolved by
 * us, and gets our ICMPv6 errors. Every command is bounded in count and time; {@link LinuxPeer}
 * deletes the namespace and has tshark judge the whole capture, and each test checks that every
 * ICMPv6 message we sent carries a good checksum.
 */
class Ipv6AgainstLinuxTest {

    private static final long PEER_ULA_HIGH = LinuxPeer.ULA_HIGH;
    private static final long PEER_ULA_LOW = 0x100;
    private static final int ECHO_PORT = 6969;
    private static final int REVERSE_PORT = 6970;
    private static final int LINUX_PORT = 7777;
    private static final int BUFFER = 8192;

    @TempDir
    Path directory;
    private LinuxPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = LinuxPeer.startWithIpv6(directory, 4);
    }

    @AfterEach
    void closePeer() throws Exception {
        peer.close();
    }

    private String ping6(String destination, int count, String... options) throws Exception {
        String[] command = new String[8 + options.length];
        command[0] = "ping";
        command[1] = "-6";
        command[2] = "-n";
        command[3] = "-c";
        command[4] = Integer.toString(count);
        System.arraycopy(options, 0, command, 5, options.length);
        command[5 + options.length] = "-w";
        command[6 + options.length] = "10";
        command[7 + options.length] = destination;
        return peer.namespace().run(command);
    }

    @Test
    void linuxPingsOurLinkLocalAddress() throws Exception {
        String output = ping6(LinuxPeer.OUR_LINK_LOCAL_TEXT + "%" + peer.link(), 5, "-i", "0.05");
        assertTrue(output.contains("5 packets transmitted, 5 received, 0% packet loss"), output);
        assertOurIcmpv6IsGood();
    }

    @Test
    void linuxPingsOurUlaAddressResolvingUsByNeighborDiscovery() throws Exception {
        String output = ping6(LinuxPeer.OUR_ULA_TEXT, 5, "-i", "0.05", "-s", "1452");
        assertTrue(output.contains("5 packets transmitted, 5 received, 0% packet loss"), output);
        String neighbors = peer.namespace().run("ip", "-6", "neigh", "show", LinuxPeer.OUR_ULA_TEXT, "dev", peer.link());
        assertTrue(neighbors.contains("lladdr " + LinuxPeer.OUR_MAC_TEXT), "Linux learned our MAC from our advertisement: " + neighbors);
        long[] counters = peer.counters();
        assertTrue(counters[Counters.RX_NEIGHBOR_SOLICITATIONS] >= 1 && counters[Counters.TX_NEIGHBOR_ADVERTISEMENTS] >= 1,
                "solicited and advertised");
        assertEquals(LinuxPeer.PEER_MAC, (long) peer.onLoop(() -> peer.iface().neighborCache().lookup(PEER_ULA_HIGH, PEER_ULA_LOW,
                peer.now())), "we learned Linux's MAC from the source link-layer option of its solicitation");
        assertOurIcmpv6IsGood();
    }

    @Test
    void weResolveLinuxByNeighborDiscovery() throws Exception {
        // Linux knows us for good, so it never solicits: to answer we must solicit it.
        peer.namespace().run("ip", "-6", "neigh", "replace", LinuxPeer.OUR_ULA_TEXT, "lladdr", LinuxPeer.OUR_MAC_TEXT, "dev", peer.link(),
                "nud", "permanent");
        String output = ping6(LinuxPeer.OUR_ULA_TEXT, 3, "-i", "0.2");
        assertTrue(output.contains("3 packets transmitted, 3 received, 0% packet loss"), output);
        long[] counters = peer.counters();
        assertEquals(0, counters[Counters.RX_NEIGHBOR_SOLICITATIONS], "Linux did not solicit");
        assertTrue(counters[Counters.TX_NEIGHBOR_SOLICITATIONS] >= 1, "we solicited");
        assertTrue(counters[Counters.RX_NEIGHBOR_ADVERTISEMENTS] >= 1, "Linux advertised");
        assertEquals(LinuxPeer.PEER_MAC, (long) peer.onLoop(() -> peer.iface().neighborCache().lookup(PEER_ULA_HIGH, PEER_ULA_LOW,
                peer.now())));
        assertOurIcmpv6IsGood();
    }

    @Test
    void linuxPingToAllNodesIsAnsweredByUs() throws Exception {
        String output = ping6("ff02::1%" + peer.link(), 3, "-i", "0.2");
        assertTrue(output.contains("from " + LinuxPeer.OUR_LINK_LOCAL_TEXT), "we answer ff02::1 as Linux does: " + output);
        assertTrue(peer.counters()[Counters.TX_ICMPV6_ECHO_REPLIES] >= 3);
        assertOurIcmpv6IsGood();
    }

    @Test
    void fragmentedPingIsDroppedForWantOfIpv6Reassembly() throws Exception {
        String output = peer.namespace().run("sh", "-c", "ping -6 -n -c 1 -W 1 -s 2000 " + LinuxPeer.OUR_ULA_TEXT + "; true");
        assertTrue(output.contains("0 received"), output);
        assertTrue(peer.awaitCounter(Counters.RX_IPV6_FRAGMENT_DROPPED, 2, 2_000) >= 2, "both fragments counted");
    }

    @Test
    void udpToAClosedPortIsRefusedWithPortUnreachable() throws Exception {
        // socat reads the refusal as ECONNREFUSED on its connected socket and gives up.
        String output = peer.namespace().run("sh", "-c",
                "printf probe | socat -T 2 - UDP6:[" + LinuxPeer.OUR_ULA_TEXT + "]:9 2>&1; true");
        assertTrue(peer.awaitCounter(Counters.TX_ICMPV6_ERRORS, 1, 2_000) >= 1, output);
        assertTrue(output.contains("Connection refused"), "Linux took our port unreachable: " + output);
        assertOurIcmpv6IsGood();
    }

    /** The other way round: Linux refuses our datagram to its closed port, and our socket hears of it as a soft error. */
    @Test
    void linuxPortUnreachableReachesOurUdpSocket() throws Exception {
        UdpSocket client = new UdpSocket(2, 256, 2, 256);
        client.bind(ECHO_PORT);
        int[] error = {UdpSocket.ERROR_NONE, 0, 0};
        boolean[] sent = {false};
        peer.onLoop(() -> peer.sockets().add(client));
        peer.setApplication(() -> {
            if (!sent[0]) {
                client.send(new byte[] {'?'}, 0, 1, PEER_ULA_HIGH, PEER_ULA_LOW, LINUX_PORT + 1);
                sent[0] = true;
            }
            int taken = client.takeError();
            if (taken != UdpSocket.ERROR_NONE) {
                error[0] = taken;
                error[1] = client.errorIcmpCode();
                error[2] = client.errorPort();
            }
        });
        peer.awaitOnLoop(() -> error[0] != UdpSocket.ERROR_NONE, "Linux's port unreachable did not reach our socket");
        assertEquals(UdpSocket.ERROR_UNREACHABLE, error[0]);
        assertEquals(3, error[1], "port unreachable, in ICMPv4's numbering");
        assertEquals(LINUX_PORT + 1, error[2]);
        assertTrue(peer.counters()[Counters.RX_ICMPV6_DESTINATION_UNREACHABLE] >= 1);
    }

    @Test
    void udpDatagramsFromLinuxAreEchoedOverIpv6() throws Exception {
        UdpSocket server = new UdpSocket(8, BUFFER, 8, BUFFER);
        server.bind(ECHO_PORT);
        byte[] scratch = new byte[1500];
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(() -> {
            while (server.canRecv() && server.canSend()) {
                int length = server.recv(scratch, 0, scratch.length);
                server.send(scratch, 0, length, server.remoteAddressHigh(), server.remoteAddressLow(), server.remotePort());
            }
        });
        for (String destination : new String[] {LinuxPeer.OUR_ULA_TEXT, LinuxPeer.OUR_LINK_LOCAL_TEXT + "%" + peer.link()}) {
            String datagram = "datagram-to-" + destination.replace('%', '-');
            String reply = peer.namespace().run("sh", "-c", "printf " + datagram + " | socat -T 3 - UDP6:[" + destination + "]:" + ECHO_PORT);
            assertEquals(datagram, reply);
        }
    }

    @Test
    void udpDatagramsToALinuxEchoServerComeBackOverIpv6() throws Exception {
        peer.namespace().start("socat", "-T", "10", "UDP6-LISTEN:" + LINUX_PORT, "PIPE");
        peer.awaitListener("-u", LINUX_PORT);
        UdpSocket client = new UdpSocket(8, BUFFER, 8, BUFFER);
        client.bind(ECHO_PORT);
        List<String> replies = new CopyOnWriteArrayList<>();
        byte[] scratch = new byte[1500];
        int[] sent = {0};
        peer.onLoop(() -> peer.sockets().add(client));
        peer.setApplication(() -> {
            while (client.canRecv()) {
                int length = client.recv(scratch, 0, scratch.length);
                boolean fromLinux = client.remoteAddressHigh() == PEER_ULA_HIGH && client.remoteAddressLow() == PEER_ULA_LOW;
                replies.add(new String(scratch, 0, length, StandardCharsets.US_ASCII) + (fromLinux ? " from linux" : " from elsewhere"));
            }
            // Lock step: socat's PIPE could join two datagrams waiting in it.
            if (sent[0] < 10 && replies.size() == sent[0]) {
                byte[] message = ("datagram-" + sent[0]).getBytes(StandardCharsets.US_ASCII);
                client.send(message, 0, message.length, PEER_ULA_HIGH, PEER_ULA_LOW, LINUX_PORT);
                sent[0]++;
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (replies.size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("datagram-" + i + " from linux", replies.get(i));
        }
        assertTrue(peer.counters()[Counters.TX_NEIGHBOR_SOLICITATIONS] + peer.counters()[Counters.RX_NEIGHBOR_SOLICITATIONS] >= 1);
    }

    @Test
    void tcpLinesFromLinuxComeBackReversedOverIpv6() throws Exception {
        TcpSocket server = new TcpSocket(BUFFER, BUFFER, 1);
        server.listen(REVERSE_PORT);
        LineReverser reverser = new LineReverser(server);
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(reverser::step);
        String reply = peer.namespace().run("sh", "-c",
                "printf 'first line\\nsecond line\\n' | socat -t 5 -T 5 - TCP6:[" + LinuxPeer.OUR_ULA_TEXT + "]:" + REVERSE_PORT);
        assertEquals("enil tsrif\nenil dnoces\n", reply);
        assertOurTcpMssFitsIpv6();
    }

    @Test
    void ourTcpClientTalksToLinuxOverIpv6() throws Exception {
        TcpSocket client = new TcpSocket(BUFFER, BUFFER, 2);
        assertEquals("HELLO OVER IPV6\n", upperCasedByLinux(peer, client, "hello over ipv6\n"));
        assertEquals(LinuxPeer.ULA_HIGH, (long) peer.onLoop(client::localAddressHigh));
        assertEquals(LinuxPeer.OUR_ULA_LOW, (long) peer.onLoop(client::localAddressLow));
        assertOurTcpMssFitsIpv6();
    }

    /**
     * {@code client} connects to a socat server in {@code peer}'s namespace (at fd00::100) that pipes its input through
     * {@code tr a-z A-Z}, sends {@code text} and closes; returns the reply, once it is as long as
     * {@code text} (tr writes its output when its input ends: the reply needs our FIN).
     */
    static String upperCasedByLinux(LinuxPeer peer, TcpSocket client, String text) throws Exception {
        Process linux = peer.namespace().start("socat", "-T", "10", "TCP6-LISTEN:" + LINUX_PORT + ",reuseaddr", "SYSTEM:tr a-z A-Z");
        peer.awaitListener("-t", LINUX_PORT);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        StringBuilder received = new StringBuilder();
        byte[] scratch = new byte[4096];
        peer.onLoop(() -> {
            peer.sockets().add(client);
            client.connect(peer.iface().context(peer.now()), PEER_ULA_HIGH, PEER_ULA_LOW, LINUX_PORT, 0, 0, 0);
            return null;
        });
        int[] sent = {0};
        peer.setApplication(() -> {
            if (sent[0] < bytes.length && client.state() == TcpSocket.ESTABLISHED) {
                sent[0] += client.send(bytes, sent[0], bytes.length - sent[0]);
                if (sent[0] == bytes.length) {
                    client.close();
                }
            }
            int length;
            while ((length = client.recv(scratch, 0, scratch.length)) > 0) {
                received.append(new String(scratch, 0, length, StandardCharsets.US_ASCII));
            }
        });
        peer.awaitOnLoop(() -> received.length() >= bytes.length, "Linux's upper-cased text did not come back whole");
        linux.destroy();
        return peer.onLoop(received::toString);
    }

    /** Closes the peer and checks our SYNs and SYN-ACKs over IPv6 announce an MSS of the MTU less 60 bytes. */
    private void assertOurTcpMssFitsIpv6() throws Exception {
        peer.close();
        boolean any = false;
        for (String[] row : Tshark.fields(directory.resolve("sent.pcap"), "ipv6.src", "tcp.flags.syn", "tcp.options.mss_val")) {
            if (!row[0].isEmpty() && (row[1].equals("1") || row[1].equals("True"))) {
                assertEquals("1440", row[2], String.join(" ", row));
                any = true;
            }
        }
        assertTrue(any, "we sent a SYN or SYN-ACK over IPv6");
    }

    /**
     * Closes the peer (its capture judged by tshark) and checks our own frames: every ICMPv6
     * checksum good, the hop limit of NDISC 255.
     */
    private void assertOurIcmpv6IsGood() throws Exception {
        peer.close();
        List<String[]> rows = Tshark.fields(directory.resolve("sent.pcap"), "icmpv6.type", "icmpv6.checksum.status", "ipv6.hlim");
        boolean any = false;
        for (String[] row : rows) {
            if (row[0].isEmpty()) {
                continue;
            }
            any = true;
            for (String status : row[1].split(",")) {
                assertEquals("1", status, "ICMPv6 checksum status (1 good, 0 bad, 2 unverified): " + String.join(" ", row));
            }
            int type = Integer.parseInt(row[0].split(",")[0]);
            if (type >= 133 && type <= 137) {
                assertEquals("255", row[2], "NDISC hop limit");
            }
        }
        assertTrue(any, "we sent ICMPv6");
    }
}
