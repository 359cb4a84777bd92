package org.smoltcp4j.socket.tcp;

import java.util.Random;

import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.SimulatedWire;
import org.smoltcp4j.wire.Ipv4Address;

/**
 * Two stacks on a {@link SimulatedWire} (Ethernet, 10.0.0.1/24 and 10.0.0.2/24), a client socket
 * on A connecting to a listening server socket on B, both sending their seeded stream at once and
 * closing once it is queued, all on a virtual clock: {@link #step} polls both interfaces and, when
 * neither had anything to do, jumps to the earliest of their {@code pollAt} and the wire's next
 * delivery. After every step the sockets' invariants are checked; the wire's
 * {@link TcpWireInvariants} check every segment as it is sent. Besides the {@link Scenario}, bits
 * of each socket's seed switch Nagle's algorithm off, the delayed ACK off and keep-alive (3 s) on.
 */
final class TcpSimulation {

    /** The wire's faults: chances in percent, each copy's latency range in microseconds. */
    record Faults(String name, int lossPercent, int corruptPercent, int duplicatePercent, int reorderPercent,
            long minLatencyMicros, long maxLatencyMicros) {
    }

    /** One run's settings: the wire's faults, both sockets' configuration, and the seed of everything. */
    record Scenario(Faults faults, int congestionControl, boolean sack, boolean timestamps, int bufferSize, long seed) {
    }

    static final int CLIENT_ADDRESS = Ipv4Address.of(10, 0, 0, 1);
    static final int SERVER_ADDRESS = Ipv4Address.of(10, 0, 0, 2);
    static final int SERVER_PORT = 80;
    static final int CLIENT_PORT = 49152;
    static final int MTU = 1514;
    static final int IP_MTU = MTU - 14;
    /** The link: 10 Mbit/s, 32 frames in flight each way, so a sender that outruns it loses frames. */
    static final long BANDWIDTH = 1_250_000;
    static final int QUEUE_FRAMES = 32;
    static final long REORDER_HOLD_MICROS = 30_000;
    static final long KEEP_ALIVE_MICROS = 3_000_000;
    private static final int MIN_STREAM = 20 * 1024;
    private static final int MAX_STREAM = 200 * 1024;
    /** Polls at one instant in a row that change nothing before the clock must move: a busy loop. */
    private static final int MAX_IDLE_POLLS = 100;

    final Scenario scenario;
    private final boolean cyclic;
    final SimulatedWire wire;
    final Interface clientIface;
    final Interface serverIface;
    final SocketSet clientSockets = new SocketSet(1);
    final SocketSet serverSockets = new SocketSet(1);
    final TcpSocket client;
    final TcpSocket server;
    final byte[] up;
    final byte[] down;
    final byte[] receivedUp;
    final byte[] receivedDown;
    final TcpWireInvariants wireInvariants;
    private final SocketInvariants clientInvariants;
    private final SocketInvariants serverInvariants;
    long now;
    long steps;
    int sentUp;
    int sentDown;
    int gotUp;
    int gotDown;
    boolean upFinished;
    boolean downFinished;
    private int idlePolls;

    TcpSimulation(Scenario scenario) {
        this(scenario, false);
    }

    /**
     * @param cyclic whether both ends send their stream over and over and never close (for
     *               steady-state measurements) instead of once
     */
    TcpSimulation(Scenario scenario, boolean cyclic) {
        this.cyclic = cyclic;
        this.scenario = scenario;
        Random random = new Random(scenario.seed());
        up = new byte[MIN_STREAM + random.nextInt(MAX_STREAM - MIN_STREAM + 1)];
        down = new byte[MIN_STREAM + random.nextInt(MAX_STREAM - MIN_STREAM + 1)];
        random.nextBytes(up);
        random.nextBytes(down);
        receivedUp = new byte[up.length];
        receivedDown = new byte[down.length];

        wire = new SimulatedWire(new DeviceCapabilities(Medium.ETHERNET, MTU, 0), QUEUE_FRAMES, scenario.seed());
        Faults faults = scenario.faults();
        wire.setLossPercent(faults.lossPercent());
        wire.setCorruptPercent(faults.corruptPercent());
        wire.setDuplicatePercent(faults.duplicatePercent());
        wire.setReorder(faults.reorderPercent(), REORDER_HOLD_MICROS);
        wire.setLatency(faults.minLatencyMicros(), faults.maxLatencyMicros());
        wire.setBandwidth(BANDWIDTH);
        
        clientIface = iface(0x020000000001L, CLIENT_ADDRESS, scenario.seed());
        serverIface = iface(0x020000000002L, SERVER_ADDRESS, ~scenario.seed());
        client = socket(scenario, scenario.seed() * 31 + 1);
        server = socket(scenario, scenario.seed() * 31 + 2);
        clientSockets.add(client);
        serverSockets.add(server);
        wireInvariants = new TcpWireInvariants(up, down, client, server, cyclic);
        wire.setTap(wireInvariants);
        clientInvariants = new SocketInvariants(client);
        serverInvariants = new SocketInvariants(server);
        server.listen(SERVER_PORT);
        client.connect(clientIface.context(now), SERVER_ADDRESS, SERVER_PORT, CLIENT_PORT);
    }

    private Interface iface(long mac, int address, long seed) {
        Interface iface = new Interface(new InterfaceConfig().hardwareAddress(mac).randomSeed(seed),
                wire.end(SimulatedWire.END_A).capabilities());
        iface.addIpv4Address(address, 24);
        return iface;
    }

    private static TcpSocket socket(Scenario scenario, long seed) {
        TcpSocket socket = new TcpSocket(scenario.bufferSize(), scenario.bufferSize(), seed);
        socket.setCongestionControl(scenario.congestionControl());
        socket.setSackEnabled(scenario.sack());
        socket.setTimestampsEnabled(scenario.timestamps());
        // Three more settings, from bits of the socket's own seed, so the two ends may differ.
        socket.setNagleEnabled((seed & 2) == 0);
        if ((seed & 4) == 0) {
            socket.setAckDelay(0);
        }
        if ((seed & 8) == 0) {
            socket.setKeepAlive(KEEP_ALIVE_MICROS);
        }
        return socket;
    }

    /** True once both streams arrived with their FIN and both sockets are closed. */
    boolean finished() {
        return upFinished && downFinished && client.state() == TcpSocket.CLOSED && server.state() == TcpSocket.CLOSED;
    }

    /**
     * Runs until {@link #finished()}; throws AssertionError when an invariant breaks, when the
     * stacks stall (nothing to do, ever) or when {@code maxSimulatedMicros} pass first.
     */
    void run(long maxSimulatedMicros) {
        while (!finished()) {
            if (now > maxSimulatedMicros) {
                throw new AssertionError("not finished after " + maxSimulatedMicros / 1_000_000 + " s simulated: " + progress());
            }
            step();
        }
    }

    /** The application's turn, one poll of each interface, the invariants, and the clock. */
    void step() {
        feed();
        boolean changed = clientIface.poll(now, wire.end(SimulatedWire.END_A), clientSockets);
        changed |= serverIface.poll(now, wire.end(SimulatedWire.END_B), serverSockets);
        drain();
        clientInvariants.check(now);
        serverInvariants.check(now);
        steps++;
        if (changed) {
            idlePolls = 0;
            return;
        }
        long next = Math.min(Math.min(clientIface.pollAt(now, clientSockets), serverIface.pollAt(now, serverSockets)),
                wire.nextDeliveryAt());
        if (next == Long.MAX_VALUE) {
            if (!finished()) {
                throw new AssertionError("stalled: no timer, no frame in flight: " + progress());
            }
            return;
        }
        if (next <= now) {
            if (++idlePolls > MAX_IDLE_POLLS) {
                throw new AssertionError("busy loop: pollAt says now, poll does nothing: " + progress());
            }
            return;
        }
        idlePolls = 0;
        now = next;
    }

    private void feed() {
        sentUp = sendAndClose(client, up, sentUp);
        sentDown = sendAndClose(server, down, sentDown);
    }

    /**
     * Queues what fits of {@code stream} from {@code sent} on; once all is queued, closes (or, cyclic,
     * starts over). Returns the new {@code sent}.
     */
    private int sendAndClose(TcpSocket socket, byte[] stream, int sent) {
        if (cyclic && sent == stream.length) {
            sent = 0;
        }
        if (sent < stream.length && socket.canSend()) {
            sent += Math.max(0, socket.send(stream, sent, stream.length - sent));
        }
        if (!cyclic && sent == stream.length && (socket.state() == TcpSocket.ESTABLISHED || socket.state() == TcpSocket.CLOSE_WAIT)) {
            socket.close();
        }
        return sent;
    }

    private void drain() {
        if (!upFinished) {
            gotUp = receive(server, receivedUp, gotUp);
            upFinished = gotUp < 0;
            gotUp = upFinished ? receivedUp.length : gotUp;
        }
        if (!downFinished) {
            gotDown = receive(client, receivedDown, gotDown);
            downFinished = gotDown < 0;
            gotDown = downFinished ? receivedDown.length : gotDown;
        }
    }

    /**
     * Reads all that waits (a wrapped ring takes two reads) into {@code into} from {@code got} on,
     * starting over at the end when cyclic; returns the new count, or -1 once the FIN has been read.
     */
    private int receive(TcpSocket socket, byte[] into, int got) {
        while (true) {
            if (cyclic && got == into.length) {
                got = 0;
            }
            int n = socket.recv(into, got, into.length - got);
            if (n == TcpSocket.FINISHED) {
                return -1;
            }
            if (n <= 0) {
                return got;
            }
            got += n;
        }
    }

    String progress() {
        return "t=" + now / 1000 + " ms, up " + sentUp + "/" + gotUp + "/" + up.length + (upFinished ? " FIN" : "")
                + ", down " + sentDown + "/" + gotDown + "/" + down.length + (downFinished ? " FIN" : "")
                + ", client " + client.appendTo(new StringBuilder()) + " queues " + client.sendQueue() + "/" + client.recvQueue()
                + ", server " + server.appendTo(new StringBuilder()) + " queues " + server.sendQueue() + "/" + server.recvQueue()
                + ", wire in flight " + wire.inFlight();
    }

    /** What must hold of one socket after every step. */
    private static final class SocketInvariants {
        private final TcpSocket socket;
        private int state;
        private long timeouts;

        SocketInvariants(TcpSocket socket) {
            this.socket = socket;
            this.state = socket.state();
        }

        void check(long now) {
            if (socket.recvQueue() > socket.recvCapacity() || socket.sendQueue() > socket.sendCapacity()) {
                fail("a queue is above its capacity", now);
            }
            int next = socket.state();
            if (!mayFollow(state, next)) {
                fail("went from " + TcpSocket.stateName(state) + " to " + TcpSocket.stateName(next), now);
            }
            state = next;
            if (socket.congestionControl() != TcpSocket.CONGESTION_NONE && socket.isActive()
                    && socket.congestionWindow() < Math.min(socket.remoteMss(), IP_MTU - 40) - 12) {
                fail("congestion window " + socket.congestionWindow() + " below 1 MSS", now);
            }
            if (socket.retransmissionTimeouts() < timeouts) {
                fail("retransmission timeout counter went backwards", now);
            }
            timeouts = socket.retransmissionTimeouts();
        }

        private void fail(String what, long now) {
            throw new AssertionError("at " + now + " us the socket " + what + ": " + socket.appendTo(new StringBuilder()));
        }

        /** The transitions of RFC 9293's diagram this connection may take between two steps. */
        private static boolean mayFollow(int from, int to) {
            if (from == to) {
                return true;
            }
            switch (from) {
                case TcpSocket.CLOSED:
                    return to == TcpSocket.SYN_SENT || to == TcpSocket.LISTEN;
                case TcpSocket.LISTEN:
                    return to == TcpSocket.SYN_RECEIVED;
                case TcpSocket.SYN_SENT:
                    return to == TcpSocket.SYN_RECEIVED || to == TcpSocket.ESTABLISHED;
                case TcpSocket.SYN_RECEIVED:
                case TcpSocket.ESTABLISHED:
                    return to == TcpSocket.ESTABLISHED || to == TcpSocket.CLOSE_WAIT || to == TcpSocket.FIN_WAIT_1
                            || to == TcpSocket.FIN_WAIT_2 || to == TcpSocket.CLOSING || to == TcpSocket.TIME_WAIT
                            || to == TcpSocket.LAST_ACK;
                case TcpSocket.CLOSE_WAIT:
                    return to == TcpSocket.LAST_ACK;
                case TcpSocket.FIN_WAIT_1:
                    return to == TcpSocket.FIN_WAIT_2 || to == TcpSocket.CLOSING || to == TcpSocket.TIME_WAIT;
                case TcpSocket.FIN_WAIT_2:
                    return to == TcpSocket.TIME_WAIT;
                case TcpSocket.CLOSING:
                    // CLOSED: the RST a peer past TIME-WAIT sends for our retransmitted FIN (TcpWireInvariants
                    // lets only a closed end send one); all data went both ways already.
                    return to == TcpSocket.TIME_WAIT || to == TcpSocket.CLOSED;
                case TcpSocket.LAST_ACK:
                case TcpSocket.TIME_WAIT:
                    return to == TcpSocket.CLOSED;
                default:
                    return false;
            }
        }
    }
}
