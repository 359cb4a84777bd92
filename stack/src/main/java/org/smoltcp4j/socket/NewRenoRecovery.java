package org.smoltcp4j.socket;

import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * The NewReno modification of fast recovery (RFC 6582) for one connection: {@code recover} is
 * SND.NXT when a loss was detected; until an ACK reaches it, each ACK that advances SND.UNA is
 * partial and the socket retransmits the next unacknowledged segment; the ACK that reaches it
 * ends the recovery. Duplicate ACKs for data sent before {@code recover} (after a timeout, or
 * during a recovery) start no new fast retransmit (section 3.2 step 2), so one window of losses
 * is one congestion event.
 */
final class NewRenoRecovery {

    /** {@link #onAdvance}: no recovery was in progress. */
    static final int OUTSIDE = 0;
    /** {@link #onAdvance}: a partial ACK; retransmit the first unacknowledged segment. */
    static final int PARTIAL = 1;
    /** {@link #onAdvance}: the full ACK that ends the recovery. */
    static final int FULL = 2;

    private boolean inRecovery;
    private boolean hasRecover;
    private int recover;

    void reset() {
        inRecovery = false;
        hasRecover = false;
    }

    boolean inRecovery() {
        return inRecovery;
    }

    /**
     * The third duplicate ACK for {@code ack} arrived with SND.NXT at {@code sndNxt}.
     *
     * @return whether to fast-retransmit and enter recovery: not while recovering, nor for an ACK
     *         below the last {@code recover}
     */
    boolean enter(int ack, int sndNxt) {
        if (inRecovery || hasRecover && TcpSeqNumber.lessThan(ack, recover)) {
            return false;
        }
        inRecovery = true;
        hasRecover = true;
        recover = sndNxt;
        return true;
    }

    /** SND.UNA advanced to {@code ack}: {@link #OUTSIDE}, {@link #PARTIAL} or {@link #FULL}. */
    int onAdvance(int ack) {
        boolean reached = hasRecover && TcpSeqNumber.greaterOrEqual(ack, recover);
        if (reached) {
            hasRecover = false; // nothing older than this ACK can be outstanding any more
        }
        if (!inRecovery) {
            return OUTSIDE;
        }
        if (reached) {
            inRecovery = false;
            return FULL;
        }
        return PARTIAL;
    }

    /** The retransmission timer fired with SND.NXT at {@code sndNxt} (section 3.2 step 4). */
    void onTimeout(int sndNxt) {
        inRecovery = false;
        hasRecover = true;
        recover = sndNxt;
    }
}
