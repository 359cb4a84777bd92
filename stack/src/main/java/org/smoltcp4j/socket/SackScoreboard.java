package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * The sender's SACK scoreboard and RFC 6675 loss recovery arithmetic for one connection: which
 * bytes of the send buffer the peer has SACKed, held in an {@link Assembler} over offsets from
 * SND.UNA (shifted as SND.UNA advances), and from it IsLost, the pipe estimate and NextSeg's
 * choice of the hole to retransmit. The socket decides when a recovery starts and ends (with
 * {@link NewRenoRecovery}'s RecoveryPoint); this class only answers what to resend.
 *
 * <p>Blocks are taken as RFC 2018 asks: one that does not lie within (SND.UNA, SND.NXT] is
 * ignored (a D-SACK, or nonsense); one the assembler has no range left for is ignored as well,
 * which only makes the sender resend data the peer already holds. Holes are tracked at byte
 * granularity: IsLost(S) holds when {@link #DUP_THRESH} discontiguous SACKed ranges, or more than
 * {@code (DUP_THRESH - 1) * SMSS} SACKed bytes, lie above S; since that is monotone, every
 * unSACKed byte below one boundary ({@link #lostEnd}) is lost and none above it is.
 *
 * <p>After a retransmission timeout the board is kept, as RFC 6675 section 5.1 recommends: every
 * unSACKed byte below the SND.NXT of the timeout counts as lost, and the holes alone are resent,
 * in order, as the congestion window reopens, until the cumulative ACK reaches that point. A
 * second timeout with no cumulative progress in between forgets the board instead, so the socket
 * falls back to resending everything: the peer may have discarded data it SACKed (reneging, RFC
 * 2018 section 8), and only SND.UNA is sure.
 *
 * <p>NextSeg implements rule 1 (the first lost hole above HighRxt) and rule 3 (the first unSACKed
 * hole above HighRxt when no new data can go), the latter kept below the highest SACKed byte so
 * an unacknowledged tail is left to the retransmission timer instead of being resent whole; rule
 * 2 (new data) is the socket's ordinary sending path and rule 4 (rescue retransmission) is not
 * done.
 *
 * <p>Beyond RFC 6675 (issue 6), a retransmission that is lost again is found without waiting for
 * the retransmission timer, which on a lossy path is what the transfer otherwise waits on: each
 * retransmission of the recovery is remembered, and one counts as lost when the peer reports,
 * cumulatively or in a SACK block, a later retransmission, or data first sent after it (Linux's
 * lost-retransmit detection; RFC 8985's RACK in sequence order, with the zero reordering window
 * RACK uses in recovery while no reordering was seen). NextSeg then resends it before anything
 * above HighRxt. Nothing allocates after construction.
 */
final class SackScoreboard {

    /** RFC 6675 DupThresh. */
    static final int DUP_THRESH = 3;
    /** {@link #nextRetransmission}: nothing to retransmit. */
    static final int NONE = -1;

    /** SACKed bytes, offsets from {@link #base}. */
    private final Assembler sacked;
    /** SND.UNA as last told: the sequence number of offset 0. */
    private int base;
    private boolean hasBase;
    private int mss = TcpSocket.DEFAULT_MSS;
    /** HighRxt as an offset: one past the highest byte retransmitted in this recovery. */
    private int highRxt;
    /** After a timeout: every unSACKed byte below {@link #timeoutPoint} is lost. */
    private boolean allLost;
    /** SND.NXT at the timeout, as an offset. */
    private int timeoutPoint;
    /** The cumulative ACK moved since the last timeout. */
    private boolean advancedSinceTimeout;
    private int segmentLength;
    /** The retransmissions of this recovery not yet known delivered, and which of them are known lost. */
    private final RetransmissionLog retransmissions;
    private long lostRetransmissions;

    /**
     * A scoreboard that can keep {@code maxRanges} separate SACKed ranges, and remembers as many
     * retransmissions (one per hole) for the detection of lost ones.
     */
    SackScoreboard(int maxRanges) {
        sacked = new Assembler(maxRanges);
        retransmissions = new RetransmissionLog(maxRanges);
    }

    /** Forgets everything (a new connection, or a retransmission timeout). */
    void clear() {
        sacked.clear();
        hasBase = false;
        highRxt = 0;
        allLost = false;
        retransmissions.clear();
    }

    /** Retransmissions found lost before the retransmission timer fired, since construction. */
    long lostRetransmissions() {
        return lostRetransmissions;
    }

    /**
     * The retransmission timer expired with {@code flight} bytes outstanding from SND.UNA {@code una}.
     *
     * @return true if the board is kept and drives the retransmissions (every unSACKed byte is now
     *         lost); false if it was forgotten (a second timeout without progress: possible
     *         reneging), and the socket must resend everything from SND.UNA
     */
    boolean onTimeout(int una, int flight) {
        if (allLost && !advancedSinceTimeout) {
            clear();
            return false;
        }
        // The offsets kept from here count from SND.UNA, even when no ACK has told us where it is since
        // the board was forgotten; or the next ACK would not move them (issue 6 simulation, seed 191014:
        // holes past SND.NXT were chosen, and a negative payload length escaped a poll).
        base = una;
        hasBase = true;
        allLost = true;
        advancedSinceTimeout = false;
        timeoutPoint = flight;
        highRxt = 0;
        retransmissions.clear();
        return true;
    }

    /** Whether the holes left by a timeout are still being resent (see {@link #onTimeout}). */
    boolean afterTimeout() {
        return allLost;
    }

    /** The sender's SMSS, which IsLost counts in. */
    void setMss(int mss) {
        if (mss < 1) {
            throw new IllegalArgumentException("MSS must be >= 1, got " + mss);
        }
        this.mss = mss;
    }

    boolean isEmpty() {
        return sacked.isEmpty();
    }

    /**
     * An acceptable ACK of {@code ack} arrived while SND.NXT was {@code sndNxt}: SND.UNA moves to
     * {@code ack} (forgetting what it passed), then {@code tcp}'s SACK blocks are recorded, and the
     * retransmissions they show lost are marked for NextSeg.
     */
    void onAck(TcpRepr tcp, int ack, int sndNxt) {
        int advanced = hasBase ? ack - base : 0;
        if (advanced > 0) {
            sacked.advance(advanced);
            highRxt = Math.max(0, highRxt - advanced);
            timeoutPoint -= advanced;
            allLost = allLost && timeoutPoint > 0;
            advancedSinceTimeout = true;
            retransmissions.advance(advanced);
        }
        if (advanced >= 0) {
            base = ack;
            hasBase = true;
        }
        for (int i = 0; i < tcp.sackBlockCount(); i++) {
            int left = tcp.sackLeft(i);
            int right = tcp.sackRight(i);
            if (TcpSeqNumber.greaterThan(left, base) && TcpSeqNumber.lessThan(left, right)
                    && TcpSeqNumber.lessOrEqual(right, sndNxt)) {
                sacked.add(left - base, right - left);
            }
        }
        int count = sacked.rangeCount();
        lostRetransmissions += retransmissions.markLost(sacked, count == 0 ? 0 : sacked.rangeEnd(count - 1));
    }

    /** A recovery starts: nothing of it has been retransmitted yet (HighRxt = SND.UNA). */
    void startRecovery() {
        highRxt = 0;
        retransmissions.clear();
    }

    /**
     * Bytes {@code [startOffset, endOffset)} (from SND.UNA) were just retransmitted, while
     * {@code flight} bytes were in flight (SND.NXT - SND.UNA).
     */
    void onRetransmitted(int startOffset, int endOffset, int flight) {
        highRxt = Math.max(highRxt, endOffset);
        retransmissions.sent(startOffset, endOffset, flight);
    }

    /** IsLost(SND.UNA): enough was SACKed above the first unacknowledged byte to call it lost. */
    boolean firstSegmentLost() {
        return lostEnd() > 0;
    }

    /**
     * RFC 6675 SetPipe(): of the {@code flight} bytes between SND.UNA and SND.NXT, the unSACKed
     * ones not lost, plus the unSACKed ones retransmitted (below HighRxt).
     */
    int pipe(int flight) {
        int lost = Math.min(lostEnd(), flight);
        int retransmitted = Math.min(highRxt, flight);
        return flight - lost - sackedIn(lost, flight) + retransmitted - sackedIn(0, retransmitted)
                - retransmissions.lostBytes(sacked, retransmitted);
    }

    /**
     * RFC 6675 NextSeg() rules 1 and 3: the offset from SND.UNA of the first hole above HighRxt
     * that is lost, or, when {@code noNewData}, merely unSACKed below the highest SACKed byte; or
     * {@link #NONE}. The hole's length, at most one SMSS, is then {@link #segmentLength()}.
     * {@code flight} is SND.NXT - SND.UNA.
     */
    int nextRetransmission(int flight, boolean noNewData) {
        int lostAgain = retransmissions.firstLost(sacked);
        if (lostAgain != NONE) {
            return hole(lostAgain, retransmissions.lostHoleEnd(sacked, lostAgain));
        }
        int count = sacked.rangeCount();
        int limit = Math.min(flight, lostEnd());
        if (noNewData && count > 0) {
            limit = Math.max(limit, sacked.rangeEnd(count - 1));
        }
        int from = highRxt;
        for (int i = 0; i < count && from < limit; i++) {
            int holeEnd = Math.min(sacked.rangeStart(i), limit);
            if (from < holeEnd) {
                return hole(from, holeEnd);
            }
            from = Math.max(from, sacked.rangeEnd(i));
        }
        // Above the highest SACKed byte only after a timeout: then the tail is lost too.
        return from < limit ? hole(from, limit) : NONE;
    }

    private int hole(int from, int end) {
        segmentLength = Math.min(mss, end - from);
        return from;
    }

    /** The length of the hole {@link #nextRetransmission} last chose, at most one SMSS. */
    int segmentLength() {
        return segmentLength;
    }

    /**
     * The offset below which every unSACKed byte is lost: the start of the highest range with
     * {@link #DUP_THRESH} ranges, or more than {@code (DUP_THRESH - 1) * SMSS} SACKed bytes, at or
     * above it; 0 when there is none; after a timeout, the SND.NXT of the timeout.
     */
    private int lostEnd() {
        if (allLost) {
            return timeoutPoint;
        }
        int count = sacked.rangeCount();
        long above = 0;
        for (int i = count - 1; i >= 0; i--) {
            above += sacked.rangeEnd(i) - sacked.rangeStart(i);
            if (count - i >= DUP_THRESH || above > (long) (DUP_THRESH - 1) * mss) {
                return sacked.rangeStart(i);
            }
        }
        return 0;
    }

    /** SACKed bytes within offsets {@code [from, to)}. */
    private int sackedIn(int from, int to) {
        return RetransmissionLog.sackedIn(sacked, from, to);
    }
}
