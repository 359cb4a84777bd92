package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * What the two SYNs of a {@link TcpSocket}'s connection settle: the peer's MSS (RFC 9293 3.7.1),
 * window scaling (RFC 7323 2), SACK-permitted (RFC 2018) and, through {@link TcpTimestamps},
 * timestamps; and from them the payload size of a full segment (RFC 6691).
 */
final class TcpNegotiation {

    static final int NO_SCALE = -1;

    private final TcpTimestamps timestamps;
    private final TcpIcmpErrors icmpErrors;

    /** Whether our SYN offers SACK and a peer's offer is answered (issue 6). */
    private boolean sackEnabled = true;
    private boolean peerSacks;
    private int peerMss = TcpSocket.DEFAULT_MSS;
    /** The peer's window shift, or {@link #NO_SCALE}. */
    private int peerWindowScale = NO_SCALE;
    /** IP and TCP header bytes of a segment without options: 40 over IPv4, 60 over IPv6. */
    private int headersLength = Ipv4Packet.HEADER_LEN + TcpPacket.HEADER_LEN;
    private boolean ipv6;

    TcpNegotiation(TcpTimestamps timestamps, TcpIcmpErrors icmpErrors) {
        this.timestamps = timestamps;
        this.icmpErrors = icmpErrors;
    }

    void reset() {
        peerSacks = false;
        peerMss = TcpSocket.DEFAULT_MSS;
        peerWindowScale = NO_SCALE;
    }

    /** The connection's IP version, which sets the header bytes an MSS leaves out (RFC 6691, RFC 8200). */
    void useIpv6(boolean version6) {
        ipv6 = version6;
        headersLength = (version6 ? Ipv6Packet.HEADER_LEN : Ipv4Packet.HEADER_LEN) + TcpPacket.HEADER_LEN;
    }

    boolean sackEnabled() {
        return sackEnabled;
    }

    void setSackEnabled(boolean enabled) {
        sackEnabled = enabled;
    }

    /** Both SYNs offered SACK. */
    boolean peerSacks() {
        return peerSacks;
    }

    int peerMss() {
        return peerMss;
    }

    /** The peer's window shift, or {@link #NO_SCALE}. */
    int peerWindowScale() {
        return peerWindowScale;
    }

    /**
     * Takes the options of the peer's SYN (or SYN-ACK).
     *
     * @return false when the peer does not scale windows, so neither may we
     */
    boolean onSyn(TcpRepr syn, long now) {
        timestamps.onSyn(syn, now);
        int mss = syn.maxSegmentSize();
        if (mss != TcpRepr.NONE && mss != 0) {
            // A zero MSS counts as absent, as Linux; a tiny one is raised so segments carry data.
            peerMss = Math.max(mss, TcpSocket.MIN_REMOTE_MSS);
        }
        peerSacks = sackEnabled && syn.sackPermitted();
        peerWindowScale = syn.windowScale();
        if (peerWindowScale == TcpRepr.NONE) {
            peerWindowScale = NO_SCALE;
            return false;
        }
        return true;
    }

    /** The peer's window in bytes: a SYN's window field is never scaled (RFC 7323 2.2). */
    int peerWindow(TcpRepr segment, boolean syn) {
        int scale = syn || peerWindowScale == NO_SCALE ? 0 : peerWindowScale;
        return segment.window() << scale;
    }

    /**
     * The options of our SYN ({@code active}) or SYN-ACK: window scale {@code ourShift}, SACK-permitted,
     * timestamps, and the MSS the interface's {@code ipMtu} allows (RFC 6691).
     */
    void addSynOptions(TcpRepr syn, boolean active, int ourShift, int ipMtu, long now) {
        if (active) {
            syn.setWindowScale(ourShift).setSackPermitted(sackEnabled);
            if (timestamps.enabled()) {
                syn.setTimestamp(timestamps.value(now), 0);
            }
        } else {
            syn.setSackPermitted(peerSacks);
            timestamps.stamp(syn, now);
            if (peerWindowScale != NO_SCALE) {
                syn.setWindowScale(ourShift);
            }
        }
        syn.setMaxSegmentSize(ipMtu - headersLength);
    }

    /** Payload bytes of a full segment: the path and peer limits less the timestamp option (RFC 6691). */
    int effectiveMss(SocketContext context) {
        return mssLessOptions(context, timestamps.optionLength());
    }

    /** Payload bytes of a segment carrying {@code optionsLength} bytes of options. */
    int mssLessOptions(SocketContext context, int optionsLength) {
        int mtu = Math.min(context.ipMtu(), icmpErrors.pathMtu()); // the path MTU an ICMP error taught (RFC 1191)
        return Math.min(mtu - headersLength, peerMss) - optionsLength;
    }

    /**
     * Payload bytes of a segment of new data carrying {@code optionsLength} bytes of options: the
     * MSS, or up to the interface's TCP segmentation limit when the device cuts segments itself
     * (TSO) and every piece it cuts, which fills the MTU, is one the peer and the path take: the
     * peer's MSS and the path MTU do not limit us below the interface's MTU. The segmentation
     * limit is IPv4's: an IPv6 segment is never larger than the MSS.
     *
     * @param mss {@link #mssLessOptions} for the same {@code optionsLength}, which the caller has
     *            computed already for the segment's retransmissions
     */
    int newDataRoom(SocketContext context, int mss, int optionsLength) {
        int limit = context.tcpSegmentationLimit();
        boolean fullSegments = mss == context.ipMtu() - headersLength - optionsLength;
        return !ipv6 && limit > context.ipMtu() && fullSegments ? limit - headersLength - optionsLength : mss;
    }
}
