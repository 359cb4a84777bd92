package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * An ICMPv4 socket, as smoltcp's {@code icmp::Socket}. Bound to an echo identifier it receives
 * echo requests and replies carrying that identifier (smoltcp accepts both; the interface still
 * answers requests itself); bound to a UDP port it receives destination-unreachable errors that
 * quote a UDP datagram sent from that port. Packets are whole ICMP messages, received with their
 * source address; the application writes whole messages to send, and the socket fills their
 * checksum unless the device does.
 *
 * <p>As in smoltcp, sending needs no binding.
 */
public final class IcmpSocket extends DatagramSocket {

    private static final int UNBOUND = 0;
    private static final int BOUND_IDENTIFIER = 1;
    private static final int BOUND_UDP = 2;

    private final Icmpv4Packet packet = new Icmpv4Packet();
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

    /** TTL of sent messages, 1..255 (default 64). */
    public void setTtl(int ttl) {
        this.ttl = checkedTtl("TTL", ttl);
    }

    public int ttl() {
        return ttl;
    }

    /**
     * Queues a copy of the ICMP message {@code data[off, off + len)} (at least the 8-byte header)
     * for {@code remoteAddress}.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     */
    public int send(byte[] data, int off, int len, int remoteAddress) {
        checkSend(len, remoteAddress);
        return sendCopy(data, off, len, 0, Ipv6Address.ipv4MappedLow(remoteAddress), 0, 0, 0);
    }

    /** Reserves a message of {@code len} bytes in place (see {@link DatagramSocket}): the offset, or {@link #SEND_BUFFER_FULL}. */
    public int beginSend(int len, int remoteAddress) {
        checkSend(len, remoteAddress);
        return reserveSend(len, 0, Ipv6Address.ipv4MappedLow(remoteAddress), 0, 0, 0);
    }

    private static void checkSend(int len, int remoteAddress) {
        if (remoteAddress == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("remote address is unspecified (0.0.0.0)");
        }
        if (len < Icmpv4Packet.HEADER_LEN) {
            throw new IllegalArgumentException("an ICMP message is at least " + Icmpv4Packet.HEADER_LEN + " bytes, got " + len);
        }
    }

    /** Source address of the message last returned by {@code recv} or {@code peek}. */
    public int remoteAddress() {
        return DualStack.ipv4Of(receivedWord(WORD_REMOTE_HIGH), receivedWord(WORD_REMOTE_LOW));
    }

    // --- called by the interface -----------------------------------------------------------------

    /**
     * True when the parsed message {@code icmp} (carried by {@code ip}, its bytes in {@code buf}) is
     * for this socket.
     */
    public boolean accepts(Ipv4Repr ip, Icmpv4Repr icmp, byte[] buf) {
        int type = icmp.type();
        if (binding == BOUND_IDENTIFIER) {
            return (type == Icmpv4Packet.TYPE_ECHO_REQUEST || type == Icmpv4Packet.TYPE_ECHO_REPLY) && icmp.identifier() == identifier;
        }
        if (binding != BOUND_UDP || type != Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE
                || icmp.embeddedHeader().protocol() != IpProtocol.UDP || icmp.embeddedDataLength() < 2) {
            return false;
        }
        return NetworkBytes.getU16(buf, icmp.embeddedDataOffset()) == udpPort
                && (udpAddress == Ipv4Address.UNSPECIFIED || udpAddress == ip.destination());
    }

    /** Queues the message {@code buf[offset, +length)} from {@code ip.source()}; false when there is no room. */
    public boolean process(Ipv4Repr ip, byte[] buf, int offset, int length) {
        return received(buf, offset, length, 0, Ipv6Address.ipv4MappedLow(ip.source()), 0,
                Ipv6Address.ipv4MappedLow(ip.destination()), 0);
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        int slot = nextToSend();
        if (slot < 0) {
            return DISPATCH_IDLE;
        }
        PacketBuffer queue = sendQueue();
        int destination = Ipv6Address.ipv4OfMapped(queue.metadata(slot, WORD_REMOTE_LOW));
        int length = queue.payloadLength(slot);
        int status = emitter.beginIpv4(Ipv4Address.UNSPECIFIED, destination, IpProtocol.ICMP, ttl, length);
        if (status != PacketEmitter.OK) {
            return refused(status);
        }
        byte[] out = emitter.buffer();
        int at = emitter.payloadOffset();
        System.arraycopy(queue.payloadStorage(), queue.payloadStart(slot), out, at, length);
        if (emitter.checksumBySoftware(IpProtocol.ICMP)) {
            packet.wrap(out, at, length).fillChecksum();
        }
        return committed(emitter);
    }
}
