package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * A listen backlog (smoltcp issues #852/#943): N preallocated {@link TcpSocket}s all listening on
 * one endpoint, so a SYN that arrives while the application is busy with earlier connections still
 * finds a socket. Nothing allocates after construction.
 *
 * <p>Life of a member socket: it listens; a SYN takes it to SYN-RECEIVED; when the handshake
 * completes it joins the accept queue (in the order connections were established);
 * {@link #accept()} hands it to the application, which uses it as any TcpSocket and gives it back
 * with {@link #release}; once it is CLOSED again (after the close handshake, or at the end of
 * TIME-WAIT) it listens again. A connection that fails before it is accepted (an RST in
 * SYN-RECEIVED or in the accept queue, a user timeout) returns its socket to LISTEN by itself.
 * Members are re-armed when the interface next dispatches them (every poll), and by
 * {@link #accept()} and {@link #release}.
 *
 * <p>When every member is busy, a new SYN for the endpoint is dropped silently, as Linux does
 * with a full accept queue: no RST, so the client retransmits its SYN and connects once a socket
 * is free. The interface counts these drops (Counters.RX_TCP_BACKLOG_FULL).
 *
 * <p>Registration: add the listener to the interface's SocketSet with {@code SocketSet.add(TcpListener)},
 * which gives every member a slot of its own (its own dispatch, neighbour silencing and handle).
 */
public final class TcpListener {

    /** Member status: owned by the listener (listening, or in the handshake). */
    private static final int FREE = 0;
    /** Established, waiting in the accept queue. */
    private static final int QUEUED = 1;
    /** Handed to the application by {@link #accept()}. */
    private static final int ACCEPTED = 2;
    /** Given back by the application; listens again once CLOSED. */
    private static final int RELEASED = 3;

    private final TcpSocket[] members;
    private final int[] status;
    /** Accept queue: member indices, oldest at {@link #head}. */
    private final int[] queue;
    private final long addressHigh;
    private final long addressLow;
    private final int port;
    private int head;
    private int queued;

    /**
     * A listener on the IPv4 {@code address:port} ({@code address} unspecified, 0: every local
     * address of both IP versions) over the caller's sockets, as
     * {@link #TcpListener(TcpSocket[], long, long, int)}.
     */
    public TcpListener(TcpSocket[] sockets, int address, int port) {
        this(sockets, 0, DualStack.lowOf(address), port);
    }

    /**
     * A listener on {@code addressHigh:addressLow} port {@code port}, the address in the IPv6 form
     * (IPv6, IPv4-mapped, or (0, 0) for every local address of both IP versions) over
     * the caller's sockets, which must be closed and belong to no other listener. Each starts
     * listening at once; their options (buffers, delays, timeouts) are the caller's.
     *
     * @throws IllegalArgumentException if {@code sockets} is empty, holds a socket twice, or the port is not 1..65535
     * @throws IllegalStateException    if a socket is open or already in a listener
     */
    public TcpListener(TcpSocket[] sockets, long addressHigh, long addressLow, int port) {
        if (sockets == null) {
            throw new NullPointerException("sockets is null");
        }
        if (sockets.length == 0) {
            throw new IllegalArgumentException("a listen backlog needs at least 1 socket");
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("local port must be 1..65535, got " + port);
        }
        for (int i = 0; i < sockets.length; i++) {
            checkMember(sockets, i);
        }
        this.members = new TcpSocket[sockets.length];
        this.status = new int[sockets.length];
        this.queue = new int[sockets.length];
        this.addressHigh = addressHigh;
        this.addressLow = addressLow;
        this.port = port;
        for (int i = 0; i < sockets.length; i++) {
            members[i] = sockets[i];
            sockets[i].joinBacklog(this, i);
            sockets[i].listen(addressHigh, addressLow, port);
        }
    }

    private static void checkMember(TcpSocket[] sockets, int index) {
        TcpSocket socket = sockets[index];
        if (socket == null) {
            throw new NullPointerException("sockets[" + index + "] is null");
        }
        for (int j = 0; j < index; j++) {
            if (sockets[j] == socket) {
                throw new IllegalArgumentException("sockets[" + j + "] and sockets[" + index + "] are the same socket");
            }
        }
        if (socket.listener() != null) {
            throw new IllegalStateException("sockets[" + index + "] already belongs to a listener");
        }
        if (socket.isOpen()) {
            throw new IllegalStateException("sockets[" + index + "] is " + TcpSocket.stateName(socket.state())
                    + "; a backlog takes closed sockets");
        }
    }

    /**
     * A listener on {@code port} of every local address over {@code backlog} new sockets with the
     * given buffer sizes, sharing one {@link SeededTcpSequenceSource} keyed with {@code seed}.
     */
    public static TcpListener withNewSockets(int backlog, int rxCapacity, int txCapacity, long seed, int port) {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, got " + backlog);
        }
        TcpSocket[] sockets = new TcpSocket[backlog];
        // One key for all: a 4-tuple's ISNs then increase whichever member serves it (RFC 6528).
        TcpSequenceSource sequences = new SeededTcpSequenceSource(seed);
        for (int i = 0; i < backlog; i++) {
            sockets[i] = new TcpSocket(new RingBuffer(rxCapacity), new RingBuffer(txCapacity),
                    Assembler.DEFAULT_MAX_RANGES, sequences);
        }
        return new TcpListener(sockets, 0, 0, port);
    }

    /** How many sockets the backlog holds. */
    public int backlog() {
        return members.length;
    }

    /** Member socket {@code index} (0..backlog-1), e.g. to set its options or add it to a socket set. */
    public TcpSocket socket(int index) {
        if (index < 0 || index >= members.length) {
            throw new IndexOutOfBoundsException("socket index must be 0.." + (members.length - 1) + ", got " + index);
        }
        return members[index];
    }

    /** The IPv4 address listened on (0: every local address, or an IPv6 address: see {@link #addressHigh()}). */
    public int address() {
        return DualStack.ipv4Of(addressHigh, addressLow);
    }

    /** The address listened on, high half in the IPv6 form ((0, 0): every local address). */
    public long addressHigh() {
        return addressHigh;
    }

    /** The address listened on, low half in the IPv6 form (IPv4 mapped). */
    public long addressLow() {
        return addressLow;
    }

    public int port() {
        return port;
    }

    /** True when a SYN to the IPv4 {@code destination:destinationPort} is this listener's to take. */
    public boolean covers(int destination, int destinationPort) {
        return covers(0, Ipv6Address.ipv4MappedLow(destination), destinationPort);
    }

    /** True when a SYN to {@code destinationHigh:destinationLow} (IPv6 form) port {@code destinationPort} is this listener's. */
    public boolean covers(long destinationHigh, long destinationLow, int destinationPort) {
        return destinationPort == port && DualStack.matches(addressHigh, addressLow, destinationHigh, destinationLow);
    }

    /** Members in LISTEN: how many more SYNs can be taken right now. */
    public int listening() {
        int count = 0;
        for (int i = 0; i < members.length; i++) {
            if (members[i].isListening()) {
                count++;
            }
        }
        return count;
    }

    /** Established connections waiting for {@link #accept()}. */
    public int pending() {
        refill();
        return queued;
    }

    /**
     * The oldest established connection not yet accepted, or null when none waits. It stays the
     * application's until {@link #release}. A connection reset while it waited is not returned
     * (its socket listens again).
     */
    public TcpSocket accept() {
        refill();
        if (queued == 0) {
            return null;
        }
        int index = queue[head];
        head = (head + 1) % queue.length;
        queued--;
        status[index] = ACCEPTED;
        return members[index];
    }

    /**
     * Gives an accepted socket back: its connection is closed gracefully if the application has not
     * closed it (call {@link TcpSocket#abort()} first for an RST), and the socket listens again once
     * it is CLOSED.
     *
     * @throws IllegalArgumentException if {@code socket} is not a member of this listener
     * @throws IllegalStateException    if it is not currently accepted
     */
    public void release(TcpSocket socket) {
        if (socket == null) {
            throw new NullPointerException("socket is null");
        }
        if (socket.listener() != this) {
            throw new IllegalArgumentException("socket is not part of this listener");
        }
        int index = socket.backlogIndex();
        if (status[index] != ACCEPTED) {
            throw new IllegalStateException("socket " + index + " is not accepted (released twice, or never accepted)");
        }
        socket.close();
        status[index] = RELEASED;
        rearm(index);
    }

    /** Re-arms every member that is CLOSED and not held by the application. */
    public void refill() {
        for (int i = 0; i < members.length; i++) {
            rearm(i);
        }
    }

    /** Member {@code index} listens again if it is CLOSED, done with its peer, and not held by the application. */
    void rearm(int index) {
        TcpSocket socket = members[index];
        // A CLOSED socket that still has its peer owes it an RST (abort, user timeout): dispatch sends it first.
        if (status[index] == ACCEPTED || socket.state() != TcpSocket.CLOSED || socket.isConnected()) {
            return;
        }
        if (status[index] == QUEUED) {
            dequeue(index);
        }
        status[index] = FREE;
        socket.listen(addressHigh, addressLow, port);
    }

    /** Called by member {@code index} when its handshake completes: it joins the accept queue. */
    void established(int index) {
        if (status[index] != FREE) {
            return;
        }
        status[index] = QUEUED;
        queue[(head + queued) % queue.length] = index;
        queued++;
    }

    /** Removes member {@code index} from the accept queue, keeping the others in order. */
    private void dequeue(int index) {
        int kept = 0;
        for (int n = 0; n < queued; n++) {
            int entry = queue[(head + n) % queue.length];
            if (entry != index) {
                queue[(head + kept) % queue.length] = entry;
                kept++;
            }
        }
        queued = kept;
    }
}
