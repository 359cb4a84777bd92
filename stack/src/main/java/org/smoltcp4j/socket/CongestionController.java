package org.smoltcp4j.socket;

/**
 * A TCP sender's congestion controller (smoltcp's {@code congestion::Controller}): it is told of
 * ACKs, losses and transmissions and answers with {@link #window()}, the congestion window
 * {@code cwnd} in bytes. The socket keeps the data in flight (SND.NXT - SND.UNA) within
 * {@code min(cwnd, peer window)} (RFC 5681 section 2).
 *
 * <p>Times are microseconds, as everywhere in the stack. Subclasses keep all their state in
 * primitive fields: no event allocates. An abstract class, not an interface with default methods,
 * because the MicroEJ profile has none.
 */
public abstract class CongestionController {

    /** "No limit" for windows and thresholds. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** The congestion window in bytes: how much data may be in flight. */
    public abstract int window();

    /** Back to the state of a new connection (a socket is reused). */
    public abstract void reset();

    /** The window the peer advertised (scaled), on every segment it sends. */
    public void setRemoteWindow(int remoteWindow) {
    }

    /**
     * {@code ackedBytes > 0} new bytes were acknowledged outside loss recovery.
     *
     * @param smoothedRttMillis the socket's smoothed RTT (RFC 6298 SRTT), 0 before the first sample
     */
    public void onAck(long now, int ackedBytes, int smoothedRttMillis) {
    }

    /**
     * The retransmission timer expired (a loss detected by timeout, RFC 5681 section 3.1 eq. 4).
     *
     * @param inFlight the bytes that were outstanding (FlightSize) when the timer fired
     */
    public void onRetransmit(long now, int inFlight) {
    }

    /**
     * The third duplicate ACK arrived: one loss event, reported once (RFC 5681 section 3.2); the
     * socket then retransmits and stays in NewReno recovery until it is repaired.
     *
     * @param inFlight the bytes outstanding (FlightSize) when the loss was detected
     */
    public void onDuplicateAck(long now, int inFlight) {
    }

    /** The socket is about to decide what to send. */
    public void preTransmit(long now) {
    }

    /** A segment of {@code length} sequence-space bytes was sent. */
    public void postTransmit(long now, int length) {
    }

    /** The sender's maximum segment size (SMSS), known once the handshake is done. */
    public void setMss(int mss) {
    }

    /**
     * The socket has {@code bytesAvailable} unsent bytes: lets a controller see whether the
     * connection is application-limited.
     */
    public void onSendReady(long now, int bytesAvailable) {
    }
}
