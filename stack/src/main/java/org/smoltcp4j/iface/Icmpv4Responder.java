package org.smoltcp4j.iface;

import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Repr;

/**
 * The ICMP the interface sends by itself: echo replies, and destination-unreachable errors for
 * datagrams nobody takes. Errors follow RFC 1122 section 3.2.2: never about an ICMP error, a
 * broadcast or multicast datagram, a non-initial fragment or a source that is not a unicast host;
 * and they are rate-limited with a token bucket (RFC 1812 section 4.3.2.8).
 */
final class Icmpv4Responder {

    /** How much of the offending datagram an error quotes (RFC 1812: as much as fits in 576 bytes). */
    private static final int MAX_QUOTED = 576 - 20 - 8 - 20;

    private final Egress egress;
    private final Ipv4Routing routing;
    private final Counters counters;
    private final int ttl;
    private final boolean answerEcho;
    private final IcmpRateLimiter rateLimiter;
    private final Icmpv4Packet packet = new Icmpv4Packet();
    private final Icmpv4Repr reply = new Icmpv4Repr();

    Icmpv4Responder(Egress egress, Ipv4Routing routing, Counters counters, InterfaceConfig config) {
        this.egress = egress;
        this.routing = routing;
        this.counters = counters;
        this.ttl = config.defaultTtl();
        this.answerEcho = config.answersEchoRequests();
        this.rateLimiter = new IcmpRateLimiter(config.icmpErrorsPerSecond());
    }

    /**
     * Answers an echo request whose data is {@code buf[dataOffset, +dataLength)}, unless its source
     * is not a unicast host (0.0.0.0 is never a destination, RFC 1122 section 3.2.1.3) or the
     * configuration turned echo replies off ({@link InterfaceConfig#answerEchoRequests}).
     */
    void answerEcho(Ipv4Repr request, Icmpv4Repr echo, byte[] buf, int dataOffset, int dataLength) {
        if (!answerEcho || !Ipv4Address.isUnicast(request.source())) {
            return;
        }
        int source = routing.hasAddress(request.destination()) ? request.destination() : routing.sourceFor(request.source());
        reply.setEchoReply(echo.identifier(), echo.sequence(), dataLength);
        int length = reply.bufferLen();
        if (egress.beginIpv4(source, request.source(), IpProtocol.ICMP, ttl, length) != PacketEmitter.OK) {
            return;
        }
        byte[] out = egress.buffer();
        int at = egress.payloadOffset();
        reply.emit(packet.wrap(out, at, length), false);
        System.arraycopy(buf, dataOffset, out, packet.dataOffset(), dataLength);
        if (egress.checksumBySoftware(IpProtocol.ICMP)) {
            packet.fillChecksum();
        }
        egress.commit();
        counters.increment(Counters.TX_ECHO_REPLIES);
    }

    /**
     * Sends destination unreachable {@code code} about the datagram {@code original} whose payload
     * is {@code buf[payloadOffset, +payloadLength)}, if the rules and the rate limit allow it.
     */
    void sendUnreachable(int code, Ipv4Repr original, boolean wasBroadcastOrMulticast, byte[] buf, int payloadOffset, int payloadLength,
            long now) {
        if (wasBroadcastOrMulticast || !Ipv4Address.isUnicast(original.source()) || Ipv4Address.isLoopback(original.source())
                || routing.isBroadcast(original.source()) || isIcmpError(original, buf, payloadOffset, payloadLength)) {
            return;
        }
        if (!rateLimiter.take(now)) {
            counters.increment(Counters.TX_ICMP_ERRORS_RATE_LIMITED);
            return;
        }
        int quoted = Math.min(payloadLength, MAX_QUOTED);
        reply.setDestinationUnreachable(code, 0, original, quoted);
        int length = reply.bufferLen();
        if (egress.beginIpv4(original.destination(), original.source(), IpProtocol.ICMP, ttl, length) != PacketEmitter.OK) {
            return;
        }
        byte[] out = egress.buffer();
        int at = egress.payloadOffset();
        reply.emit(packet.wrap(out, at, length), false);
        System.arraycopy(buf, payloadOffset, out, at + length - quoted, quoted);
        if (egress.checksumBySoftware(IpProtocol.ICMP)) {
            packet.fillChecksum();
        }
        egress.commit();
        counters.increment(Counters.TX_ICMP_ERRORS);
    }

    private static boolean isIcmpError(Ipv4Repr original, byte[] buf, int payloadOffset, int payloadLength) {
        if (original.protocol() != IpProtocol.ICMP || payloadLength < 1) {
            return false;
        }
        int type = buf[payloadOffset] & 0xff;
        return type != Icmpv4Packet.TYPE_ECHO_REQUEST && type != Icmpv4Packet.TYPE_ECHO_REPLY;
    }
}
