package org.smoltcp4j.socket;

import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * The send half of a {@link TcpSocket}: the send buffer and SND.UNA/SND.NXT/SND.WND, what the next
 * data segment carries (new data under the peer's and the congestion window, Nagle and
 * silly-window avoidance, or a retransmission: fast, of a SACK hole, or a zero-window probe), how
 * an ACK moves SND.UNA (duplicate ACKs, RTT samples), and the congestion control with its NewReno
 * or SACK-based (RFC 6675) recovery.
 */
final class TcpSender {

    /** {@link #fillSegment} kinds; {@link #CONTROL} is a segment whose payload no rule here chose (SYN, RST, pure ACK). */
    static final int CONTROL = 0;
    static final int NEW_DATA = 1;
    static final int RETRANSMISSION = 2;
    static final int SACK_HOLE = 3;
    static final int ZERO_WINDOW_PROBE = 4;

    /**
     * Separate SACKed ranges of our send buffer remembered; the peer reports at most 4 per ACK, and
     * the blocks the board has no room for are ignored. Issue 6: on a path losing a quarter of the
     * segments a window holds dozens of holes; against Linux through 15 % drop and 15 % corruption,
     * 64 MiB took 9.5 s and 180 timeouts with 8 ranges, 3 s and 11 with 32.
     */
    private static final int SACK_SCOREBOARD_RANGES = 32;

    private final RingBuffer tx;
    private final TcpTimer timer;
    private final RttEstimator rtte;
    private final TcpNegotiation negotiation;
    private final TcpTimestamps timestamps;
    /** Issue 6: silly-window-syndrome avoidance of the segments we send (RFC 1122 4.2.3.4). */
    private final SillyWindowAvoidance sws = new SillyWindowAvoidance();
    // --- congestion control (issue 6): all controllers preallocated, one selected ---
    private final Reno reno = new Reno();
    private final Cubic cubic = new Cubic();
    private final NewRenoRecovery recovery = new NewRenoRecovery();
    private final SackScoreboard sackScoreboard = new SackScoreboard(SACK_SCOREBOARD_RANGES);
    private CongestionController congestion = NoControl.INSTANCE;
    private int congestionKind = TcpSocket.CONGESTION_NONE;
    /** The SMSS told to the controller, 0 before the handshake. */
    private int congestionMss;

    /** SND.UNA: the sequence number of the first byte of {@link #tx} (or of our SYN). */
    private int una;
    /** SND.NXT: one past the last sequence number sent. */
    private int nxt;
    /**
     * SND.MAX (as BSD has it): one past the highest sequence number ever sent. A timeout takes
     * SND.NXT back to SND.UNA; segments without data or SYN/FIN still carry SND.MAX, or a peer that
     * already holds what follows SND.NXT finds them below its window, drops them with their ACK,
     * and two such peers wait for each other for ever (issue 6).
     */
    private int max;
    /** SND.WND in bytes, relative to {@link #una}. */
    private int window;
    private boolean nagle = true;

    private boolean hasLastAck;
    private int lastAck;
    private int dupAcks;
    private boolean pendingFastRetransmit;
    private long retransmissionTimeouts;
    private long fastRetransmits;

    TcpSender(RingBuffer tx, TcpTimer timer, RttEstimator rtte, TcpNegotiation negotiation, TcpTimestamps timestamps) {
        this.tx = tx;
        this.timer = timer;
        this.rtte = rtte;
        this.negotiation = negotiation;
        this.timestamps = timestamps;
    }

    void reset() {
        tx.clear();
        una = 0;
        nxt = 0;
        max = 0;
        window = 0;
        sackScoreboard.clear();
        sws.reset();
        hasLastAck = false;
        dupAcks = 0;
        pendingFastRetransmit = false;
        congestion.reset(); // issue 6
        recovery.reset();
        congestionMss = 0;
    }

    RingBuffer buffer() {
        return tx;
    }

    /** SND.UNA. */
    int una() {
        return una;
    }

    /** SND.NXT. */
    int nxt() {
        return nxt;
    }

    /** SND.MAX: the sequence number of a segment without data, SYN or FIN (see {@link #max}). */
    int max() {
        return TcpSeqNumber.max(nxt, max);
    }

    /** SND.WND in bytes. */
    int window() {
        return window;
    }

    /** A connection starts with initial sequence number {@code iss}: nothing sent yet. */
    void start(int iss) {
        una = iss;
        nxt = iss;
        max = iss;
    }

    /** The peer's SYN-ACK arrived: our SYN counts as sent. */
    void synSent() {
        nxt = una + 1;
        max = nxt;
    }

    boolean nagleEnabled() {
        return nagle;
    }

    void setNagleEnabled(boolean enabled) {
        nagle = enabled;
    }

    int duplicateAcks() {
        return dupAcks;
    }

    long retransmissionTimeouts() {
        return retransmissionTimeouts;
    }

    long fastRetransmits() {
        return fastRetransmits;
    }

    long lostRetransmissions() {
        return sackScoreboard.lostRetransmissions();
    }

    /** {@code count} bytes were queued. */
    void queued(int count) {
        if (count > 0 && window == 0 && timer.isIdle()) {
            // Data for a closed window: probe it (the first probe goes at once, as smoltcp).
            timer.setForZeroWindowProbe(0, rtte.retransmissionTimeout());
        }
    }

    // --- congestion control ------------------------------------------------------------------------

    /** Selects the controller, one of the {@code TcpSocket.CONGESTION_} constants (checked by the caller). */
    void setCongestionControl(int kind) {
        CongestionController next;
        if (kind == TcpSocket.CONGESTION_RENO) {
            next = reno;
        } else if (kind == TcpSocket.CONGESTION_CUBIC) {
            next = cubic;
        } else {
            next = NoControl.INSTANCE;
        }
        if (next != congestion) {
            next.reset();
            if (congestionMss > 0) {
                next.setMss(congestionMss);
            }
            next.setRemoteWindow(window);
        }
        congestion = next;
        congestionKind = kind;
    }

    int congestionControl() {
        return congestionKind;
    }

    int congestionWindow() {
        return congestion.window();
    }

    boolean inFastRecovery() {
        return recovery.inRecovery();
    }

    /** Our Eff.snd.MSS as told to the controller, 0 before the handshake. */
    int mss() {
        return congestionMss;
    }

    /** Tells the controller the SMSS once the peer's MSS is known. */
    void mssKnown(int mss) {
        congestionMss = mss;
        congestion.setMss(mss);
        sackScoreboard.setMss(mss);
    }

    /**
     * Linux's tcp_simple_retransmit: the path MTU fell to {@code mss}; what is in flight (when
     * {@code connected}) went out too large and is sent again, without a congestion response.
     */
    void pathMtuLowered(int mss, boolean connected) {
        if (congestionMss > 0) {
            mssKnown(mss);
        }
        if (connected && nxt != una) {
            nxt = una;
            rtte.onRetransmit(); // Karn: an ACK now would not say which copy it answers
        }
    }

    /** How much more the congestion window lets us put in flight (RFC 5681 section 2). */
    private int congestionHeadroom() {
        int inFlight = nxt - una;
        if (sackRecovering()) {
            inFlight = sackScoreboard.pipe(inFlight); // RFC 6675: cwnd - pipe
        }
        return inFlight <= 0 ? congestion.window() : Math.max(0, congestion.window() - inFlight);
    }

    /**
     * SND.UNA advanced by {@code ackLength} bytes to {@code ack}: a NewReno partial ACK
     * retransmits the next unacknowledged segment (RFC 6582 3.2 step 3); outside recovery the
     * controller grows its window.
     */
    private void congestionAcked(long now, int ack, int ackLength) {
        int phase = recovery.onAdvance(ack);
        if (phase == NewRenoRecovery.PARTIAL && !(negotiation.peerSacks() && !sackScoreboard.isEmpty())) {
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
        return negotiation.peerSacks() && (recovery.inRecovery() || sackScoreboard.afterTimeout());
    }

    /**
     * Issue 6: the offset from SND.UNA of the hole to retransmit now in a SACK recovery (RFC 6675
     * NextSeg, step (C): only while cwnd - pipe >= 1 SMSS), or {@link SackScoreboard#NONE}.
     */
    private int sackRetransmission() {
        if (!sackRecovering()) {
            return SackScoreboard.NONE;
        }
        int flight = nxt - una;
        if (congestion.window() - sackScoreboard.pipe(flight) < congestionMss) {
            return SackScoreboard.NONE;
        }
        boolean noNewData = TcpSeqNumber.lessOrEqual(una + Math.min(window, tx.length()), nxt);
        return sackScoreboard.nextRetransmission(flight, noNewData);
    }

    // --- input -------------------------------------------------------------------------------------

    /**
     * An acceptable segment offering window field {@code segment.window()} arrived; with
     * {@code hasAck} it acknowledges up to {@code ack}, of which {@code ackLength} bytes of queued
     * data are new.
     */
    void onSegment(long now, TcpRepr segment, boolean syn, boolean hasAck, int ack, int ackLength) {
        int newWindow = negotiation.peerWindow(segment, syn);
        boolean windowUpdate = newWindow != window;
        window = newWindow;
        sws.peerWindow(newWindow);
        congestion.setRemoteWindow(newWindow);
        if (hasAck && negotiation.peerSacks()) {
            sackScoreboard.onAck(segment, ack, nxt); // issue 6: before the recovery decisions below
        }
        if (ackLength > 0) {
            tx.dequeueAllocated(ackLength);
            congestionAcked(now, ack, ackLength);
        }
        if (hasAck) {
            boolean newlyAcked = TcpSeqNumber.greaterThan(ack, una);
            takeAck(now, ack, segment.payloadLength(), windowUpdate);
            int echoedRtt = newlyAcked ? timestamps.roundTripMillis(segment, now) : -1;
            if (echoedRtt >= 0) {
                rtte.sample(echoedRtt); // RFC 7323 4.1: unambiguous even after a retransmission
            }
        }
    }

    private void takeAck(long now, int ack, int segmentPayload, boolean windowUpdate) {
        if (hasLastAck && segmentPayload == 0 && lastAck == ack && TcpSeqNumber.lessThan(ack, nxt) && !windowUpdate) {
            dupAcks = Math.min(dupAcks + 1, 255);
            // One loss event per window (RFC 5681 3.2, RFC 6582 3.2 step 2): told to the controller once.
            // RFC 6675 5 (2): with SACK, IsLost(SND.UNA) starts the recovery before the third.
            boolean lossDetected = dupAcks == 3 || negotiation.peerSacks() && sackScoreboard.firstSegmentLost();
            if (lossDetected && recovery.enter(ack, nxt)) {
                sackScoreboard.startRecovery();
                timer.setForFastRetransmit();
                congestion.onDuplicateAck(now, nxt - una);
            }
        } else {
            dupAcks = 0;
            hasLastAck = true;
            lastAck = ack;
            if (!timestamps.negotiated()) {
                rtte.onAck(now, ack); // with timestamps, RTTM samples every ACK of new data instead
            }
        }
        una = ack;
        if (TcpSeqNumber.lessThan(nxt, una)) {
            // Later segments arrived while an earlier one was retransmitted: do not resend them.
            nxt = una;
        }
    }

    // --- output ------------------------------------------------------------------------------------

    /** Before a dispatch: the controller learns the time and how much waits to be sent. */
    void beforeDispatch(long now) {
        congestion.preTransmit(now);
        congestion.onSendReady(now, unsent());
    }

    /**
     * The retransmission timer fired as {@code kind} ({@link TcpTimer#RETRANSMIT} or
     * {@link TcpTimer#FAST_RETRANSMIT}); {@code connected} is false in SYN-RECEIVED.
     */
    void retransmissionDue(long now, int kind, boolean connected) {
        if (kind == TcpTimer.RETRANSMIT) {
            congestion.onRetransmit(now, nxt - una);
            recovery.onTimeout(nxt);
            // Issue 6: with SACK, only the unSACKed holes go again (RFC 6675 5.1); otherwise,
            // and in SYN-RECEIVED (the SYN|ACK itself), go back to SND.UNA and resend everything.
            if (!(negotiation.peerSacks() && connected && sackScoreboard.onTimeout(una, nxt - una))) {
                nxt = una;
            }
            rtte.onRto();
            retransmissionTimeouts++;
        } else {
            pendingFastRetransmit = true;
            fastRetransmits++;
        }
        if (window == 0 && !tx.isEmpty()) {
            // Issue 6: a closed window keeps a probe going, or a lost (or reordered) window update stalls us for
            // good. Due now (the caller cleared the timer), the next one an RTO later, doubling.
            long rto = rtte.retransmissionTimeout();
            timer.setForZeroWindowProbe(now - rto, rto);
        }
        rtte.onRetransmit();
    }

    /** Runs silly-window avoidance's override timer (see {@link SillyWindowAvoidance#track}). */
    void trackHeldBack(int mss, boolean closing, long now) {
        sws.track(sendable(), unsent(), mss, nagleDelays(closing), now);
    }

    /** When a held-back short segment goes anyway, or {@link Long#MAX_VALUE}. */
    long heldBackUntil() {
        return sws.overrideAt();
    }

    /** A fast retransmission, or the retransmission of a SACK hole, waits to go. */
    boolean hasRetransmissionDue() {
        // In flight, not merely queued: a FIN alone goes again too, or the timer the fast retransmission
        // took over is gone and the FIN is never resent (issue 6 simulation, seed 21018).
        return pendingFastRetransmit && nxt != una || sackRetransmission() != SackScoreboard.NONE;
    }

    /** New data (or, when {@code closing}, our FIN) may go now. */
    boolean hasDataToSend(int mss, boolean closing, long now) {
        boolean canFin = closing && nxt == una + tx.length();
        return canFin || sws.maySend(sendable(), unsent(), mss, nagleDelays(closing), now);
    }

    /** Something is in flight. */
    boolean inFlight() {
        return nxt != una;
    }

    /** Queued bytes not yet sent (from SND.NXT). */
    private int unsent() {
        return Math.max(0, tx.length() - (nxt - una));
    }

    /** Unsent bytes the peer's window and the congestion window let go now. */
    private int sendable() {
        int maxSendSeq = una + Math.min(window, tx.length());
        int maxSend = TcpSeqNumber.greaterOrEqual(maxSendSeq, nxt) ? maxSendSeq - nxt : 0;
        return Math.min(maxSend, congestionHeadroom());
    }

    /** Nagle's algorithm holds a short segment back while data is unacknowledged (not when closing). */
    private boolean nagleDelays(boolean closing) {
        return nagle && nxt != una && !closing;
    }

    /**
     * Chooses the payload of a synchronized connection's segment and sets {@code out}'s sequence
     * number, payload length and PSH or FIN (when {@code closing}) flags.
     *
     * @param mss          payload room of this segment, its options counted
     * @param newDataRoom  payload room of new data: {@code mss}, or more for a device that cuts
     *                     the segment into MSS-sized ones itself (TSO); retransmissions keep to {@code mss}
     * @param effectiveMss payload room of a full segment
     * @return the kind: {@link #NEW_DATA}, {@link #RETRANSMISSION}, {@link #SACK_HOLE} or {@link #ZERO_WINDOW_PROBE}
     */
    int fillSegment(TcpRepr out, int mss, int newDataRoom, int effectiveMss, boolean closing, boolean probeDue, long now) {
        int hole = sackRetransmission();
        int kind = NEW_DATA;
        int txOffset;
        int length;
        if (pendingFastRetransmit) {
            pendingFastRetransmit = false;
            txOffset = 0;
            // Issue 6: within the peer's window (a full MSS could pass its right edge); one byte when it is closed.
            length = Math.min(Math.min(mss, tx.length()), Math.max(1, window));
            kind = RETRANSMISSION;
        } else if (hole != SackScoreboard.NONE) {
            // RFC 6675 NextSeg: a hole below SND.NXT; FIN, if it is the hole's end, goes again below.
            txOffset = hole;
            length = Math.min(Math.min(mss, sackScoreboard.segmentLength()), tx.length() - hole);
            kind = SACK_HOLE;
        } else {
            int rightEdge = una + window;
            int windowLimit = TcpSeqNumber.greaterOrEqual(rightEdge, nxt) ? rightEdge - nxt : 0;
            // A zero-window probe below is exempt: it must go out even with no congestion window left.
            windowLimit = Math.min(windowLimit, congestionHeadroom());
            if (windowLimit == 0 && probeDue) {
                windowLimit = 1;
                kind = ZERO_WINDOW_PROBE;
            } else if (!sws.maySend(sendable(), unsent(), effectiveMss, nagleDelays(closing), now)) {
                windowLimit = 0; // issue 6: an ACK or window update carries no silly segment
            }
            txOffset = nxt - una;
            length = Math.max(0, Math.min(Math.min(windowLimit, newDataRoom), tx.length() - txOffset));
        }
        out.setSequenceNumber(una + txOffset).setPayloadLength(length);
        if (txOffset + length == tx.length()) {
            if (closing) {
                out.setFlags(TcpPacket.FLAG_FIN | TcpPacket.FLAG_ACK);
            } else if (length > 0) {
                out.setFlags(TcpPacket.FLAG_PSH | TcpPacket.FLAG_ACK);
            }
        }
        return kind;
    }

    /**
     * A segment of {@code kind} ending at sequence number {@code end} went out, with
     * {@code segmentLength} sequence numbers from {@code txOffset} in the send buffer (a zero-window
     * probe and a keep-alive are not reported).
     */
    void sent(long now, int kind, int txOffset, int segmentLength, int end) {
        if (segmentLength == 0) {
            return; // a pure ACK carries SND.MAX: it does not move SND.NXT (issue 6, seed 266003)
        }
        nxt = TcpSeqNumber.max(nxt, end);
        max = TcpSeqNumber.max(max, nxt);
        boolean retransmission = kind == RETRANSMISSION || kind == SACK_HOLE;
        if (!retransmission) {
            sws.sent();
        }
        congestion.postTransmit(now, segmentLength);
        if (retransmission && sackRecovering()) {
            sackScoreboard.onRetransmitted(txOffset, txOffset + segmentLength, nxt - una);
        }
        if (kind == SACK_HOLE) {
            rtte.onRetransmit(); // Karn: no sample from a retransmitted segment
        } else {
            rtte.onSend(now, end);
        }
        if (!timer.isRetransmit()) {
            timer.setForRetransmit(now, rtte.retransmissionTimeout()); // RFC 6298 (5.1)
        }
    }
}
