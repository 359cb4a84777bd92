package org.smoltcp4j.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smoltcp4j.firmware.Boot;
import org.smoltcp4j.firmware.app.TcpSource;
import org.smoltcp4j.iface.NeighborCache;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.MacAddress;

/**
 * What the simulated peer does to the firmware at one of its addresses, IPv4 or IPv6: one exchange
 * per application, each checked byte for byte, as smoltcp's examples and a user with ping, socat
 * and curl would. Each returns an {@link Outcome}; none throws for a failed exchange. Exchanges
 * with an IPv6 address carry "(IPv6)" in their names.
 */
final class SimExchanges {

    /** One exchange's result, a line of the report. */
    record Outcome(String name, boolean ok, String detail) {
    }

    private static final long SECOND = 1_000_000;
    /** Per exchange: long enough for TCP to recover from the fault injector's losses. */
    private static final long TIMEOUT = 30 * SECOND;
    private static final int PING_COUNT = 4;
    private static final int STREAM_BYTES = 256 * 1024;

    private final SimulatedNetwork net;
    private final long targetHigh;
    private final long targetLow;
    private final boolean ipv6;
    private final boolean lossy;
    private int nextPort = 49_152;

    /** Exchanges with the firmware at the IPv4 address {@code target}. */
    SimExchanges(SimulatedNetwork net, int target, boolean lossy) {
        this(net, 0, Ipv6Address.ipv4MappedLow(target), lossy);
    }

    /** Exchanges with the firmware at {@code targetHigh:targetLow}, an IPv6 address or an IPv4-mapped one. */
    SimExchanges(SimulatedNetwork net, long targetHigh, long targetLow, boolean lossy) {
        this.net = net;
        this.targetHigh = targetHigh;
        this.targetLow = targetLow;
        this.ipv6 = !Ipv6Address.isIpv4Mapped(targetHigh, targetLow);
        this.lossy = lossy;
    }

    /** The exchange's name in the report: "(IPv6)" appended for an IPv6 target. */
    private String name(String exchange) {
        return ipv6 ? exchange + " (IPv6)" : exchange;
    }

    /** The target as a user types it: dotted quad, or an IPv6 address in brackets when {@code bracketed} (a URL's host). */
    private String target(boolean bracketed) {
        StringBuilder out = new StringBuilder();
        if (!ipv6) {
            return Ipv4Address.append(out, Ipv6Address.ipv4OfMapped(targetLow)).toString();
        }
        return Ipv6Address.append(out.append(bracketed ? "[" : ""), targetHigh, targetLow).append(bracketed ? "]" : "").toString();
    }

    /** ARP for an IPv4 target. */
    Outcome arp() {
        int target = Ipv6Address.ipv4OfMapped(targetLow);
        long[] mac = {NeighborCache.MISSING};
        IcmpSocket ping = icmp(0x4a50);
        send(ping, 0x4a50, 0);
        boolean ok = net.runUntil(() -> (mac[0] = net.peer.neighborCache().lookup(target, net.now())) != NeighborCache.MISSING, TIMEOUT);
        net.remove(ping);
        return new Outcome("ARP", ok, ok ? ipv4(target) + " is at " + MacAddress.append(new StringBuilder(), mac[0])
                : "no ARP reply from " + ipv4(target));
    }

    Outcome ping() {
        IcmpSocket ping = icmp(0x5349);
        int replies = 0;
        long totalRtt = 0;
        byte[] reply = new byte[128];
        for (int sequence = 1; sequence <= PING_COUNT; sequence++) {
            long sent = net.now();
            send(ping, 0x5349, sequence);
            int expected = sequence;
            boolean answered = net.runUntil(() -> ping.peek() != IcmpSocket.EMPTY && echoSequence(ping) == expected,
                    lossy ? 2 * SECOND : TIMEOUT);
            if (answered) {
                ping.recv(reply, 0, reply.length);
                replies++;
                totalRtt += net.now() - sent;
            }
        }
        net.remove(ping);
        boolean ok = lossy ? replies > 0 : replies == PING_COUNT;
        return new Outcome(name("ping"), ok, replies + "/" + PING_COUNT + " echo replies from " + target(false)
                + (replies > 0 ? String.format(", average rtt %.2f ms", totalRtt / 1000.0 / replies) : ""));
    }

    Outcome udpReverse() {
        UdpSocket udp = net.add(new UdpSocket(4, 2048, 4, 2048));
        udp.bind(nextPort++);
        byte[] question = "smoltcp4j on the simulator\n".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[128];
        int length = -1;
        for (int attempt = 0; attempt < 5 && length < 0; attempt++) {
            udp.send(question, 0, question.length, targetHigh, targetLow, Boot.PORT_REVERSE_UDP);
            if (net.runUntil(udp::canRecv, lossy ? 2 * SECOND : TIMEOUT)) {
                length = udp.recv(answer, 0, answer.length);
            }
        }
        net.remove(udp);
        String got = length < 0 ? "" : new String(answer, 0, length, StandardCharsets.US_ASCII);
        boolean ok = got.equals("rotalumis eht no j4pctloms\n");
        return new Outcome(name("UDP 6969 reverse"), ok, ok ? "\"smoltcp4j on the simulator\" came back reversed" : "got " + quote(got));
    }

    Outcome tcpHello() {
        TcpSocket tcp = connect(Boot.PORT_HELLO);
        if (tcp == null) {
            return refused(name("TCP 6969 hello"), Boot.PORT_HELLO);
        }
        String got = read(tcp, text -> false);
        closeGracefully(tcp);
        boolean ok = got.equals("hello\n");
        return new Outcome(name("TCP 6969 hello"), ok, ok ? "\"hello\" and a close" : "got " + quote(got));
    }

    Outcome tcpReverse() {
        TcpSocket tcp = connect(Boot.PORT_REVERSE_TCP);
        if (tcp == null) {
            return refused(name("TCP 6970 reverse"), Boot.PORT_REVERSE_TCP);
        }
        String lines = "first line\nsecond\nabcdefghijklmnopqrstuvwxyz\n";
        String expected = "enil tsrif\ndnoces\nzyxwvutsrqponmlkjihgfedcba\n";
        sendAll(tcp, lines.getBytes(StandardCharsets.US_ASCII));
        String got = read(tcp, text -> text.length() >= expected.length());
        closeGracefully(tcp);
        boolean ok = got.equals(expected);
        return new Outcome(name("TCP 6970 reverse"), ok, ok ? "3 lines came back reversed" : "got " + quote(got));
    }

    Outcome tcpSink() {
        return upload(name("TCP 6971 sink"), Boot.PORT_SINK, STREAM_BYTES, 0);
    }

    Outcome tcpSource() {
        return download(name("TCP 6972 source"), Boot.PORT_SOURCE, STREAM_BYTES, 0, null);
    }

    Outcome http(String board) {
        TcpSocket tcp = connect(Boot.PORT_HTTP);
        if (tcp == null) {
            return refused(name("HTTP page and JSON"), Boot.PORT_HTTP);
        }
        String page = httpGet(tcp, "/");
        String first = httpGet(tcp, "/status.json");
        String second = httpGet(tcp, "/status.json");
        String missing = httpGet(tcp, "/missing");
        closeGracefully(tcp);
        long framesBefore = counter(first, "RxFrames");
        long framesAfter = counter(second, "RxFrames");
        String problem = !page.startsWith("HTTP/1.1 200 OK\r\n") || !page.contains("<h1>" + board + "</h1>") ? "GET / did not return the page"
                : !first.startsWith("HTTP/1.1 200 OK\r\n") || !first.contains("\"board\":\"" + board + "\"") ? "GET /status.json did not return the status"
                : framesAfter <= framesBefore ? "the RxFrames counter did not move (" + framesBefore + ", " + framesAfter + ")"
                : !missing.startsWith("HTTP/1.1 404 ") ? "GET /missing was not a 404"
                : null;
        return new Outcome(name("HTTP page and JSON"), problem == null, problem != null ? problem
                : "GET / " + body(page).length() + " bytes, /status.json twice (RxFrames " + framesBefore + " -> " + framesAfter
                + "), 404 for /missing, on one keep-alive connection");
    }

    /** Sends to the throughput sink for {@code micros}, printing progress; the outcome gives the rate. */
    Outcome throughputUpload(long micros, PrintWriter progress) {
        return upload(name("throughput 1235 (we send)"), Boot.PORT_THROUGHPUT_SINK, Long.MAX_VALUE, micros, progress);
    }

    Outcome throughputDownload(long micros, PrintWriter progress) {
        return download(name("throughput 1234 (we receive)"), Boot.PORT_THROUGHPUT_SOURCE, Long.MAX_VALUE, micros, progress);
    }

    // --- streams ---------------------------------------------------------------------------------

    private Outcome upload(String name, int port, long bytes, long micros) {
        return upload(name, port, bytes, micros, null);
    }

    /** Sends {@code bytes} (or for {@code micros}), closes, and checks that everything was acknowledged. */
    private Outcome upload(String name, int port, long bytes, long micros, PrintWriter progress) {
        TcpSocket tcp = connect(port);
        if (tcp == null) {
            return refused(name, port);
        }
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long start = net.now();
        long end = micros > 0 ? start + micros : Long.MAX_VALUE;
        long[] sent = {0};
        Progress meter = new Progress(progress, name, start);
        boolean ok = net.runUntil(() -> {
            if (!tcp.maySend()) {
                return true;
            }
            while (sent[0] < bytes && net.now() < end) {
                int n = tcp.send(chunk, 0, (int) Math.min(chunk.length, bytes - sent[0]));
                if (n <= 0) {
                    break;
                }
                sent[0] += n;
            }
            meter.update(net.now(), sent[0] - tcp.sendQueue());
            return (sent[0] >= bytes || net.now() >= end) && tcp.sendQueue() == 0;
        }, micros > 0 ? micros + TIMEOUT : TIMEOUT);
        ok &= tcp.maySend();
        long elapsed = net.now() - start;
        meter.done();
        tcp.close();
        boolean closed = net.runUntil(() -> tcp.state() == TcpSocket.TIME_WAIT || tcp.state() == TcpSocket.CLOSED, TIMEOUT);
        finish(tcp);
        ok &= closed;
        return new Outcome(name, ok, (ok ? "" : "FAILED after ") + mb(sent[0]) + " sent and acknowledged" + rate(sent[0], elapsed)
                + (closed ? ", closed gracefully" : ", no graceful close"));
    }

    /** Receives {@code bytes} (or for {@code micros}) of the source's pattern, checking every byte. */
    private Outcome download(String name, int port, long bytes, long micros, PrintWriter progress) {
        TcpSocket tcp = connect(port);
        if (tcp == null) {
            return refused(name, port);
        }
        byte[] chunk = new byte[16 * 1024];
        long start = net.now();
        long end = micros > 0 ? start + micros : Long.MAX_VALUE;
        long[] received = {0};
        long[] wrongAt = {-1};
        Progress meter = new Progress(progress, name, start);
        boolean ok = net.runUntil(() -> {
            int n;
            while ((n = tcp.recv(chunk, 0, chunk.length)) > 0) {
                for (int i = 0; i < n && wrongAt[0] < 0; i++) {
                    if (chunk[i] != TcpSource.PATTERN[(int) ((received[0] + i) % TcpSource.PATTERN.length)]) {
                        wrongAt[0] = received[0] + i;
                    }
                }
                received[0] += n;
            }
            meter.update(net.now(), received[0]);
            return n < 0 || wrongAt[0] >= 0 || received[0] >= bytes || net.now() >= end;
        }, micros > 0 ? micros + TIMEOUT : TIMEOUT);
        long elapsed = net.now() - start;
        meter.done();
        tcp.close();
        net.runUntil(() -> !tcp.isOpen(), 2 * SECOND);
        finish(tcp);
        ok &= wrongAt[0] < 0 && (received[0] >= bytes || micros > 0 && received[0] > 0);
        return new Outcome(name, ok, wrongAt[0] >= 0 ? "byte " + wrongAt[0] + " of the stream is wrong"
                : mb(received[0]) + " received, pattern checked" + rate(received[0], elapsed));
    }

    /**
     * The progress line of a long transfer: rewritten in place (carriage return) every 250 ms on a
     * terminal, a new line every 500 ms otherwise (a log stays readable).
     */
    private static final class Progress {
        private final PrintWriter out;
        private final String name;
        private final long start;
        private final boolean terminal = System.console() != null;
        private long shownAt;

        Progress(PrintWriter out, String name, long start) {
            this.out = out;
            this.name = name;
            this.start = start;
            this.shownAt = start;
        }

        void update(long now, long bytes) {
            if (out != null && now - shownAt >= (terminal ? 250_000 : 500_000)) {
                shownAt = now;
                String line = "  ..    " + name + ": " + mb(bytes) + rate(bytes, now - start);
                if (terminal) {
                    out.print("\r" + line + "   ");
                } else {
                    out.println(line);
                }
                out.flush();
            }
        }

        void done() {
            if (out != null && terminal) {
                out.print("\r" + " ".repeat(100) + "\r");
                out.flush();
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private IcmpSocket icmp(int identifier) {
        IcmpSocket socket = net.add(new IcmpSocket(4, 1024, 4, 1024));
        socket.bindIdentifier(identifier);
        return socket;
    }

    /** Sends an echo request with 56 data bytes, as ping does: ICMPv4, or ICMPv6 (the socket fills its checksum). */
    private void send(IcmpSocket socket, int identifier, int sequence) {
        byte[] bytes;
        if (ipv6) {
            Icmpv6Repr repr = new Icmpv6Repr().setEcho(true, identifier, sequence, 56);
            bytes = new byte[repr.bufferLen()];
            repr.emit(new Icmpv6Packet().wrap(bytes, 0, bytes.length));
        } else {
            Icmpv4Repr repr = new Icmpv4Repr().setEchoRequest(identifier, sequence, 56);
            bytes = new byte[repr.bufferLen()];
            Icmpv4Packet packet = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
            repr.emit(packet, false);
            packet.fillChecksum();
        }
        socket.send(bytes, 0, bytes.length, targetHigh, targetLow);
    }

    /** The sequence number of the echo message {@code socket} holds next. */
    private int echoSequence(IcmpSocket socket) {
        byte[] buf = socket.receiveBuffer();
        int at = socket.receiveOffset();
        int length = socket.peek();
        return ipv6 ? new Icmpv6Packet().wrap(buf, at, length).echoSequence() : new Icmpv4Packet().wrap(buf, at, length).echoSequence();
    }

    private TcpSocket connect(int port) {
        TcpSocket tcp = net.add(new TcpSocket(256 * 1024, 256 * 1024, port));
        int local = nextPort++;
        tcp.connect(net.peer.context(net.now()), targetHigh, targetLow, port, 0, 0, local);
        if (!net.runUntil(() -> tcp.state() == TcpSocket.ESTABLISHED || tcp.state() == TcpSocket.CLOSED, TIMEOUT)
                || tcp.state() != TcpSocket.ESTABLISHED) {
            finish(tcp);
            return null;
        }
        return tcp;
    }

    private static Outcome refused(String name, int port) {
        return new Outcome(name, false, "no connection to port " + port);
    }

    /**
     * Closes as nc, socat or curl do when done: a FIN, then waiting for the firmware's FIN (or its
     * ACK of ours after it closed first) before the socket is dropped; only a firmware that never
     * finishes the close within the timeout gets a reset.
     */
    private void closeGracefully(TcpSocket tcp) {
        tcp.close();
        net.runUntil(() -> !tcp.isOpen() || tcp.state() == TcpSocket.TIME_WAIT, TIMEOUT);
        finish(tcp);
    }

    private void finish(TcpSocket tcp) {
        if (tcp.isOpen() && tcp.state() != TcpSocket.TIME_WAIT) {
            tcp.abort();
            net.runFor(10_000);
        }
        net.remove(tcp);
    }

    private void sendAll(TcpSocket tcp, byte[] bytes) {
        int[] sent = {0};
        net.runUntil(() -> {
            int n = tcp.send(bytes, sent[0], bytes.length - sent[0]);
            sent[0] += Math.max(0, n);
            return sent[0] == bytes.length || n < 0;
        }, TIMEOUT);
    }

    private String read(TcpSocket tcp, Predicate<String> enough) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        net.runUntil(() -> {
            int n;
            while ((n = tcp.recv(chunk, 0, chunk.length)) > 0) {
                received.write(chunk, 0, n);
            }
            return n < 0 || enough.test(received.toString(StandardCharsets.ISO_8859_1));
        }, TIMEOUT);
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** One GET on a keep-alive connection: the whole response (head and Content-Length bytes). */
    private String httpGet(TcpSocket tcp, String path) {
        sendAll(tcp, ("GET " + path + " HTTP/1.1\r\nHost: " + target(true) + "\r\nUser-Agent: smoltcp4j-sim\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return read(tcp, SimExchanges::completeResponse);
    }

    static boolean completeResponse(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        Matcher length = Pattern.compile("Content-Length: (\\d+)\r\n").matcher(text);
        return headEnd >= 0 && length.find() && text.length() >= headEnd + 4 + Integer.parseInt(length.group(1));
    }

    private static String body(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        return headEnd < 0 ? "" : response.substring(headEnd + 4);
    }

    private static long counter(String response, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\\d+)").matcher(response);
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }

    static String ipv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    private static String quote(String text) {
        return '"' + text.replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    static String mb(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MiB", bytes / 1048576.0) : String.format("%.1f KiB", bytes / 1024.0);
    }

    static String rate(long bytes, long micros) {
        return micros <= 0 ? "" : String.format(" in %.2f s (%.1f Mbit/s)", micros / 1e6, bytes * 8.0 / micros);
    }
}
