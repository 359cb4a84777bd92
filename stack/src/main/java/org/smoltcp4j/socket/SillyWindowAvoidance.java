package org.smoltcp4j.socket;

/**
 * Silly-window-syndrome avoidance for one TCP connection, both halves (RFC 1122 4.2.3.3 and
 * 4.2.3.4, RFC 9293 3.8.6.2); smoltcp has none.
 *
 * <p>Receiver ({@link #receiveWindow}): the right edge of the window we offer moves forward only by
 * at least min(RCV.BUFF / 2, Eff.snd.MSS), and never moves back, so a peer facing an application
 * that reads a few bytes at a time is not invited to send tiny segments.
 *
 * <p>Sender ({@link #maySend}): new data goes when a full segment can go; or when everything queued
 * fits and Nagle's algorithm does not hold it back; or when at least half of the largest window the
 * peer ever offered can go; or when the override timer ({@value #OVERRIDE_DELAY} µs, within
 * RFC 1122's 0.1 to 1 s) ran out on data held back by the window. There is no PSH call in the
 * socket API: as smoltcp, every send counts as pushed, so with Nagle off the rule "all queued data
 * fits" applies to whatever has been queued.
 */
final class SillyWindowAvoidance {

    /** How long data held back by a small window waits before it goes anyway, in microseconds. */
    static final long OVERRIDE_DELAY = 200000L;
    /** {@link #overrideAt} while the override timer is not running. */
    static final long NOT_ARMED = Long.MAX_VALUE;

    /** Max(SND.WND): the largest window the peer offered on this connection, in bytes. */
    private int maxPeerWindow;
    private long overrideAt = NOT_ARMED;

    /**
     * The receive window to offer (RFC 9293 3.8.6.2.2): all the free space when that moves the right
     * edge forward by at least min({@code capacity} / 2, {@code mss}), else what stays of the window
     * already offered, so the right edge stays put.
     *
     * @param free     free bytes in the receive buffer (RCV.BUFF - RCV.USER)
     * @param offered  bytes from RCV.NXT to the right edge already advertised (0 when none); values
     *                 beyond {@code free} count as {@code free}
     * @param capacity the receive buffer's size (RCV.BUFF)
     * @param mss      the segment size the peer sends us, 0 before it is known (then no avoidance)
     */
    static int receiveWindow(int free, int offered, int capacity, int mss) {
        int kept = Math.max(0, Math.min(offered, free));
        int threshold = Math.min(capacity / 2, mss);
        return free - kept >= threshold ? free : kept;
    }

    /**
     * The window field for {@code window} bytes at scale {@code shift}: rounded up when the rounded
     * window still fits in {@code free} bytes (so scaling does not pull the right edge back, as
     * Linux), else down; at most 65535.
     */
    static int windowField(int window, int free, int shift) {
        int field = window >>> shift;
        if (field << shift < window && (field + 1) << shift <= free) {
            field++;
        }
        return Math.min(field, 0xffff);
    }

    /** Remembers a window the peer offered, in bytes, for the "half the largest window" rule. */
    void peerWindow(int window) {
        maxPeerWindow = Math.max(maxPeerWindow, window);
    }

    /** The largest window the peer offered since {@link #reset}, in bytes. */
    int maxPeerWindow() {
        return maxPeerWindow;
    }

    /**
     * Whether new data may go now (RFC 1122 4.2.3.4).
     *
     * @param sendable    bytes the windows (peer and congestion) let go now, at most {@code unsent}
     * @param unsent      bytes queued and not yet sent
     * @param mss         the payload of a full segment
     * @param nagleDelays whether Nagle's algorithm holds back a short segment (it is on and data is
     *                    unacknowledged)
     * @param now         the time, in microseconds
     */
    boolean maySend(int sendable, int unsent, int mss, boolean nagleDelays, long now) {
        if (sendable <= 0) {
            return false;
        }
        if (sendable >= mss || sendable >= unsent && !nagleDelays) {
            return true;
        }
        // "At least Fs = 1/2 of the largest window" also frees a peer whose whole buffer is below one MSS.
        return 2L * sendable >= maxPeerWindow || sendable < unsent && now >= overrideAt;
    }

    /**
     * Runs the override timer while a short segment is held back by the window (part of the queued
     * data could go but {@link #maySend} says wait); stops it when nothing is held back so.
     */
    void track(int sendable, int unsent, int mss, boolean nagleDelays, long now) {
        if (maySend(sendable, unsent, mss, nagleDelays, now)) {
            return; // left running when it is what lets the segment go; sent() stops it
        }
        if (sendable <= 0 || sendable >= unsent) {
            overrideAt = NOT_ARMED; // a closed window is probed instead; Nagle waits for an ACK
        } else if (overrideAt == NOT_ARMED) {
            overrideAt = now + OVERRIDE_DELAY;
        }
    }

    /** When the override timer runs out, or {@link #NOT_ARMED}. */
    long overrideAt() {
        return overrideAt;
    }

    /** New data went: a later short segment waits its own override delay. */
    void sent() {
        overrideAt = NOT_ARMED;
    }

    /** A new connection. */
    void reset() {
        maxPeerWindow = 0;
        overrideAt = NOT_ARMED;
    }
}
