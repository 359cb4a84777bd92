package org.smoltcp4j.socket;

import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * Round-trip time estimation and retransmission timeout per RFC 6298, as smoltcp's
 * {@code RttEstimator}: one segment at a time is timed (Karn's algorithm: no sample from a
 * retransmitted segment), SRTT and RTTVAR follow (2.2)/(2.3) with K = 4, the RTO is clamped to
 * [min, max] and doubled on every timeout (5.5). Three timeouts in a row clear SRTT/RTTVAR so the
 * next sample starts afresh. Values are milliseconds, as in smoltcp; times are microseconds.
 */
final class RttEstimator {

    /** RFC 6298 (2.1): 1 s until the first sample. */
    static final int DEFAULT_INITIAL_RTO_MILLIS = 1000;
    /** RFC 6298 (2.4): rounded up to 1 s. */
    static final int DEFAULT_MIN_RTO_MILLIS = 1000;
    /** RFC 6298 (2.5): a maximum of at least 60 s. */
    static final int DEFAULT_MAX_RTO_MILLIS = 60000;
    /** Lower bound of the variance term when the variance gets very low (smoltcp's RTTE_MIN_MARGIN). */
    private static final int MIN_MARGIN_MILLIS = 5;
    private static final int K = 4;

    private int minRto = DEFAULT_MIN_RTO_MILLIS;
    private int maxRto = DEFAULT_MAX_RTO_MILLIS;
    private boolean haveMeasurement;
    private int srtt;
    private int rttvar;
    private int rto = DEFAULT_INITIAL_RTO_MILLIS;
    private boolean timing;
    private long timingSince;
    private int timingSeq;
    private boolean haveMaxSeqSent;
    private int maxSeqSent;
    private int rtoCount;

    /** Sets the RTO bounds in milliseconds; the current RTO is clamped into them. */
    void setBounds(int minMillis, int maxMillis) {
        minRto = minMillis;
        maxRto = maxMillis;
        rto = clamp(rto);
    }

    int minRtoMillis() {
        return minRto;
    }

    int maxRtoMillis() {
        return maxRto;
    }

    /** Back to the state of a new connection (RTO = 1 s clamped into the bounds). */
    void reset() {
        haveMeasurement = false;
        srtt = 0;
        rttvar = 0;
        rto = clamp(DEFAULT_INITIAL_RTO_MILLIS);
        timing = false;
        haveMaxSeqSent = false;
        rtoCount = 0;
    }

    /** The retransmission timeout in microseconds. */
    long retransmissionTimeout() {
        return rto * 1000L;
    }

    int rtoMillis() {
        return rto;
    }

    /** Smoothed RTT in milliseconds, 0 before the first sample. */
    int smoothedRttMillis() {
        return haveMeasurement ? srtt : 0;
    }

    void sample(int rttMillis) {
        if (haveMeasurement) {
            int diff = Math.abs(srtt - rttMillis);
            rttvar = ceilDiv(rttvar * 3 + diff, 4);
            srtt = ceilDiv(srtt * 7 + rttMillis, 8);
        } else {
            haveMeasurement = true;
            srtt = rttMillis;
            rttvar = rttMillis / 2;
        }
        rto = clamp(srtt + Math.max(MIN_MARGIN_MILLIS, rttvar * K));
        rtoCount = 0;
    }

    /** A segment ending at {@code seq} left at {@code now}: time it if nothing is being timed. */
    void onSend(long now, int seq) {
        if (!haveMaxSeqSent || TcpSeqNumber.greaterThan(seq, maxSeqSent)) {
            haveMaxSeqSent = true;
            maxSeqSent = seq;
            if (!timing) {
                timing = true;
                timingSince = now;
                timingSeq = seq;
            }
        }
    }

    /** An acknowledgment of {@code seq} arrived at {@code now}. */
    void onAck(long now, int seq) {
        if (timing && TcpSeqNumber.greaterOrEqual(seq, timingSeq)) {
            long millis = (now - timingSince) / 1000;
            sample((int) Math.min(millis, Integer.MAX_VALUE / 8));
            timing = false;
        }
    }

    /** The retransmission timer expired: back off (RFC 6298 5.5). */
    void onRto() {
        rto = Math.min(maxRto, (int) Math.min(Integer.MAX_VALUE, rto * 2L));
        if (++rtoCount >= 3) {
            rtoCount = 0;
            haveMeasurement = false;
        }
    }

    /** Something is sent again: a sample in progress would be ambiguous (Karn). */
    void onRetransmit() {
        timing = false;
    }

    private int clamp(int millis) {
        return Math.max(minRto, Math.min(maxRto, millis));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
