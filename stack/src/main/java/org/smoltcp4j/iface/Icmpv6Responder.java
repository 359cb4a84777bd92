package org.smoltcp4j.iface;

import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * The ICMPv6 the interface sends by itself (RFC 4443): echo replies, and errors about packets it
 * cannot take. Errors follow RFC 4443 section 2.4: never about a packet whose source does not
 * name one node (unspecified or multicast), or a packet sent to a multicast address or link-layer
 * multicast, except the Parameter Problems the option type asks for (e.3), and never about an
 * ICMPv6 error message (e.1): a Parameter Problem about the extension headers in front of one
 * looks past them for it, as Linux's is_ineligible does. Each quotes as much of the packet as
 * fits in the minimum MTU, 1280 bytes, and they are rate-limited (f) with a token bucket per IP
 * family.
 */
final class Icmpv6Responder {

    /** The whole error must fit in IPv6's minimum MTU (RFC 4443 section 2.4 c). */
    private static final int MAX_QUOTED = 1280 - Ipv6Packet.HEADER_LEN - 8;

    private final Egress egress;
    private final Ipv6Routing routing;
    private final Counters counters;
    private final int hopLimit;
    private final boolean answerEcho;
    private final IcmpRateLimiter rateLimiter;
    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final Icmpv6Repr reply = new Icmpv6Repr();

    Icmpv6Responder(Egress egress, Ipv6Routing routing, Counters counters, InterfaceConfig config) {
        this.egress = egress;
        this.routing = routing;
        this.counters = counters;
        this.hopLimit = config.defaultTtl();
        this.answerEcho = config.answersEchoRequests();
        this.rateLimiter = new IcmpRateLimiter(config.icmpErrorsPerSecond());
    }

    /**
     * Answers the echo request {@code echo} carried by {@code request}, whose data is
     * {@code buf[dataOffset, +dataLength)}: from the address it was sent to when that is ours, else
     * (to ff02::1 or a solicited-node group, which Linux answers too) from the source the routing
     * chooses. Nothing goes to an unspecified source, nor anywhere when the configuration turned
     * echo replies off ({@link InterfaceConfig#answerEchoRequests}).
     */
    void answerEcho(Ipv6Repr request, Icmpv6Repr echo, byte[] buf, int dataOffset, int dataLength) {
        if (!answerEcho || Ipv6Address.isUnspecified(request.sourceHigh(), request.sourceLow())) {
            return;
        }
        reply.setEcho(false, echo.echoIdentifier(), echo.echoSequence(), dataLength);
        if (sendReply(request, buf, dataOffset, dataLength)) {
            counters.increment(Counters.TX_ICMPV6_ECHO_REPLIES);
        }
    }

    /**
     * Sends the error {@code type}/{@code code} (with its pointer or 0) about the packet whose
     * header is {@code original} and whose bytes after the 40-byte header are
     * {@code buf[payloadOffset, +payloadLength)}, if the rules and the rate limit allow it.
     * {@code toMulticast} says the packet came to a multicast address (IPv6 or link layer);
     * {@code evenIfMulticast} is the exception of RFC 4443 section 2.4 e.3 (an option whose type
     * asks for a Parameter Problem whatever the destination).
     */
    void sendError(int type, int code, long pointer, Ipv6Repr original, boolean toMulticast, boolean evenIfMulticast, byte[] buf,
            int payloadOffset, int payloadLength, long now) {
        if (toMulticast && !evenIfMulticast || Ipv6Address.isUnspecified(original.sourceHigh(), original.sourceLow())
                || Ipv6Address.isMulticast(original.sourceHigh()) || carriesIcmpv6Error(original.nextHeader(), buf, payloadOffset,
                        payloadLength)) {
            return;
        }
        if (!rateLimiter.take(now)) {
            counters.increment(Counters.TX_ICMPV6_ERRORS_RATE_LIMITED);
            return;
        }
        int quoted = Math.min(payloadLength, MAX_QUOTED - Ipv6Packet.HEADER_LEN);
        reply.setError(type, code, pointer, original, quoted);
        if (sendReply(original, buf, payloadOffset, quoted)) {
            counters.increment(Counters.TX_ICMPV6_ERRORS);
        }
    }

    /**
     * True when the packet whose first next header is {@code nextHeader} and whose bytes after the
     * fixed header are {@code buf[off, +len)} carries an ICMPv6 error, or an ICMPv6 message too
     * short to tell, behind its extension headers. Headers that do not fit, and fragments other
     * than the first, say no (as Linux).
     */
    private static boolean carriesIcmpv6Error(int nextHeader, byte[] buf, int off, int len) {
        int at = off;
        int end = off + len;
        while (true) {
            if (nextHeader == IpProtocol.ICMPV6) {
                // Types 0..127 are errors (RFC 4443 2.1).
                return at == end || (buf[at] & 0x80) == 0;
            }
            if (end - at < 8) {
                return false;
            }
            int headerLength;
            switch (nextHeader) {
                case IpProtocol.HOP_BY_HOP:
                case IpProtocol.IPV6_ROUTE:
                case IpProtocol.IPV6_DESTINATION_OPTIONS:
                    headerLength = ((buf[at + 1] & 0xff) + 1) * 8;
                    break;
                case IpProtocol.IPV6_FRAGMENT:
                    if ((NetworkBytes.getU16(buf, at + 2) & 0xfff8) != 0) {
                        return false;
                    }
                    headerLength = 8;
                    break;
                case IpProtocol.AH:
                    headerLength = ((buf[at + 1] & 0xff) + 2) * 4;
                    break;
                default:
                    return false;
            }
            nextHeader = buf[at] & 0xff;
            at += headerLength;
            if (at > end) {
                return false;
            }
        }
    }

    /**
     * Sends {@link #reply} followed by {@code buf[dataOffset, +dataLength)} back to the source of
     * {@code original}: from the address it was sent to when that is ours, else from the source the
     * routing chooses. False when the egress refused it (counted there).
     */
    private boolean sendReply(Ipv6Repr original, byte[] buf, int dataOffset, int dataLength) {
        int length = reply.bufferLen() + dataLength;
        boolean ours = routing.hasAddress(original.destinationHigh(), original.destinationLow());
        if (egress.beginIpv6(ours ? original.destinationHigh() : 0, ours ? original.destinationLow() : 0, original.sourceHigh(),
                original.sourceLow(), IpProtocol.ICMPV6, hopLimit, length) != PacketEmitter.OK) {
            return false;
        }
        byte[] out = egress.buffer();
        int at = egress.payloadOffset();
        reply.emit(packet.wrap(out, at, length));
        System.arraycopy(buf, dataOffset, out, at + reply.bufferLen(), dataLength);
        if (egress.checksumBySoftware(IpProtocol.ICMPV6)) {
            packet.fillChecksum(egress.sourceHigh(), egress.sourceLow(), original.sourceHigh(), original.sourceLow());
        }
        egress.commit();
        return true;
    }
}
