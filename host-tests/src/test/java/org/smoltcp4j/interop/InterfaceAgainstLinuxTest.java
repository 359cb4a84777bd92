package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.NeighborCache;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.AllocationProbe;

/**
 * Our interface against the Linux kernel through a TAP (issue 5): Linux pings us, broadcasts to
 * us, exchanges UDP with us through socat, learns our MAC and teaches us its own, and sends us
 * hostile frames from scapy. Needs root, as the other interop tests; every traffic loop is bounded
 * in count and time, and {@link LinuxPeer} deletes the namespace and judges the capture.
 */
class InterfaceAgainstLinuxTest {

    private static final long SECOND = 1_000_000;
    private static final int ECHO_PORT = 6969;
    private static final int WARM_UP_ITERATIONS = 2_000;
    private static final int MEASURED_ITERATIONS = 2_000;

    @TempDir
    Path directory;
    private LinuxPeer peer;

    @BeforeEach
    void startPeer() throws IOException {
        peer = LinuxPeer.start(directory, 4);
    }

    @AfterEach
    void closePeer() throws Exception {
        peer.close();
    }

    @Test
    void linuxPingsAreAllAnsweredSmallAndFragmented() throws Exception {
        assertAllAnswered(200, ping("-c", "200", "-i", "0.01", "-w", "20"));

        String large = ping("-c", "20", "-s", "8000", "-i", "0.05", "-w", "20");
        assertAllAnswered(20, large);
        assertFalse(large.contains("DUP!") || large.contains("wrong data") || large.contains("corrupted"), large);
        long[] counters = peer.counters();
        // 8008 bytes of ICMP: 6 fragments each way (1480-byte pieces).
        assertTrue(counters[Counters.RX_REASSEMBLY_OK] >= 20, () -> "reassembled " + counters[Counters.RX_REASSEMBLY_OK]);
        assertTrue(counters[Counters.TX_FRAGMENTS] >= 20 * 6, () -> "fragments sent " + counters[Counters.TX_FRAGMENTS]);
    }

    @Test
    void broadcastPingIsAnswered() throws Exception {
        String output = pingTo("192.168.69.255", "-b", "-c", "5", "-i", "0.2", "-w", "10");
        assertAllAnswered(5, output);
        assertTrue(peer.counters()[Counters.TX_ECHO_REPLIES] >= 5, output);
    }

    @Test
    void udpDatagramsFromLinuxComeBackReversed() throws Exception {
        UdpSocket server = new UdpSocket(8, 8192, 8, 8192);
        server.bind(ECHO_PORT);
        byte[] scratch = new byte[1500];
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(() -> {
            while (server.canRecv() && server.canSend()) {
                int length = server.recv(scratch, 0, scratch.length);
                reverse(scratch, length);
                server.send(scratch, 0, length, server.remoteAddress(), server.remotePort());
            }
        });
        Process socat = peer.namespace().start("socat", "-T", "5", "STDIO", "UDP:192.168.69.1:" + ECHO_PORT);
        try (OutputStream toSocat = socat.getOutputStream(); InputStream fromSocat = socat.getInputStream()) {
            for (int i = 0; i < 100; i++) {
                // One datagram at a time: socat sends what one read of its input returns.
                String message = String.format("datagram-%03d-from-linux", i);
                toSocat.write(message.getBytes(StandardCharsets.US_ASCII));
                toSocat.flush();
                byte[] reply = fromSocat.readNBytes(message.length());
                assertEquals(new StringBuilder(message).reverse().toString(), new String(reply, StandardCharsets.US_ASCII));
            }
        }
        long[] counters = peer.counters();
        assertEquals(0, counters[Counters.RX_UDP_NO_PORT] + counters[Counters.RX_SOCKET_BUFFER_FULL], "datagrams dropped");
    }

    @Test
    void udpDatagramsToALinuxEchoServerComeBack() throws Exception {
        peer.namespace().start("socat", "-T", "10", "UDP-LISTEN:7777", "PIPE");
        peer.awaitListener("-u", 7777);
        UdpSocket client = new UdpSocket(8, 8192, 8, 8192);
        client.bind(6970);
        List<String> replies = new CopyOnWriteArrayList<>();
        byte[] scratch = new byte[1500];
        int[] sent = {0};
        peer.onLoop(() -> peer.sockets().add(client));
        peer.setApplication(() -> {
            while (client.canRecv()) {
                int length = client.recv(scratch, 0, scratch.length);
                replies.add(new String(scratch, 0, length, StandardCharsets.US_ASCII) + " from "
                        + (client.remoteAddress() == LinuxPeer.PEER_IP ? "linux" : "elsewhere") + ":" + client.remotePort());
            }
            // Lock step: socat's PIPE could join two datagrams waiting in it.
            if (sent[0] < 50 && replies.size() == sent[0]) {
                byte[] message = String.format("datagram-%03d-from-us", sent[0]).getBytes(StandardCharsets.US_ASCII);
                client.send(message, 0, message.length, LinuxPeer.PEER_IP, 7777);
                sent[0]++;
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (replies.size() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(String.format("datagram-%03d-from-us from linux:7777", i));
        }
        assertEquals(expected, replies);
    }

    @Test
    void linuxLearnsOurMac() throws Exception {
        assertAllAnswered(3, ping("-c", "3", "-i", "0.2", "-w", "10"));
        String neighbour = peer.namespace().run("ip", "neigh", "show", "192.168.69.1", "dev", peer.link());
        assertTrue(neighbour.contains("lladdr " + LinuxPeer.OUR_MAC_TEXT), neighbour);
        assertTrue(Pattern.compile("REACHABLE|STALE|DELAY").matcher(neighbour).find(), neighbour);
    }

    @Test
    void weLearnLinuxMacWhichExpiresAfterItsLifetimeAndIsLearnedAgain() throws Exception {
        assertAllAnswered(2, ping("-c", "2", "-i", "0.2", "-w", "10"));
        assertEquals(LinuxPeer.PEER_MAC, peer.onLoop(() -> peer.iface().neighborCache().lookup(LinuxPeer.PEER_IP, peer.now())));

        peer.advanceClock(61 * SECOND);
        assertEquals(NeighborCache.MISSING, peer.onLoop(() -> peer.iface().neighborCache().lookup(LinuxPeer.PEER_IP, peer.now())));
        long arpRequests = peer.counters()[Counters.TX_ARP_REQUESTS];

        // Linux still knows us and pings straight away; our reply waits for our ARP request's answer.
        assertAllAnswered(1, ping("-c", "1", "-W", "3"));
        assertEquals(LinuxPeer.PEER_MAC, peer.onLoop(() -> peer.iface().neighborCache().lookup(LinuxPeer.PEER_IP, peer.now())));
        assertEquals(arpRequests + 1, peer.counters()[Counters.TX_ARP_REQUESTS]);
    }

    @Test
    void hostileFramesAreCountedDropsAndTheInterfaceKeepsAnswering() throws Exception {
        peer.expectHostileInput();
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("bad_ip_checksum", Counters.RX_IPV4_BAD_CHECKSUM);
        cases.put("truncated_ip_header", Counters.RX_IPV4_TRUNCATED);
        cases.put("ihl_below_5", Counters.RX_IPV4_MALFORMED);
        cases.put("total_length_beyond_frame", Counters.RX_IPV4_TRUNCATED);
        cases.put("total_length_below_header", Counters.RX_IPV4_MALFORMED);
        cases.put("overlapping_fragments", Counters.RX_REASSEMBLY_OVERLAP);
        cases.put("ping_of_death", Counters.RX_REASSEMBLY_OVERSIZE);
        cases.put("teardrop", Counters.RX_FRAGMENT_MALFORMED);
        cases.put("udp_bad_checksum", Counters.RX_UDP_BAD_CHECKSUM);
        cases.put("icmp_bad_checksum", Counters.RX_ICMP_BAD_CHECKSUM);
        cases.put("arp_wrong_hlen", Counters.RX_ARP_UNSUPPORTED);
        cases.put("arp_wrong_plen", Counters.RX_ARP_UNSUPPORTED);
        cases.put("arp_truncated", Counters.RX_ARP_MALFORMED);

        Path script = directory.resolve("hostile_frames.py");
        try (InputStream in = getClass().getResourceAsStream("hostile_frames.py")) {
            Files.copy(in, script);
        }
        Process scapy = peer.namespace().start("/usr/bin/python3", script.toString(), peer.link(), LinuxPeer.OUR_MAC_TEXT,
                LinuxPeer.PEER_MAC_TEXT);
        List<String> failures = new ArrayList<>();
        StringBuilder observed = new StringBuilder();
        try (Writer toScapy = new OutputStreamWriter(scapy.getOutputStream(), StandardCharsets.US_ASCII);
                BufferedReader fromScapy = new BufferedReader(new InputStreamReader(scapy.getInputStream(), StandardCharsets.US_ASCII))) {
            assertEquals("ready", fromScapy.readLine(), "the scapy sender did not start");
            for (Map.Entry<String, Integer> hostile : cases.entrySet()) {
                String name = hostile.getKey();
                int counter = hostile.getValue();
                long[] before = peer.counters();
                toScapy.write(name + "\n");
                toScapy.flush();
                assertEquals("sent " + name, fromScapy.readLine());
                peer.awaitCounter(counter, before[counter] + 1, 3000);
                String deltas = deltas(before, peer.counters());
                observed.append(String.format("%n  %-26s %s", name, deltas));
                long[] after = peer.counters();
                if (after[counter] - before[counter] != 1 || after[Counters.TX_ECHO_REPLIES] != before[Counters.TX_ECHO_REPLIES]) {
                    failures.add(name + ": expected " + Counters.name(counter) + " +1 and no echo reply, got " + deltas);
                }
            }
        }
        System.out.println("Counters per hostile frame:" + observed);
        assertEquals(List.of(), failures, observed::toString);

        assertAllAnswered(3, ping("-c", "3", "-i", "0.2", "-w", "10"));
        assertAllAnswered(2, ping("-c", "2", "-s", "8000", "-i", "0.2", "-w", "10"));
    }

    @Test
    void pollLoopOverTheTapAllocatesNothingDuringAPingBurst() throws Exception {
        // A request every millisecond, so the loop handles about one per iteration and the burst
        // outlasts warm-up and every trial (a flood, ping -f, ran out of its count within warm-up).
        Process flood = peer.namespace().start("ping", "-q", "-i", "0.001", "-c", "30000", "-w", "40", "192.168.69.1");
        peer.awaitCounter(Counters.TX_ECHO_REPLIES, 1, 3000);
        long[] replies = new long[1];
        long bytes = peer.onLoop(() -> {
            for (int i = 0; i < WARM_UP_ITERATIONS; i++) {
                peer.iterate();
            }
            long before = peer.iface().counters().get(Counters.TX_ECHO_REPLIES);
            // The first windows after warm-up may still carry JIT residue (seen once: 1352 and
            // 144 bytes, then 0 in every later window); the probe keeps the least of its trials.
            long allocated = AllocationProbe.allocatedBytes(0, MEASURED_ITERATIONS, peer::iterate);
            replies[0] = peer.iface().counters().get(Counters.TX_ECHO_REPLIES) - before;
            return allocated;
        }, 60);
        flood.destroy();
        System.out.println("Poll loop over the TAP (with pcap capture): " + bytes + " bytes allocated in the least of up to 5 trials of "
                + MEASURED_ITERATIONS + " iterations; " + replies[0] + " echo replies sent while measuring");
        // About one reply per iteration; without traffic an iteration waits 10 ms and sees none.
        assertTrue(replies[0] >= MEASURED_ITERATIONS / 2, () -> "the flood was not running throughout: " + replies[0] + " replies");
        assertEquals(0, bytes, "bytes the poll loop allocated over " + MEASURED_ITERATIONS + " iterations");
    }

    /** Runs ping in the namespace towards our address. */
    private String ping(String... options) throws IOException {
        return pingTo("192.168.69.1", options);
    }

    private String pingTo(String destination, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("ping", "-n"));
        command.addAll(List.of(options));
        command.add(destination);
        return peer.namespace().run(command.toArray(new String[0]));
    }

    private static void assertAllAnswered(int count, String pingOutput) {
        assertTrue(pingOutput.contains(count + " packets transmitted, " + count + " received, 0% packet loss"), pingOutput);
    }

    private static String deltas(long[] before, long[] after) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Counters.COUNT; i++) {
            if (after[i] != before[i]) {
                out.append(Counters.name(i)).append(" +").append(after[i] - before[i]).append(' ');
            }
        }
        return out.toString().trim();
    }

    private static void reverse(byte[] data, int length) {
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            byte swap = data[i];
            data[i] = data[j];
            data[j] = swap;
        }
    }
}
