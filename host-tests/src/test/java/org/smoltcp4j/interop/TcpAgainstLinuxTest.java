package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.Tshark;

/**
 * Our TCP against the Linux kernel's (issue 6), through {@link LinuxPeer}: our servers (a line
 * reversing echo server as smoltcp's server example on port 6970, a minimal HTTP/1.1 responder on
 * port 80) answer socat, nc and curl in the namespace, a closed port refuses a connection with an
 * RST, our client talks to socat and nc servers, and tshark checks the options both handshakes
 * negotiated. Every Linux command is bounded by its own timeouts, a wait for its exit, or the
 * namespace's command timeout; {@link LinuxPeer#close} judges the capture.
 */
class TcpAgainstLinuxTest {

    private static final int ECHO_PORT = 6970;
    private static final int HTTP_PORT = 80;
    private static final int CLOSED_PORT = 81;
    private static final int LINUX_PORT = 5000;
    private static final int BUFFER = 64 * 1024;
    private static final String OUR_URL = "http://192.168.69.1";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failing test leaves its captures for a look
    Path directory;
    private LinuxPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = LinuxPeer.start(directory, 4);
    }

    @AfterEach
    void closePeer() throws Exception {
        peer.close();
    }

    @Test
    void socatClientGetsEveryLineBackReversed() throws Exception {
        // -t: after its input ends socat half-closes and waits this long for the rest of the replies.
        linuxClientGetsEveryLineBackReversed("socat -t 10 -T 10 - TCP:192.168.69.1:" + ECHO_PORT);
    }

    /** OpenBSD netcat: -N half-closes once its input ends, then nc reads until our FIN (-w: idle timeout). */
    @Test
    void ncClientGetsEveryLineBackReversed() throws Exception {
        linuxClientGetsEveryLineBackReversed("nc -N -w 10 192.168.69.1 " + ECHO_PORT);
    }

    /**
     * Our line reversing server against {@code client}, a Linux command line that sends its
     * standard input to it and writes the replies to its standard output.
     */
    private void linuxClientGetsEveryLineBackReversed(String client) throws Exception {
        TcpSocket server = new TcpSocket(BUFFER, BUFFER, 1);
        server.listen(ECHO_PORT);
        LineReverser reverser = new LineReverser(server);
        peer.onLoop(() -> peer.sockets().add(server));
        peer.setApplication(reverser::step);

        Random random = new Random(6970);
        StringBuilder input = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        while (input.length() < 200_000) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(LineReverser.MAX_LINE);
            for (int i = 0; i < length; i++) {
                line.append((char) ('!' + random.nextInt(94)));
            }
            input.append(line).append('\n');
            expected.append(line.reverse()).append('\n');
        }
        Path in = Files.writeString(directory.resolve("lines.txt"), input, StandardCharsets.US_ASCII);
        Path out = directory.resolve("reversed.txt");
        peer.namespace().run("sh", "-c", client + " <" + in + " >" + out);

        assertEquals(expected.toString(), Files.readString(out, StandardCharsets.US_ASCII));
        // The client's FIN reached us, we answered with ours: the connection is over on our side too.
        int state = peer.onLoop(server::state);
        assertTrue(state == TcpSocket.CLOSED || state == TcpSocket.LAST_ACK, TcpSocket.stateName(state));
    }

    @Test
    void curlFetchesFromOurHttpResponderWithAndWithoutKeepAlive() throws Exception {
        List<HttpResponder> responders = List.of(new HttpResponder(new TcpSocket(8192, 8192, 2), HTTP_PORT),
                new HttpResponder(new TcpSocket(8192, 8192, 3), HTTP_PORT));
        peer.onLoop(() -> {
            responders.forEach(r -> peer.sockets().add(r.socket()));
            return null;
        });
        peer.setApplication(() -> responders.forEach(HttpResponder::step));

        // Two URLs in one curl: HTTP/1.1 keeps the connection, the second request reuses it.
        String keptAlive = peer.namespace().run("curl", "-sS", "-v", "--max-time", "10", OUR_URL + "/first", OUR_URL + "/second");
        assertEquals(2, occurrences(keptAlive, HttpResponder.BODY), keptAlive);
        assertTrue(keptAlive.contains("Re-using existing connection"), keptAlive);
        assertTrue(keptAlive.contains("< HTTP/1.1 200 OK"), keptAlive);

        String closed = peer.namespace().run("curl", "-sS", "--max-time", "10", "-H", "Connection: close", OUR_URL + "/third");
        assertEquals(HttpResponder.BODY, closed);
        assertEquals(3, responders.stream().mapToInt(HttpResponder::requests).sum());
    }

    @Test
    void connectingToAClosedPortIsRefusedWithAnRst() throws Exception {
        long resets = peer.counters()[Counters.TX_TCP_RESETS];
        String output = peer.namespace().run("sh", "-c",
                "socat -T 3 - TCP:192.168.69.1:" + CLOSED_PORT + ",connect-timeout=3 </dev/null; echo exit=$?");
        assertTrue(output.contains("Connection refused"), output);
        assertTrue(output.contains("exit=1"), output);
        assertEquals(resets + 1, peer.counters()[Counters.TX_TCP_RESETS]);
    }

    @Test
    void ourClientExchangesDataWithASocatServerAndBothSidesClose() throws Exception {
        // tr writes its output when its input ends: the reply needs our FIN, then socat sends its own.
        Process linux = peer.namespace().start("socat", "-T", "10", "TCP-LISTEN:" + LINUX_PORT + ",reuseaddr", "SYSTEM:tr a-z A-Z");
        byte[] request = lowercaseText(100_000);
        StringBuilder reply = new StringBuilder();
        TcpSocket client = exchangeWithLinuxServer(linux, "socat", request, 0, 4, reply);
        assertEquals(new String(request, StandardCharsets.US_ASCII).toUpperCase(), peer.onLoop(reply::toString));
        // tr answers only after our FIN: we closed first, so we wait in TIME-WAIT.
        assertEquals("TIME-WAIT", TcpSocket.stateName(peer.onLoop(client::state)));
    }

    /**
     * OpenBSD netcat listening ({@code nc -l}) sends a file to our client and writes what our
     * client sends to another file; -N sends its FIN once its file is sent, we send ours once our
     * request is sent and the file received: both files arrive whole, and the FINs cross in
     * either order. Not earlier: {@code nc -l} quits as soon as our FIN has arrived and its input
     * buffer is empty, even while its input has more to come (netcat.c, "listen and net in gone");
     * its input pauses halfway here so that a FIN sent too early would cut the file for sure.
     * (Our FIN while data still comes in is {@link #ourClientExchangesDataWithASocatServerAndBothSidesClose}'s.)
     */
    @Test
    void ourClientExchangesDataWithAnNcServerAndBothSidesClose() throws Exception {
        byte[] linuxData = lowercaseText(150_000);
        Path toUs = Files.write(directory.resolve("nc-sends.txt"), linuxData);
        Path fromUs = directory.resolve("nc-received.txt");
        Process linux = peer.namespace().start("sh", "-c", "(head -c 75000 " + toUs + "; sleep 0.3; tail -c +75001 " + toUs
                + ") | nc -l -N " + LINUX_PORT + " >" + fromUs);
        byte[] request = Arrays.copyOfRange(lowercaseText(200_000), 100_000, 200_000);
        StringBuilder reply = new StringBuilder();
        exchangeWithLinuxServer(linux, "nc -l", request, linuxData.length, 7, reply);
        assertEquals(new String(linuxData, StandardCharsets.US_ASCII), peer.onLoop(reply::toString));
        assertArrayEquals(request, Files.readAllBytes(fromUs), "what nc received from us");
    }

    /**
     * Our client connects to {@code linux}, a server listening on {@link #LINUX_PORT} in the
     * namespace, sends {@code request}, closes once it has also received {@code replyBeforeClose}
     * bytes, and collects the reply until the server's FIN; the server must exit with 0 and both
     * sides close. The reply goes to {@code reply} (read it on the loop); returns our client socket.
     */
    private TcpSocket exchangeWithLinuxServer(Process linux, String server, byte[] request, int replyBeforeClose, long seed,
            StringBuilder reply) throws Exception {
        peer.awaitListener("-t", LINUX_PORT);
        TcpSocket client = new TcpSocket(BUFFER, BUFFER, seed);
        byte[] scratch = new byte[4096];
        AtomicInteger sent = new AtomicInteger();
        boolean[] finished = {false};
        boolean[] closed = {false};
        peer.onLoop(() -> {
            peer.sockets().add(client);
            client.connect(peer.iface().context(peer.now()), LinuxPeer.PEER_IP, LINUX_PORT, 0);
            return null;
        });
        peer.setApplication(() -> {
            if (sent.get() < request.length && client.canSend()) {
                sent.addAndGet(client.send(request, sent.get(), request.length - sent.get()));
            }
            int length;
            while ((length = client.recv(scratch, 0, scratch.length)) > 0) {
                reply.append(new String(scratch, 0, length, StandardCharsets.US_ASCII));
            }
            if (!closed[0] && sent.get() == request.length && reply.length() >= replyBeforeClose) {
                client.close();
                closed[0] = true;
            }
            finished[0] |= length == TcpSocket.FINISHED;
        });
        assertTrue(linux.waitFor(20, TimeUnit.SECONDS), server + " did not finish in 20 s");
        assertEquals(0, linux.exitValue(), () -> new String(readAll(linux), StandardCharsets.US_ASCII));
        peer.awaitOnLoop(() -> finished[0], "our client did not see the FIN of " + server);
        // Both FINs acknowledged: the side that closed first waits in TIME-WAIT (both do after a
        // simultaneous close), the other forgets the connection.
        peer.awaitOnLoop(() -> client.state() == TcpSocket.TIME_WAIT || client.state() == TcpSocket.CLOSED,
                "our client's connection did not end");
        boolean weWait = peer.onLoop(client::state) == TcpSocket.TIME_WAIT;
        String linuxSockets = peer.namespace().run("ss", "-Htan", "sport = :" + LINUX_PORT);
        assertTrue(linuxSockets.isBlank() ? weWait : linuxSockets.startsWith("TIME-WAIT"),
                () -> "we are " + (weWait ? "in TIME-WAIT" : "CLOSED") + ", Linux: " + linuxSockets);
        return client;
    }

    /**
     * Linux's SYN and our SYN-ACK, our SYN and Linux's SYN-ACK, as tshark reads them: MSS and
     * window scaling are negotiated both ways, and SACK-permitted and timestamps (RFC 7323) are
     * offered and answered in both handshakes: every SYN and SYN-ACK carries them.
     */
    @Test
    void handshakesNegotiateMssWindowScalingSackAndTimestampsAsTsharkReadsThem() throws Exception {
        TcpSocket server = new TcpSocket(BUFFER, BUFFER, 5);
        server.listen(ECHO_PORT);
        peer.onLoop(() -> peer.sockets().add(server));
        peer.namespace().run("sh", "-c", "echo hello | socat -t 0.2 -T 3 - TCP:192.168.69.1:" + ECHO_PORT + " ; true");
        peer.namespace().start("socat", "-T", "5", "TCP-LISTEN:" + LINUX_PORT + ",reuseaddr", "PIPE");
        peer.awaitListener("-t", LINUX_PORT);
        TcpSocket client = new TcpSocket(BUFFER, BUFFER, 6);
        peer.onLoop(() -> {
            peer.sockets().add(client);
            client.connect(peer.iface().context(peer.now()), LinuxPeer.PEER_IP, LINUX_PORT, 0);
            return null;
        });
        peer.awaitOnLoop(() -> client.state() == TcpSocket.ESTABLISHED, "our client did not connect");
        int ourShift = peer.onLoop(client::windowShift);
        int linuxShift = peer.onLoop(client::remoteWindowScale);
        peer.close();

        List<String[]> handshakes = new ArrayList<>();
        for (String[] row : Tshark.fields(directory.resolve("traffic.pcap"), "ip.src", "tcp.flags.syn", "tcp.flags.ack",
                "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm", "tcp.options.timestamp.tsval")) {
            if (row[1].equals("1") || row[1].equals("True")) {
                handshakes.add(row);
            }
        }
        List<String> seen = new ArrayList<>();
        for (String[] row : handshakes) {
            seen.add(String.join(" ", row));
        }
        assertEquals(4, handshakes.size(), () -> "SYNs: " + seen);
        for (String[] row : handshakes) {
            boolean ours = row[0].equals("192.168.69.1");
            String what = (ours ? "our " : "Linux's ") + (isSet(row[2]) ? "SYN-ACK" : "SYN") + ": " + String.join(" ", row);
            assertEquals("1460", row[3], what);
            // Linux's shift follows its tcp_rmem maximum (7 on older kernels, 10 here): compare with what we parsed.
            assertEquals(String.valueOf(ours ? ourShift : linuxShift), row[4], what);
            assertTrue(!row[5].isEmpty(), what + ": SACK-permitted offered or answered");
            assertTrue(!row[6].isEmpty(), what + ": timestamps offered or answered");
        }
    }

    private static boolean isSet(String flag) {
        return flag.equals("1") || flag.equals("True");
    }

    private static byte[] lowercaseText(int length) {
        Random random = new Random(LINUX_PORT);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (i % 64 == 63 ? '\n' : 'a' + random.nextInt(26));
        }
        return text;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return e.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
