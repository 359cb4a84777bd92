package org.smoltcp4j.socket;

/**
 * The one timer a TCP connection runs at a time, as smoltcp's {@code Timer}: idle (with an
 * optional keep-alive deadline), retransmission, fast retransmission (due now), zero-window
 * probe (with its backed-off delay) or TIME-WAIT close. Times are microseconds.
 */
final class TcpTimer {

    static final int IDLE = 0;
    static final int RETRANSMIT = 1;
    static final int FAST_RETRANSMIT = 2;
    static final int ZERO_WINDOW_PROBE = 3;
    static final int CLOSE = 4;

    private static final long NO_KEEP_ALIVE = Long.MAX_VALUE;

    private int kind = IDLE;
    private long expiresAt;
    private long delay;
    private long keepAliveAt = NO_KEEP_ALIVE;

    int kind() {
        return kind;
    }

    long expiresAt() {
        return expiresAt;
    }

    boolean isIdle() {
        return kind == IDLE;
    }

    boolean isRetransmit() {
        return kind == RETRANSMIT || kind == FAST_RETRANSMIT;
    }

    boolean isZeroWindowProbe() {
        return kind == ZERO_WINDOW_PROBE;
    }

    boolean shouldKeepAlive(long now) {
        return kind == IDLE && keepAliveAt != NO_KEEP_ALIVE && now >= keepAliveAt;
    }

    boolean shouldRetransmit(long now) {
        return kind == RETRANSMIT && now >= expiresAt || kind == FAST_RETRANSMIT;
    }

    boolean shouldClose(long now) {
        return kind == CLOSE && now >= expiresAt;
    }

    boolean shouldZeroWindowProbe(long now) {
        return kind == ZERO_WINDOW_PROBE && now >= expiresAt;
    }

    /** When the timer next fires ({@code now} for a fast retransmission), or Long.MAX_VALUE. */
    long pollAt(long now) {
        switch (kind) {
            case IDLE:
                return keepAliveAt;
            case FAST_RETRANSMIT:
                return now;
            default:
                return expiresAt;
        }
    }

    /** Idle; keep-alive due {@code interval} after {@code now}, none when the interval is 0. */
    void setForIdle(long now, long interval) {
        kind = IDLE;
        keepAliveAt = interval > 0 ? now + interval : NO_KEEP_ALIVE;
    }

    /** Keep-alive was just switched on: an idle timer without a deadline fires at once. */
    void setKeepAlive() {
        if (kind == IDLE && keepAliveAt == NO_KEEP_ALIVE) {
            keepAliveAt = 0;
        }
    }

    /** Something was sent: the next keep-alive is one interval later. */
    void rewindKeepAlive(long now, long interval) {
        if (kind == IDLE) {
            keepAliveAt = interval > 0 ? now + interval : NO_KEEP_ALIVE;
        }
    }

    void setForRetransmit(long now, long rto) {
        if (kind != CLOSE) {
            kind = RETRANSMIT;
            expiresAt = now + rto;
        }
    }

    void setForFastRetransmit() {
        kind = FAST_RETRANSMIT;
    }

    void setForClose(long now, long timeWait) {
        kind = CLOSE;
        expiresAt = now + timeWait;
    }

    void setForZeroWindowProbe(long now, long probeDelay) {
        kind = ZERO_WINDOW_PROBE;
        expiresAt = now + probeDelay;
        delay = probeDelay;
    }

    /** A probe was sent: the next one after twice the delay, at most {@code maxDelay}. */
    void rewindZeroWindowProbe(long now, long maxDelay) {
        if (kind == ZERO_WINDOW_PROBE) {
            delay = Math.min(delay * 2, maxDelay);
            expiresAt = now + delay;
        }
    }
}
