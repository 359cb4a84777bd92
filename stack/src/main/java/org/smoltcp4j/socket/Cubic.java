package org.smoltcp4j.socket;

/**
 * CUBIC congestion control after RFC 9438: after a loss the window follows
 * {@code W_cubic(t) = C (t - K)^3 + W_max} (in segments, section 4.2), with {@code C = 0.4},
 * multiplicative decrease {@code beta = 0.7} (4.6), fast convergence (4.7), the Reno-friendly
 * estimate {@code W_est} with {@code alpha = 3 (1 - beta) / (1 + beta)} (4.3), and per ACK a step
 * of {@code (target - cwnd) / cwnd} toward {@code target = W_cubic(t + RTT)} clamped to
 * {@code [cwnd, 1.5 cwnd]} (4.4, 4.5). Slow start, the initial window and the loss window after
 * a timeout are Reno's (RFC 5681, section 4.8 of RFC 9438).
 *
 * <p>Arithmetic is {@code double}, as smoltcp's; the cube root for K is Newton's method
 * ({@link #cubeRoot}), since {@code Math.cbrt} is not in the MicroEJ EDC profile. Unlike smoltcp,
 * which recomputes cwnd from the clock before each transmission (at most every 100 ms), the
 * window grows only on ACKs, as the RFC describes: an idle or application-limited sender does not
 * gain window by waiting. Time is measured from the start of the congestion-avoidance epoch.
 */
public final class Cubic extends LossBasedController {

    /** RFC 9438's C, in segments per second cubed. */
    static final double C = 0.4;
    /** RFC 9438's multiplicative decrease factor. */
    static final double BETA = 0.7;
    /** RFC 9438 section 4.3: the Reno-friendly additive increase per RTT, in segments. */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private static final long NO_EPOCH = Long.MIN_VALUE;

    private double wMax;
    private double k;
    private long epochStart;
    private double wEst;
    private double growth;

    /** A controller in the state of a new connection. */
    public Cubic() {
        reset();
    }

    @Override
    public void reset() {
        resetWindow();
        wMax = 0;
        k = 0;
        epochStart = NO_EPOCH;
        wEst = 0;
        growth = 0;
    }

    /** W_max in bytes: the window before the last reduction (after fast convergence). */
    public int maxWindowBeforeReduction() {
        return (int) Math.min(wMax, UNLIMITED);
    }

    /** K in seconds: when the current epoch's curve reaches W_max again. */
    double plateauSeconds() {
        return k;
    }

    /** RFC 9438 eq. 1 in bytes: the cubic window {@code t} seconds into the current epoch. */
    double cubicWindow(double t) {
        double d = t - k;
        return C * d * d * d * mss + wMax;
    }

    @Override
    int congestionAvoidance(long now, int ackedBytes, int smoothedRttMillis) {
        if (epochStart == NO_EPOCH) {
            startEpoch(now);
        }
        double t = Math.max(0, now - epochStart) / 1e6; // a clock that went backwards counts as no time
        wEst += ALPHA * ackedBytes * mss / cwnd;
        if (cubicWindow(t) < wEst) {
            return (int) Math.min(wEst, UNLIMITED); // Reno-friendly region (4.3)
        }
        double target = cubicWindow(t + smoothedRttMillis / 1000.0);
        target = Math.max(cwnd, Math.min(target, 1.5 * cwnd));
        growth += (target - cwnd) * ackedBytes / cwnd;
        int whole = (int) Math.min(growth, UNLIMITED);
        growth -= whole;
        return saturatingAdd(cwnd, whole);
    }

    /** Section 4.2: K from the distance to W_max; a window already above W_max starts a new plateau there. */
    private void startEpoch(long now) {
        epochStart = now;
        if (cwnd < wMax) {
            k = cubeRoot((wMax - cwnd) / mss / C);
        } else {
            k = 0;
            wMax = cwnd;
        }
        wEst = cwnd;
        growth = 0;
    }

    @Override
    public void onDuplicateAck(long now, int inFlight) {
        reduce(inFlight);
        cwnd = bounded(ssthresh);
    }

    @Override
    public void onRetransmit(long now, int inFlight) {
        reduce(inFlight);
        cwnd = mss; // section 4.8: after a timeout, Reno's loss window
    }

    /** Sections 4.6 and 4.7: remember W_max (lowered if the last one was not reached) and set ssthresh. */
    private void reduce(int inFlight) {
        wMax = cwnd < wMax ? cwnd * (1 + BETA) / 2 : cwnd;
        ssthresh = atLeastTwoSegments((int) (Math.max(inFlight, 0) * BETA));
        epochStart = NO_EPOCH;
    }

    /**
     * The real cube root of {@code x > 0} by Newton's method (0 for {@code x <= 0} and NaN, infinity for infinity). The start is
     * halved until it is within a factor 2 above the root; Newton's steps then fall monotonically
     * (the cube is convex) and stop when they no longer decrease: bounded, no allocation.
     */
    static double cubeRoot(double x) {
        if (!(x > 0)) {
            return 0;
        }
        if (x > Double.MAX_VALUE) {
            return x; // infinity
        }
        double r = Math.max(x, 1);
        while (r / 2 * (r / 2) * (r / 2) >= x) {
            r /= 2;
        }
        for (int i = 0; i < 64; i++) {
            double next = (2 * r + x / (r * r)) / 3;
            if (next >= r) {
                break;
            }
            r = next;
        }
        return r;
    }
}
