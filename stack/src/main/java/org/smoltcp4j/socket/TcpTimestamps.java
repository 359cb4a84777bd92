package org.smoltcp4j.socket;

import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * One connection's RFC 7323 timestamp state: whether the option was negotiated, our TSval clock
 * and TS.Recent, with the three uses the RFC gives it: the echo in every segment (section 3.2),
 * round-trip samples from TSecr (RTTM, section 4) and the PAWS test (section 5).
 *
 * <p>TSval is milliseconds of the socket clock plus a per-connection offset (section 5.4), so
 * values do not reveal uptime and do not continue across connections to one peer. Segments that
 * lack the option after negotiation are processed without PAWS, as Linux and smoltcp do (the RFC's
 * SHOULD-drop would make a middlebox that strips options fatal).
 */
final class TcpTimestamps {

    /** RFC 7323 5.5: TS.Recent is no longer trusted after 24 days of silence (microseconds). */
    static final long RECENT_LIFETIME = 24L * 24 * 3600 * 1000000;

    /** Bytes the option takes in every segment: 10, after two NOPs (Linux's aligned layout). */
    static final int OPTION_LENGTH = 12;

    private boolean enabled = true;
    private boolean negotiated;
    private int offset;
    private boolean hasRecent;
    private int recent;
    private long recentSince;

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether both SYNs carried the option: every segment carries it from now on. */
    boolean negotiated() {
        return negotiated;
    }

    /** Option bytes every segment of this connection carries: {@link #OPTION_LENGTH} or 0. */
    int optionLength() {
        return negotiated ? OPTION_LENGTH : 0;
    }

    /** A new connection whose TSval clock is shifted by {@code offset}; nothing negotiated yet. */
    void start(int offset) {
        this.offset = offset;
        negotiated = false;
        hasRecent = false;
    }

    /** Our TSval at {@code now} (microseconds): a 1 ms clock, modulo 2^32 (section 5.4). */
    int value(long now) {
        return (int) (now / 1000) + offset;
    }

    /** TS.Recent, the TSecr of our segments (0 before the peer sent a TSval). */
    int echoReply() {
        return hasRecent ? recent : 0;
    }

    /**
     * The peer's SYN (or SYN|ACK) arrived: the option is in use when enabled here and present
     * there (section 3.2), and its TSval is the first TS.Recent.
     */
    void onSyn(TcpRepr syn, long now) {
        negotiated = enabled && syn.hasTimestamp();
        if (negotiated) {
            setRecent(syn.timestampValue(), now);
        }
    }

    /** Adds TSval/TSecr to {@code repr} when negotiated. */
    void stamp(TcpRepr repr, long now) {
        if (negotiated) {
            repr.setTimestamp(value(now), echoReply());
        }
    }

    /**
     * PAWS (section 5.3, R1): true when {@code segment} carries a TSval older than TS.Recent and must
     * be dropped (with an ACK). An RST is never rejected here, and a TS.Recent idle for more than 24
     * days is forgotten instead of rejecting (section 5.5).
     */
    boolean rejects(TcpRepr segment, boolean rst, long now) {
        if (!negotiated || rst || !hasRecent || !segment.hasTimestamp()
                || (segment.timestampValue() - recent) >= 0) {
            return false;
        }
        if (now - recentSince > RECENT_LIFETIME) {
            hasRecent = false;
            return false;
        }
        return true;
    }

    /**
     * Section 4.3: an acceptable segment's TSval becomes TS.Recent if it is not older and the
     * segment covers Last.ACK.sent ({@code lastAckSent}), so the echo is of the segment that
     * advanced our acknowledgment, not of later out-of-order ones.
     */
    void onAcceptable(TcpRepr segment, int lastAckSent, long now) {
        if (!negotiated || !segment.hasTimestamp()
                || hasRecent && (segment.timestampValue() - recent) < 0
                || TcpSeqNumber.greaterThan(segment.sequenceNumber(), lastAckSent)) {
            return;
        }
        setRecent(segment.timestampValue(), now);
    }

    private void setRecent(int value, long now) {
        hasRecent = true;
        recent = value;
        recentSince = now;
    }

    /**
     * RTTM (section 4.1): the round trip measured by an ACK of new data, in milliseconds, or -1
     * when {@code ack} carries no usable echo (no option, a zero TSecr as Linux treats it, or an
     * echo from the future).
     */
    int roundTripMillis(TcpRepr ack, long now) {
        if (!negotiated || !ack.hasTimestamp() || ack.timestampEchoReply() == 0) {
            return -1;
        }
        int rtt = value(now) - ack.timestampEchoReply();
        return rtt >= 0 ? rtt : -1;
    }
}
