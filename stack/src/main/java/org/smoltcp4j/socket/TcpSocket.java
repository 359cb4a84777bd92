package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * A TCP socket: the RFC 9293 state machine in smoltcp's model ({@code socket/tcp.rs}), over two
 * preallocated {@link RingBuffer}s and an {@link Assembler} for out-of-order data.
 *
 * <p>What it does, as smoltcp: MSS negotiation (536 when the peer sends none), window scaling with
 * a shift derived from the receive buffer size, out-of-order reassembly, delayed ACKs (10 ms,
 * immediately once more than one MSS is unacknowledged, after the application's turn to read when
 * it has not yet: see {@link TcpReceiver}), RFC 6298 retransmission timeout with RTT
 * sampling and exponential backoff, fast retransmit on the third duplicate ACK, zero-window probes
 * with backoff, Nagle's algorithm, keep-alive, a user timeout, TIME-WAIT, RFC 5961 challenge ACKs
 * (at most one per second) and the RFC 9293 segment acceptability test.
 * A listen backlog is a {@link TcpListener} over several sockets. Congestion control is pluggable
 * (Reno, CUBIC, NewReno recovery). RFC 7323 timestamps ({@link TcpTimestamps}: RTTM and PAWS) and
 * RFC 2018 SACK blocks in our ACKs ({@link SackBlocks}) are negotiated in the SYNs; with SACK,
 * the peer's blocks drive an RFC 6675 loss recovery ({@link SackScoreboard}) in place of
 * NewReno's one-hole-per-round-trip partial ACKs. Beyond smoltcp, silly-window-syndrome avoidance
 * ({@link SillyWindowAvoidance}, RFC 1122 4.2.3.3/4.2.3.4): the window we offer grows only by
 * min(buffer / 2, MSS) at a time, and short segments wait for a useful window or a 200 ms override.
 *
 * <p>Dual-stack: addresses are held in the IPv6 form (IPv4 mapped). A socket listening on every
 * address ({@link #listen(int)}) takes connections of both IP versions; each connection runs in
 * one, with an MSS of the IP MTU less 40 header bytes over IPv4 and 60 over IPv6. The int-based
 * calls and accessors are IPv4's; the {@code long} pairs name either version. ICMP errors are
 * IPv4's only: an IPv6 connection learns nothing from ICMPv6 (no path MTU discovery over IPv6;
 * its segments never exceed the interface's MTU).
 *
 * <p>The application calls {@link #listen}, {@link #connect}, {@link #send}/{@link #recv} (copying)
 * or their in-place forms, {@link #close} (half-close: FIN; receiving goes on) and {@link #abort}
 * (RST). Conditions of normal operation are return values ({@link #INVALID_STATE},
 * {@link #FINISHED}, 0 bytes when a buffer is full or empty); misuse throws.
 *
 * <p>The interface delivers segments through {@link #accepts} and {@link #process}; a segment
 * that needs an immediate answer (an ACK to out-of-order data, a challenge ACK, an RST) leaves it
 * pending, and {@link #sendReply} sends it. {@link #dispatch} sends at most one segment per call.
 * Nothing allocates after construction.
 *
 * <p>This class is the state machine and the facade; package-private collaborators do one job each:
 * {@link TcpSender} (send half, retransmission, congestion control), {@link TcpReceiver} (receive
 * half, reassembly, advertised window, delayed ACK), {@link TcpTimers} (retransmission, keep-alive,
 * user-timeout and TIME-WAIT deadlines), {@link TcpNegotiation} (SYN options and segment size),
 * {@link TcpEndpoints} (listen endpoint and 4-tuple), {@link TcpTransmitter} (building each outgoing
 * segment) and {@link TcpSegmentOutput} (emitting segments and the pending reply).
 */
public final class TcpSocket extends Socket {

    // --- states (RFC 9293 section 3.3.2) ---
    public static final int CLOSED = 0;
    public static final int LISTEN = 1;
    public static final int SYN_SENT = 2;
    public static final int SYN_RECEIVED = 3;
    public static final int ESTABLISHED = 4;
    public static final int FIN_WAIT_1 = 5;
    public static final int FIN_WAIT_2 = 6;
    public static final int CLOSE_WAIT = 7;
    public static final int CLOSING = 8;
    public static final int LAST_ACK = 9;
    public static final int TIME_WAIT = 10;

    private static final String[] STATE_NAMES = {"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
        "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"};

    /** {@link #send}/{@link #recv}: the state does not allow it (not connected, closed for sending, reset). */
    public static final int INVALID_STATE = -1;
    /** {@link #recv}: the peer closed its half (FIN) and every byte before it was read. */
    public static final int FINISHED = -2;

    /** MSS assumed when the peer's SYN has no MSS option (RFC 9293 3.7.1). */
    public static final int DEFAULT_MSS = 536;
    /** Smallest peer MSS honoured (Linux's TCP_MIN_SND_MSS, as smoltcp). */
    public static final int MIN_REMOTE_MSS = 48;
    /** {@link #softError()}: no ICMP error was reported. */
    public static final int NO_SOFT_ERROR = TcpIcmpErrors.NO_ERROR;
    /** The lowest path MTU "fragmentation needed" can set (see {@link #pathMtu()}): 576, so the MSS stays at least 536. */
    public static final int MIN_PATH_MTU = TcpIcmpErrors.MIN_PATH_MTU;
    /** Default delayed-ACK time, microseconds (smoltcp: 10 ms). */
    public static final long DEFAULT_ACK_DELAY = 10000L;
    /** Default TIME-WAIT duration, microseconds (smoltcp: 10 s). */
    public static final long DEFAULT_TIME_WAIT = 10000000L;
    /** Default TTL (IPv4) and hop limit (IPv6) of outgoing segments. */
    public static final int DEFAULT_TTL = 64;
    /** Largest receive buffer: a window shift of 14 covers 1 GiB (RFC 7323 2.3). */
    public static final int MAX_RX_CAPACITY = 1 << 30;
    /** {@link #setCongestionControl}: none, only the peer's window limits the flight (smoltcp's default). */
    public static final int CONGESTION_NONE = 0;
    /** {@link #setCongestionControl}: Reno, RFC 5681 ({@link Reno}). */
    public static final int CONGESTION_RENO = 1;
    /** {@link #setCongestionControl}: CUBIC, RFC 9438 ({@link Cubic}). */
    public static final int CONGESTION_CUBIC = 2;

    /** {@link #takeSoftError()}: no soft error since the last call. */
    public static final int ERROR_NONE = UdpSocket.ERROR_NONE;
    /**
     * {@link #takeSoftError()}: a segment could not go because no route or interface address reaches
     * the peer; it counts as lost and the retransmission timer retries it.
     */
    public static final int ERROR_NO_ROUTE = UdpSocket.ERROR_NO_ROUTE;
    /** {@link #takeSoftError()}: a segment was larger than the interface can send; it counts as lost. */
    public static final int ERROR_TOO_LARGE = UdpSocket.ERROR_TOO_LARGE;
    private final TcpSequenceSource sequences;
    private final TcpTimestamps timestamps = new TcpTimestamps();
    private final TcpIcmpErrors icmpErrors = new TcpIcmpErrors();
    private final TcpNegotiation negotiation = new TcpNegotiation(timestamps, icmpErrors);
    private final TcpTimers timers = new TcpTimers(new TcpTimer(), new RttEstimator());
    private final TcpReceiver receiver;
    private final TcpSender sender;
    private final TcpSegmentOutput output;
    private final TcpEndpoints endpoints = new TcpEndpoints();
    private final TcpTransmitter transmitter;

    private int state = CLOSED;

    private long segmentsIn;
    private long challengeAcks;
    private long resetsIn;
    private long pawsRejected;

    // --- listen backlog: set once by TcpListener ---
    private TcpListener listener;
    private int backlogIndex;

    /**
     * A socket with new buffers of the given sizes, 4 out-of-order ranges and its own
     * {@link SeededTcpSequenceSource} keyed with {@code seed}. Sockets that may serve the same peers
     * should rather share one source (the other constructor), as RFC 6528 intends.
     */
    public TcpSocket(int rxCapacity, int txCapacity, long seed) {
        this(new RingBuffer(rxCapacity), new RingBuffer(txCapacity), Assembler.DEFAULT_MAX_RANGES,
                new SeededTcpSequenceSource(seed));
    }

    /**
     * A socket over the caller's buffers.
     *
     * @param maxOutOfOrderRanges how many separate out-of-order ranges the receiver keeps (smoltcp: 4)
     * @param sequences           initial sequence numbers and ephemeral ports
     */
    public TcpSocket(RingBuffer rx, RingBuffer tx, int maxOutOfOrderRanges, TcpSequenceSource sequences) {
        super(TYPE_TCP);
        if (rx == null || tx == null || sequences == null) {
            throw new NullPointerException("rx, tx and sequences must not be null");
        }
        if (rx.capacity() > MAX_RX_CAPACITY) {
            throw new IllegalArgumentException("receive buffer of " + rx.capacity() + " bytes exceeds " + MAX_RX_CAPACITY);
        }
        this.receiver = new TcpReceiver(rx, maxOutOfOrderRanges);
        this.sender = new TcpSender(tx, timers.timer(), timers.rtte(), negotiation, timestamps);
        this.output = new TcpSegmentOutput(tx);
        this.transmitter = new TcpTransmitter(endpoints, sender, receiver, negotiation, timestamps, timers, icmpErrors,
                output);
        this.sequences = sequences;
    }

    // --- options ---------------------------------------------------------------------------------

    /** Delayed-ACK time in microseconds; 0 acknowledges at once. */
    public void setAckDelay(long micros) {
        receiver.setAckDelay(nonNegative("ACK delay", micros));
    }

    public long ackDelay() {
        return receiver.ackDelay();
    }

    /** Nagle's algorithm (on by default; off is Linux's TCP_NODELAY). */
    public void setNagleEnabled(boolean enabled) {
        sender.setNagleEnabled(enabled);
    }

    public boolean nagleEnabled() {
        return sender.nagleEnabled();
    }

    /**
     * User timeout in microseconds (0: none): the connection is aborted when the peer sends
     * nothing for this long while we wait for it (SYN, data, keep-alives), as smoltcp's timeout.
     */
    public void setTimeout(long micros) {
        timers.setTimeout(nonNegative("timeout", micros));
    }

    public long timeout() {
        return timers.timeout();
    }

    /** Keep-alive interval in microseconds (0: off). */
    public void setKeepAlive(long micros) {
        timers.setKeepAlive(nonNegative("keep-alive interval", micros));
    }

    public long keepAlive() {
        return timers.keepAlive();
    }

    /** TIME-WAIT duration in microseconds (default 10 s). */
    public void setTimeWait(long micros) {
        timers.setTimeWait(nonNegative("TIME-WAIT duration", micros));
    }

    public long timeWait() {
        return timers.timeWait();
    }

    /** Bounds of the retransmission timeout in milliseconds (RFC 6298: min 1 s, max at least 60 s). */
    public void setRtoBounds(int minMillis, int maxMillis) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("RTO bounds must satisfy 1 <= min <= max, got " + minMillis + ".." + maxMillis);
        }
        timers.rtte().setBounds(minMillis, maxMillis);
    }

    /** The current retransmission timeout in milliseconds. */
    public int rtoMillis() {
        return timers.rtte().rtoMillis();
    }

    /** Smoothed round-trip time in milliseconds (0 before the first sample). */
    public int smoothedRttMillis() {
        return timers.rtte().smoothedRttMillis();
    }

    /**
     * Whether our SYN offers RFC 7323 timestamps and a peer's SYN offering them is answered (on by
     * default). Takes effect at the next connection.
     */
    public void setTimestampsEnabled(boolean enabled) {
        timestamps.setEnabled(enabled);
    }

    public boolean timestampsEnabled() {
        return timestamps.enabled();
    }

    /** Whether this connection uses timestamps: both SYNs carried the option. */
    public boolean timestampsNegotiated() {
        return timestamps.negotiated();
    }

    /**
     * Whether our SYN offers RFC 2018 SACK and a peer's SYN offering it is answered (on by
     * default). With it, our ACKs carry SACK blocks and the peer's drive loss recovery (RFC 6675);
     * without it, recovery is NewReno's. Takes effect at the next connection.
     */
    public void setSackEnabled(boolean enabled) {
        negotiation.setSackEnabled(enabled);
    }

    public boolean sackEnabled() {
        return negotiation.sackEnabled();
    }

    /** TTL (IPv4) and hop limit (IPv6) of outgoing segments, 1..255. */
    public void setTtl(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255, got " + ttl);
        }
        output.setTtl(ttl);
    }

    public int ttl() {
        return output.ttl();
    }

    /**
     * Selects the congestion control: {@link #CONGESTION_NONE} (the default, as smoltcp's),
     * {@link #CONGESTION_RENO} or {@link #CONGESTION_CUBIC}. A change mid-connection starts the new
     * controller afresh (initial window, slow start), as smoltcp's {@code set_congestion_control}.
     *
     * @throws IllegalArgumentException for any other {@code kind}
     */
    public void setCongestionControl(int kind) {
        if (kind != CONGESTION_NONE && kind != CONGESTION_RENO && kind != CONGESTION_CUBIC) {
            throw new IllegalArgumentException("congestion control must be CONGESTION_NONE (0), CONGESTION_RENO (1) or "
                    + "CONGESTION_CUBIC (2), got " + kind);
        }
        sender.setCongestionControl(kind);
    }

    /** The selected congestion control, one of the {@code CONGESTION_} constants. */
    public int congestionControl() {
        return sender.congestionControl();
    }

    /** The congestion window in bytes ({@link CongestionController#UNLIMITED} without congestion control). */
    public int congestionWindow() {
        return sender.congestionWindow();
    }

    /**
     * Whether a fast recovery is in progress: NewReno's (RFC 6582), or with SACK negotiated the
     * RFC 6675 recovery guided by the peer's SACK blocks.
     */
    public boolean inFastRecovery() {
        return sender.inFastRecovery();
    }

    private static long nonNegative(String what, long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException(what + " must be >= 0 microseconds, got " + micros);
        }
        return micros;
    }

    // --- state -----------------------------------------------------------------------------------

    public int state() {
        return state;
    }

    /** The RFC 9293 name of {@code state}, e.g. "SYN-SENT". */
    public static String stateName(int state) {
        if (state < 0 || state >= STATE_NAMES.length) {
            throw new IllegalArgumentException("no TCP state " + state);
        }
        return STATE_NAMES[state];
    }

    /** The {@link TcpListener} whose backlog this socket belongs to, or null. */
    public TcpListener listener() {
        return listener;
    }

    int backlogIndex() {
        return backlogIndex;
    }

    void joinBacklog(TcpListener owner, int index) {
        listener = owner;
        backlogIndex = index;
    }

    public boolean isListening() {
        return state == LISTEN;
    }

    /** True unless CLOSED or TIME-WAIT: the socket processes or sends segments. */
    public boolean isOpen() {
        return state != CLOSED && state != TIME_WAIT;
    }

    /** True unless CLOSED, TIME-WAIT or LISTEN: a connection exists (abort would send an RST). */
    public boolean isActive() {
        return isOpen() && state != LISTEN;
    }

    /** True in ESTABLISHED and CLOSE-WAIT: our sending half is open. */
    public boolean maySend() {
        return state == ESTABLISHED || state == CLOSE_WAIT;
    }

    /** True in ESTABLISHED, FIN-WAIT-1/2, or while received data waits. */
    public boolean mayRecv() {
        return state == ESTABLISHED || state == FIN_WAIT_1 || state == FIN_WAIT_2 || canRecv();
    }

    /** {@link #maySend()} and room in the send buffer. */
    public boolean canSend() {
        return maySend() && !sender.buffer().isFull();
    }

    /** Received data waits in the receive buffer. */
    public boolean canRecv() {
        return !receiver.buffer().isEmpty();
    }

    /**
     * The local IPv4 address: the connection's, or the listening one (0.0.0.0 for every address);
     * 0.0.0.0 for an IPv6 connection or listening address (see {@link #localAddressHigh()}).
     */
    public int localAddress() {
        return DualStack.ipv4Of(endpoints.localHigh(), endpoints.localLow());
    }

    /** The local address's high half in the IPv6 form (IPv4 mapped; (0, 0) when listening on every address). */
    public long localAddressHigh() {
        return endpoints.localHigh();
    }

    /** The local address's low half in the IPv6 form. */
    public long localAddressLow() {
        return endpoints.localLow();
    }

    public int localPort() {
        return endpoints.localPort();
    }

    /** The peer's IPv4 address; unspecified without a connection or over IPv6 (see {@link #remoteAddressHigh()}). */
    public int remoteAddress() {
        return DualStack.ipv4Of(endpoints.remoteHigh(), endpoints.remoteLow());
    }

    /** The peer's address's high half in the IPv6 form (IPv4 mapped); (0, 0) without a connection. */
    public long remoteAddressHigh() {
        return endpoints.remoteHigh();
    }

    /** The peer's address's low half in the IPv6 form. */
    public long remoteAddressLow() {
        return endpoints.remoteLow();
    }

    /** The peer's port, 0 without a connection. */
    public int remotePort() {
        return endpoints.remotePort();
    }

    /** True when the socket's connection runs over IPv6 (false without a connection). */
    public boolean isIpv6() {
        return endpoints.isIpv6();
    }

    /** The peer's MSS (or {@link #DEFAULT_MSS}). */
    public int remoteMss() {
        return negotiation.peerMss();
    }

    /** The peer's receive window in bytes (SND.WND). */
    public int remoteWindow() {
        return sender.window();
    }

    /** The shift our window field carries (0 when the peer does not scale). */
    public int windowShift() {
        return receiver.windowShift();
    }

    /** The peer's window scale shift, or -1 when it does not scale. */
    public int remoteWindowScale() {
        return negotiation.peerWindowScale();
    }

    /** Whether the peer sent SACK-permitted. */
    public boolean remoteSackPermitted() {
        return negotiation.peerSacks();
    }

    public int sendQueue() {
        return sender.buffer().length();
    }

    public int recvQueue() {
        return receiver.buffer().length();
    }

    public int sendCapacity() {
        return sender.buffer().capacity();
    }

    public int recvCapacity() {
        return receiver.buffer().capacity();
    }

    // --- counters --------------------------------------------------------------------------------

    /** Segments this socket processed. */
    public long segmentsReceived() {
        return segmentsIn;
    }

    /** Segments this socket sent, replies included. */
    public long segmentsSent() {
        return output.segmentsSent();
    }

    /** Retransmission timeouts (each resends from SND.UNA). */
    public long retransmissionTimeouts() {
        return sender.retransmissionTimeouts();
    }

    /** Fast retransmissions after three duplicate ACKs. */
    public long fastRetransmits() {
        return sender.fastRetransmits();
    }

    /**
     * Retransmissions that SACK showed lost again during a recovery (RFC 6675), each resent without
     * waiting for the retransmission timer; Linux counts them as TCPLostRetransmit. A path that
     * keeps losing the repairs shows here before it costs timeouts.
     */
    public long lostRetransmissions() {
        return sender.lostRetransmissions();
    }

    /** Consecutive duplicate ACKs received (saturates at 255). */
    public int duplicateAcks() {
        return sender.duplicateAcks();
    }

    /** Challenge ACKs sent (RFC 5961). */
    public long challengeAcks() {
        return challengeAcks;
    }

    /** Connections ended by a received RST. */
    public long resetsReceived() {
        return resetsIn;
    }

    /** Segments dropped by PAWS (RFC 7323 section 5): a TSval older than TS.Recent. */
    public long pawsRejected() {
        return pawsRejected;
    }

    /**
     * The last soft error ({@link #ERROR_NO_ROUTE}, {@link #ERROR_TOO_LARGE}) or {@link #ERROR_NONE},
     * and clears it. As RFC 1122 4.2.3.9 has it, a soft error does not end the connection: the
     * segment counts as lost, the retransmission timer retries it, and only the user timeout
     * ({@link #setTimeout}) gives up. Opening the socket again clears it too.
     */
    public int takeSoftError() {
        return output.takeSoftError();
    }

    // --- opening and closing ---------------------------------------------------------------------

    /** Listens on {@code port} of every local address, IPv4 and IPv6 alike. */
    public void listen(int port) {
        listen(0, 0, port);
    }

    /**
     * Listens on the IPv4 {@code address:port} ({@code address} unspecified: every local address of
     * both IP versions). Listening again on the same endpoint while still listening does nothing,
     * as smoltcp; any other call on an open socket is refused.
     */
    public void listen(int address, int port) {
        listen(0, DualStack.lowOf(address), port);
    }

    /**
     * Listens on {@code high:low} port {@code port}: an IPv6 address, an IPv4-mapped one
     * (::ffff:0.0.0.0 for every IPv4 address, as Linux), or (0, 0) for every local address of both
     * IP versions. As {@link #listen(int, int)} otherwise.
     */
    public void listen(long high, long low, int port) {
        checkPort("local port", port);
        if (isOpen()) {
            if (state == LISTEN && endpoints.listensOn(high, low, port)) {
                return;
            }
            throw new IllegalStateException("cannot listen: socket is " + stateName(state) + "; close or abort it first");
        }
        reset();
        endpoints.listen(high, low, port);
        state = LISTEN;
    }

    /**
     * Opens a connection to the IPv4 {@code remoteAddress:remotePort} from {@code localPort} (0: an
     * ephemeral port chosen per RFC 6056), from the interface address the route to the peer uses.
     *
     * @throws IllegalStateException    if the socket is open
     * @throws IllegalArgumentException if the address is unspecified, a port is out of range, or no
     *                                  interface address reaches the peer
     */
    public void connect(SocketContext context, int remoteAddress, int remotePort, int localPort) {
        connect(context, remoteAddress, remotePort, Ipv4Address.UNSPECIFIED, localPort);
    }

    /**
     * Opens a connection to the IPv4 {@code remoteAddress:remotePort} from {@code localAddress:localPort},
     * as smoltcp's connect with a local endpoint that has an address: {@code localAddress} must be
     * one of the interface's addresses, or unspecified for the one the route to the peer uses;
     * {@code localPort} 0 asks for an ephemeral port.
     *
     * @throws IllegalStateException    if the socket is open
     * @throws IllegalArgumentException if the remote address is unspecified, a port is out of range,
     *                                  no interface address reaches the peer, or
     *                                  {@code localAddress} is not the interface's
     */
    public void connect(SocketContext context, int remoteAddress, int remotePort, int localAddress, int localPort) {
        if (remoteAddress == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0)");
        }
        connect(context, 0, Ipv6Address.ipv4MappedLow(remoteAddress), remotePort, 0, DualStack.lowOf(localAddress),
                localPort);
    }

    /**
     * Opens a connection to {@code remoteHigh:remoteLow} port {@code remotePort}, the address in
     * the IPv6 form (an IPv6 address, or an IPv4-mapped one for IPv4), from {@code localHigh:localLow}
     * port {@code localPort}: the local address one of the interface's in the remote's IP version,
     * or (0, 0) for the one the interface chooses for the peer; {@code localPort} 0 asks for an
     * ephemeral port.
     *
     * @throws IllegalStateException    if the socket is open
     * @throws IllegalArgumentException as {@link #connect(SocketContext, int, int, int, int)}, or when
     *                                  the local address is of the other IP version
     */
    public void connect(SocketContext context, long remoteHigh, long remoteLow, int remotePort, long localHigh,
            long localLow, int localPort) {
        if (isOpen()) {
            throw new IllegalStateException("cannot connect: socket is " + stateName(state) + "; close or abort it first");
        }
        if (DualStack.isUnspecified(remoteHigh, remoteLow)) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0 or ::)");
        }
        checkPort("remote port", remotePort);
        if (localPort != 0) {
            checkPort("local port", localPort);
        }
        boolean ipv4 = DualStack.isIpv4(remoteHigh, remoteLow);
        long sourceHigh = 0;
        long sourceLow;
        if (ipv4) {
            sourceLow = DualStack.lowOf(context.ipv4SourceFor(Ipv6Address.ipv4OfMapped(remoteLow)));
        } else {
            sourceHigh = context.ipv6SourceHighFor(remoteHigh, remoteLow);
            sourceLow = context.ipv6SourceLowFor(remoteHigh, remoteLow);
        }
        if (Ipv6Address.isUnspecified(sourceHigh, sourceLow)) {
            throw new IllegalArgumentException(DualStack.append(new StringBuilder("no interface address reaches "),
                    remoteHigh, remoteLow).toString());
        }
        if (!Ipv6Address.isUnspecified(localHigh, localLow)) {
            if (DualStack.isIpv4(localHigh, localLow) != ipv4) {
                throw new IllegalArgumentException(DualStack.append(DualStack.append(new StringBuilder("local address "),
                        localHigh, localLow).append(" and remote address "), remoteHigh, remoteLow)
                        .append(" are of different IP versions").toString());
            }
            if (!DualStack.isLocal(context, localHigh, localLow)) {
                throw new IllegalArgumentException(DualStack.append(new StringBuilder("local address "), localHigh, localLow)
                        .append(" is not an address of the interface").toString());
            }
            sourceHigh = localHigh;
            sourceLow = localLow;
        }
        reset();
        int port = localPort != 0 ? localPort
                : sequences.ephemeralPort(sourceHigh, sourceLow, remoteHigh, remoteLow, remotePort);
        endpoints.connect(sourceHigh, sourceLow, port, remoteHigh, remoteLow, remotePort);
        negotiation.useIpv6(!ipv4);
        state = SYN_SENT;
        sender.start(sequences.initialSequenceNumber(sourceHigh, sourceLow, port, remoteHigh, remoteLow, remotePort,
                context.now()));
        timestamps.start(sequences.timestampOffset(sourceHigh, sourceLow, port, remoteHigh, remoteLow, remotePort));
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException(what + " must be 1..65535, got " + port);
        }
    }

    /**
     * Closes our sending half: queued data is still sent, then a FIN; receiving goes on until the
     * peer's FIN. A listening or connecting socket just closes.
     */
    public void close() {
        switch (state) {
            case LISTEN:
            case SYN_SENT:
                // RFC 9293 3.10.4: the peer has no connection to reset yet; just forget it.
                state = CLOSED;
                endpoints.forget();
                break;
            case SYN_RECEIVED:
            case ESTABLISHED:
                state = FIN_WAIT_1;
                break;
            case CLOSE_WAIT:
                state = LAST_ACK;
                break;
            default:
                break;
        }
    }

    /** Ends the connection at once; one RST goes to the peer if there is one. */
    public void abort() {
        state = CLOSED;
    }

    /** Back to a fresh CLOSED socket; options (delays, timeouts, Nagle, TTL, RTO bounds) are kept. */
    private void reset() {
        state = CLOSED;
        timers.reset();
        receiver.reset();
        sender.reset();
        negotiation.reset();
        output.reset();
        endpoints.clear();
        timestamps.start(0);
        icmpErrors.clear();
    }

    // --- sending ---------------------------------------------------------------------------------

    /**
     * Queues a copy of as much of {@code data[off, off + len)} as fits the send buffer.
     *
     * @return the number of bytes queued (0 when the buffer is full), or {@link #INVALID_STATE}
     *         when our sending half is not open
     */
    public int send(byte[] data, int off, int len) {
        checkRange("data", data, off, len);
        if (!maySend()) {
            return INVALID_STATE;
        }
        RingBuffer tx = sender.buffer();
        int before = tx.length();
        int queued = tx.enqueueSlice(data, off, len);
        queued(before, queued);
        return queued;
    }

    /**
     * In-place sending: the index in {@link #sendBuffer()} where up to {@link #sendWindowLength()}
     * bytes may be written before {@link #commitSend}.
     */
    public int sendWindowStart() {
        return sender.buffer().writeWindowStart();
    }

    /** Contiguous free bytes at {@link #sendWindowStart()}. */
    public int sendWindowLength() {
        return sender.buffer().writeWindowLength();
    }

    /** The send buffer's storage, for in-place writes. */
    public byte[] sendBuffer() {
        return sender.buffer().storage();
    }

    /**
     * Queues {@code count} bytes written in place at {@link #sendWindowStart()}.
     *
     * @return {@code count}, or {@link #INVALID_STATE} (nothing queued) when our sending half is not open
     */
    public int commitSend(int count) {
        if (!maySend()) {
            return INVALID_STATE;
        }
        RingBuffer tx = sender.buffer();
        int before = tx.length();
        tx.commitEnqueue(count);
        queued(before, count);
        return count;
    }

    /** {@code count} bytes were queued to a send buffer that held {@code before}. */
    private void queued(int before, int count) {
        if (count > 0 && before == 0) {
            timers.quiet();
        }
        sender.queued(count);
    }

    // --- receiving -------------------------------------------------------------------------------

    /**
     * Moves up to {@code maxLen} received bytes into {@code dst[off, ...)}.
     *
     * @return the number of bytes (0 when none waits), {@link #FINISHED} after the peer's FIN, or
     *         {@link #INVALID_STATE} when no connection can deliver data (never connected, reset)
     */
    public int recv(byte[] dst, int off, int maxLen) {
        checkRange("dst", dst, off, maxLen);
        int status = recvStatus();
        if (status != 0) {
            return status;
        }
        int read = receiver.buffer().dequeueSlice(dst, off, maxLen);
        receiver.consumed(read);
        return read;
    }

    /** As {@link #recv}, but the bytes stay queued. */
    public int peek(byte[] dst, int off, int maxLen) {
        checkRange("dst", dst, off, maxLen);
        int status = recvStatus();
        return status != 0 ? status : receiver.buffer().readAllocated(0, dst, off, maxLen);
    }

    /** In-place receiving: the index in {@link #recvBuffer()} of the first received byte. */
    public int recvWindowStart() {
        return receiver.buffer().readWindowStart();
    }

    /**
     * Contiguous received bytes at {@link #recvWindowStart()} (0 when none), {@link #FINISHED} or
     * {@link #INVALID_STATE} as {@link #recv}.
     */
    public int recvWindowLength() {
        int status = recvStatus();
        return status != 0 ? status : receiver.buffer().readWindowLength();
    }

    /** The receive buffer's storage, for in-place reads. */
    public byte[] recvBuffer() {
        return receiver.buffer().storage();
    }

    /** Removes {@code count} bytes read in place at {@link #recvWindowStart()}. */
    public void commitRecv(int count) {
        if (recvStatus() != 0 && count != 0) {
            throw new IllegalStateException("nothing to commit: the socket is " + stateName(state));
        }
        receiver.buffer().commitDequeue(count);
        receiver.consumed(count);
    }

    private int recvStatus() {
        if (mayRecv()) {
            return 0;
        }
        return receiver.finReceived() ? FINISHED : INVALID_STATE;
    }

    private static void checkRange(String name, byte[] array, int off, int len) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (off < 0 || len < 0 || off > array.length - len) {
            throw new IndexOutOfBoundsException(name + " range [" + off + ", " + off + " + " + len
                    + ") is outside its " + array.length + " bytes");
        }
    }

    // --- ICMP errors (issue 6: RFC 1122 4.2.3.9, RFC 1191, RFC 5461, RFC 5927) ----------------------

    /**
     * The last ICMP error reported about this connection, as {@code type << 8 | code} (3/1 host
     * unreachable is {@code 0x301}), or {@link #NO_SOFT_ERROR}; reading clears it. Soft errors
     * never end an established connection: they explain a later time-out. A protocol or port
     * unreachable during SYN-SENT ends the attempt (the socket is then CLOSED) and is reported here
     * too. "Fragmentation needed" is never reported: it lowers {@link #pathMtu()} instead. ICMPv6
     * errors are reported as their ICMPv4 equivalents ({@link Icmpv6Repr#icmpv4Equivalent()}: ICMPv6
     * port unreachable is {@code 0x303} too), so one vocabulary serves both IP versions.
     */
    public int softError() {
        return icmpErrors.takeError();
    }

    /**
     * The path MTU learnt from "fragmentation needed" (RFC 1191) or, over IPv6, Packet Too Big
     * (RFC 8201, then at least 1280) for this connection, at least {@link #MIN_PATH_MTU}; 65535
     * while none was. Segments fit the smaller of it and the
     * interface's MTU. A new connection starts again from 65535.
     */
    public int pathMtu() {
        return icmpErrors.pathMtu();
    }

    /**
     * True when an ICMPv4 error quoting a segment from {@code quotedSource:quotedSourcePort} to
     * {@code quotedDestination:quotedDestinationPort} is about this socket's connection.
     */
    public boolean acceptsIcmpError(int quotedSource, int quotedSourcePort, int quotedDestination, int quotedDestinationPort) {
        return acceptsIcmpError(0, Ipv6Address.ipv4MappedLow(quotedSource), quotedSourcePort, 0,
                Ipv6Address.ipv4MappedLow(quotedDestination), quotedDestinationPort);
    }

    /**
     * True when an ICMP error quoting a segment from {@code quotedSource}:{@code quotedSourcePort}
     * to {@code quotedDestination}:{@code quotedDestinationPort}, addresses in the IPv6 form (IPv4
     * mapped), is about this socket's connection.
     */
    public boolean acceptsIcmpError(long quotedSourceHigh, long quotedSourceLow, int quotedSourcePort, long quotedDestinationHigh,
            long quotedDestinationLow, int quotedDestinationPort) {
        return state != CLOSED && endpoints.matchesQuoted(quotedSourceHigh, quotedSourceLow, quotedSourcePort, quotedDestinationHigh,
                quotedDestinationLow, quotedDestinationPort);
    }

    /**
     * Acts on ICMP error {@code icmp} that quotes our segment with sequence number {@code quotedSeq}:
     * "fragmentation needed" lowers the path MTU and sends what is in flight again at the new size
     * (no congestion response: nothing was lost to congestion); a hard error in SYN-SENT ends the
     * attempt without an RST (RFC 1122 4.2.3.9, as Linux); any other error is recorded for
     * {@link #softError()} and the connection goes on (RFC 5461).
     *
     * @return false when {@code quotedSeq} is outside SND.UNA..SND.NXT: a stale or blind forged
     *         error, ignored (RFC 5927 4.1)
     */
    public boolean processIcmpError(SocketContext context, Icmpv4Repr icmp, int quotedSeq) {
        if (!icmpErrors.inFlight(quotedSeq, sender.una())) {
            return false;
        }
        int type = icmp.type();
        int code = icmp.code();
        if (TcpIcmpErrors.isFragmentationNeeded(type, code)) {
            int quotedLength = Ipv4Packet.HEADER_LEN + icmp.embeddedHeader().payloadLength();
            if (icmpErrors.fragmentationNeeded(icmp.nextHopMtu(), quotedLength)) {
                pathMtuLowered(context);
            }
        } else {
            softOrHardError(type, code);
        }
        return true;
    }

    /**
     * Acts on ICMPv6 error {@code icmp} that quotes our segment with sequence number
     * {@code quotedSeq}, as on its ICMPv4 equivalent ({@link Icmpv6Repr#icmpv4Equivalent()}, which
     * {@link #softError()} then reports): Packet Too Big lowers the path MTU (RFC 8201; one below
     * 1280 is ignored, so the MSS stays at least 1220) and sends what is in flight again at the new
     * size; port unreachable and unrecognised next header end a connection attempt; every other
     * error is soft. An error without an ICMPv4 equivalent (an unassigned code) changes nothing.
     *
     * @return false when {@code quotedSeq} is outside SND.UNA..SND.NXT (RFC 5927 4.1), ignored
     */
    public boolean processIcmpError(SocketContext context, Icmpv6Repr icmp, int quotedSeq) {
        if (!icmpErrors.inFlight(quotedSeq, sender.una())) {
            return false;
        }
        if (icmp.type() == Icmpv6Packet.TYPE_PACKET_TOO_BIG) {
            if (icmpErrors.packetTooBig(icmp.mtu())) {
                pathMtuLowered(context);
            }
        } else if (icmp.icmpv4Equivalent() != Icmpv6Repr.NO_ICMPV4_EQUIVALENT) {
            softOrHardError(icmp.icmpv4Equivalent() >> 8, icmp.icmpv4Equivalent() & 0xff);
        }
        return true;
    }

    /** The path MTU went down: later segments are smaller, and what is in flight goes out again at that size. */
    private void pathMtuLowered(SocketContext context) {
        sender.pathMtuLowered(negotiation.effectiveMss(context), state >= ESTABLISHED);
    }

    /** Records ICMPv4 error {@code type}/{@code code}; a hard one in SYN-SENT ends the attempt first. */
    private void softOrHardError(int type, int code) {
        if (state == SYN_SENT && TcpIcmpErrors.isHard(type, code)) {
            reset();
        }
        icmpErrors.record(type, code);
    }

    // --- input -----------------------------------------------------------------------------------

    /** True when the segment {@code ip}/{@code tcp} belongs to this socket (smoltcp's accepts). */
    public boolean accepts(IpRepr ip, TcpRepr tcp) {
        if (state == CLOSED) {
            return false;
        }
        if (!endpoints.connected() && state == LISTEN && (tcp.flags() & (TcpPacket.FLAG_ACK | TcpPacket.FLAG_RST)) != 0) {
            // A listener takes only SYNs; an ACK or RST may belong to another socket on the port.
            return false;
        }
        return endpoints.matches(ip, tcp);
    }

    /** True when this socket has a connection 4-tuple (not merely listening). */
    public boolean isConnected() {
        return endpoints.connected();
    }

    /**
     * Processes an accepted segment whose payload is {@code buf[payloadOffset, +tcp.payloadLength())}.
     *
     * @return true when an immediate reply is pending: send it with {@link #sendReply}
     */
    public boolean process(SocketContext context, IpRepr ip, TcpRepr tcp, byte[] buf, int payloadOffset) {
        segmentsIn++;
        output.dropReply();
        long now = context.now();
        int flags = tcp.flags();
        boolean syn = (flags & TcpPacket.FLAG_SYN) != 0;
        boolean fin = (flags & TcpPacket.FLAG_FIN) != 0;
        boolean rst = (flags & TcpPacket.FLAG_RST) != 0;
        boolean hasAck = (flags & TcpPacket.FLAG_ACK) != 0;
        int ack = tcp.ackNumber();
        boolean sentSyn = state == SYN_SENT || state == SYN_RECEIVED;
        boolean sentFin = state == FIN_WAIT_1 || state == LAST_ACK || state == CLOSING;
        int una = sender.una();
        int sendQueue = sender.buffer().length();
        // Issue 6: an ACK below SND.UNA (overtaken by a later one) is ignored, not the data it comes with.
        boolean staleAck = false;

        if (state >= SYN_RECEIVED && timestamps.rejects(tcp, rst, now)) {
            // RFC 7323 5.3 R1: an old duplicate (wrapped sequence numbers); acknowledged, then dropped.
            pawsRejected++;
            return transmitter.ackReply(now, ip, tcp);
        }
        if (rst) {
            // An RST answering our SYN must acknowledge it; any other needs only an acceptable sequence number.
            if (state == SYN_SENT && (!hasAck || ack != una + 1)) {
                return false;
            }
        } else if (state == SYN_SENT) {
            if (syn && hasAck && ack != una + 1) {
                return transmitter.rstReply(ip, tcp);
            }
            if (!syn) {
                if (!hasAck || fin) {
                    return false;
                }
                // An ACK with the right number is ignored (as Linux), with a wrong one reset.
                return ack == una + 1 ? false : transmitter.rstReply(ip, tcp);
            }
        } else if (state != LISTEN) {
            if (!hasAck) {
                // RFC 5961 4.2: a SYN on a synchronized connection, whatever its numbers, is challenged.
                return syn && state >= ESTABLISHED && challengeAck(now, ip, tcp);
            }
            if (state == SYN_RECEIVED) {
                if (ack != una + 1) {
                    return transmitter.rstReply(ip, tcp);
                }
            } else {
                int ackMax = una + sendQueue + (sentFin ? 1 : 0);
                if (TcpSeqNumber.lessThan(ack, una)) {
                    if (tcp.payloadLength() == 0 && !fin) {
                        return false;
                    }
                    staleAck = true;
                }
                if (TcpSeqNumber.greaterThan(ack, ackMax)) {
                    return challengeAck(now, ip, tcp);
                }
            }
        }

        int windowStart = receiver.nextSeq();
        int windowEnd = receiver.windowEnd();
        int segmentStart = tcp.sequenceNumber();
        int payloadStart = 0;
        int payloadLength = 0;
        int rxOffset = 0;
        if (state != LISTEN && state != SYN_SENT) {
            int segmentEnd = segmentStart + tcp.payloadLength();
            if (!TcpReceiver.acceptable(segmentStart, segmentEnd, windowStart, windowEnd)) {
                if (rst) {
                    return false;
                }
                if (state == TIME_WAIT) {
                    timers.timeWait(now);
                }
                if (!syn && (tcp.payloadLength() > 0 || segmentStart == windowStart - 1)) {
                    // A retransmission whose ACK was lost, a window probe, or an empty probe at RCV.NXT - 1
                    // (a keep-alive; Linux probes a zero window so): always acknowledged, never rate-limited,
                    // or a peer probing our closed window more than once a second waits for its next probe.
                    return transmitter.ackReply(now, ip, tcp);
                }
                return challengeAck(now, ip, tcp);
            }
            int overlapStart = TcpSeqNumber.max(windowStart, segmentStart);
            int overlapEnd = TcpSeqNumber.min(windowEnd, segmentEnd);
            timestamps.onAcceptable(tcp, receiver.lastAckOr(windowStart), now);
            receiver.accepted(segmentStart);
            payloadStart = overlapStart - segmentStart;
            payloadLength = Math.max(0, overlapEnd - overlapStart);
            rxOffset = overlapStart - windowStart;
        }

        int ackLength = 0;
        boolean ackOfFin = false;
        boolean ackAll = false;
        if (!rst && hasAck) {
            int txStart = una + (sentSyn ? 1 : 0);
            if (TcpSeqNumber.greaterOrEqual(ack, txStart)) {
                ackLength = ack - txStart;
                if (sentFin && sendQueue + 1 == ackLength) {
                    ackLength--;
                    ackOfFin = true;
                }
                ackAll = TcpSeqNumber.lessOrEqual(sender.nxt(), ack);
            }
        }
        boolean finAfterGap = false;
        if (fin && payloadStart + payloadLength < tcp.payloadLength()) {
            // Its own data did not all fit our window: the FIN lies outside it and must come again.
            fin = false;
        } else if (fin && TcpSeqNumber.lessThan(windowStart, segmentStart)) {
            // Data before this FIN is missing: remembered, it is taken when the gap fills. (In LISTEN
            // and SYN-SENT windowStart means nothing yet; a FIN on a SYN is ignored there, as before.)
            fin = false;
            finAfterGap = !syn;
        }

        if (rst) {
            if (state == LISTEN) {
                return false;
            }
            if (state != SYN_SENT && segmentStart != windowStart) {
                // RFC 5961 3.2: only an RST at exactly RCV.NXT resets; one elsewhere in the window is challenged.
                return challengeAck(now, ip, tcp);
            }
            resetsIn++;
            endpoints.forget();
            state = state == SYN_RECEIVED && endpoints.hasListenPort() ? LISTEN : CLOSED;
            return false;
        }
        if (syn && state >= ESTABLISHED) {
            // RFC 5961 4.2: a SYN on a synchronized connection is answered with a challenge ACK, never a reset.
            return challengeAck(now, ip, tcp);
        }
        if (!advanceState(context, ip, tcp, now, syn, fin, hasAck, ackOfFin, ackLength)) {
            return output.hasReply();
        }

        timers.heard(now);
        if (!staleAck) {
            // Its window is as old as its ACK (RFC 9293 3.10.7.4: SND.WL1/WL2), so only the data counts.
            sender.onSegment(now, tcp, syn, hasAck, ack, ackLength);
        }
        timers.onAck(now, ackLength, ackAll, sender.window(), sender.buffer().length());
        boolean finRemembered = finAfterGap && takesFin();
        if (finRemembered) {
            receiver.finAfterGap(segmentStart + tcp.payloadLength());
        }
        if (payloadLength == 0) {
            // A bare FIN after a gap is out-of-order too: a duplicate ACK at once (RFC 5681 4.2, as Linux).
            return finRemembered && transmitter.ackReply(now, ip, tcp);
        }
        boolean ackNow = receiver.receive(now, buf, payloadOffset + payloadStart, payloadLength, rxOffset,
                negotiation.peerMss());
        if (receiver.finReached()) {
            finArrived(now); // this segment filled the gap before it: acknowledged at once below
            ackNow = true;
        }
        return ackNow && transmitter.ackReply(now, ip, tcp);
    }

    /** The states in which a FIN from the peer ends its half: ours may be open or closing, its still open. */
    private boolean takesFin() {
        return state == ESTABLISHED || state == FIN_WAIT_1 || state == FIN_WAIT_2;
    }

    /**
     * The peer's FIN at RCV.NXT, in a state {@link #takesFin}, after the segment's ACK moved the
     * state on (RFC 9293 3.10.7.4, eighth step).
     */
    private void finArrived(long now) {
        receiver.takeFin();
        if (state == ESTABLISHED) {
            state = CLOSE_WAIT;
        } else if (state == FIN_WAIT_1) {
            state = CLOSING;
        } else {
            enterTimeWait(now);
        }
    }

    /**
     * The state transitions of an acceptable segment (RFC 9293 3.10.7.4, the SYN, ACK and FIN
     * steps). Returns false when the segment goes no further: ignored, or answered with the reply
     * now pending.
     */
    private boolean advanceState(SocketContext context, IpRepr ip, TcpRepr tcp, long now, boolean syn, boolean fin,
            boolean hasAck, boolean ackOfFin, int ackLength) {
        int segmentStart = tcp.sequenceNumber();
        switch (state) {
            case LISTEN:
                if (!syn) {
                    return false;
                }
                long localHigh = ip.destinationHigh();
                long localLow = ip.destinationLow();
                int port = tcp.destinationPort();
                long remoteHigh = ip.sourceHigh();
                long remoteLow = ip.sourceLow();
                endpoints.connect(localHigh, localLow, port, remoteHigh, remoteLow, tcp.sourcePort());
                negotiation.useIpv6(ip.isIpv6());
                timestamps.start(sequences.timestampOffset(localHigh, localLow, port, remoteHigh, remoteLow, tcp.sourcePort()));
                takeSynOptions(context, tcp, now);
                sender.start(sequences.initialSequenceNumber(localHigh, localLow, port, remoteHigh, remoteLow,
                        tcp.sourcePort(), now));
                receiver.synReceived(segmentStart);
                state = SYN_RECEIVED;
                timers.idle(now);
                return true;
            case SYN_SENT:
                takeSynOptions(context, tcp, now);
                receiver.synAckReceived(segmentStart);
                sender.synSent();
                state = hasAck ? ESTABLISHED : SYN_RECEIVED;
                return true;
            case SYN_RECEIVED:
                if (syn) {
                    return false;
                }
                state = ESTABLISHED;
                if (fin) {
                    finArrived(now);
                }
                if (listener != null) {
                    listener.established(backlogIndex); // listen backlog: join the accept queue
                }
                return true;
            case FIN_WAIT_1:
                if (ackOfFin) {
                    state = FIN_WAIT_2;
                }
                if (fin) {
                    finArrived(now);
                }
                return true;
            case ESTABLISHED:
            case FIN_WAIT_2:
                if (fin) {
                    finArrived(now);
                }
                return true;
            case CLOSING:
                if (fin) {
                    return false;
                }
                if (ackOfFin) {
                    enterTimeWait(now);
                }
                return true;
            case CLOSE_WAIT:
                return !fin;
            case LAST_ACK:
                if (fin) {
                    return false;
                }
                if (ackOfFin) {
                    state = CLOSED;
                    endpoints.forget();
                } else if (ackLength == 0) {
                    // Our FIN is still unacknowledged: RFC 9293 3.10.7.4 answers a duplicate with a (challenge) ACK.
                    challengeAck(now, ip, tcp);
                    return false;
                }
                return true;
            default:
                return false;
        }
    }

    /** The peer's SYN options; the controller learns the SMSS they allow. */
    private void takeSynOptions(SocketContext context, TcpRepr tcp, long now) {
        if (!negotiation.onSyn(tcp, now)) {
            receiver.disableWindowScaling();
        }
        sender.mssKnown(negotiation.effectiveMss(context));
    }

    private void enterTimeWait(long now) {
        state = TIME_WAIT;
        timers.timeWait(now);
    }

    // --- replies ---------------------------------------------------------------------------------

    private boolean challengeAck(long now, IpRepr ip, TcpRepr tcp) {
        if (!timers.challengeAckAllowed(now)) {
            return false;
        }
        challengeAcks++;
        return transmitter.ackReply(now, ip, tcp);
    }

    /**
     * Fills {@code out} with the RST that answers {@code in} (RFC 9293 3.10.7.1): SEQ = SEG.ACK when
     * {@code in} has ACK, otherwise SEQ = 0 with RST|ACK acknowledging SEG.SEQ + SEG.LEN.
     * {@code out}'s ports must already be swapped; its other fields are overwritten.
     */
    public static void resetFor(TcpRepr in, TcpRepr out) {
        out.clearOptions().setPayloadLength(0).setWindow(0);
        if (in.hasFlags(TcpPacket.FLAG_ACK)) {
            out.setFlags(TcpPacket.FLAG_RST).setSequenceNumber(in.ackNumber());
        } else {
            out.setFlags(TcpPacket.FLAG_RST).setSequenceNumber(0).setAckNumber(in.sequenceNumber() + in.segmentLength());
        }
    }

    /** True when {@link #process} left a reply for {@link #sendReply}. */
    public boolean hasReply() {
        return output.hasReply();
    }

    /** The pending reply (valid while {@link #hasReply()}). */
    public TcpRepr reply() {
        return output.reply();
    }

    /**
     * Sends the reply {@link #process} left: {@link #DISPATCH_SENT}, {@link #DISPATCH_IDLE} when
     * none is pending, or {@link #DISPATCH_BLOCKED}. A blocked reply is dropped (the peer's next
     * segment elicits another), so ingress never waits for the device.
     */
    public int sendReply(PacketEmitter emitter) {
        if (!output.hasReply()) {
            return DISPATCH_IDLE;
        }
        int status = output.sendReply(emitter);
        return status == PacketEmitter.OK ? DISPATCH_SENT : blocked(status);
    }

    // --- output ----------------------------------------------------------------------------------

    private boolean windowToUpdate() {
        return state >= ESTABLISHED && state <= FIN_WAIT_2 && receiver.windowToUpdate(sender.mss()); // a SYN offers all it can
    }

    private boolean seqToTransmit(SocketContext context, long now) {
        if (sender.hasRetransmissionDue()) {
            return true;
        }
        if ((state == SYN_SENT || state == SYN_RECEIVED) && !sender.inFlight()) {
            return true;
        }
        return sender.hasDataToSend(negotiation.effectiveMss(context), wantFin(), now);
    }

    private boolean wantFin() {
        return state == FIN_WAIT_1 || state == CLOSING || state == LAST_ACK;
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        if (output.hasReply()) {
            return sendReply(emitter);
        }
        if (!endpoints.connected()) {
            if (listener != null) {
                listener.rearm(backlogIndex); // listen backlog: a CLOSED member listens again
            }
            return DISPATCH_IDLE;
        }
        long now = context.now();
        if (!DualStack.isLocal(context, endpoints.localHigh(), endpoints.localLow())) {
            // Our address went away: forget the connection without an RST from an address we no longer own.
            reset();
            return DISPATCH_IDLE;
        }
        timers.startIfQuiet(now);
        sender.beforeDispatch(now);
        if (timers.timedOut(now)) {
            state = CLOSED;
        } else {
            int fired = timers.takeRetransmission(now);
            if (fired != TcpTimer.IDLE) {
                sender.retransmissionDue(now, fired, state >= ESTABLISHED);
            }
        }
        sender.trackHeldBack(negotiation.effectiveMss(context), wantFin(), now);
        if (!seqToTransmit(context, now) && !(receiver.ackToTransmit() && receiver.ackDueInDispatch(now, sender.mss()))
                && !windowToUpdate() && state != CLOSED && !timers.keepAliveDue(now) && !timers.zeroWindowProbeDue(now)) {
            if (timers.closeDue(now)) {
                reset();
            }
            return DISPATCH_IDLE;
        }
        int result = transmitter.transmit(context, emitter, now, state, wantFin());
        if (result == DISPATCH_BLOCKED) {
            return blocked(transmitter.refusal());
        }
        if (state == CLOSED) {
            endpoints.forget(); // one RST, then forget the peer
        }
        return result;
    }

    @Override
    public long pollAt(SocketContext context) {
        long now = context.now();
        if (output.hasReply()) {
            return now;
        }
        if (!endpoints.connected()) {
            return POLL_NEVER;
        }
        if (!timers.started() || state == CLOSED || seqToTransmit(context, now) || windowToUpdate()) {
            return now;
        }
        long at = Math.min(timers.pollAt(now), sender.heldBackUntil()); // issue 6: a held-back short segment
        if (receiver.ackToTransmit()) {
            at = Math.min(at, receiver.ackDueAt(now));
        }
        return at;
    }

    /** One line for logs: state, endpoints and sequence variables. */
    public StringBuilder appendTo(StringBuilder sb) {
        sb.append("TCP ").append(stateName(state)).append(' ');
        appendEndpoint(sb, endpoints.localHigh(), endpoints.localLow(), localPort()).append(" -> ");
        appendEndpoint(sb, endpoints.remoteHigh(), endpoints.remoteLow(), remotePort());
        TcpSeqNumber.append(sb.append(" una="), sender.una());
        TcpSeqNumber.append(sb.append(" nxt="), sender.nxt());
        TcpSeqNumber.append(sb.append(" rcv="), receiver.nextSeq());
        return sb.append(" wnd=").append(sender.window());
    }

    /** a.b.c.d:port for IPv4, [v6]:port for IPv6 (RFC 5952 section 6), as Linux prints endpoints. */
    private static StringBuilder appendEndpoint(StringBuilder sb, long high, long low, int port) {
        if (DualStack.isIpv4(high, low)) {
            return DualStack.append(sb, high, low).append(':').append(port);
        }
        return DualStack.append(sb.append('['), high, low).append("]:").append(port);
    }
}
