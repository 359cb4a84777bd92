package org.smoltcp4j.socket;

/**
 * Reno congestion control after RFC 5681: slow start (cwnd grows by min(acked, SMSS) per ACK,
 * eq. 2), congestion avoidance by byte counting (one SMSS per cwnd of acknowledged data, i.e. per
 * RTT, section 3.1), ssthresh = max(FlightSize / 2, 2 SMSS) on loss (eq. 4), cwnd = 1 SMSS after a
 * retransmission timeout and cwnd = ssthresh after a fast retransmit.
 *
 * <p>Differences from the RFC and from smoltcp's {@code Reno}, on purpose:
 * <ul>
 * <li>Fast recovery does not inflate cwnd by 3 SMSS plus one per further duplicate ACK; cwnd is
 * set to ssthresh at once and stays there until the recovery ends (the socket's NewReno logic, RFC
 * 6582, retransmits on partial ACKs). Conservative: no new data goes out during recovery until the
 * flight has drained below the halved window.</li>
 * <li>As smoltcp, cwnd never exceeds the largest window the peer has advertised (at least 64 KiB).</li>
 * <li>smoltcp's Reno grows by one MSS per ACK in congestion avoidance and only lowers ssthresh on a
 * duplicate ACK, halving cwnd on every retransmission; this one follows RFC 5681.</li>
 * </ul>
 */
public final class Reno extends LossBasedController {

    private int ackedInAvoidance;

    @Override
    public void reset() {
        resetWindow();
        ackedInAvoidance = 0;
    }

    @Override
    int congestionAvoidance(long now, int ackedBytes, int smoothedRttMillis) {
        ackedInAvoidance = saturatingAdd(ackedInAvoidance, ackedBytes);
        if (ackedInAvoidance < cwnd) {
            return cwnd;
        }
        ackedInAvoidance -= cwnd;
        return saturatingAdd(cwnd, mss);
    }

    @Override
    public void onDuplicateAck(long now, int inFlight) {
        ssthresh = atLeastTwoSegments(Math.max(inFlight, 0) / 2);
        cwnd = bounded(ssthresh);
        ackedInAvoidance = 0;
    }

    @Override
    public void onRetransmit(long now, int inFlight) {
        ssthresh = atLeastTwoSegments(Math.max(inFlight, 0) / 2);
        cwnd = mss; // RFC 5681 section 3.1: the loss window is one segment
        ackedInAvoidance = 0;
    }
}
