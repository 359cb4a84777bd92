package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;

/**
 * A UDP socket, as smoltcp's {@code udp::Socket}: bound to a local port (and optionally one local
 * address), with a receive and a send queue of datagrams. Each queued datagram carries its remote
 * endpoint and local address in the queue's metadata words.
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
    private int boundAddress;
    private int boundPort;
    private int ttl = DEFAULT_TTL;
    private int multicastTtl = DEFAULT_MULTICAST_TTL;
    private int error;
    private int errorIcmpCode;
    private int errorAddress;
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

    /** Binds to {@code port} on every local address. */
    public void bind(int port) {
        bind(Ipv4Address.UNSPECIFIED, port);
    }

    /**
     * Binds to {@code port} on {@code address} (unspecified for every local address). As smoltcp,
     * port 0 is refused (there is no ephemeral-port allocation) and so is binding an open socket.
     */
    public void bind(int address, int port) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("UDP port must be 1..65535, got " + port);
        }
        if (isOpen()) {
            throw new IllegalStateException("socket is already bound to port " + boundPort + "; close it first");
        }
        boundAddress = address;
        boundPort = port;
    }

    /** Unbinds and empties both queues (queued datagrams are dropped) and the soft error. */
    public void close() {
        boundAddress = Ipv4Address.UNSPECIFIED;
        boundPort = 0;
        error = ERROR_NONE;
        resetQueues();
    }

    public boolean isOpen() {
        return boundPort != 0;
    }

    /** The bound address (unspecified: every local address). */
    public int endpointAddress() {
        return boundAddress;
    }

    /** The bound port, 0 when closed. */
    public int endpointPort() {
        return boundPort;
    }

    // --- options ---------------------------------------------------------------------------------

    /** TTL of unicast and broadcast datagrams, 1..255 (default 64). */
    public void setTtl(int ttl) {
        this.ttl = checkedTtl("TTL", ttl);
    }

    public int ttl() {
        return ttl;
    }

    /** TTL of datagrams to multicast groups, 1..255 (default 1). */
    public void setMulticastTtl(int ttl) {
        this.multicastTtl = checkedTtl("multicast TTL", ttl);
    }

    public int multicastTtl() {
        return multicastTtl;
    }

    // --- sending ---------------------------------------------------------------------------------

    /**
     * Queues a copy of {@code data[off, off + len)} for {@code remoteAddress:remotePort}.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, int remoteAddress, int remotePort) {
        checkSend(remoteAddress, remotePort);
        return sendCopy(data, off, len, endpoint(remoteAddress, remotePort), boundAddress & 0xffffffffL);
    }

    /**
     * Reserves a datagram of {@code len} bytes for {@code remoteAddress:remotePort}: write it into
     * {@link #sendBuffer()} from the returned offset, then {@link #commitSend()}.
     *
     * @return the offset, or {@link #SEND_BUFFER_FULL}
     */
    public int beginSend(int len, int remoteAddress, int remotePort) {
        checkSend(remoteAddress, remotePort);
        return reserveSend(len, endpoint(remoteAddress, remotePort), boundAddress & 0xffffffffL);
    }

    private void checkSend(int remoteAddress, int remotePort) {
        if (!isOpen()) {
            throw new IllegalStateException("UDP socket is not bound: bind it to a local port before sending");
        }
        if (remoteAddress == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0)");
        }
        if (remotePort < 1 || remotePort > 0xffff) {
            throw new IllegalArgumentException("remote port must be 1..65535, got " + remotePort);
        }
    }

    // --- received datagram's endpoint ------------------------------------------------------------

    /** Source address of the datagram last returned by {@code recv} or {@code peek}. */
    public int remoteAddress() {
        return (int) (receivedWord0() >>> 16);
    }

    /** Source port of the datagram last returned by {@code recv} or {@code peek}. */
    public int remotePort() {
        return (int) receivedWord0() & 0xffff;
    }

    /** Destination address (ours, broadcast or a group) of the datagram last returned by {@code recv} or {@code peek}. */
    public int localAddress() {
        return (int) receivedWord1();
    }

    // --- soft errors -----------------------------------------------------------------------------

    /**
     * The last soft error ({@link #ERROR_UNREACHABLE}, {@link #ERROR_NO_ROUTE}, {@link #ERROR_TOO_LARGE})
     * or {@link #ERROR_NONE}, and clears it; {@link #errorAddress()}, {@link #errorPort()} and
     * {@link #errorIcmpCode()} describe it until the next error.
     */
    public int takeError() {
        int taken = error;
        error = ERROR_NONE;
        return taken;
    }

    /** The remote address the last soft error concerns. */
    public int errorAddress() {
        return errorAddress;
    }

    /** The remote port the last soft error concerns. */
    public int errorPort() {
        return errorPort;
    }

    /** The ICMP destination-unreachable code of an {@link #ERROR_UNREACHABLE} (3 = port unreachable). */
    public int errorIcmpCode() {
        return errorIcmpCode;
    }

    // --- called by the interface -----------------------------------------------------------------

    /**
     * True when a datagram {@code ip}/{@code udp} is for this socket (smoltcp's {@code accepts}):
     * its port, and its destination is the bound address or any when unbound; broadcast and
     * multicast datagrams (the interface says {@code broadcastOrMulticast}, since only it knows its
     * subnets' broadcast addresses) reach address-bound sockets too, as in smoltcp.
     */
    public boolean accepts(Ipv4Repr ip, UdpRepr udp, boolean broadcastOrMulticast) {
        if (boundPort == 0 || udp.destinationPort() != boundPort) {
            return false;
        }
        return boundAddress == Ipv4Address.UNSPECIFIED || boundAddress == ip.destination() || broadcastOrMulticast;
    }

    /**
     * Queues a received datagram whose payload is {@code buf[payloadOffset, +udp.payloadLength())}.
     *
     * @return false when the receive queue has no room (the datagram is dropped)
     */
    public boolean process(Ipv4Repr ip, UdpRepr udp, byte[] buf, int payloadOffset) {
        return received(buf, payloadOffset, udp.payloadLength(), endpoint(ip.source(), udp.sourcePort()),
                ip.destination() & 0xffffffffL);
    }

    /**
     * True when an ICMP error quoting a datagram from {@code quotedSource:quotedSourcePort}
     * concerns this socket.
     */
    public boolean acceptsIcmpError(int quotedSource, int quotedSourcePort) {
        return boundPort != 0 && quotedSourcePort == boundPort
                && (boundAddress == Ipv4Address.UNSPECIFIED || boundAddress == quotedSource);
    }

    /** Records destination unreachable {@code code} about a datagram sent to {@code remoteAddress:remotePort}. */
    public void processUnreachable(int code, int remoteAddress, int remotePort) {
        setError(ERROR_UNREACHABLE, remoteAddress, remotePort);
        errorIcmpCode = code;
    }

    private void setError(int kind, int address, int port) {
        error = kind;
        errorAddress = address;
        errorPort = port;
        errorIcmpCode = 0;
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        int slot = nextToSend();
        if (slot < 0) {
            return DISPATCH_IDLE;
        }
        PacketBuffer queue = sendQueue();
        long remote = queue.metadata(slot, 0);
        int destination = (int) (remote >>> 16);
        int port = (int) remote & 0xffff;
        int length = queue.payloadLength(slot);
        int status = emitter.beginIpv4((int) queue.metadata(slot, 1), destination, IpProtocol.UDP,
                Ipv4Address.isMulticast(destination) ? multicastTtl : ttl, UdpPacket.HEADER_LEN + length);
        if (status == PacketEmitter.NO_ROUTE || status == PacketEmitter.TOO_LARGE) {
            setError(status == PacketEmitter.NO_ROUTE ? ERROR_NO_ROUTE : ERROR_TOO_LARGE, destination, port);
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
            packet.fillChecksumIpv4(emitter.source(), destination);
        }
        return committed(emitter);
    }

    private static long endpoint(int address, int port) {
        return (address & 0xffffffffL) << 16 | port;
    }
}
