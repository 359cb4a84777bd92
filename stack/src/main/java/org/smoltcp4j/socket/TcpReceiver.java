package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * The receive half of a {@link TcpSocket}: RCV.NXT and the receive buffer, out-of-order
 * reassembly through the {@link Assembler}, the window we advertise (with silly-window-syndrome
 * avoidance, RFC 1122 4.2.3.3), the SACK blocks of our ACKs, and the delayed-ACK decision.
 * It remembers the last acknowledgment and window it sent, and the furthest right edge it ever
 * advertised, which bounds the segments it accepts (RFC 7323 2.4).
 *
 * <p>The ACK policy (issue 6), after Linux's {@code __tcp_ack_snd_check} and
 * {@code tcp_cleanup_rbuf}, with the delayed ACK on:
 * <ul>
 * <li>less than two full-sized segments unacknowledged: the ACK waits for the delayed-ACK timer
 * (RFC 1122 4.2.3.2, RFC 9293 MUST-58: well under 0.5 s) or for data of ours to ride on;</li>
 * <li>more than one MSS unacknowledged, counted in bytes so that a TSO/GRO super-frame counts as the
 * full-sized segments it stands for (RFC 5681 4.2, RFC 9293 SHLD-19: an ACK for at least every
 * second full-sized segment): the ACK is due at once, but when the window it would offer is smaller
 * than the one last offered (the application has not read the data yet) it waits for exactly one
 * dispatch. The interface dispatches right after the frames of a poll came in, before the
 * application's turn; the next dispatch comes after it, so the ACK then opens the window the
 * application freed instead of telling the peer a window that is about to grow again, which costs a
 * window update and halves the bursts the peer sends. The delay is one turn of the main loop, not a
 * timer, and {@link #ackDueAt} says "now" throughout, so the "every second segment" rule holds;</li>
 * <li>out-of-order data, data filling a gap and the next {@link #QUICK_ACKS} segments: at once
 * (RFC 5681 4.2, RFC 9293 3.10.7.4; Linux's quick-ACK mode).</li>
 * </ul>
 * With no ACK delay every segment is acknowledged at the next dispatch.
 */
final class TcpReceiver {

    private static final int ACK_DELAY_IDLE = 0;
    private static final int ACK_DELAY_WAITING = 1;
    private static final int ACK_DELAY_IMMEDIATE = 2;
    /** Two full-sized segments unacknowledged: due now, but may wait one dispatch for the application's read. */
    private static final int ACK_DELAY_AFTER_READ = 3;
    /**
     * Segments acknowledged at once after out-of-order data (Linux's quick-ACK mode, which also
     * counts 16 at most): a loss has just shrunk the sender's window, and a sender with a window of
     * one or two segments would otherwise wait out our delayed ACK for each of them.
     */
    private static final int QUICK_ACKS = 16;

    private final RingBuffer rx;
    private final Assembler assembler;
    private final SackBlocks sackBlocks = new SackBlocks();
    private final int defaultWindowShift;

    /** The sequence number of the first byte of {@link #rx}. */
    private int bufferStart;
    private boolean finReceived;
    /**
     * The peer's FIN arrived after a gap (data before it missing): its sequence number is
     * remembered, as Linux keeps the segment in its out-of-order queue, and the FIN is taken when
     * RCV.NXT reaches it, not when the peer retransmits it after its RTO.
     */
    private boolean finAhead;
    private int finAheadSeq;
    private boolean hasLastAck;
    /** The last acknowledgment number sent. */
    private int lastAck;
    /** The last window field sent (scaled). */
    private int lastWindow;
    /**
     * The furthest right edge (SEG.ACK + window) of any segment we sent: RFC 7323 2.4, a receiver
     * MUST accept any segment that was in the window of any ACK it sent. A scaled window field
     * cannot always express the edge already advertised (RCV.NXT moved by less than 2^shift and
     * rounding up would offer more than the free space), so the edge on the wire may retract by
     * less than 2^shift bytes; Linux's sender keeps the larger window of two ACKs with the same
     * acknowledgment number and fills it. Never past the buffer's end: every window fitted the
     * free space when it was sent.
     */
    private int furthestEdge;
    /**
     * Issue 6: the last window was our SYN's (active open), whose right edge the SYN-ACK's sequence
     * number already eats into; the first ACK offers the whole buffer, as Linux, not that edge.
     */
    private boolean synWindowLast;
    /** Our receive window shift, advertised in our SYN; 0 when the peer does not scale. */
    private int windowShift;
    /** The sequence number of the last acceptable segment: the first SACK block names its range (RFC 2018). */
    private boolean hasLastSegment;
    private int lastSegmentSeq;

    private long ackDelay = TcpSocket.DEFAULT_ACK_DELAY;
    private int ackDelayState = ACK_DELAY_IDLE;
    private long ackDelayUntil;
    /** An {@link #ACK_DELAY_AFTER_READ} ACK already waited its one dispatch. */
    private boolean ackHeld;
    private int quickAcks;

    TcpReceiver(RingBuffer rx, int maxOutOfOrderRanges) {
        this.rx = rx;
        this.assembler = new Assembler(maxOutOfOrderRanges);
        this.defaultWindowShift = Math.max(0, bitLength(rx.capacity()) - 16);
        this.windowShift = defaultWindowShift;
    }

    private static int bitLength(int value) {
        int bits = 0;
        while (value != 0) {
            bits++;
            value >>>= 1;
        }
        return bits;
    }

    void reset() {
        assembler.clear();
        rx.clear();
        finReceived = false;
        finAhead = false;
        bufferStart = 0;
        hasLastAck = false;
        lastWindow = 0;
        synWindowLast = false;
        windowShift = defaultWindowShift;
        sackBlocks.clear();
        hasLastSegment = false;
        ackDelayState = ACK_DELAY_IDLE;
        ackHeld = false;
        quickAcks = 0;
    }

    RingBuffer buffer() {
        return rx;
    }

    long ackDelay() {
        return ackDelay;
    }

    void setAckDelay(long micros) {
        ackDelay = micros;
    }

    int windowShift() {
        return windowShift;
    }

    /** The peer does not scale windows (RFC 7323 2.2): neither do we. */
    void disableWindowScaling() {
        windowShift = 0;
    }

    boolean finReceived() {
        return finReceived;
    }

    /** RCV.NXT: the next sequence number expected. */
    int nextSeq() {
        return bufferStart + rx.length();
    }

    /** The furthest right edge advertised, which bounds the data accepted (RCV.NXT before any). */
    int windowEnd() {
        return hasLastAck ? furthestEdge : nextSeq();
    }

    /** The last acknowledgment sent, or {@code otherwise} before any (RFC 7323 Last.ACK.sent). */
    int lastAckOr(int otherwise) {
        return hasLastAck ? lastAck : otherwise;
    }

    /** A peer's SYN with sequence number {@code seq} arrived (passive open). */
    void synReceived(int seq) {
        bufferStart = seq + 1;
    }

    /** The peer's SYN-ACK with sequence number {@code seq} arrived; our SYN's window was the last offered. */
    void synAckReceived(int seq) {
        bufferStart = seq + 1;
        hasLastAck = true;
        lastAck = seq;
        furthestEdge = seq + lastWindow; // our SYN's window, never scaled, counted from the peer's SYN
        synWindowLast = true;
    }

    /**
     * The peer's FIN took its sequence number. Out-of-order data held beyond it is dropped, as
     * Linux purges its out-of-order queue: no byte after a FIN reaches the application.
     */
    void takeFin() {
        bufferStart++;
        finReceived = true;
        finAhead = false;
        assembler.clear();
    }

    /**
     * A FIN with sequence number {@code seq}, in the window past RCV.NXT, arrived after a gap.
     * A peer that moves its FIN violates the protocol; as Linux, whose out-of-order queue holds
     * every FIN and takes the first the stream reaches, the lowest position is kept.
     */
    void finAfterGap(int seq) {
        if (!finReceived && (!finAhead || TcpSeqNumber.lessThan(seq, finAheadSeq))) {
            finAhead = true;
            finAheadSeq = seq;
        }
    }

    /** RCV.NXT reached the FIN remembered by {@link #finAfterGap}: take it with {@link #takeFin}. */
    boolean finReached() {
        return finAhead && nextSeq() == finAheadSeq;
    }

    /** A segment starting at {@code seq} passed the acceptability test. */
    void accepted(int seq) {
        hasLastSegment = true;
        lastSegmentSeq = seq;
    }

    /**
     * Stores {@code buf[from, from + length)} at {@code rxOffset} past RCV.NXT and decides when to
     * acknowledge it (the policy in the class comment). Returns true when the segment must be
     * acknowledged at once, as a reply: out-of-order data, or data filling a gap (RFC 5681 4.2);
     * false too when the assembler has no room (the peer resends). After such a segment, the next
     * {@link #QUICK_ACKS} in order are acknowledged without delay.
     */
    boolean receive(long now, byte[] buf, int from, int length, int rxOffset, int peerMss) {
        boolean assemblerWasEmpty = assembler.isEmpty();
        int contiguous = assembler.addThenRemoveFront(rxOffset, length);
        if (contiguous == Assembler.TOO_MANY_HOLES) {
            return false;
        }
        rx.writeUnallocated(rxOffset, buf, from, length);
        if (finAhead) {
            contiguous = Math.min(contiguous, finAheadSeq - nextSeq()); // bytes beyond a FIN never count
        }
        if (contiguous > 0) {
            rx.enqueueUnallocated(contiguous);
        }
        if (ackDelay > 0 && ackToTransmit()) {
            if (quickAcks > 0) {
                quickAcks--;
                ackDelayState = ACK_DELAY_IMMEDIATE;
            } else if (ackDelayState <= ACK_DELAY_WAITING && moreThanOneSegmentUnacknowledged(peerMss)) {
                // Also from IDLE: one super-frame of two MSS or more is two full-sized segments.
                ackDelayState = ACK_DELAY_AFTER_READ;
            } else if (ackDelayState == ACK_DELAY_IDLE) {
                ackDelayState = ACK_DELAY_WAITING;
                ackDelayUntil = now + ackDelay;
            }
        }
        boolean outOfOrder = !assembler.isEmpty() || !assemblerWasEmpty;
        if (outOfOrder) {
            quickAcks = QUICK_ACKS;
        }
        return outOfOrder;
    }

    /** The application took {@code count} bytes: they leave the window's left edge. */
    void consumed(int count) {
        bufferStart += count;
    }

    /** Received data not yet acknowledged. */
    boolean ackToTransmit() {
        return hasLastAck && TcpSeqNumber.lessThan(lastAck, nextSeq());
    }

    /**
     * More than one MSS unacknowledged, as Linux counts ({@code rcv_nxt - rcv_wup > rcv_mss}): the
     * second full-sized segment, or a super-frame standing for two or more (RFC 9293 SHLD-19).
     */
    private boolean moreThanOneSegmentUnacknowledged(int peerMss) {
        return hasLastAck && TcpSeqNumber.lessThan(lastAck + peerMss, nextSeq());
    }

    /**
     * Whether the unacknowledged data (there is some: {@link #ackToTransmit}) is to be acknowledged
     * in this dispatch; {@code mss} as for {@link #scaledWindow}. Call it once per dispatch: an ACK
     * for two full-sized segments that would offer a smaller window than the last one waits here
     * for one dispatch (the application's turn to read, see the class comment), then goes.
     */
    boolean ackDueInDispatch(long now, int mss) {
        if (ackDelayState == ACK_DELAY_WAITING) {
            return ackDelayUntil <= now;
        }
        if (ackDelayState == ACK_DELAY_AFTER_READ && !ackHeld && windowWouldShrink(mss)) {
            ackHeld = true;
            return false;
        }
        return true;
    }

    /**
     * The window an ACK would offer now is smaller than the one last offered (Linux acknowledges
     * at once only when {@code __tcp_select_window(sk) >= tp->rcv_wnd}).
     */
    private boolean windowWouldShrink(int mss) {
        return !synWindowLast && scaledWindow(mss) < lastWindow;
    }

    /** When a pending ACK is due: the delayed-ACK deadline, or {@code now}. */
    long ackDueAt(long now) {
        return ackDelayState == ACK_DELAY_WAITING ? ackDelayUntil : now;
    }

    /** A segment went out: whatever ACK was delayed or held went with it. */
    void ackSent() {
        ackDelayState = ACK_DELAY_IDLE;
        ackHeld = false;
    }

    /**
     * A segment carrying {@code windowField} (and, with {@code hasAck}, acknowledgment {@code ack})
     * went out; {@code syn}: a SYN's window, never scaled (RFC 7323 2.2).
     */
    void advertised(boolean hasAck, int ack, int windowField, boolean syn) {
        int edge = ack + (syn ? windowField : windowField << windowShift);
        if (!hasLastAck || TcpSeqNumber.greaterThan(edge, furthestEdge)) {
            furthestEdge = edge;
        }
        hasLastAck = hasAck;
        lastAck = ack;
        lastWindow = windowField;
        synWindowLast = false;
    }

    /** The window of our SYN or SYN-ACK (never scaled, RFC 7323 2.2). */
    int synWindow() {
        return Math.min(rx.window(), 0xffff);
    }

    /**
     * The window field to send: the free space, held back by silly-window-syndrome avoidance
     * (issue 6); {@code mss} is our Eff.snd.MSS, 0 (no avoidance) until the handshake completes.
     */
    int scaledWindow(int mss) {
        int free = rx.window();
        int window = free;
        if (hasLastAck && !synWindowLast && !finReceived) { // after the peer's FIN no data comes: no window invites any
            int offered = furthestEdge - nextSeq();
            window = SillyWindowAvoidance.receiveWindow(free, offered, rx.capacity(), mss);
        }
        return SillyWindowAvoidance.windowField(window, free, windowShift);
    }

    /** The window at least doubled since last advertised (Linux's rule): tell the peer. */
    boolean windowToUpdate(int mss) {
        if (!hasLastAck) {
            return false;
        }
        int window = scaledWindow(mss);
        return window > 0 && window / 2 >= lastScaledWindow();
    }

    private int lastScaledWindow() {
        int adjusted = Math.max(0, furthestEdge - nextSeq());
        return Math.min(adjusted >>> windowShift, 0xffff);
    }

    /** Adds the SACK blocks of the out-of-order data held to a segment acknowledging {@code ackNumber}. */
    void addSackBlocks(TcpRepr repr, int ackNumber) {
        sackBlocks.addTo(repr, assembler, ackNumber, hasLastSegment, lastSegmentSeq);
    }

    /** RFC 9293 3.10.7.4's acceptability test, with smoltcp's keep-alive rule and Linux's right edge for empty segments. */
    static boolean acceptable(int segmentStart, int segmentEnd, int windowStart, int windowEnd) {
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
}
