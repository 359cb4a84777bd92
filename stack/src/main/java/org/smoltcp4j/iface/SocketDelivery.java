package org.smoltcp4j.iface;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.RawIpSocket;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Hands received packets to the sockets of this poll's {@link SocketSet}: raw sockets by
 * protocol (IPv4), UDP datagrams of either IP version by port, ICMP and ICMPv6 echo messages to
 * ICMP sockets, and ICMP and ICMPv6 errors about our UDP datagrams to the UDP socket that sent
 * them (about TCP segments, through {@link TcpDelivery}). A socket whose queue is full loses the
 * packet, which is counted; delivery never waits.
 */
final class SocketDelivery {

    /** {@link #deliverUdp}: at least one socket took the datagram (or its queue was full). */
    static final int UDP_DELIVERED = 0;
    /** {@link #deliverUdp}: no socket is bound to the destination port. */
    static final int UDP_NO_SOCKET = 1;
    /** {@link #deliverUdp}: the datagram was malformed or its checksum wrong (counted). */
    static final int UDP_DROPPED = 2;

    private final DeviceCapabilities capabilities;
    private final Counters counters;
    private final TcpDelivery tcp;
    private final UdpPacket udpPacket = new UdpPacket();
    private final UdpRepr udp = new UdpRepr();
    private SocketSet sockets;

    SocketDelivery(DeviceCapabilities capabilities, Counters counters, TcpDelivery tcp) {
        this.capabilities = capabilities;
        this.counters = counters;
        this.tcp = tcp;
    }

    /** The sockets this poll delivers to. */
    void use(SocketSet sockets) {
        this.sockets = sockets;
    }

    /**
     * Gives the whole IPv4 packet {@code buf[off, +len)} to every raw socket of {@code protocol}.
     * Returns true when there was one: the packet was handled, so no unreachable is sent for it.
     */
    boolean deliverRaw(int protocol, byte[] buf, int off, int len) {
        boolean handled = false;
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof RawIpSocket && ((RawIpSocket) socket).accepts(protocol)) {
                handled = true;
                countIfFull(((RawIpSocket) socket).process(buf, off, len));
            }
        }
        return handled;
    }

    /**
     * Delivers the UDP datagram {@code buf[off, +len)} carried by {@code ip} (either IP version; over
     * IPv6 a zero checksum is refused, RFC 8200 8.1): to the first bound socket if unicast, to every
     * bound socket if broadcast or multicast.
     */
    int deliverUdp(IpRepr ip, byte[] buf, int off, int len, boolean broadcastOrMulticast) {
        udpPacket.wrap(buf, off, len);
        boolean verify = capabilities.verifyOnReceive(DeviceCapabilities.PROTOCOL_UDP);
        int status = ip.isIpv6()
                ? udp.parseIpv6(udpPacket, ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), verify)
                : udp.parseIpv4(udpPacket, ip.ipv4Source(), ip.ipv4Destination(), verify);
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_UDP_BAD_CHECKSUM : Counters.RX_UDP_MALFORMED);
            return UDP_DROPPED;
        }
        boolean delivered = false;
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof UdpSocket && ((UdpSocket) socket).accepts(ip, udp, broadcastOrMulticast)) {
                delivered = true;
                countIfFull(((UdpSocket) socket).process(ip, udp, buf, udpPacket.payloadOffset()));
                if (!broadcastOrMulticast) {
                    break;
                }
            }
        }
        return delivered ? UDP_DELIVERED : UDP_NO_SOCKET;
    }

    /**
     * Delivers the parsed ICMPv4 message {@code icmp} ({@code buf[off, +len)}, carried by the IPv4 packet {@code ip})
     * to the ICMP sockets that accept it; an error quoting one of our TCP segments goes to its
     * connection ({@link TcpDelivery#deliverIcmpError}), and a destination unreachable quoting one
     * of our UDP datagrams to the UDP socket that sent it, as a soft error.
     */
    void deliverIcmp(IpRepr ip, Icmpv4Repr icmp, byte[] buf, int off, int len) {
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof IcmpSocket && ((IcmpSocket) socket).accepts(ip, icmp, buf)) {
                countIfFull(((IcmpSocket) socket).process(ip, buf, off, len));
            }
        }
        if (icmp.isError() && icmp.embeddedHeader().protocol() == IpProtocol.TCP) {
            tcp.deliverIcmpError(icmp, buf);
        } else if (icmp.type() == Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE
                && icmp.embeddedHeader().protocol() == IpProtocol.UDP && icmp.embeddedDataLength() >= 4) {
            deliverUdpUnreachable(icmp, buf);
        }
    }

    /**
     * Delivers the parsed ICMPv6 message {@code icmp} ({@code buf[off, +len)}, carried by {@code ip})
     * to the ICMP sockets bound to its echo identifier. The interface calls it for echo requests and
     * replies; errors go to {@link #deliverUdpIcmpv6Error} and {@link TcpDelivery#deliverIcmpv6Error}.
     */
    void deliverIcmpv6(IpRepr ip, Icmpv6Repr icmp, byte[] buf, int off, int len) {
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof IcmpSocket && ((IcmpSocket) socket).acceptsIcmpv6(icmp)) {
                countIfFull(((IcmpSocket) socket).process(ip, buf, off, len));
            }
        }
    }

    /**
     * Hands ICMPv6 error {@code icmp} (parsed from {@code buf}), whose quoted packet carries a UDP
     * header at {@link Icmpv6Repr#dataOffset()}, to the UDP socket that sent the datagram when its
     * ICMPv4 equivalent is a destination unreachable, as IPv4's are (Packet Too Big too, as
     * "fragmentation needed"); Time Exceeded and Parameter Problem reach UDP sockets of neither version.
     *
     * @return false when it reached no socket
     */
    boolean deliverUdpIcmpv6Error(Icmpv6Repr icmp, byte[] buf) {
        int equivalent = icmp.icmpv4Equivalent();
        if (equivalent >> 8 != Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE) {
            return false;
        }
        Ipv6Repr quoted = icmp.invokingHeader();
        int at = icmp.dataOffset();
        UdpSocket socket = quotedSender(quoted.sourceHigh(), quoted.sourceLow(), buf, at);
        if (socket == null) {
            return false;
        }
        socket.processUnreachable(equivalent & 0xff, quoted.destinationHigh(), quoted.destinationLow(), NetworkBytes.getU16(buf, at + 2));
        return true;
    }

    private void deliverUdpUnreachable(Icmpv4Repr icmp, byte[] buf) {
        Ipv4Repr quoted = icmp.embeddedHeader();
        int at = icmp.embeddedDataOffset();
        UdpSocket socket = quotedSender(0, Ipv6Address.ipv4MappedLow(quoted.source()), buf, at);
        if (socket != null) {
            socket.processUnreachable(icmp.code(), quoted.destination(), NetworkBytes.getU16(buf, at + 2));
        }
    }

    /** The UDP socket that sent, from {@code source}, the quoted datagram whose UDP header is at {@code buf[at]}, or null. */
    private UdpSocket quotedSender(long sourceHigh, long sourceLow, byte[] buf, int at) {
        int sourcePort = NetworkBytes.getU16(buf, at);
        for (int i = 0; i < sockets.capacity(); i++) {
            Socket socket = sockets.slot(i);
            if (socket instanceof UdpSocket && ((UdpSocket) socket).acceptsIcmpError(sourceHigh, sourceLow, sourcePort)) {
                return (UdpSocket) socket;
            }
        }
        return null;
    }

    private void countIfFull(boolean queued) {
        if (!queued) {
            counters.increment(Counters.RX_SOCKET_BUFFER_FULL);
        }
    }
}
