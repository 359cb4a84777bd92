package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.TcpSeqNumber;

/**
 * What ICMP errors about one TCP connection's segments leave behind (RFC 1122 4.2.3.9, RFC 1191,
 * RFC 5461, RFC 5927): the last error reported, for the application to read, and the path MTU
 * learnt from "fragmentation needed" or ICMPv6 Packet Too Big (RFC 8201), which ICMP only ever
 * lowers. It also remembers the highest sequence number sent (BSD's {@code snd_max}), since an
 * error quoting a segment is believed only when that segment can still be in flight.
 */
final class TcpIcmpErrors {

    /** {@link #takeError}: nothing was reported (type 0 is an echo reply, never an error). */
    static final int NO_ERROR = 0;
    /**
     * The lowest path MTU an ICMP message can make us use: 576, the datagram every IPv4 host must
     * accept (RFC 791, RFC 1122 3.3.2), so a full segment carries at least the default MSS of 536.
     * RFC 1191 allows 68, but a forged or mistaken message would then shrink segments to 28 bytes;
     * RFC 5927 section 7.3 and Linux ({@code min_pmtu} 552) refuse such small values too.
     */
    static final int MIN_PATH_MTU = 576;
    /**
     * IPv6's minimum link MTU (RFC 8200 section 5): a Packet Too Big reporting less is ignored
     * (RFC 8201 section 4; since RFC 8021 no longer a request for atomic fragments), so an IPv6
     * connection's MSS never drops below 1280 - 60.
     */
    static final int MIN_IPV6_PATH_MTU = Ipv6Packet.MIN_MTU;
    /** {@link #pathMtu} before any "fragmentation needed": no limit beyond the interface's MTU. */
    static final int UNKNOWN_PATH_MTU = 0xffff;

    /** RFC 1191 section 7's plateau table, below 65535, for routers that send a next-hop MTU of 0. */
    private static final int[] PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
    private static final int SMALLEST_IPV4_MTU = 68;

    private int error = NO_ERROR;
    private int pathMtu = UNKNOWN_PATH_MTU;
    private boolean hasSent;
    private int highestSent;

    /** A new connection: nothing reported, nothing learnt, nothing sent. */
    void clear() {
        error = NO_ERROR;
        pathMtu = UNKNOWN_PATH_MTU;
        hasSent = false;
    }

    /** A segment ending at {@code end} went out. */
    void sent(int end) {
        highestSent = hasSent ? TcpSeqNumber.max(highestSent, end) : end;
        hasSent = true;
    }

    /**
     * True when a quoted {@code seq} lies in SND.UNA..SND.MAX (both included, as Linux), so the
     * error can concern a segment we sent and have not seen acknowledged (RFC 5927 4.1).
     */
    boolean inFlight(int seq, int sndUna) {
        return hasSent && TcpSeqNumber.greaterOrEqual(seq, sndUna) && TcpSeqNumber.lessOrEqual(seq, highestSent);
    }

    /** Records ICMP {@code type}/{@code code} as the error to report. */
    void record(int type, int code) {
        error = type << 8 | code;
    }

    /** The error recorded ({@code type << 8 | code}) or {@link #NO_ERROR}; clears it. */
    int takeError() {
        int taken = error;
        error = NO_ERROR;
        return taken;
    }

    /** The path MTU learnt, or {@link #UNKNOWN_PATH_MTU}. */
    int pathMtu() {
        return pathMtu;
    }

    /**
     * Applies a "fragmentation needed" about a datagram of {@code quotedLength} bytes that reports
     * {@code nextHopMtu}: a value of 0 (a pre-RFC 1191 router), below 68 or not below the quoted
     * datagram (which then would have fit) is replaced by the plateau below the quoted length;
     * the result is at least {@link #MIN_PATH_MTU}.
     *
     * @return true when the path MTU went down; it never goes up
     */
    boolean fragmentationNeeded(int nextHopMtu, int quotedLength) {
        int mtu = nextHopMtu < SMALLEST_IPV4_MTU || nextHopMtu >= quotedLength ? plateauBelow(quotedLength) : nextHopMtu;
        mtu = Math.max(mtu, MIN_PATH_MTU);
        if (mtu >= pathMtu) {
            return false;
        }
        pathMtu = mtu;
        return true;
    }

    /**
     * Applies an ICMPv6 Packet Too Big reporting {@code mtu} (RFC 8201): below
     * {@link #MIN_IPV6_PATH_MTU} it is ignored.
     *
     * @return true when the path MTU went down; it never goes up
     */
    boolean packetTooBig(long mtu) {
        if (mtu < MIN_IPV6_PATH_MTU || mtu >= pathMtu) {
            return false;
        }
        pathMtu = (int) mtu;
        return true;
    }

    /** The largest RFC 1191 plateau below {@code length}, 68 at least. */
    static int plateauBelow(int length) {
        for (int i = 0; i < PLATEAUS.length; i++) {
            if (PLATEAUS[i] < length) {
                return PLATEAUS[i];
            }
        }
        return SMALLEST_IPV4_MTU;
    }

    /**
     * RFC 1122 4.2.3.9's hard errors: protocol and port unreachable (code 4, fragmentation
     * needed, is path MTU discovery's and is never an error). Every other error is soft.
     */
    static boolean isHard(int type, int code) {
        return type == Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE
                && (code == Icmpv4Packet.UNREACHABLE_PROTOCOL || code == Icmpv4Packet.UNREACHABLE_PORT);
    }

    /** True for "fragmentation needed and DF set" (RFC 1191). */
    static boolean isFragmentationNeeded(int type, int code) {
        return type == Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE && code == Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED;
    }
}
