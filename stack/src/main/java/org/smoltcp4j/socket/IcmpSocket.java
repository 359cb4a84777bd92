package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.Icmpv6Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * An ICMP socket, as smoltcp's {@code icmp::Socket}, for ICMPv4 and ICMPv6. Bound to an echo
 * identifier it receives echo requests and replies of either version carrying that identifier
 * (smoltcp accepts both; the interface still answers requests itself); bound to a UDP port it
 * receives ICMPv4 destination-unreachable errors that quote a UDP datagram sent from that port
 * (ICMPv6 errors are not delivered to sockets). Packets are whole ICMP messages, received with
 * their source address (in the IPv6 form, IPv4 mapped); the application writes whole messages to
 * send, ICMPv4 ones to an IPv4 address and ICMPv6 ones to an IPv6 address, and the socket fills
 * their checksum (ICMPv6's over the IPv6 pseudo-header) unless the device does.
 *
 * <p>As in smoltcp, sending needs no binding.
 */
public final class IcmpSocket extends DatagramSocket {

    private static final int UNBOUND = 0;
    private static final int BOUND_IDENTIFIER = 1;
    private static final int BOUND_UDP = 2;

    /** The smallest message sent: type, code, checksum and the 4-byte rest of header (echo identifier and sequence). */
    private static final int MIN_MESSAGE_LEN = 8;

    private final Icmpv4Packet packet = new Icmpv4Packet();
    private final Icmpv6Packet packet6 = new Icmpv6Packet();
    private int binding = UNBOUND;
    private int identifier;
    private int udpAddress;
    private int udpPort;
    private int ttl = UdpSocket.DEFAULT_TTL;

    /** A socket with queues of the given number of messages and bytes. */
    public IcmpSocket(int rxPackets, int rxBytes, int txPackets, int txBytes) {
        this(new PacketBuffer(rxPackets, rxBytes, METADATA_WORDS), new PacketBuffer(txPackets, txBytes, METADATA_WORDS));
    }

    /** A socket over the caller's buffers, which need {@link #METADATA_WORDS} metadata words. */
    public IcmpSocket(PacketBuffer rx, PacketBuffer tx) {
        super(TYPE_ICMP, rx, tx);
    }

    /** Receives echo requests and replies whose identifier is {@code identifier} (0..65535). */
    public void bindIdentifier(int identifier) {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("ICMP identifier must be 0..65535, got " + identifier);
        }
        requireUnbound();
        this.identifier = identifier;
        binding = BOUND_IDENTIFIER;
    }

    /**
     * Receives destination-unreachable errors about UDP datagrams sent from {@code port} (1..65535)
     * and {@code address} (unspecified: any local address).
     */
    public void bindUdp(int address, int port) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("UDP port must be 1..65535, got " + port);
        }
        requireUnbound();
        udpAddress = address;
        udpPort = port;
        binding = BOUND_UDP;
    }

    private void requireUnbound() {
        if (isOpen()) {
            throw new IllegalStateException("ICMP socket is already bound; close it first");
        }
    }

    /** Unbinds and empties both queues. */
    public void close() {
        binding = UNBOUND;
        resetQueues();
    }

    public boolean isOpen() {
        return binding != UNBOUND;
    }

    /** TTL (hop limit over IPv6) of sent messages, 1..255 (default 64). */
    public void setTtl(int ttl) {
        this.ttl = checkedTtl("TTL", ttl);
    }

    public int ttl() {
        return ttl;
    }

    /**
     * Queues a copy of the ICMPv4 message {@code data[off, off + len)} (at least the 8-byte header)
     * for {@code remoteAddress}.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, int remoteAddress) {
        checkIpv4(remoteAddress);
        return send(data, off, len, 0, Ipv6Address.ipv4MappedLow(remoteAddress));
    }

    /**
     * Queues a copy of the ICMP message {@code data[off, off + len)} (at least the 8-byte header)
     * for {@code remoteHigh:remoteLow}: an ICMPv6 message to an IPv6 address, or an ICMPv4 one to an
     * IPv4-mapped address.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, long remoteHigh, long remoteLow) {
        checkSend(len, remoteHigh, remoteLow);
        return sendCopy(data, off, len, remoteHigh, remoteLow, 0, 0, 0);
    }

    /** Reserves an ICMPv4 message of {@code len} bytes in place (see {@link DatagramSocket}): the offset, or {@link #SEND_BUFFER_FULL}. */
    public int beginSend(int len, int remoteAddress) {
        checkIpv4(remoteAddress);
        return beginSend(len, 0, Ipv6Address.ipv4MappedLow(remoteAddress));
    }

    /** As {@link #beginSend(int, int)} for {@code remoteHigh:remoteLow} (ICMPv6 to IPv6, ICMPv4 to IPv4-mapped). */
    public int beginSend(int len, long remoteHigh, long remoteLow) {
        checkSend(len, remoteHigh, remoteLow);
        return reserveSend(len, remoteHigh, remoteLow, 0, 0, 0);
    }

    private static void checkIpv4(int remoteAddress) {
        if (remoteAddress == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0)");
        }
    }

    private static void checkSend(int len, long remoteHigh, long remoteLow) {
        if (DualStack.isUnspecified(remoteHigh, remoteLow)) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0 or ::)");
        }
        if (len < MIN_MESSAGE_LEN) {
            throw new IllegalArgumentException("an ICMP message is at least " + MIN_MESSAGE_LEN + " bytes, got " + len);
        }
    }

    /** IPv4 source address of the message last returned by {@code recv} or {@code peek} (0.0.0.0 for ICMPv6). */
    public int remoteAddress() {
        return DualStack.ipv4Of(receivedWord(WORD_REMOTE_HIGH), receivedWord(WORD_REMOTE_LOW));
    }

    /** Source address's high half, in the IPv6 form, of the message last returned by {@code recv} or {@code peek}. */
    public long remoteAddressHigh() {
        return receivedWord(WORD_REMOTE_HIGH);
    }

    /** Source address's low half, in the IPv6 form (IPv4 mapped), of the message last returned by {@code recv} or {@code peek}. */
    public long remoteAddressLow() {
        return receivedWord(WORD_REMOTE_LOW);
    }

    // --- called by the interface -----------------------------------------------------------------

    /**
     * True when the parsed ICMPv4 message {@code icmp} (carried by the IPv4 packet {@code ip}, its
     * bytes in {@code buf}) is for this socket.
     */
    public boolean accepts(IpRepr ip, Icmpv4Repr icmp, byte[] buf) {
        int type = icmp.type();
        if (binding == BOUND_IDENTIFIER) {
            return (type == Icmpv4Packet.TYPE_ECHO_REQUEST || type == Icmpv4Packet.TYPE_ECHO_REPLY) && icmp.identifier() == identifier;
        }
        if (binding != BOUND_UDP || type != Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE
                || icmp.embeddedHeader().protocol() != IpProtocol.UDP || icmp.embeddedDataLength() < 2) {
            return false;
        }
        return NetworkBytes.getU16(buf, icmp.embeddedDataOffset()) == udpPort
                && (udpAddress == Ipv4Address.UNSPECIFIED || udpAddress == ip.ipv4Destination());
    }

    /** True when the parsed ICMPv6 message {@code icmp} is for this socket: an echo request or reply with the bound identifier. */
    public boolean acceptsIcmpv6(Icmpv6Repr icmp) {
        int type = icmp.type();
        return binding == BOUND_IDENTIFIER && (type == Icmpv6Packet.TYPE_ECHO_REQUEST || type == Icmpv6Packet.TYPE_ECHO_REPLY)
                && icmp.echoIdentifier() == identifier;
    }

    /** Queues the ICMP message {@code buf[offset, +length)} carried by {@code ip} (either version); false when there is no room. */
    public boolean process(IpRepr ip, byte[] buf, int offset, int length) {
        return received(buf, offset, length, ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 0);
    }

    /** Sends the oldest queued message: ICMPv4 to an IPv4-mapped destination, ICMPv6 to an IPv6 one. */
    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        int slot = nextToSend();
        if (slot < 0) {
            return DISPATCH_IDLE;
        }
        PacketBuffer queue = sendQueue();
        long destinationHigh = queue.metadata(slot, WORD_REMOTE_HIGH);
        long destinationLow = queue.metadata(slot, WORD_REMOTE_LOW);
        boolean ipv4 = DualStack.isIpv4(destinationHigh, destinationLow);
        int length = queue.payloadLength(slot);
        int status = DualStack.begin(emitter, 0, 0, destinationHigh, destinationLow, ipv4 ? IpProtocol.ICMP : IpProtocol.ICMPV6,
                ttl, length);
        if (status != PacketEmitter.OK) {
            return refused(status);
        }
        byte[] out = emitter.buffer();
        int at = emitter.payloadOffset();
        System.arraycopy(queue.payloadStorage(), queue.payloadStart(slot), out, at, length);
        if (ipv4 && emitter.checksumBySoftware(IpProtocol.ICMP)) {
            packet.wrap(out, at, length).fillChecksum();
        } else if (!ipv4 && emitter.checksumBySoftware(IpProtocol.ICMPV6)) {
            packet6.wrap(out, at, length).fillChecksum(emitter.sourceHigh(), emitter.sourceLow(), destinationHigh,
                    destinationLow);
        }
        return committed(emitter);
    }
}
