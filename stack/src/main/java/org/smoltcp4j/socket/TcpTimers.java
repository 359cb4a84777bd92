package org.smoltcp4j.socket;

/**
 * The deadlines of a {@link TcpSocket}: its one {@link TcpTimer} (retransmission, zero-window probe,
 * keep-alive, TIME-WAIT) set from the {@link RttEstimator}'s timeout, the user timeout counted from
 * the last segment heard, and the RFC 5961 challenge-ACK rate limit. Times are microseconds.
 */
final class TcpTimers {

    private static final long NONE = Long.MIN_VALUE;
    private static final long CHALLENGE_ACK_INTERVAL = 1000000L;

    private final TcpTimer timer;
    private final RttEstimator rtte;

    private long timeout;
    private long keepAlive;
    private long timeWait = TcpSocket.DEFAULT_TIME_WAIT;
    /** When the last segment arrived (or sending restarted after quiet), or NONE. */
    private long lastHeard = NONE;
    private long challengeAckAt;

    TcpTimers(TcpTimer timer, RttEstimator rtte) {
        this.timer = timer;
        this.rtte = rtte;
    }

    void reset() {
        timer.setForIdle(0, 0);
        rtte.reset();
        lastHeard = NONE;
        challengeAckAt = 0;
    }

    TcpTimer timer() {
        return timer;
    }

    RttEstimator rtte() {
        return rtte;
    }

    long timeout() {
        return timeout;
    }

    void setTimeout(long micros) {
        timeout = micros;
    }

    long keepAlive() {
        return keepAlive;
    }

    void setKeepAlive(long micros) {
        keepAlive = micros;
        if (keepAlive > 0) {
            timer.setKeepAlive();
        }
    }

    long timeWait() {
        return timeWait;
    }

    void setTimeWait(long micros) {
        timeWait = micros;
    }

    /** Nothing to wait for but the keep-alive, one interval from {@code now}. */
    void idle(long now) {
        timer.setForIdle(now, keepAlive);
    }

    /** TIME-WAIT starts (or starts again): the socket closes after {@link #timeWait()}. */
    void timeWait(long now) {
        timer.setForClose(now, timeWait);
    }

    /** A segment arrived: the user timeout counts from now. */
    void heard(long now) {
        lastHeard = now;
    }

    /**
     * Sending starts after a quiet spell: the user timeout counts from the next transmission, not
     * from the last segment received long ago (smoltcp).
     */
    void quiet() {
        lastHeard = NONE;
    }

    /** Whether the user timeout has a point to count from. */
    boolean started() {
        return lastHeard != NONE;
    }

    /** The first dispatch of a connection, or the first after quiet: the user timeout starts. */
    void startIfQuiet(long now) {
        if (lastHeard == NONE) {
            lastHeard = now;
        }
    }

    /** The peer has been silent for the user timeout. */
    boolean timedOut(long now) {
        return lastHeard != NONE && timeout > 0 && now >= lastHeard + timeout;
    }

    /** RFC 5961 7: at most one challenge ACK a second; true (and the next one a second away) when one may go. */
    boolean challengeAckAllowed(long now) {
        if (now < challengeAckAt) {
            return false;
        }
        challengeAckAt = now + CHALLENGE_ACK_INTERVAL;
        return true;
    }

    /**
     * An acceptable segment acknowledged {@code ackLength} new bytes ({@code ackAll}: everything in
     * flight); {@code peerWindow} is the window it offered and {@code sendQueue} what is left to send.
     */
    void onAck(long now, int ackLength, boolean ackAll, int peerWindow, int sendQueue) {
        if (timer.isRetransmit()) {
            if (ackAll) {
                timer.setForIdle(now, keepAlive); // RFC 6298 (5.2)
            } else if (ackLength > 0) {
                timer.setForRetransmit(now, rtte.retransmissionTimeout()); // (5.3)
            }
        } else if (timer.isIdle()) {
            timer.setForIdle(now, keepAlive);
        }
        if (peerWindow == 0 && sendQueue > 0 && (timer.isIdle() || ackLength > 0)) {
            timer.setForZeroWindowProbe(now, rtte.retransmissionTimeout());
        }
        if (peerWindow != 0 && timer.isZeroWindowProbe()) {
            timer.setForIdle(now, keepAlive);
        }
    }

    /**
     * The retransmission timer fired, as {@link TcpTimer#RETRANSMIT} or {@link TcpTimer#FAST_RETRANSMIT};
     * {@link TcpTimer#IDLE} when it did not. The timer is cleared even if nothing can go now (zero
     * window), or poll would spin.
     */
    int takeRetransmission(long now) {
        if (!timer.shouldRetransmit(now)) {
            return TcpTimer.IDLE;
        }
        int kind = timer.kind();
        timer.setForIdle(now, keepAlive);
        return kind;
    }

    boolean keepAliveDue(long now) {
        return timer.shouldKeepAlive(now);
    }

    boolean zeroWindowProbeDue(long now) {
        return timer.shouldZeroWindowProbe(now);
    }

    boolean closeDue(long now) {
        return timer.shouldClose(now);
    }

    /** Something was sent: the next keep-alive is one interval later. */
    void sent(long now) {
        timer.rewindKeepAlive(now, keepAlive);
    }

    /** A zero-window probe was sent: the next one backs off, up to the largest RTO. */
    void probeSent(long now) {
        timer.rewindZeroWindowProbe(now, rtte.maxRtoMillis() * 1000L);
    }

    /** The earliest deadline: the timer's, or the user timeout. */
    long pollAt(long now) {
        long at = timer.pollAt(now);
        if (timeout > 0) {
            at = Math.min(at, lastHeard + timeout);
        }
        return at;
    }
}
