package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;

/**
 * A UDP socket, as smoltcp's {@code udp::Socket}: bound to a local port (and optionally one local
 * address), with a receive and a send queue of datagrams. Each queued datagram carries its remote
 * endpoint and local address in the queue's metadata words.
 *
 * <p>Dual-stack: addresses are held in the IPv6 form (two {@code long}s, IPv4 mapped). A socket
 * bound to every address ({@link #bind(int)}) takes datagrams of both IP versions; one bound to
 * an address takes only its own version's. Datagrams go out in their destination's version. The
 * int-based calls are the IPv4 ones; the {@code long} pairs name either version. Beware: a socket
 * bound with {@link #bind(int)} receives IPv6 datagrams too, whose sender the int accessors
 * ({@link #remoteAddress()}, {@link #localAddress()}) give as 0.0.0.0; answering that with the int
 * {@code send} throws. Answer with {@link #remoteAddressHigh()}/{@link #remoteAddressLow()} (right
 * for both versions), or bind an IPv4 address ({@link #bind(int, int)}) to receive IPv4 only.
 *
 * <p>Conditions of normal operation are return values: {@link #SEND_BUFFER_FULL} when the send
 * queue is full, {@link #EMPTY} when nothing was received. A datagram that does not fit the
 * receive queue is dropped and counted by the interface; the socket never holds ingress back.
 * Misuse throws: sending on an unbound socket ({@link IllegalStateException}), to an unspecified
 * address or port 0, or a datagram larger than the send buffer ({@link IllegalArgumentException}).
 *
 * <p>ICMP destination-unreachable errors about a datagram this socket sent are kept as a soft
 * error ({@link #takeError()}), which smoltcp does not offer (smoltcp #963, #1071).
 */
public final class UdpSocket extends DatagramSocket {

    /** {@link #takeError()}: no error since the last call. */
    public static final int ERROR_NONE = 0;
    /** {@link #takeError()}: an ICMP destination unreachable arrived; {@link #errorIcmpCode()} says which. */
    public static final int ERROR_UNREACHABLE = 1;
    /** {@link #takeError()}: a datagram was dropped because no route or interface address reaches its destination. */
    public static final int ERROR_NO_ROUTE = 2;
    /** {@link #takeError()}: a datagram was dropped because it is larger than the interface can send. */
    public static final int ERROR_TOO_LARGE = 3;

    /** TTL of unicast datagrams unless set (IANA's recommended default, as smoltcp). */
    public static final int DEFAULT_TTL = 64;
    /** TTL of multicast datagrams unless set (RFC 1112 section 6.1: 1, stay on the link). */
    public static final int DEFAULT_MULTICAST_TTL = 1;

    private final UdpPacket packet = new UdpPacket();
    private final UdpRepr repr = new UdpRepr();
    private long boundHigh;
    private long boundLow;
    private int boundPort;
    private int ttl = DEFAULT_TTL;
    private int multicastTtl = DEFAULT_MULTICAST_TTL;
    private int error;
    private int errorIcmpCode;
    private long errorHigh;
    private long errorLow;
    private int errorPort;

    /** A socket with queues of the given number of datagrams and payload bytes. */
    public UdpSocket(int rxPackets, int rxBytes, int txPackets, int txBytes) {
        this(new PacketBuffer(rxPackets, rxBytes, METADATA_WORDS), new PacketBuffer(txPackets, txBytes, METADATA_WORDS));
    }

    /** A socket over the caller's buffers, which need {@link #METADATA_WORDS} metadata words. */
    public UdpSocket(PacketBuffer rx, PacketBuffer tx) {
        super(TYPE_UDP, rx, tx);
    }

    // --- binding ---------------------------------------------------------------------------------

    /** Binds to {@code port} on every local address of both families. */
    public void bind(int port) {
        bind(0, 0, port);
    }

    /**
     * Binds to {@code port} on the IPv4 {@code address} (unspecified: every local address of both
     * families). As smoltcp, port 0 is refused (there is no ephemeral-port allocation) and so is
     * binding an open socket.
     */
    public void bind(int address, int port) {
        bind(0, DualStack.lowOf(address), port);
    }

    /**
     * Binds to {@code port} on the address {@code high:low} in the IPv6 form: an IPv6 address, an
     * IPv4-mapped one (IPv4 only; ::ffff:0.0.0.0 for every IPv4 address, as Linux), or (0, 0) for
     * every local address of both families.
     */
    public void bind(long high, long low, int port) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("UDP port must be 1..65535, got " + port);
        }
        if (isOpen()) {
            throw new IllegalStateException("socket is already bound to port " + boundPort + "; close it first");
        }
        boundHigh = high;
        boundLow = low;
        boundPort = port;
    }

    /** Unbinds and empties both queues (queued datagrams are dropped) and the soft error. */
    public void close() {
        boundHigh = 0;
        boundLow = 0;
        boundPort = 0;
        error = ERROR_NONE;
        resetQueues();
    }

    public boolean isOpen() {
        return boundPort != 0;
    }

    /** The bound IPv4 address (unspecified: every local address, or bound to an IPv6 address). */
    public int endpointAddress() {
        return DualStack.ipv4Of(boundHigh, boundLow);
    }

    /** The bound address's high half in the IPv6 form ((0, 0): every local address). */
    public long endpointAddressHigh() {
        return boundHigh;
    }

    /** The bound address's low half in the IPv6 form (IPv4 mapped). */
    public long endpointAddressLow() {
        return boundLow;
    }

    /** The bound port, 0 when closed. */
    public int endpointPort() {
        return boundPort;
    }

    // --- options ---------------------------------------------------------------------------------

    /** TTL (IPv4) and hop limit (IPv6) of unicast and broadcast datagrams, 1..255 (default 64). */
    public void setTtl(int ttl) {
        this.ttl = checkedTtl("TTL", ttl);
    }

    public int ttl() {
        return ttl;
    }

    /**
     * TTL (IPv4) and hop limit (IPv6) of datagrams to multicast groups, 1..255 (default 1, as Linux's
     * IP_MULTICAST_TTL and IPV6_MULTICAST_HOPS).
     */
    public void setMulticastTtl(int ttl) {
        this.multicastTtl = checkedTtl("multicast TTL", ttl);
    }

    public int multicastTtl() {
        return multicastTtl;
    }

    // --- sending ---------------------------------------------------------------------------------

    /**
     * Queues a copy of {@code data[off, off + len)} for the IPv4 endpoint {@code remoteAddress:remotePort}.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, int remoteAddress, int remotePort) {
        return send(data, off, len, 0, DualStack.lowOf(remoteAddress), remotePort);
    }

    /**
     * Queues a copy of {@code data[off, off + len)} for {@code remoteHigh:remoteLow} (IPv6, or
     * IPv4-mapped) port {@code remotePort}.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, long remoteHigh, long remoteLow, int remotePort) {
        checkSend(remoteHigh, remoteLow, remotePort);
        return sendCopy(data, off, len, remoteHigh, remoteLow, boundHigh, boundLow, remotePort);
    }

    /**
     * Reserves a datagram of {@code len} bytes for the IPv4 endpoint {@code remoteAddress:remotePort}:
     * write it into {@link #sendBuffer()} from the returned offset, then {@link #commitSend()}.
     *
     * @return the offset, or {@link #SEND_BUFFER_FULL}
     */
    public int beginSend(int len, int remoteAddress, int remotePort) {
        return beginSend(len, 0, DualStack.lowOf(remoteAddress), remotePort);
    }

    /** As {@link #beginSend(int, int, int)} for {@code remoteHigh:remoteLow} (IPv6, or IPv4-mapped). */
    public int beginSend(int len, long remoteHigh, long remoteLow, int remotePort) {
        checkSend(remoteHigh, remoteLow, remotePort);
        return reserveSend(len, remoteHigh, remoteLow, boundHigh, boundLow, remotePort);
    }

    private void checkSend(long remoteHigh, long remoteLow, int remotePort) {
        if (!isOpen()) {
            throw new IllegalStateException("UDP socket is not bound: bind it to a local port before sending");
        }
        if (DualStack.isUnspecified(remoteHigh, remoteLow)) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0 or ::)");
        }
        if (remotePort < 1 || remotePort > 0xffff) {
            throw new IllegalArgumentException("remote port must be 1..65535, got " + remotePort);
        }
        if (!Ipv6Address.isUnspecified(boundHigh, boundLow)
                && DualStack.isIpv4(boundHigh, boundLow) != DualStack.isIpv4(remoteHigh, remoteLow)) {
            throw new IllegalArgumentException(DualStack.append(DualStack.append(new StringBuilder("a socket bound to "),
                    boundHigh, boundLow).append(" cannot send to "), remoteHigh, remoteLow).append(" (another IP version)")
                    .toString());
        }
    }

    // --- received datagram's endpoint ------------------------------------------------------------

    /**
     * IPv4 source address of the datagram last returned by {@code recv} or {@code peek}; 0.0.0.0 when
     * it came over IPv6, which is no address to answer (see the class comment).
     */
    public int remoteAddress() {
        return DualStack.ipv4Of(receivedWord(WORD_REMOTE_HIGH), receivedWord(WORD_REMOTE_LOW));
    }

    /** Source address's high half, in the IPv6 form, of the datagram last returned by {@code recv} or {@code peek}. */
    public long remoteAddressHigh() {
        return receivedWord(WORD_REMOTE_HIGH);
    }

    /** Source address's low half, in the IPv6 form (IPv4 mapped), of the datagram last returned by {@code recv} or {@code peek}. */
    public long remoteAddressLow() {
        return receivedWord(WORD_REMOTE_LOW);
    }

    /** Source port of the datagram last returned by {@code recv} or {@code peek}. */
    public int remotePort() {
        return (int) receivedWord(WORD_PORTS);
    }

    /**
     * IPv4 destination address (ours, broadcast or a group) of the datagram last returned by
     * {@code recv} or {@code peek} (0.0.0.0 when it came over IPv6).
     */
    public int localAddress() {
        return DualStack.ipv4Of(receivedWord(WORD_LOCAL_HIGH), receivedWord(WORD_LOCAL_LOW));
    }

    /**
     * True when a reply can be addressed to the sender of the datagram last returned by
     * {@code recv} or {@code peek}: false for source port 0 (RFC 768: "no reply port") and for an
     * unspecified source address, both legal on the wire, for which {@code send} would throw.
     */
    public boolean senderCanBeAnswered() {
        return remotePort() != 0 && !DualStack.isUnspecified(remoteAddressHigh(), remoteAddressLow());
    }

    /** Destination address's high half, in the IPv6 form, of the datagram last returned by {@code recv} or {@code peek}. */
    public long localAddressHigh() {
        return receivedWord(WORD_LOCAL_HIGH);
    }

    /** Destination address's low half, in the IPv6 form, of the datagram last returned by {@code recv} or {@code peek}. */
    public long localAddressLow() {
        return receivedWord(WORD_LOCAL_LOW);
    }

    // --- soft errors -----------------------------------------------------------------------------

    /**
     * The last soft error ({@link #ERROR_UNREACHABLE}, {@link #ERROR_NO_ROUTE}, {@link #ERROR_TOO_LARGE})
     * or {@link #ERROR_NONE}, and clears it; {@link #errorAddressHigh()}/{@link #errorAddressLow()}
     * (or the IPv4 {@link #errorAddress()}), {@link #errorPort()} and
     * {@link #errorIcmpCode()} describe it until the next error.
     */
    public int takeError() {
        int taken = error;
        error = ERROR_NONE;
        return taken;
    }

    /** The IPv4 remote address the last soft error concerns (0.0.0.0 when it was an IPv6 destination). */
    public int errorAddress() {
        return DualStack.ipv4Of(errorHigh, errorLow);
    }

    /** The high half, in the IPv6 form, of the remote address the last soft error concerns. */
    public long errorAddressHigh() {
        return errorHigh;
    }

    /** The low half, in the IPv6 form (IPv4 mapped), of the remote address the last soft error concerns. */
    public long errorAddressLow() {
        return errorLow;
    }

    /** The remote port the last soft error concerns. */
    public int errorPort() {
        return errorPort;
    }

    /**
     * The ICMP destination-unreachable code of an {@link #ERROR_UNREACHABLE} (3 = port unreachable);
     * over IPv6 the code of the ICMPv4 equivalent ({@link org.smoltcp4j.wire.Icmpv6Repr#icmpv4Equivalent()}).
     */
    public int errorIcmpCode() {
        return errorIcmpCode;
    }

    // --- called by the interface -----------------------------------------------------------------

    /**
     * True when a datagram {@code ip}/{@code udp} is for this socket (smoltcp's {@code accepts}):
     * its port, and its destination is the bound address or any when unbound; broadcast and
     * multicast datagrams (the interface says {@code broadcastOrMulticast}, since only it knows its
     * subnets' broadcast addresses) reach address-bound sockets of their IP version too, as in smoltcp.
     */
    public boolean accepts(IpRepr ip, UdpRepr udp, boolean broadcastOrMulticast) {
        if (boundPort == 0 || udp.destinationPort() != boundPort) {
            return false;
        }
        return DualStack.matches(boundHigh, boundLow, ip.destinationHigh(), ip.destinationLow())
                || broadcastOrMulticast && DualStack.isIpv4(boundHigh, boundLow) != ip.isIpv6();
    }

    /**
     * Queues a received datagram whose payload is {@code buf[payloadOffset, +udp.payloadLength())}.
     *
     * @return false when the receive queue has no room (the datagram is dropped)
     */
    public boolean process(IpRepr ip, UdpRepr udp, byte[] buf, int payloadOffset) {
        return received(buf, payloadOffset, udp.payloadLength(), ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(),
                ip.destinationLow(), udp.sourcePort());
    }

    /** True when an ICMPv4 error quoting a datagram from {@code quotedSource:quotedSourcePort} concerns this socket. */
    public boolean acceptsIcmpError(int quotedSource, int quotedSourcePort) {
        return acceptsIcmpError(0, Ipv6Address.ipv4MappedLow(quotedSource), quotedSourcePort);
    }

    /**
     * True when an ICMP error quoting a datagram from {@code quotedSource}:{@code quotedSourcePort}
     * (IPv6 form, IPv4 mapped) concerns this socket: the port is ours and the address ours or any.
     */
    public boolean acceptsIcmpError(long quotedSourceHigh, long quotedSourceLow, int quotedSourcePort) {
        return boundPort != 0 && quotedSourcePort == boundPort && DualStack.matches(boundHigh, boundLow, quotedSourceHigh, quotedSourceLow);
    }

    /** Records destination unreachable {@code code} about a datagram sent to {@code remoteAddress:remotePort}. */
    public void processUnreachable(int code, int remoteAddress, int remotePort) {
        processUnreachable(code, 0, Ipv6Address.ipv4MappedLow(remoteAddress), remotePort);
    }

    /**
     * Records ICMPv4 destination unreachable {@code code} (for ICMPv6, the code of its ICMPv4
     * equivalent, so port unreachable is 3 in both) about a datagram sent to
     * {@code remote}:{@code remotePort}, IPv6 form.
     */
    public void processUnreachable(int code, long remoteHigh, long remoteLow, int remotePort) {
        setError(ERROR_UNREACHABLE, remoteHigh, remoteLow, remotePort);
        errorIcmpCode = code;
    }

    private void setError(int kind, long high, long low, int port) {
        error = kind;
        errorHigh = high;
        errorLow = low;
        errorPort = port;
        errorIcmpCode = 0;
    }

    /**
     * Sends the oldest queued datagram in its destination's IP version. Over IPv6 the checksum is
     * always filled (by software or the device): RFC 8200 8.1 forbids a zero UDP checksum there.
     */
    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        int slot = nextToSend();
        if (slot < 0) {
            return DISPATCH_IDLE;
        }
        PacketBuffer queue = sendQueue();
        long destinationHigh = queue.metadata(slot, WORD_REMOTE_HIGH);
        long destinationLow = queue.metadata(slot, WORD_REMOTE_LOW);
        int port = (int) queue.metadata(slot, WORD_PORTS);
        int length = queue.payloadLength(slot);
        boolean ipv4 = DualStack.isIpv4(destinationHigh, destinationLow);
        boolean multicast = ipv4 ? Ipv4Address.isMulticast(Ipv6Address.ipv4OfMapped(destinationLow))
                : Ipv6Address.isMulticast(destinationHigh);
        int status = DualStack.begin(emitter, queue.metadata(slot, WORD_LOCAL_HIGH), queue.metadata(slot, WORD_LOCAL_LOW),
                destinationHigh, destinationLow, IpProtocol.UDP, multicast ? multicastTtl : ttl, UdpPacket.HEADER_LEN + length);
        if (status == PacketEmitter.NO_ROUTE || status == PacketEmitter.TOO_LARGE) {
            setError(status == PacketEmitter.NO_ROUTE ? ERROR_NO_ROUTE : ERROR_TOO_LARGE, destinationHigh, destinationLow, port);
        }
        if (status != PacketEmitter.OK) {
            return refused(status);
        }
        byte[] out = emitter.buffer();
        int at = emitter.payloadOffset();
        packet.wrap(out, at, UdpPacket.HEADER_LEN + length);
        repr.setSourcePort(boundPort).setDestinationPort(port).setPayloadLength(length).emit(packet);
        System.arraycopy(queue.payloadStorage(), queue.payloadStart(slot), out, packet.payloadOffset(), length);
        if (emitter.checksumBySoftware(IpProtocol.UDP)) {
            if (ipv4) {
                packet.fillChecksumIpv4(emitter.source(), Ipv6Address.ipv4OfMapped(destinationLow));
            } else {
                packet.fillChecksumIpv6(emitter.sourceHigh(), emitter.sourceLow(), destinationHigh, destinationLow);
            }
        }
        return committed(emitter);
    }
}
