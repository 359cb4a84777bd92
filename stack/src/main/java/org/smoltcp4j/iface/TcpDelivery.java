package org.smoltcp4j.iface;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.SocketContext;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Hands received TCP segments to their socket: first the socket whose connection 4-tuple matches,
 * then a socket still in LISTEN on the destination endpoint (a listen backlog's busy members are
 * passed over). A socket's immediate reply (an ACK for out-of-order data, a challenge ACK, an RST)
 * goes out at once. A SYN for a {@link TcpListener} whose sockets are all busy is dropped without
 * an answer, as Linux drops it when its accept queue is full, so the client retransmits it. Any
 * other segment nobody takes is answered with an RST (RFC 9293 3.10.7.1), unless it is an RST itself.
 */
final class TcpDelivery {

    /** Ports and sequence number: the first 8 bytes of the TCP header, all RFC 792 promises to quote. */
    static final int QUOTED_PORTS_AND_SEQ = 8;

    private final DeviceCapabilities capabilities;
    private final Counters counters;
    private final PacketEmitter emitter;
    private final SocketContext context;
    private final TcpPacket packet = new TcpPacket();
    private final TcpRepr tcp = new TcpRepr();
    private final TcpRepr reset = new TcpRepr();
    private SocketSet sockets;

    TcpDelivery(DeviceCapabilities capabilities, Counters counters, PacketEmitter emitter, SocketContext context) {
        this.capabilities = capabilities;
        this.counters = counters;
        this.emitter = emitter;
        this.context = context;
    }

    void use(SocketSet sockets) {
        this.sockets = sockets;
    }

    /**
     * Delivers the segment {@code buf[off, +len)} carried by the unicast packet {@code ip} (either
     * IP version; its checksum is verified with that version's pseudo-header); {@code mayReset} is
     * false when a raw socket took the datagram (it then answers for itself). A segment from an
     * unspecified source is dropped unanswered (IPv6 ingress has already dropped IPv4-mapped sources).
     */
    void deliver(IpRepr ip, byte[] buf, int off, int len, boolean mayReset) {
        if (ip.hasUnspecifiedSource()) {
            // No connection can have such a peer (RFC 1122 3.2.1.3, RFC 4291 2.5.2): neither taken nor reset.
            counters.increment(ip.isIpv6() ? Counters.RX_IPV6_BAD_SOURCE : Counters.RX_IPV4_BAD_SOURCE);
            return;
        }
        packet.wrap(buf, off, len);
        boolean verify = capabilities.verifyOnReceive(DeviceCapabilities.PROTOCOL_TCP);
        int status = ip.isIpv6()
                ? tcp.parseIpv6(packet, ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), verify)
                : tcp.parseIpv4(packet, ip.ipv4Source(), ip.ipv4Destination(), verify);
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_TCP_BAD_CHECKSUM : Counters.RX_TCP_MALFORMED);
            return;
        }
        counters.increment(Counters.RX_TCP_SEGMENTS);
        TcpSocket socket = find(ip, true);
        if (socket == null) {
            socket = find(ip, false);
        }
        TcpListener backlog = socket == null && isBareSyn() ? backlogFor(ip) : null;
        if (backlog != null) {
            // A member may have closed since it was last dispatched: re-arm it before giving up.
            backlog.refill();
            socket = find(ip, false);
            if (socket == null) {
                counters.increment(Counters.RX_TCP_BACKLOG_FULL);
                return;
            }
        }
        if (socket != null) {
            if (socket.process(context, ip, tcp, buf, packet.payloadOffset())) {
                socket.sendReply(emitter);
            }
            return;
        }
        counters.increment(Counters.RX_TCP_NO_SOCKET);
        if (mayReset && !tcp.hasFlags(TcpPacket.FLAG_RST)) {
            sendReset(ip);
        }
    }

    /**
     * Hands ICMPv4 error {@code icmp} (parsed from {@code buf}), which quotes a TCP segment, to the
     * connection that sent it; that connection ignores it unless the quoted sequence number is in
     * flight (RFC 5927 4.1), which is counted. Redirects are routing's business, not the socket's.
     */
    void deliverIcmpError(Icmpv4Repr icmp, byte[] buf) {
        if (icmp.type() == Icmpv4Packet.TYPE_REDIRECT || icmp.embeddedDataLength() < QUOTED_PORTS_AND_SEQ) {
            return;
        }
        Ipv4Repr quoted = icmp.embeddedHeader();
        int at = icmp.embeddedDataOffset();
        TcpSocket socket = quotedConnection(0, Ipv6Address.ipv4MappedLow(quoted.source()), 0,
                Ipv6Address.ipv4MappedLow(quoted.destination()), buf, at);
        if (socket != null) {
            countIcmpError(socket.processIcmpError(context, icmp, NetworkBytes.getU32(buf, at + 4)));
        }
    }

    /**
     * Hands ICMPv6 error {@code icmp} (parsed from {@code buf}), whose quoted packet carries a TCP
     * segment at {@link Icmpv6Repr#dataOffset()} (at least its first 8 bytes), to the connection
     * that sent it, as {@link #deliverIcmpError(Icmpv4Repr, byte[])} does.
     *
     * @return false when no connection sent the quoted segment
     */
    boolean deliverIcmpv6Error(Icmpv6Repr icmp, byte[] buf) {
        Ipv6Repr quoted = icmp.invokingHeader();
        int at = icmp.dataOffset();
        TcpSocket socket = quotedConnection(quoted.sourceHigh(), quoted.sourceLow(), quoted.destinationHigh(), quoted.destinationLow(),
                buf, at);
        if (socket == null) {
            return false;
        }
        countIcmpError(socket.processIcmpError(context, icmp, NetworkBytes.getU32(buf, at + 4)));
        return true;
    }

    /** The connection that sent the quoted segment between these addresses whose TCP header is at {@code buf[at]}, or null. */
    private TcpSocket quotedConnection(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, byte[] buf, int at) {
        int sourcePort = NetworkBytes.getU16(buf, at);
        int destinationPort = NetworkBytes.getU16(buf, at + 2);
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof TcpSocket && ((TcpSocket) socket).acceptsIcmpError(sourceHigh, sourceLow, sourcePort, destinationHigh,
                    destinationLow, destinationPort)) {
                return (TcpSocket) socket;
            }
        }
        return null;
    }

    /** Counts an ICMP error its connection acted on ({@code taken}) or ignored as not in flight. */
    private void countIcmpError(boolean taken) {
        counters.increment(taken ? Counters.RX_TCP_ICMP_ERRORS : Counters.RX_TCP_ICMP_OUT_OF_WINDOW);
    }

    /**
     * The first socket that accepts the segment among those with a connection ({@code connected})
     * or among those in LISTEN.
     */
    private TcpSocket find(IpRepr ip, boolean connected) {
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof TcpSocket) {
                TcpSocket candidate = (TcpSocket) socket;
                if ((connected ? candidate.isConnected() : candidate.isListening()) && candidate.accepts(ip, tcp)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** A SYN without ACK or RST: a connection request. */
    private boolean isBareSyn() {
        return (tcp.flags() & (TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK | TcpPacket.FLAG_RST)) == TcpPacket.FLAG_SYN;
    }

    /** The listen backlog that owns the segment's destination, or null. */
    private TcpListener backlogFor(IpRepr ip) {
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof TcpSocket) {
                TcpListener listener = ((TcpSocket) socket).listener();
                if (listener != null && listener.covers(ip.destinationHigh(), ip.destinationLow(), tcp.destinationPort())) {
                    return listener;
                }
            }
        }
        return null;
    }

    /** The RST answering the segment in {@link #tcp}, from its destination to its source, in its IP version. */
    private void sendReset(IpRepr ip) {
        reset.setSourcePort(tcp.destinationPort()).setDestinationPort(tcp.sourcePort());
        TcpSocket.resetFor(tcp, reset);
        int length = reset.bufferLen();
        int status = ip.isIpv6()
                ? emitter.beginIpv6(ip.destinationHigh(), ip.destinationLow(), ip.sourceHigh(), ip.sourceLow(), IpProtocol.TCP,
                        Ipv4Repr.DEFAULT_TTL, length)
                : emitter.beginIpv4(ip.ipv4Destination(), ip.ipv4Source(), IpProtocol.TCP, Ipv4Repr.DEFAULT_TTL, length);
        if (status != PacketEmitter.OK) {
            return; // counted by the emitter
        }
        packet.wrap(emitter.buffer(), emitter.payloadOffset(), length);
        reset.emit(packet);
        if (emitter.checksumBySoftware(IpProtocol.TCP)) {
            if (ip.isIpv6()) {
                packet.fillChecksumIpv6(emitter.sourceHigh(), emitter.sourceLow(), ip.sourceHigh(), ip.sourceLow());
            } else {
                packet.fillChecksumIpv4(emitter.source(), ip.ipv4Source());
            }
        }
        emitter.commit();
        counters.increment(Counters.TX_TCP_RESETS);
    }
}
