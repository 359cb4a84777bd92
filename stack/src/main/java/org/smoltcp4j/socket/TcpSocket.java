package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * A TCP socket: the RFC 9293 state machine in smoltcp's model ({@code socket/tcp.rs}), over two
 * preallocated {@link RingBuffer}s and an {@link Assembler} for out-of-order data.
 *
 * <p>What it does, as smoltcp: MSS negotiation (536 when the peer sends none), window scaling with
 * a shift derived from the receive buffer size, out-of-order reassembly, delayed ACKs (10 ms,
 * immediately once more than one MSS is unacknowledged), RFC 6298 retransmission timeout with RTT
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
 * Not yet: RFC 6528 ISNs.
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
    /** Default TTL of outgoing segments. */
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

    private static final long CHALLENGE_ACK_INTERVAL = 1000000L;
    private static final long NONE = Long.MIN_VALUE;
    private static final int NO_SCALE = -1;
    private static final int HEADERS_LEN = Ipv4Packet.HEADER_LEN + TcpPacket.HEADER_LEN;
    private static final int ACK_DELAY_IDLE = 0;
    private static final int ACK_DELAY_WAITING = 1;
    private static final int ACK_DELAY_IMMEDIATE = 2;

    private final RingBuffer rx;
    private final RingBuffer tx;
    private final Assembler assembler;
    private final RttEstimator rtte = new RttEstimator();
    private final TcpTimer timer = new TcpTimer();
    private final TcpSequenceSource sequences;
    private final TcpRepr out = new TcpRepr();
    private final TcpRepr reply = new TcpRepr();
    private final TcpPacket packet = new TcpPacket();
    private final TcpTimestamps timestamps = new TcpTimestamps();
    private final SackBlocks sackBlocks = new SackBlocks();
    private final TcpIcmpErrors icmpErrors = new TcpIcmpErrors();
    /** Issue 6: silly-window-syndrome avoidance, both the window we offer and the segments we send. */
    private final SillyWindowAvoidance sws = new SillyWindowAvoidance();
    private final int defaultWindowShift;
    // --- congestion control (issue 6): all controllers preallocated, one selected ---
    private final Reno reno = new Reno();
    private final Cubic cubic = new Cubic();
    private final NewRenoRecovery recovery = new NewRenoRecovery();
    private CongestionController congestion = NoControl.INSTANCE;
    // --- SACK-based loss recovery (issue 6, RFC 6675) ---
    /** Separate SACKed ranges of our send buffer remembered; the peer reports at most 4 per ACK. */
    private static final int SACK_SCOREBOARD_RANGES = 8;
    private final SackScoreboard sackScoreboard = new SackScoreboard(SACK_SCOREBOARD_RANGES);
    private int congestionKind = CONGESTION_NONE;
    /** The SMSS told to the controller, 0 before the handshake. */
    private int congestionMss;

    private int state = CLOSED;
    private int listenAddress;
    private int listenPort;
    private boolean hasTuple;
    private int localAddress;
    private int localPort;
    private int remoteAddress;
    private int remotePort;

    /** SND.UNA: the sequence number of the first byte of {@link #tx} (or of our SYN). */
    private int localSeqNo;
    /** The sequence number of the first byte of {@link #rx}. */
    private int remoteSeqNo;
    /** SND.NXT: one past the last sequence number sent. */
    private int remoteLastSeq;
    /**
     * SND.MAX (as BSD has it): one past the highest sequence number ever sent. A timeout takes
     * SND.NXT back to SND.UNA; segments without data or SYN/FIN still carry SND.MAX, or a peer that
     * already holds what follows SND.NXT finds them below its window, drops them with their ACK,
     * and two such peers wait for each other for ever (issue 6).
     */
    private int sendMax;
    private boolean hasRemoteLastAck;
    /** The last acknowledgment number sent. */
    private int remoteLastAck;
    /** The last window field sent (scaled). */
    private int remoteLastWin;
    /**
     * Issue 6: the last window was our SYN's (active open), whose right edge the SYN-ACK's sequence
     * number already eats into; the first ACK offers the whole buffer, as Linux, not that edge.
     */
    private boolean synWindowLast;
    /** Our receive window shift, advertised in our SYN; 0 when the peer does not scale. */
    private int remoteWinShift;
    /** SND.WND in bytes, relative to {@link #localSeqNo}. */
    private int remoteWinLen;
    /** The peer's window shift, or {@link #NO_SCALE}. */
    private int remoteWinScale = NO_SCALE;
    private boolean remoteHasSack;
    /** Whether our SYN offers SACK and a peer's offer is answered (issue 6). */
    private boolean sackEnabled = true;
    private int remoteMss = DEFAULT_MSS;
    /** When the last segment arrived (or sending restarted after quiet), or NONE. */
    private long remoteLastTs = NONE;
    private boolean hasRxLastSeq;
    private int localRxLastSeq;
    private boolean hasRxLastAck;
    private int localRxLastAck;
    private int localRxDupAcks;
    private boolean pendingFastRetransmit;
    private boolean rxFinReceived;

    private long ackDelay = DEFAULT_ACK_DELAY;
    private int ackDelayState = ACK_DELAY_IDLE;
    private long ackDelayUntil;
    private long challengeAckAt;
    private boolean nagle = true;
    private long timeout;
    private long keepAlive;
    private long timeWait = DEFAULT_TIME_WAIT;
    private int ttl = DEFAULT_TTL;

    private boolean replyPending;
    private int replySource;
    private int replyDestination;

    private long segmentsIn;
    private long segmentsOut;
    private long retransmissionTimeouts;
    private long fastRetransmits;
    private long challengeAcks;
    private long resetsIn;
    private long pawsRejected;
    private int softError = ERROR_NONE; // issue 6: no route

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
        this.rx = rx;
        this.tx = tx;
        this.assembler = new Assembler(maxOutOfOrderRanges);
        this.sequences = sequences;
        this.defaultWindowShift = Math.max(0, bitLength(rx.capacity()) - 16);
        this.remoteWinShift = defaultWindowShift;
    }

    private static int bitLength(int value) {
        int bits = 0;
        while (value != 0) {
            bits++;
            value >>>= 1;
        }
        return bits;
    }

    // --- options ---------------------------------------------------------------------------------

    /** Delayed-ACK time in microseconds; 0 acknowledges at once. */
    public void setAckDelay(long micros) {
        ackDelay = nonNegative("ACK delay", micros);
    }

    public long ackDelay() {
        return ackDelay;
    }

    /** Nagle's algorithm (on by default; off is Linux's TCP_NODELAY). */
    public void setNagleEnabled(boolean enabled) {
        nagle = enabled;
    }

    public boolean nagleEnabled() {
        return nagle;
    }

    /**
     * User timeout in microseconds (0: none): the connection is aborted when the peer sends
     * nothing for this long while we wait for it (SYN, data, keep-alives), as smoltcp's timeout.
     */
    public void setTimeout(long micros) {
        timeout = nonNegative("timeout", micros);
    }

    public long timeout() {
        return timeout;
    }

    /** Keep-alive interval in microseconds (0: off). */
    public void setKeepAlive(long micros) {
        keepAlive = nonNegative("keep-alive interval", micros);
        if (keepAlive > 0) {
            timer.setKeepAlive();
        }
    }

    public long keepAlive() {
        return keepAlive;
    }

    /** TIME-WAIT duration in microseconds (default 10 s). */
    public void setTimeWait(long micros) {
        timeWait = nonNegative("TIME-WAIT duration", micros);
    }

    public long timeWait() {
        return timeWait;
    }

    /** Bounds of the retransmission timeout in milliseconds (RFC 6298: min 1 s, max at least 60 s). */
    public void setRtoBounds(int minMillis, int maxMillis) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("RTO bounds must satisfy 1 <= min <= max, got " + minMillis + ".." + maxMillis);
        }
        rtte.setBounds(minMillis, maxMillis);
    }

    /** The current retransmission timeout in milliseconds. */
    public int rtoMillis() {
        return rtte.rtoMillis();
    }

    /** Smoothed round-trip time in milliseconds (0 before the first sample). */
    public int smoothedRttMillis() {
        return rtte.smoothedRttMillis();
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
        sackEnabled = enabled;
    }

    public boolean sackEnabled() {
        return sackEnabled;
    }

    /** TTL of outgoing segments, 1..255. */
    public void setTtl(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255, got " + ttl);
        }
        this.ttl = ttl;
    }

    public int ttl() {
        return ttl;
    }

    /**
     * Selects the congestion control: {@link #CONGESTION_NONE} (the default, as smoltcp's),
     * {@link #CONGESTION_RENO} or {@link #CONGESTION_CUBIC}. A change mid-connection starts the new
     * controller afresh (initial window, slow start), as smoltcp's {@code set_congestion_control}.
     *
     * @throws IllegalArgumentException for any other {@code kind}
     */
    public void setCongestionControl(int kind) {
        CongestionController next;
        if (kind == CONGESTION_NONE) {
            next = NoControl.INSTANCE;
        } else if (kind == CONGESTION_RENO) {
            next = reno;
        } else if (kind == CONGESTION_CUBIC) {
            next = cubic;
        } else {
            throw new IllegalArgumentException("congestion control must be CONGESTION_NONE (0), CONGESTION_RENO (1) or "
                    + "CONGESTION_CUBIC (2), got " + kind);
        }
        if (next != congestion) {
            next.reset();
            if (congestionMss > 0) {
                next.setMss(congestionMss);
            }
            next.setRemoteWindow(remoteWinLen);
        }
        congestion = next;
        congestionKind = kind;
    }

    /** The selected congestion control, one of the {@code CONGESTION_} constants. */
    public int congestionControl() {
        return congestionKind;
    }

    /** The congestion window in bytes ({@link CongestionController#UNLIMITED} without congestion control). */
    public int congestionWindow() {
        return congestion.window();
    }

    /**
     * Whether a fast recovery is in progress: NewReno's (RFC 6582), or with SACK negotiated the
     * RFC 6675 recovery guided by the peer's SACK blocks.
     */
    public boolean inFastRecovery() {
        return recovery.inRecovery();
    }

    /** How much more the congestion window lets us put in flight (RFC 5681 section 2). */
    private int congestionHeadroom() {
        int inFlight = remoteLastSeq - localSeqNo;
        if (sackRecovering()) {
            inFlight = sackScoreboard.pipe(inFlight); // RFC 6675: cwnd - pipe
        }
        return inFlight <= 0 ? congestion.window() : Math.max(0, congestion.window() - inFlight);
    }

    /** Tells the controller the SMSS once the peer's MSS is known. */
    private void congestionMssKnown(SocketContext context) {
        congestionMss = effectiveMss(context);
        congestion.setMss(congestionMss);
        sackScoreboard.setMss(congestionMss);
    }

    /**
     * SND.UNA advanced by {@code ackLength} bytes to {@code ack}: a NewReno partial ACK
     * retransmits the next unacknowledged segment (RFC 6582 3.2 step 3); outside recovery the
     * controller grows its window.
     */
    private void congestionAcked(long now, int ack, int ackLength) {
        int phase = recovery.onAdvance(ack);
        if (phase == NewRenoRecovery.PARTIAL && !(remoteHasSack && !sackScoreboard.isEmpty())) {
            // Without SACK information (not negotiated, or a peer that sends no blocks) NewReno
            // resends the next segment; with it, the scoreboard chooses (sackRetransmission).
            pendingFastRetransmit = true;
        } else if (phase == NewRenoRecovery.OUTSIDE) {
            congestion.onAck(now, ackLength, rtte.smoothedRttMillis());
        }
    }

    /**
     * Issue 6: a recovery guided by the peer's SACK blocks (RFC 6675) is in progress: a fast
     * recovery, or the resending of the holes a timeout left.
     */
    private boolean sackRecovering() {
        return remoteHasSack && (recovery.inRecovery() || sackScoreboard.afterTimeout());
    }

    /**
     * Issue 6: the offset from SND.UNA of the hole to retransmit now in a SACK recovery (RFC 6675
     * NextSeg, step (C): only while cwnd - pipe >= 1 SMSS), or {@link SackScoreboard#NONE}.
     */
    private int sackRetransmission() {
        if (!sackRecovering()) {
            return SackScoreboard.NONE;
        }
        int flight = remoteLastSeq - localSeqNo;
        if (congestion.window() - sackScoreboard.pipe(flight) < congestionMss) {
            return SackScoreboard.NONE;
        }
        boolean noNewData = TcpSeqNumber.lessOrEqual(localSeqNo + Math.min(remoteWinLen, tx.length()), remoteLastSeq);
        return sackScoreboard.nextRetransmission(flight, noNewData);
    }
    // --- end of congestion control hooks ---

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
        return maySend() && !tx.isFull();
    }

    /** Received data waits in the receive buffer. */
    public boolean canRecv() {
        return !rx.isEmpty();
    }

    public int localAddress() {
        return hasTuple ? localAddress : listenAddress;
    }

    public int localPort() {
        return hasTuple ? localPort : listenPort;
    }

    /** The peer's address, unspecified without a connection. */
    public int remoteAddress() {
        return hasTuple ? remoteAddress : Ipv4Address.UNSPECIFIED;
    }

    /** The peer's port, 0 without a connection. */
    public int remotePort() {
        return hasTuple ? remotePort : 0;
    }

    /** The peer's MSS (or {@link #DEFAULT_MSS}). */
    public int remoteMss() {
        return remoteMss;
    }

    /** The peer's receive window in bytes (SND.WND). */
    public int remoteWindow() {
        return remoteWinLen;
    }

    /** The shift our window field carries (0 when the peer does not scale). */
    public int windowShift() {
        return remoteWinShift;
    }

    /** The peer's window scale shift, or -1 when it does not scale. */
    public int remoteWindowScale() {
        return remoteWinScale;
    }

    /** Whether the peer sent SACK-permitted. */
    public boolean remoteSackPermitted() {
        return remoteHasSack;
    }

    public int sendQueue() {
        return tx.length();
    }

    public int recvQueue() {
        return rx.length();
    }

    public int sendCapacity() {
        return tx.capacity();
    }

    public int recvCapacity() {
        return rx.capacity();
    }

    // --- counters --------------------------------------------------------------------------------

    /** Segments this socket processed. */
    public long segmentsReceived() {
        return segmentsIn;
    }

    /** Segments this socket sent, replies included. */
    public long segmentsSent() {
        return segmentsOut;
    }

    /** Retransmission timeouts (each resends from SND.UNA). */
    public long retransmissionTimeouts() {
        return retransmissionTimeouts;
    }

    /** Fast retransmissions after three duplicate ACKs. */
    public long fastRetransmits() {
        return fastRetransmits;
    }

    /** Consecutive duplicate ACKs received (saturates at 255). */
    public int duplicateAcks() {
        return localRxDupAcks;
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
        int taken = softError;
        softError = ERROR_NONE;
        return taken;
    }

    // --- opening and closing ---------------------------------------------------------------------

    /** Listens on {@code port} of every local address. */
    public void listen(int port) {
        listen(Ipv4Address.UNSPECIFIED, port);
    }

    /**
     * Listens on {@code address:port} ({@code address} unspecified: every local address). Listening
     * again on the same endpoint while still listening does nothing, as smoltcp; any other call on
     * an open socket is refused.
     */
    public void listen(int address, int port) {
        checkPort("local port", port);
        if (isOpen()) {
            if (state == LISTEN && listenAddress == address && listenPort == port) {
                return;
            }
            throw new IllegalStateException("cannot listen: socket is " + stateName(state) + "; close or abort it first");
        }
        reset();
        listenAddress = address;
        listenPort = port;
        state = LISTEN;
    }

    /**
     * Opens a connection to {@code remoteAddress:remotePort} from {@code localPort} (0: an ephemeral
     * port chosen per RFC 6056), from the interface address the route to the peer uses.
     *
     * @throws IllegalStateException    if the socket is open
     * @throws IllegalArgumentException if the address is unspecified, a port is out of range, or no
     *                                  interface address reaches the peer
     */
    public void connect(SocketContext context, int remoteAddress, int remotePort, int localPort) {
        if (isOpen()) {
            throw new IllegalStateException("cannot connect: socket is " + stateName(state) + "; close or abort it first");
        }
        if (remoteAddress == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0)");
        }
        checkPort("remote port", remotePort);
        if (localPort != 0) {
            checkPort("local port", localPort);
        }
        int source = context.ipv4SourceFor(remoteAddress);
        if (source == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException(Ipv4Address.append(new StringBuilder("no interface address reaches "), remoteAddress).toString());
        }
        reset();
        setTuple(source, localPort != 0 ? localPort : sequences.ephemeralPort(source, remoteAddress, remotePort),
                remoteAddress, remotePort);
        state = SYN_SENT;
        localSeqNo = sequences.initialSequenceNumber(source, this.localPort, remoteAddress, remotePort, context.now());
        timestamps.start(sequences.timestampOffset(source, this.localPort, remoteAddress, remotePort));
        remoteLastSeq = localSeqNo;
        sendMax = localSeqNo;
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException(what + " must be 1..65535, got " + port);
        }
    }

    private void setTuple(int localAddress, int localPort, int remoteAddress, int remotePort) {
        hasTuple = true;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
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
                hasTuple = false;
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
        timer.setForIdle(0, 0);
        rtte.reset();
        assembler.clear();
        tx.clear();
        rx.clear();
        rxFinReceived = false;
        listenAddress = Ipv4Address.UNSPECIFIED;
        listenPort = 0;
        hasTuple = false;
        localSeqNo = 0;
        remoteSeqNo = 0;
        remoteLastSeq = 0;
        sendMax = 0;
        hasRemoteLastAck = false;
        remoteLastWin = 0;
        synWindowLast = false;
        remoteWinLen = 0;
        remoteWinScale = NO_SCALE;
        remoteWinShift = defaultWindowShift;
        remoteHasSack = false;
        sackScoreboard.clear();
        timestamps.start(0);
        sackBlocks.clear();
        icmpErrors.clear();
        sws.reset();
        remoteMss = DEFAULT_MSS;
        remoteLastTs = NONE;
        hasRxLastSeq = false;
        hasRxLastAck = false;
        localRxDupAcks = 0;
        pendingFastRetransmit = false;
        congestion.reset(); // issue 6
        recovery.reset();
        congestionMss = 0;
        ackDelayState = ACK_DELAY_IDLE;
        challengeAckAt = 0;
        replyPending = false;
        softError = ERROR_NONE;
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
        return tx.writeWindowStart();
    }

    /** Contiguous free bytes at {@link #sendWindowStart()}. */
    public int sendWindowLength() {
        return tx.writeWindowLength();
    }

    /** The send buffer's storage, for in-place writes. */
    public byte[] sendBuffer() {
        return tx.storage();
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
        int before = tx.length();
        tx.commitEnqueue(count);
        queued(before, count);
        return count;
    }

    private void queued(int before, int count) {
        if (count == 0) {
            return;
        }
        if (before == 0) {
            // Quiet until now: the user timeout counts from the next transmission, not from the
            // last segment received long ago (smoltcp).
            remoteLastTs = NONE;
        }
        if (remoteWinLen == 0 && timer.isIdle()) {
            // Data for a closed window: probe it (the first probe goes at once, as smoltcp).
            timer.setForZeroWindowProbe(0, rtte.retransmissionTimeout());
        }
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
        int read = rx.dequeueSlice(dst, off, maxLen);
        remoteSeqNo += read;
        return read;
    }

    /** As {@link #recv}, but the bytes stay queued. */
    public int peek(byte[] dst, int off, int maxLen) {
        checkRange("dst", dst, off, maxLen);
        int status = recvStatus();
        return status != 0 ? status : rx.readAllocated(0, dst, off, maxLen);
    }

    /** In-place receiving: the index in {@link #recvBuffer()} of the first received byte. */
    public int recvWindowStart() {
        return rx.readWindowStart();
    }

    /**
     * Contiguous received bytes at {@link #recvWindowStart()} (0 when none), {@link #FINISHED} or
     * {@link #INVALID_STATE} as {@link #recv}.
     */
    public int recvWindowLength() {
        int status = recvStatus();
        return status != 0 ? status : rx.readWindowLength();
    }

    /** The receive buffer's storage, for in-place reads. */
    public byte[] recvBuffer() {
        return rx.storage();
    }

    /** Removes {@code count} bytes read in place at {@link #recvWindowStart()}. */
    public void commitRecv(int count) {
        if (recvStatus() != 0 && count != 0) {
            throw new IllegalStateException("nothing to commit: the socket is " + stateName(state));
        }
        rx.commitDequeue(count);
        remoteSeqNo += count;
    }

    private int recvStatus() {
        if (mayRecv()) {
            return 0;
        }
        return rxFinReceived ? FINISHED : INVALID_STATE;
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
     * too. "Fragmentation needed" is never reported: it lowers {@link #pathMtu()} instead.
     */
    public int softError() {
        return icmpErrors.takeError();
    }

    /**
     * The path MTU learnt from "fragmentation needed" (RFC 1191) for this connection, at least
     * {@link #MIN_PATH_MTU}; 65535 while none was. Segments fit the smaller of it and the
     * interface's MTU. A new connection starts again from 65535.
     */
    public int pathMtu() {
        return icmpErrors.pathMtu();
    }

    /**
     * True when an ICMP error quoting a segment from {@code quotedSource:quotedSourcePort} to
     * {@code quotedDestination:quotedDestinationPort} is about this socket's connection.
     */
    public boolean acceptsIcmpError(int quotedSource, int quotedSourcePort, int quotedDestination, int quotedDestinationPort) {
        return hasTuple && state != CLOSED && quotedSource == localAddress && quotedSourcePort == localPort
                && quotedDestination == remoteAddress && quotedDestinationPort == remotePort;
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
        if (!icmpErrors.inFlight(quotedSeq, localSeqNo)) {
            return false;
        }
        int type = icmp.type();
        int code = icmp.code();
        if (TcpIcmpErrors.isFragmentationNeeded(type, code)) {
            int quotedLength = Ipv4Packet.HEADER_LEN + icmp.embeddedHeader().payloadLength();
            if (icmpErrors.fragmentationNeeded(icmp.nextHopMtu(), quotedLength)) {
                pathMtuLowered(context);
            }
        } else if (state == SYN_SENT && TcpIcmpErrors.isHard(type, code)) {
            reset();
            icmpErrors.record(type, code);
        } else {
            icmpErrors.record(type, code);
        }
        return true;
    }

    /** Linux's tcp_simple_retransmit: what is in flight went out too large for the path; resend it. */
    private void pathMtuLowered(SocketContext context) {
        if (congestionMss > 0) {
            congestionMssKnown(context);
        }
        if (state >= ESTABLISHED && remoteLastSeq != localSeqNo) {
            remoteLastSeq = localSeqNo;
            rtte.onRetransmit(); // Karn: an ACK now would not say which copy it answers
        }
    }

    // --- input -----------------------------------------------------------------------------------

    /** True when the segment {@code ip}/{@code tcp} belongs to this socket (smoltcp's accepts). */
    public boolean accepts(Ipv4Repr ip, TcpRepr tcp) {
        if (state == CLOSED) {
            return false;
        }
        if (hasTuple) {
            return ip.destination() == localAddress && tcp.destinationPort() == localPort
                    && ip.source() == remoteAddress && tcp.sourcePort() == remotePort;
        }
        if (state == LISTEN && (tcp.flags() & (TcpPacket.FLAG_ACK | TcpPacket.FLAG_RST)) != 0) {
            // A listener takes only SYNs; an ACK or RST may belong to another socket on the port.
            return false;
        }
        return (listenAddress == Ipv4Address.UNSPECIFIED || listenAddress == ip.destination())
                && tcp.destinationPort() == listenPort;
    }

    /** True when this socket has a connection 4-tuple (not merely listening). */
    public boolean isConnected() {
        return hasTuple;
    }

    /**
     * Processes an accepted segment whose payload is {@code buf[payloadOffset, +tcp.payloadLength())}.
     *
     * @return true when an immediate reply is pending: send it with {@link #sendReply}
     */
    public boolean process(SocketContext context, Ipv4Repr ip, TcpRepr tcp, byte[] buf, int payloadOffset) {
        segmentsIn++;
        replyPending = false;
        long now = context.now();
        int flags = tcp.flags();
        boolean syn = (flags & TcpPacket.FLAG_SYN) != 0;
        boolean fin = (flags & TcpPacket.FLAG_FIN) != 0;
        boolean rst = (flags & TcpPacket.FLAG_RST) != 0;
        boolean hasAck = (flags & TcpPacket.FLAG_ACK) != 0;
        int ack = tcp.ackNumber();
        boolean sentSyn = state == SYN_SENT || state == SYN_RECEIVED;
        boolean sentFin = state == FIN_WAIT_1 || state == LAST_ACK || state == CLOSING;
        // Issue 6: an ACK below SND.UNA (overtaken by a later one) is ignored, not the data it comes with.
        boolean staleAck = false;

        if (state >= SYN_RECEIVED && timestamps.rejects(tcp, rst, now)) {
            // RFC 7323 5.3 R1: an old duplicate (wrapped sequence numbers); acknowledged, then dropped.
            pawsRejected++;
            return ackReply(now, ip, tcp);
        }
        if (rst) {
            // An RST answering our SYN must acknowledge it; any other needs only an acceptable sequence number.
            if (state == SYN_SENT && (!hasAck || ack != localSeqNo + 1)) {
                return false;
            }
        } else if (state == SYN_SENT) {
            if (syn && hasAck && ack != localSeqNo + 1) {
                return rstReply(ip, tcp);
            }
            if (!syn) {
                if (!hasAck || fin) {
                    return false;
                }
                // An ACK with the right number is ignored (as Linux), with a wrong one reset.
                return ack == localSeqNo + 1 ? false : rstReply(ip, tcp);
            }
        } else if (state != LISTEN) {
            if (!hasAck) {
                // RFC 5961 4.2: a SYN on a synchronized connection, whatever its numbers, is challenged.
                return syn && state >= ESTABLISHED && challengeAck(now, ip, tcp);
            }
            if (state == SYN_RECEIVED) {
                if (ack != localSeqNo + 1) {
                    return rstReply(ip, tcp);
                }
            } else {
                int ackMax = localSeqNo + tx.length() + (sentFin ? 1 : 0);
                if (TcpSeqNumber.lessThan(ack, localSeqNo)) {
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

        int windowStart = remoteSeqNo + rx.length();
        int windowEnd = hasRemoteLastAck ? remoteLastAck + (remoteLastWin << remoteWinShift) : windowStart;
        int segmentStart = tcp.sequenceNumber();
        int payloadStart = 0;
        int payloadLength = 0;
        int rxOffset = 0;
        if (state != LISTEN && state != SYN_SENT) {
            int segmentEnd = segmentStart + tcp.payloadLength();
            if (!segmentAcceptable(segmentStart, segmentEnd, windowStart, windowEnd)) {
                if (rst) {
                    return false;
                }
                if (state == TIME_WAIT) {
                    timer.setForClose(now, timeWait);
                }
                if (!syn && (tcp.payloadLength() > 0 || segmentStart == windowStart - 1)) {
                    // A retransmission whose ACK was lost, a window probe, or an empty probe at RCV.NXT - 1
                    // (a keep-alive; Linux probes a zero window so): always acknowledged, never rate-limited,
                    // or a peer probing our closed window more than once a second waits for its next probe.
                    return ackReply(now, ip, tcp);
                }
                return challengeAck(now, ip, tcp);
            }
            int overlapStart = TcpSeqNumber.max(windowStart, segmentStart);
            int overlapEnd = TcpSeqNumber.min(windowEnd, segmentEnd);
            timestamps.onAcceptable(tcp, hasRemoteLastAck ? remoteLastAck : windowStart, now);
            hasRxLastSeq = true;
            localRxLastSeq = segmentStart;
            payloadStart = overlapStart - segmentStart;
            payloadLength = Math.max(0, overlapEnd - overlapStart);
            rxOffset = overlapStart - windowStart;
        }

        int ackLength = 0;
        boolean ackOfFin = false;
        boolean ackAll = false;
        if (!rst && hasAck) {
            int txStart = localSeqNo + (sentSyn ? 1 : 0);
            if (TcpSeqNumber.greaterOrEqual(ack, txStart)) {
                ackLength = ack - txStart;
                if (sentFin && tx.length() + 1 == ackLength) {
                    ackLength--;
                    ackOfFin = true;
                }
                ackAll = TcpSeqNumber.lessOrEqual(remoteLastSeq, ack);
            }
        }
        if (fin && TcpSeqNumber.lessThan(windowStart, segmentStart)) {
            // Data before this FIN is missing: take the FIN when it comes again after the gap.
            fin = false;
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
            hasTuple = false;
            state = state == SYN_RECEIVED && listenPort != 0 ? LISTEN : CLOSED;
            return false;
        }
        if (syn && state >= ESTABLISHED) {
            // RFC 5961 4.2: a SYN on a synchronized connection is answered with a challenge ACK, never a reset.
            return challengeAck(now, ip, tcp);
        }
        switch (state) {
            case LISTEN:
                if (!syn) {
                    return false;
                }
                setTuple(ip.destination(), tcp.destinationPort(), ip.source(), tcp.sourcePort());
                timestamps.start(sequences.timestampOffset(localAddress, localPort, remoteAddress, remotePort));
                takeSynOptions(tcp, now);
                congestionMssKnown(context);
                localSeqNo = sequences.initialSequenceNumber(localAddress, localPort, remoteAddress, remotePort, now);
                remoteSeqNo = segmentStart + 1;
                remoteLastSeq = localSeqNo;
                sendMax = localSeqNo;
                state = SYN_RECEIVED;
                timer.setForIdle(now, keepAlive);
                break;
            case SYN_SENT:
                takeSynOptions(tcp, now);
                congestionMssKnown(context);
                remoteSeqNo = segmentStart + 1;
                remoteLastSeq = localSeqNo + 1;
                sendMax = remoteLastSeq;
                hasRemoteLastAck = true;
                remoteLastAck = segmentStart;
                synWindowLast = true;
                state = hasAck ? ESTABLISHED : SYN_RECEIVED;
                break;
            case SYN_RECEIVED:
                if (syn) {
                    return false;
                }
                if (fin) {
                    finReceived();
                    state = CLOSE_WAIT;
                } else {
                    state = ESTABLISHED;
                }
                if (listener != null) {
                    listener.established(backlogIndex); // listen backlog: join the accept queue
                }
                break;
            case ESTABLISHED:
                if (fin) {
                    finReceived();
                    state = CLOSE_WAIT;
                }
                break;
            case FIN_WAIT_1:
                if (fin) {
                    finReceived();
                    if (ackOfFin) {
                        enterTimeWait(now);
                    } else {
                        state = CLOSING;
                    }
                } else if (ackOfFin) {
                    state = FIN_WAIT_2;
                }
                break;
            case FIN_WAIT_2:
                if (fin) {
                    finReceived();
                    enterTimeWait(now);
                }
                break;
            case CLOSING:
                if (fin) {
                    return false;
                }
                if (ackOfFin) {
                    enterTimeWait(now);
                }
                break;
            case CLOSE_WAIT:
                if (fin) {
                    return false;
                }
                break;
            case LAST_ACK:
                if (fin) {
                    return false;
                }
                if (ackOfFin) {
                    state = CLOSED;
                    hasTuple = false;
                } else if (ackLength == 0) {
                    // Our FIN is still unacknowledged: RFC 9293 3.10.7.4 answers a duplicate with a (challenge) ACK.
                    return challengeAck(now, ip, tcp);
                }
                break;
            default:
                return false;
        }

        remoteLastTs = now;
        if (staleAck) {
            // Its window is as old as its ACK (RFC 9293 3.10.7.4: SND.WL1/WL2), so only the data counts.
            updateTimers(now, 0, false);
            return payloadLength > 0 && receivePayload(now, ip, tcp, buf, payloadOffset + payloadStart, payloadLength, rxOffset);
        }
        int scale = syn || remoteWinScale == NO_SCALE ? 0 : remoteWinScale;
        int newWindow = tcp.window() << scale;
        boolean windowUpdate = newWindow != remoteWinLen;
        remoteWinLen = newWindow;
        sws.peerWindow(newWindow);
        congestion.setRemoteWindow(newWindow);
        if (hasAck && remoteHasSack) {
            sackScoreboard.onAck(tcp, ack, remoteLastSeq); // issue 6: before the recovery decisions below
        }
        if (ackLength > 0) {
            tx.dequeueAllocated(ackLength);
            congestionAcked(now, ack, ackLength);
        }
        if (hasAck) {
            boolean newlyAcked = TcpSeqNumber.greaterThan(ack, localSeqNo);
            takeAck(now, ack, tcp.payloadLength(), windowUpdate);
            int echoedRtt = newlyAcked ? timestamps.roundTripMillis(tcp, now) : -1;
            if (echoedRtt >= 0) {
                rtte.sample(echoedRtt); // RFC 7323 4.1: unambiguous even after a retransmission
            }
        }
        updateTimers(now, ackLength, ackAll);
        if (payloadLength == 0) {
            return false;
        }
        return receivePayload(now, ip, tcp, buf, payloadOffset + payloadStart, payloadLength, rxOffset);
    }

    /** RFC 9293 3.10.7.4's acceptability test, with smoltcp's keep-alive rule. */
    private static boolean segmentAcceptable(int segmentStart, int segmentEnd, int windowStart, int windowEnd) {
        boolean emptySegment = segmentStart == segmentEnd;
        boolean emptyWindow = windowStart == windowEnd;
        if (emptySegment && segmentEnd == windowStart - 1) {
            return false; // keep-alive or window probe: answered with an ACK
        }
        if (emptySegment && emptyWindow) {
            return windowStart == segmentStart;
        }
        if (emptySegment) {
            // The right edge too, as Linux (tcp_sequence): a peer that filled our window and lost some of
            // it sends its ACKs from SND.MAX, there; dropped, their ACK field would be lost with them (issue 6).
            return TcpSeqNumber.lessOrEqual(windowStart, segmentStart) && TcpSeqNumber.lessOrEqual(segmentStart, windowEnd);
        }
        if (emptyWindow) {
            return false;
        }
        return inRange(segmentStart, windowStart, windowEnd)
                || TcpSeqNumber.lessThan(windowStart, segmentEnd) && TcpSeqNumber.lessOrEqual(segmentEnd, windowEnd);
    }

    /** {@code start <= seq < end} in sequence space. */
    private static boolean inRange(int seq, int start, int end) {
        return TcpSeqNumber.lessOrEqual(start, seq) && TcpSeqNumber.lessThan(seq, end);
    }

    private void takeSynOptions(TcpRepr tcp, long now) {
        timestamps.onSyn(tcp, now);
        int mss = tcp.maxSegmentSize();
        if (mss != TcpRepr.NONE && mss != 0) {
            // A zero MSS counts as absent, as Linux; a tiny one is raised so segments carry data.
            remoteMss = Math.max(mss, MIN_REMOTE_MSS);
        }
        remoteHasSack = sackEnabled && tcp.sackPermitted();
        remoteWinScale = tcp.windowScale();
        if (remoteWinScale == TcpRepr.NONE) {
            remoteWinScale = NO_SCALE;
            remoteWinShift = 0;
        }
    }

    private void finReceived() {
        remoteSeqNo++;
        rxFinReceived = true;
    }

    private void enterTimeWait(long now) {
        state = TIME_WAIT;
        timer.setForClose(now, timeWait);
    }

    private void takeAck(long now, int ack, int segmentPayload, boolean windowUpdate) {
        if (hasRxLastAck && segmentPayload == 0 && localRxLastAck == ack
                && TcpSeqNumber.lessThan(ack, remoteLastSeq) && !windowUpdate) {
            localRxDupAcks = Math.min(localRxDupAcks + 1, 255);
            // One loss event per window (RFC 5681 3.2, RFC 6582 3.2 step 2): told to the controller once.
            // RFC 6675 5 (2): with SACK, IsLost(SND.UNA) starts the recovery before the third.
            boolean lossDetected = localRxDupAcks == 3 || remoteHasSack && sackScoreboard.firstSegmentLost();
            if (lossDetected && recovery.enter(ack, remoteLastSeq)) {
                sackScoreboard.startRecovery();
                timer.setForFastRetransmit();
                congestion.onDuplicateAck(now, remoteLastSeq - localSeqNo);
            }
        } else {
            localRxDupAcks = 0;
            hasRxLastAck = true;
            localRxLastAck = ack;
            if (!timestamps.negotiated()) {
                rtte.onAck(now, ack); // with timestamps, RTTM samples every ACK of new data instead
            }
        }
        localSeqNo = ack;
        if (TcpSeqNumber.lessThan(remoteLastSeq, localSeqNo)) {
            // Later segments arrived while an earlier one was retransmitted: do not resend them.
            remoteLastSeq = localSeqNo;
        }
    }

    private void updateTimers(long now, int ackLength, boolean ackAll) {
        if (timer.isRetransmit()) {
            if (ackAll) {
                timer.setForIdle(now, keepAlive); // RFC 6298 (5.2)
            } else if (ackLength > 0) {
                timer.setForRetransmit(now, rtte.retransmissionTimeout()); // (5.3)
            }
        } else if (timer.isIdle()) {
            timer.setForIdle(now, keepAlive);
        }
        if (remoteWinLen == 0 && !tx.isEmpty() && (timer.isIdle() || ackLength > 0)) {
            timer.setForZeroWindowProbe(now, rtte.retransmissionTimeout());
        }
        if (remoteWinLen != 0 && timer.isZeroWindowProbe()) {
            timer.setForIdle(now, keepAlive);
        }
    }

    private boolean receivePayload(long now, Ipv4Repr ip, TcpRepr tcp, byte[] buf, int from, int length, int rxOffset) {
        boolean assemblerWasEmpty = assembler.isEmpty();
        int contiguous = assembler.addThenRemoveFront(rxOffset, length);
        if (contiguous == Assembler.TOO_MANY_HOLES) {
            return false; // the peer will send it again
        }
        rx.writeUnallocated(rxOffset, buf, from, length);
        if (contiguous > 0) {
            rx.enqueueUnallocated(contiguous);
        }
        if (ackDelay > 0 && ackToTransmit()) {
            if (ackDelayState == ACK_DELAY_IDLE) {
                ackDelayState = ACK_DELAY_WAITING;
                ackDelayUntil = now + ackDelay;
            } else if (ackDelayState == ACK_DELAY_WAITING && immediateAckToTransmit()) {
                ackDelayState = ACK_DELAY_IMMEDIATE;
            }
        }
        // RFC 5681 4.2: out-of-order data, and data filling a gap, are acknowledged at once.
        if (!assembler.isEmpty() || !assemblerWasEmpty) {
            return ackReply(now, ip, tcp);
        }
        return false;
    }

    // --- replies ---------------------------------------------------------------------------------

    private boolean challengeAck(long now, Ipv4Repr ip, TcpRepr tcp) {
        if (now < challengeAckAt) {
            return false;
        }
        challengeAckAt = now + CHALLENGE_ACK_INTERVAL;
        challengeAcks++;
        return ackReply(now, ip, tcp);
    }

    private boolean ackReply(long now, Ipv4Repr ip, TcpRepr tcp) {
        replyTo(ip, tcp);
        int ackNumber = remoteSeqNo + rx.length();
        reply.setSequenceNumber(TcpSeqNumber.max(remoteLastSeq, sendMax)).setAckNumber(ackNumber).setWindow(scaledWindow());
        hasRemoteLastAck = true;
        remoteLastAck = ackNumber;
        remoteLastWin = reply.window();
        synWindowLast = false;
        addOptions(reply, now, ackNumber);
        return true;
    }

    /** Timestamps and SACK blocks of a synchronized connection's segment acknowledging {@code ackNumber}. */
    private void addOptions(TcpRepr repr, long now, int ackNumber) {
        timestamps.stamp(repr, now);
        if (remoteHasSack && !repr.hasFlags(TcpPacket.FLAG_RST)) {
            sackBlocks.addTo(repr, assembler, ackNumber, hasRxLastSeq, localRxLastSeq);
        }
    }

    private boolean rstReply(Ipv4Repr ip, TcpRepr tcp) {
        replyTo(ip, tcp);
        resetFor(tcp, reply);
        return true;
    }

    private void replyTo(Ipv4Repr ip, TcpRepr tcp) {
        replyPending = true;
        replySource = ip.destination();
        replyDestination = ip.source();
        reply.clearOptions().setFlags(0).setPayloadLength(0).setWindow(0).setSequenceNumber(0)
                .setSourcePort(tcp.destinationPort()).setDestinationPort(tcp.sourcePort());
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
        return replyPending;
    }

    /** The pending reply (valid while {@link #hasReply()}). */
    public TcpRepr reply() {
        return reply;
    }

    /**
     * Sends the reply {@link #process} left: {@link #DISPATCH_SENT}, {@link #DISPATCH_IDLE} when
     * none is pending, or {@link #DISPATCH_BLOCKED}. A blocked reply is dropped (the peer's next
     * segment elicits another), so ingress never waits for the device.
     */
    public int sendReply(PacketEmitter emitter) {
        if (!replyPending) {
            return DISPATCH_IDLE;
        }
        replyPending = false;
        int status = emitSegment(emitter, reply, replySource, replyDestination, 0);
        if (status != PacketEmitter.OK) {
            recordSoftError(status);
            return blocked(status);
        }
        return DISPATCH_SENT;
    }

    // --- output ----------------------------------------------------------------------------------

    /** The window field to send: the free space, held back by silly-window-syndrome avoidance (issue 6). */
    private int scaledWindow() {
        int free = rx.window();
        int window = free;
        if (hasRemoteLastAck && !synWindowLast && !rxFinReceived) { // after the peer's FIN no data comes: no window invites any
            int offered = remoteLastAck + (remoteLastWin << remoteWinShift) - (remoteSeqNo + rx.length());
            // congestionMss is our Eff.snd.MSS, 0 (no avoidance) until the handshake completes.
            window = SillyWindowAvoidance.receiveWindow(free, offered, rx.capacity(), congestionMss);
        }
        return SillyWindowAvoidance.windowField(window, free, remoteWinShift);
    }

    private int lastScaledWindow() {
        int nextAck = remoteSeqNo + rx.length();
        int adjusted = Math.max(0, remoteLastAck + (remoteLastWin << remoteWinShift) - nextAck);
        return Math.min(adjusted >>> remoteWinShift, 0xffff);
    }

    /** Payload bytes of a full segment: the path and peer limits less the timestamp option (RFC 6691). */
    private int effectiveMss(SocketContext context) {
        return mssLessOptions(context, timestamps.optionLength());
    }

    private int mssLessOptions(SocketContext context, int optionsLength) {
        int mtu = Math.min(context.ipMtu(), icmpErrors.pathMtu()); // the path MTU an ICMP error taught (RFC 1191)
        return Math.min(mtu - HEADERS_LEN, remoteMss) - optionsLength;
    }

    private boolean ackToTransmit() {
        return hasRemoteLastAck && TcpSeqNumber.lessThan(remoteLastAck, remoteSeqNo + rx.length());
    }

    /** More than one MSS unacknowledged: acknowledge now (RFC 9293 SHLD-19; Linux acks every MSS). */
    private boolean immediateAckToTransmit() {
        return hasRemoteLastAck && TcpSeqNumber.lessThan(remoteLastAck + remoteMss, remoteSeqNo + rx.length());
    }

    private boolean delayedAckExpired(long now) {
        return ackDelayState != ACK_DELAY_WAITING || ackDelayUntil <= now;
    }

    /** The window at least doubled since last advertised (Linux's rule): tell the peer. */
    private boolean windowToUpdate() {
        if (state < SYN_SENT || state > FIN_WAIT_2 || !hasRemoteLastAck) {
            return false;
        }
        int window = scaledWindow();
        return window > 0 && window / 2 >= lastScaledWindow();
    }

    private boolean seqToTransmit(SocketContext context, long now) {
        if (pendingFastRetransmit && !tx.isEmpty() || sackRetransmission() != SackScoreboard.NONE) {
            return true;
        }
        boolean dataInFlight = remoteLastSeq != localSeqNo;
        if ((state == SYN_SENT || state == SYN_RECEIVED) && !dataInFlight) {
            return true;
        }
        boolean canFin = wantFin() && remoteLastSeq == localSeqNo + tx.length();
        return canFin || sws.maySend(sendable(), unsent(), effectiveMss(context), nagleDelays(), now);
    }

    private boolean wantFin() {
        return state == FIN_WAIT_1 || state == CLOSING || state == LAST_ACK;
    }

    /** Queued bytes not yet sent (from SND.NXT). */
    private int unsent() {
        return Math.max(0, tx.length() - (remoteLastSeq - localSeqNo));
    }

    /** Unsent bytes the peer's window and the congestion window let go now. */
    private int sendable() {
        int maxSendSeq = localSeqNo + Math.min(remoteWinLen, tx.length());
        int maxSend = TcpSeqNumber.greaterOrEqual(maxSendSeq, remoteLastSeq) ? maxSendSeq - remoteLastSeq : 0;
        return Math.min(maxSend, congestionHeadroom());
    }

    /** Nagle's algorithm holds a short segment back while data is unacknowledged (not when closing). */
    private boolean nagleDelays() {
        return nagle && remoteLastSeq != localSeqNo && !wantFin();
    }

    private boolean timedOut(long now) {
        return remoteLastTs != NONE && timeout > 0 && now >= remoteLastTs + timeout;
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        if (replyPending) {
            return sendReply(emitter);
        }
        if (!hasTuple) {
            if (listener != null) {
                listener.rearm(backlogIndex); // listen backlog: a CLOSED member listens again
            }
            return DISPATCH_IDLE;
        }
        long now = context.now();
        if (!context.hasIpv4Address(localAddress)) {
            // Our address went away: forget the connection without an RST from an address we no longer own.
            reset();
            return DISPATCH_IDLE;
        }
        if (remoteLastTs == NONE) {
            remoteLastTs = now;
        }
        congestion.preTransmit(now);
        congestion.onSendReady(now, Math.max(0, tx.length() - (remoteLastSeq - localSeqNo)));
        if (timedOut(now)) {
            state = CLOSED;
        } else if (timer.shouldRetransmit(now)) {
            if (timer.kind() == TcpTimer.RETRANSMIT) {
                congestion.onRetransmit(now, remoteLastSeq - localSeqNo);
                recovery.onTimeout(remoteLastSeq);
                // Issue 6: with SACK, only the unSACKed holes go again (RFC 6675 5.1); otherwise,
                // and in SYN-RECEIVED (the SYN|ACK itself), go back to SND.UNA and resend everything.
                if (!(remoteHasSack && state >= ESTABLISHED && sackScoreboard.onTimeout(remoteLastSeq - localSeqNo))) {
                    remoteLastSeq = localSeqNo;
                }
                rtte.onRto();
                retransmissionTimeouts++;
            } else {
                pendingFastRetransmit = true;
                fastRetransmits++;
            }
            // Cleared even if nothing can go now (zero window), or poll would spin.
            timer.setForIdle(now, keepAlive);
            if (remoteWinLen == 0 && !tx.isEmpty()) {
                // Issue 6: a closed window keeps a probe going, or a lost (or reordered) window update stalls us for good.
                long rto = rtte.retransmissionTimeout();
                timer.setForZeroWindowProbe(now - rto, rto); // due now, the next one RTO later (doubling)
            }
            rtte.onRetransmit();
        }
        sws.track(sendable(), unsent(), effectiveMss(context), nagleDelays(), now);
        if (!seqToTransmit(context, now) && !(ackToTransmit() && delayedAckExpired(now)) && !windowToUpdate()
                && state != CLOSED && !timer.shouldKeepAlive(now) && !timer.shouldZeroWindowProbe(now)) {
            if (timer.shouldClose(now)) {
                reset();
            }
            return DISPATCH_IDLE;
        }
        return transmit(context, emitter, now);
    }

    /** Builds and sends the one segment {@link #dispatch} decided on. */
    private int transmit(SocketContext context, PacketEmitter emitter, long now) {
        int ackNumber = remoteSeqNo + rx.length();
        out.clearOptions().setFlags(0).setPayloadLength(0).setSourcePort(localPort).setDestinationPort(remotePort)
                .setSequenceNumber(remoteLastSeq).setAckNumber(ackNumber).setWindow(scaledWindow());
        int txOffset = 0;
        int length = 0;
        boolean zeroWindowProbe = false;
        boolean retransmission = false;
        boolean sackHole = false;
        switch (state) {
            case CLOSED:
                out.setFlags(TcpPacket.FLAG_RST | TcpPacket.FLAG_ACK);
                addOptions(out, now, ackNumber); // RFC 7323 3.2: an RST SHOULD carry the timestamp
                break;
            case LISTEN:
                return DISPATCH_IDLE;
            case SYN_SENT:
            case SYN_RECEIVED:
                out.setSequenceNumber(localSeqNo).setWindow(Math.min(rx.window(), 0xffff));
                if (state == SYN_SENT) {
                    out.setFlags(TcpPacket.FLAG_SYN).setWindowScale(remoteWinShift).setSackPermitted(sackEnabled);
                    if (timestamps.enabled()) {
                        out.setTimestamp(timestamps.value(now), 0);
                    }
                } else {
                    out.setFlags(TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK).setSackPermitted(remoteHasSack);
                    timestamps.stamp(out, now);
                    if (remoteWinScale != NO_SCALE) {
                        out.setWindowScale(remoteWinShift);
                    }
                }
                break;
            case ESTABLISHED:
            case FIN_WAIT_1:
            case CLOSING:
            case CLOSE_WAIT:
            case LAST_ACK:
                addOptions(out, now, ackNumber);
                // The segment shrinks by the options it carries, SACK blocks included (RFC 6691).
                int mss = mssLessOptions(context, out.optionsLength());
                int hole = sackRetransmission();
                if (pendingFastRetransmit) {
                    pendingFastRetransmit = false;
                    out.setSequenceNumber(localSeqNo);
                    // Issue 6: within the peer's window (a full MSS could pass its right edge); one byte when it is closed.
                    length = Math.min(Math.min(mss, tx.length()), Math.max(1, remoteWinLen));
                    retransmission = true;
                } else if (hole != SackScoreboard.NONE) {
                    // RFC 6675 NextSeg: a hole below SND.NXT; FIN, if it is the hole's end, goes again below.
                    txOffset = hole;
                    out.setSequenceNumber(localSeqNo + hole);
                    length = Math.min(Math.min(mss, sackScoreboard.segmentLength()), tx.length() - hole);
                    retransmission = true;
                    sackHole = true;
                } else {
                    int rightEdge = localSeqNo + remoteWinLen;
                    int windowLimit = TcpSeqNumber.greaterOrEqual(rightEdge, remoteLastSeq) ? rightEdge - remoteLastSeq : 0;
                    // A zero-window probe below is exempt: it must go out even with no congestion window left.
                    windowLimit = Math.min(windowLimit, congestionHeadroom());
                    if (windowLimit == 0 && timer.shouldZeroWindowProbe(now)) {
                        windowLimit = 1;
                        zeroWindowProbe = true;
                    } else if (!sws.maySend(sendable(), unsent(), effectiveMss(context), nagleDelays(), now)) {
                        windowLimit = 0; // issue 6: an ACK or window update carries no silly segment
                    }
                    txOffset = remoteLastSeq - localSeqNo;
                    length = Math.max(0, Math.min(Math.min(windowLimit, mss), tx.length() - txOffset));
                }
                if (txOffset + length == tx.length()) {
                    if (state == FIN_WAIT_1 || state == LAST_ACK || state == CLOSING) {
                        out.setFlags(TcpPacket.FLAG_FIN | TcpPacket.FLAG_ACK);
                    } else if (length > 0) {
                        out.setFlags(TcpPacket.FLAG_PSH | TcpPacket.FLAG_ACK);
                    }
                }
                break;
            default:
                addOptions(out, now, ackNumber);
                break; // FIN-WAIT-2, TIME-WAIT: only ACKs
        }
        out.setPayloadLength(length);
        if (out.segmentLength() == 0 && state >= ESTABLISHED) {
            out.setSequenceNumber(TcpSeqNumber.max(remoteLastSeq, sendMax)); // a pure ACK: SND.MAX (see sendMax)
        }
        boolean keepAliveProbe = false;
        if (timer.shouldKeepAlive(now) && out.segmentLength() == 0 && !out.hasFlags(TcpPacket.FLAG_RST)) {
            // RFC 1122 4.2.3.6: one garbage byte the peer has, which it must acknowledge. At SND.UNA - 1, as
            // Linux: RFC 1122's SND.NXT - 1 can be a byte the peer still lacks and would take as data (issue 6).
            out.setSequenceNumber(localSeqNo - 1).setPayloadLength(1);
            keepAliveProbe = true;
        }
        if (out.hasFlags(TcpPacket.FLAG_SYN)) {
            out.setMaxSegmentSize(context.ipMtu() - HEADERS_LEN); // RFC 6691
        }
        int status = emitSegment(emitter, out, localAddress, remoteAddress, keepAliveProbe ? -1 : txOffset);
        if (status != PacketEmitter.OK && !recordSoftError(status)) {
            return blocked(status);
        }
        // A segment refused for good (no route) is treated as sent and lost: the timers below govern
        // the next attempt, so pollAt does not stay at "now" and the main loop does not spin (issue 6).
        int result = status == PacketEmitter.OK ? DISPATCH_SENT : DISPATCH_IDLE;
        timer.rewindKeepAlive(now, keepAlive);
        ackDelayState = ACK_DELAY_IDLE;
        if (zeroWindowProbe) {
            timer.rewindZeroWindowProbe(now, rtte.maxRtoMillis() * 1000L);
            return result;
        }
        if (keepAliveProbe) {
            return result;
        }
        int segmentLength = out.segmentLength();
        int end = out.sequenceNumber() + segmentLength;
        if (segmentLength > 0) {
            remoteLastSeq = TcpSeqNumber.max(remoteLastSeq, end); // not for a pure ACK, which carries SND.MAX
        }
        sendMax = TcpSeqNumber.max(sendMax, remoteLastSeq);
        icmpErrors.sent(end);
        hasRemoteLastAck = out.hasFlags(TcpPacket.FLAG_ACK);
        remoteLastAck = out.ackNumber();
        remoteLastWin = out.window();
        synWindowLast = false;
        if (segmentLength > 0) {
            if (!retransmission) {
                sws.sent();
            }
            congestion.postTransmit(now, segmentLength);
            if (retransmission && sackRecovering()) {
                sackScoreboard.onRetransmitted(txOffset + segmentLength);
            }
            if (sackHole) {
                rtte.onRetransmit(); // Karn: no sample from a retransmitted segment
            } else {
                rtte.onSend(now, end);
            }
            if (!timer.isRetransmit()) {
                timer.setForRetransmit(now, rtte.retransmissionTimeout()); // RFC 6298 (5.1)
            }
        }
        if (state == CLOSED) {
            hasTuple = false; // one RST, then forget the peer
        }
        return result;
    }

    /**
     * Records a refusal that waiting a poll does not cure (no route, too large) as the soft error and
     * returns true; returns false for the transient ones (device busy, neighbour pending).
     */
    private boolean recordSoftError(int emitterStatus) {
        if (emitterStatus == PacketEmitter.NO_ROUTE) {
            softError = ERROR_NO_ROUTE;
            return true;
        }
        if (emitterStatus == PacketEmitter.TOO_LARGE) {
            softError = ERROR_TOO_LARGE;
            return true;
        }
        return false;
    }

    /**
     * Writes {@code repr} and its payload (from the send buffer at {@code txOffset}, or one zero
     * byte for a keep-alive when {@code txOffset} is -1) through {@code emitter}.
     */
    private int emitSegment(PacketEmitter emitter, TcpRepr repr, int source, int destination, int txOffset) {
        int header = repr.bufferLen();
        int length = repr.payloadLength();
        int status = emitter.beginIpv4(source, destination, IpProtocol.TCP, ttl, header + length);
        if (status != PacketEmitter.OK) {
            return status;
        }
        byte[] buffer = emitter.buffer();
        int at = emitter.payloadOffset();
        packet.wrap(buffer, at, header + length);
        repr.emit(packet);
        if (txOffset < 0) {
            buffer[at + header] = 0;
        } else {
            tx.readAllocated(txOffset, buffer, at + header, length);
        }
        if (emitter.checksumBySoftware(IpProtocol.TCP)) {
            packet.fillChecksumIpv4(emitter.source(), destination);
        }
        emitter.commit();
        segmentsOut++;
        return PacketEmitter.OK;
    }

    @Override
    public long pollAt(SocketContext context) {
        long now = context.now();
        if (replyPending) {
            return now;
        }
        if (!hasTuple) {
            return POLL_NEVER;
        }
        if (remoteLastTs == NONE || state == CLOSED || seqToTransmit(context, now) || windowToUpdate()) {
            return now;
        }
        long at = Math.min(timer.pollAt(now), sws.overrideAt()); // issue 6: a held-back short segment
        if (ackToTransmit()) {
            at = Math.min(at, ackDelayState == ACK_DELAY_WAITING ? ackDelayUntil : now);
        }
        if (timeout > 0) {
            at = Math.min(at, remoteLastTs + timeout);
        }
        return at;
    }

    /** One line for logs: state, endpoints and sequence variables. */
    public StringBuilder appendTo(StringBuilder sb) {
        sb.append("TCP ").append(stateName(state)).append(' ');
        Ipv4Address.append(sb, localAddress()).append(':').append(localPort()).append(" -> ");
        Ipv4Address.append(sb, remoteAddress()).append(':').append(remotePort());
        TcpSeqNumber.append(sb.append(" una="), localSeqNo);
        TcpSeqNumber.append(sb.append(" nxt="), remoteLastSeq);
        TcpSeqNumber.append(sb.append(" rcv="), remoteSeqNo + rx.length());
        return sb.append(" wnd=").append(remoteWinLen);
    }
}
