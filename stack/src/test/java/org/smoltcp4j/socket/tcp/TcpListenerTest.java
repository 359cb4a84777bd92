package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Ipv4Address;

/**
 * A listen backlog end to end over {@link Loopback}: clients and a {@link TcpListener} on one
 * interface, an echo server (read until the client's FIN, send it all back, release) and clients
 * that check the echo byte for byte.
 */
class TcpListenerTest {

    private static final int ADDRESS = Ipv4Address.of(10, 0, 0, 1);
    private static final int PORT = 80;
    private static final int PAYLOAD = 1500;
    private static final int BUFFER = 2048;

    private final Loopback device = new Loopback(Medium.IP, 1500, 64);
    private final Interface iface = new Interface(new InterfaceConfig(), device.capabilities());
    private long now;
    private TcpListener listener;
    private EchoClient[] clients;
    private SocketSet sockets;
    private EchoServer server;

    /** A backlog of {@code backlog} sockets on {@link #PORT}, its echo server, and {@code clientCount} clients. */
    private void setUp(int backlog, int clientCount) {
        iface.addIpv4Address(ADDRESS, 8);
        listener = TcpListener.withNewSockets(backlog, BUFFER, BUFFER, 7, PORT);
        server = new EchoServer(listener);
        sockets = new SocketSet(backlog + clientCount);
        sockets.add(listener);
        clients = new EchoClient[clientCount];
        for (int i = 0; i < clientCount; i++) {
            clients[i] = new EchoClient(1000 + i);
            sockets.add(clients[i].socket);
        }
    }

    /** One poll; when nothing happened, the clock jumps to the next deadline. */
    private void step() {
        if (!iface.poll(now, device, sockets)) {
            long delay = iface.pollDelay(now, sockets);
            now += delay == Long.MAX_VALUE ? 1000 : Math.max(delay, 1);
        }
    }

    /** Steps (up to 100 times) until {@code condition} holds. */
    private void stepUntil(BooleanSupplier condition) {
        for (int steps = 0; !condition.getAsBoolean() && steps < 100; steps++) {
            step();
        }
    }

    /** Polls, serves and runs the clients until every client has its echo (allocation-free). */
    private void exchangeUntilDone() {
        for (int steps = 0; !allDone() && steps < 100_000; steps++) {
            step();
            server.serve();
            for (EchoClient client : clients) {
                client.run();
            }
        }
    }

    /** The application side of the listener: accepts, echoes after the client's FIN, releases. */
    static final class EchoServer {
        final TcpListener listener;
        private final TcpSocket[] held;
        private final byte[][] data;
        private final int[] length;
        int accepted;
        final TcpSocket[] acceptOrder = new TcpSocket[256];

        EchoServer(TcpListener listener) {
            this.listener = listener;
            held = new TcpSocket[listener.backlog()];
            data = new byte[listener.backlog()][BUFFER];
            length = new int[listener.backlog()];
        }

        void serve() {
            TcpSocket socket;
            while ((socket = listener.accept()) != null) {
                acceptOrder[accepted++ % acceptOrder.length] = socket;
                int slot = 0;
                while (held[slot] != null) {
                    slot++;
                }
                held[slot] = socket;
                length[slot] = 0;
            }
            for (int slot = 0; slot < held.length; slot++) {
                TcpSocket held = this.held[slot];
                if (held == null) {
                    continue;
                }
                int read = held.recv(data[slot], length[slot], BUFFER - length[slot]);
                if (read > 0) {
                    length[slot] += read;
                } else if (read == TcpSocket.FINISHED) {
                    assertEquals(length[slot], held.send(data[slot], 0, length[slot]));
                    listener.release(held);
                    this.held[slot] = null;
                }
            }
        }
    }

    /** Connects, sends a payload of its own, closes, and collects the echo until the server's FIN. */
    static final class EchoClient {
        final TcpSocket socket;
        final byte[] payload = new byte[PAYLOAD];
        final byte[] echo = new byte[BUFFER];
        int sent;
        int received;
        boolean done;

        EchoClient(long seed) {
            socket = new TcpSocket(BUFFER, BUFFER, seed);
        }

        void start(Interface iface, long now, int localPort, int connection) {
            for (int i = 0; i < PAYLOAD; i++) {
                payload[i] = (byte) (connection * 31 + i * 7);
            }
            sent = 0;
            received = 0;
            done = false;
            socket.connect(iface.context(now), ADDRESS, PORT, localPort);
        }

        void run() {
            if (done) {
                return;
            }
            if (sent < PAYLOAD && socket.maySend()) {
                sent += socket.send(payload, sent, PAYLOAD - sent);
                if (sent == PAYLOAD) {
                    socket.close();
                }
            }
            int read = socket.recv(echo, received, BUFFER - received);
            if (read > 0) {
                received += read;
            } else if (read == TcpSocket.FINISHED) {
                done = true;
            }
        }

        void assertEchoed() {
            assertTrue(done, "client finished");
            assertEquals(PAYLOAD, received);
            byte[] got = new byte[PAYLOAD];
            System.arraycopy(echo, 0, got, 0, PAYLOAD);
            assertArrayEquals(payload, got);
        }
    }

    private boolean allDone() {
        for (EchoClient client : clients) {
            if (!client.done) {
                return false;
            }
        }
        return true;
    }

    @Test
    void eightSynsInOnePollForABacklogOfFour() {
        setUp(4, 8);
        for (int i = 0; i < clients.length; i++) {
            clients[i].start(iface, now, 50000 + i, i);
        }
        assertTrue(iface.poll(now, device, sockets)); // the 8 SYNs go out
        assertTrue(iface.poll(now, device, sockets)); // ... and arrive together
        Counters counters = iface.counters();
        assertEquals(4, counters.get(Counters.RX_TCP_BACKLOG_FULL), "SYNs dropped for a full backlog");
        assertEquals(0, counters.get(Counters.TX_TCP_RESETS), "a full backlog sends no RST");
        assertEquals(0, listener.listening());
        for (int i = 0; i < listener.backlog(); i++) {
            assertEquals(TcpSocket.SYN_RECEIVED, listener.socket(i).state());
        }

        exchangeUntilDone();
        int retried = 0;
        for (EchoClient client : clients) {
            client.assertEchoed();
            retried += client.socket.retransmissionTimeouts() > 0 ? 1 : 0;
        }
        assertTrue(retried >= 4, "the dropped clients connected after retransmitting their SYN, got " + retried);
        assertEquals(8, server.accepted);
        assertEquals(0, counters.get(Counters.TX_TCP_RESETS));
        assertEquals(0, counters.get(Counters.RX_TCP_NO_SOCKET));
    }

    @Test
    void acceptReturnsConnectionsInTheOrderTheyWereEstablished() {
        setUp(3, 3);
        // Start the clients one at a time, each connection established before the next starts.
        for (int i = 0; i < clients.length; i++) {
            clients[i].start(iface, now, 50000 + i, i);
            int before = i;
            stepUntil(() -> listener.pending() > before);
            assertEquals(i + 1, listener.pending());
        }
        for (int i = 0; i < clients.length; i++) {
            TcpSocket accepted = listener.accept();
            assertEquals(TcpSocket.ESTABLISHED, accepted.state());
            assertEquals(50000 + i, accepted.remotePort());
        }
        assertNull(listener.accept());
        assertEquals(0, listener.pending());
    }

    @Test
    void releasedSocketListensAgainOnceClosed() {
        setUp(1, 1);
        clients[0].start(iface, now, 50000, 0);
        exchangeUntilDone();
        clients[0].assertEchoed();
        TcpSocket member = listener.socket(0);
        stepUntil(member::isListening);
        assertTrue(member.isListening(), "released socket listens again");
        assertEquals(PORT, member.localPort());
        assertEquals(1, listener.listening());
        // ... and takes the next connection.
        clients[0].start(iface, now, 50001, 1);
        exchangeUntilDone();
        clients[0].assertEchoed();
        assertEquals(2, server.accepted);
    }

    @Test
    void abortedAndReleasedSocketResetsThePeerBeforeListeningAgain() {
        setUp(1, 1);
        TcpSocket client = clients[0].socket;
        clients[0].start(iface, now, 50000, 0);
        stepUntil(() -> listener.pending() > 0);
        TcpSocket accepted = listener.accept();
        accepted.abort();
        listener.release(accepted);
        assertFalse(accepted.isListening(), "the RST is still owed");
        stepUntil(() -> !client.isOpen());
        assertEquals(TcpSocket.CLOSED, client.state());
        assertEquals(1, client.resetsReceived());
        step();
        assertTrue(accepted.isListening());
    }

    @Test
    void socketReleasedBeforeThePeerClosedListensAfterTimeWait() {
        setUp(1, 1);
        TcpSocket member = listener.socket(0);
        member.setTimeWait(2_000_000);
        TcpSocket client = clients[0].socket;
        clients[0].start(iface, now, 50000, 0);
        stepUntil(() -> listener.pending() > 0);
        listener.release(listener.accept()); // our FIN goes first
        stepUntil(() -> client.state() == TcpSocket.CLOSE_WAIT);
        client.close();
        stepUntil(() -> member.state() == TcpSocket.TIME_WAIT);
        long timeWaitFrom = now;
        stepUntil(member::isListening);
        assertTrue(member.isListening());
        assertTrue(now - timeWaitFrom >= 2_000_000, "listened again after " + (now - timeWaitFrom) + " us");
    }

    @Test
    void hundredSequentialConnectionsThroughABacklogOfTwo() {
        setUp(2, 1);
        for (int connection = 0; connection < 100; connection++) {
            clients[0].start(iface, now, 40000 + connection, connection);
            exchangeUntilDone();
            clients[0].assertEchoed();
        }
        assertEquals(100, server.accepted);
        assertEquals(0, iface.counters().get(Counters.RX_TCP_BACKLOG_FULL));
        assertEquals(0, iface.counters().get(Counters.TX_TCP_RESETS));
    }

    @Test
    void acceptReleaseCycleAndTrafficAllocateNothing() {
        setUp(2, 1);
        EchoClient client = clients[0];
        int[] connection = {0};
        long bytes = AllocationProbe.allocatedBytes(300, 300, () -> {
            client.start(iface, now, 20000 + (connection[0]++ & 0x3fff), 0);
            exchangeUntilDone();
        });
        assertEquals(0, bytes, "bytes allocated by 300 connections");
        client.assertEchoed();
    }

    @Test
    void listenerMisuseIsRefused() {
        TcpSocket a = new TcpSocket(64, 64, 1);
        TcpSocket b = new TcpSocket(64, 64, 2);
        assertThrows(NullPointerException.class, () -> new TcpListener(null, 0, PORT));
        assertThrows(IllegalArgumentException.class, () -> new TcpListener(new TcpSocket[0], 0, PORT));
        assertThrows(NullPointerException.class, () -> new TcpListener(new TcpSocket[] {a, null}, 0, PORT));
        assertThrows(IllegalArgumentException.class, () -> new TcpListener(new TcpSocket[] {a, a}, 0, PORT));
        assertThrows(IllegalArgumentException.class, () -> new TcpListener(new TcpSocket[] {a}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TcpListener(new TcpSocket[] {a}, 0, 65536));
        assertThrows(IllegalArgumentException.class, () -> TcpListener.withNewSockets(0, 64, 64, 1, PORT));
        b.listen(81);
        IllegalStateException open = assertThrows(IllegalStateException.class, () -> new TcpListener(new TcpSocket[] {a, b}, 0, PORT));
        assertTrue(open.getMessage().contains("LISTEN"), open.getMessage());
        assertNull(a.listener(), "a refused listener takes no socket");

        TcpListener listener = new TcpListener(new TcpSocket[] {a}, 0, PORT);
        assertSame(listener, a.listener());
        assertTrue(a.isListening());
        a.abort();
        assertThrows(IllegalStateException.class, () -> new TcpListener(new TcpSocket[] {a}, 0, 81));
        assertThrows(IndexOutOfBoundsException.class, () -> listener.socket(1));
        assertThrows(IndexOutOfBoundsException.class, () -> listener.socket(-1));
        assertThrows(NullPointerException.class, () -> listener.release(null));
        assertThrows(IllegalArgumentException.class, () -> listener.release(new TcpSocket(64, 64, 3)));
        IllegalStateException notAccepted = assertThrows(IllegalStateException.class, () -> listener.release(a));
        assertTrue(notAccepted.getMessage().contains("not accepted"), notAccepted.getMessage());
    }

    @Test
    void socketSetTakesAWholeBacklogOrNothing() {
        TcpListener listener = TcpListener.withNewSockets(3, 64, 64, 1, PORT);
        SocketSet small = new SocketSet(4);
        small.add(new TcpSocket(64, 64, 9));
        small.add(new TcpSocket(64, 64, 10));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> small.add(listener));
        assertTrue(full.getMessage().contains("2 of 4 are free"), full.getMessage());
        assertThrows(NullPointerException.class, () -> small.add((TcpListener) null));

        SocketSet set = new SocketSet(6);
        set.add(listener);
        for (int i = 0; i < 3; i++) {
            assertSame(listener.socket(i), set.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> set.add(listener));
        assertThrows(IllegalArgumentException.class, () -> set.get(3));
    }

    @Test
    void listenerReportsItsEndpoint() {
        TcpSocket[] sockets = {new TcpSocket(64, 64, 1), new TcpSocket(64, 64, 2)};
        TcpListener listener = new TcpListener(sockets, ADDRESS, 8080);
        assertEquals(2, listener.backlog());
        assertEquals(ADDRESS, listener.address());
        assertEquals(8080, listener.port());
        assertEquals(2, listener.listening());
        assertEquals(0, listener.pending());
        assertTrue(listener.covers(ADDRESS, 8080));
        assertFalse(listener.covers(ADDRESS + 1, 8080));
        assertFalse(listener.covers(ADDRESS, 8081));
        assertTrue(TcpListener.withNewSockets(1, 64, 64, 1, 8080).covers(ADDRESS + 1, 8080));
        assertEquals(ADDRESS, sockets[1].localAddress());
    }
}
