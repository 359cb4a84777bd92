package org.smoltcp4j.socket;

/**
 * What Reno and CUBIC share: cwnd and ssthresh in bytes, the SMSS, RFC 5681's initial window and
 * slow start, and smoltcp's cap of cwnd at the largest window the peer has advertised (so an
 * application-limited sender cannot grow it without bound). Subclasses decide congestion
 * avoidance and the reaction to loss.
 */
abstract class LossBasedController extends CongestionController {

    /** RFC 9293's default send MSS, used until {@link #setMss} is called. */
    static final int DEFAULT_MSS = 536;
    /** The remote window assumed before the peer has advertised a larger one (smoltcp). */
    static final int INITIAL_REMOTE_WINDOW = 64 * 1024;

    int mss;
    int cwnd;
    int ssthresh;
    private int maxRemoteWindow;
    private boolean acked;

    LossBasedController() {
        resetWindow();
    }

    final void resetWindow() {
        mss = DEFAULT_MSS;
        cwnd = initialWindow(mss);
        ssthresh = UNLIMITED;
        maxRemoteWindow = INITIAL_REMOTE_WINDOW;
        acked = false;
    }

    /** RFC 5681 eq. 1: IW = min(4 SMSS, max(2 SMSS, 4380)). */
    static int initialWindow(int mss) {
        return Math.min(4 * mss, Math.max(2 * mss, 4380));
    }

    @Override
    public final int window() {
        return cwnd;
    }

    /** The slow-start threshold in bytes ({@link #UNLIMITED} until the first loss). */
    public final int slowStartThreshold() {
        return ssthresh;
    }

    /** @throws IllegalArgumentException if {@code mss} is not positive */
    @Override
    public final void setMss(int mss) {
        if (mss <= 0) {
            throw new IllegalArgumentException("mss must be positive, got " + mss);
        }
        this.mss = mss;
        if (!acked) {
            cwnd = initialWindow(mss); // nothing learned yet: the initial window follows the real SMSS
        }
        cwnd = bounded(cwnd);
    }

    @Override
    public final void setRemoteWindow(int remoteWindow) {
        maxRemoteWindow = Math.max(maxRemoteWindow, remoteWindow);
    }

    @Override
    public final void onAck(long now, int ackedBytes, int smoothedRttMillis) {
        if (ackedBytes <= 0) {
            return;
        }
        acked = true;
        if (cwnd < ssthresh) {
            // RFC 5681 eq. 2 (appropriate byte counting with L = 1 SMSS)
            cwnd = bounded(saturatingAdd(cwnd, Math.min(ackedBytes, mss)));
        } else {
            cwnd = bounded(congestionAvoidance(now, ackedBytes, smoothedRttMillis));
        }
    }

    /** The new cwnd after {@code ackedBytes} were acknowledged in congestion avoidance. */
    abstract int congestionAvoidance(long now, int ackedBytes, int smoothedRttMillis);

    /** At least 2 SMSS (RFC 5681 eq. 4's floor). */
    final int atLeastTwoSegments(int bytes) {
        return Math.max(bytes, 2 * mss);
    }

    /** Within [SMSS, largest remote window]. */
    final int bounded(int window) {
        return Math.max(mss, Math.min(window, maxRemoteWindow));
    }

    /** {@code a + b} for non-negative operands, saturating at {@link #UNLIMITED}. */
    static int saturatingAdd(int a, int b) {
        int sum = a + b;
        return sum < 0 ? UNLIMITED : sum;
    }
}
