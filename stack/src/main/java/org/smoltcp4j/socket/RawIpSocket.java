package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.WireStatus;

/**
 * A raw IPv4 socket for one IP protocol, as smoltcp's {@code raw::Socket}: it receives every
 * IPv4 packet of that protocol addressed to the interface, byte for byte as it arrived, header and
 * options included (smoltcp rebuilds the header and loses its options, smoltcp #1095), and sends
 * packets whose whole IPv4 header the application wrote. The interface fills the header checksum
 * (unless the device does) and a source of 0.0.0.0; everything else is the application's,
 * including the transport checksum.
 *
 * <p>UDP and ICMP packets reach raw sockets of their protocol as well as the UDP and ICMP
 * sockets; a protocol with a raw socket gets no ICMP protocol or port unreachable (as smoltcp).
 *
 * <p>IPv4 only: IPv6 packets never reach a raw socket, and it cannot send one.
 */
public final class RawIpSocket extends DatagramSocket {

    private final int protocol;
    private final Ipv4Packet view = new Ipv4Packet();

    /** A socket for {@code ipProtocol} (0..255) with queues of the given number of packets and bytes. */
    public RawIpSocket(int ipProtocol, int rxPackets, int rxBytes, int txPackets, int txBytes) {
        this(ipProtocol, new PacketBuffer(rxPackets, rxBytes, METADATA_WORDS), new PacketBuffer(txPackets, txBytes, METADATA_WORDS));
    }

    /** A socket over the caller's buffers, which need {@link #METADATA_WORDS} metadata words. */
    public RawIpSocket(int ipProtocol, PacketBuffer rx, PacketBuffer tx) {
        super(TYPE_RAW, rx, tx);
        if (ipProtocol < 0 || ipProtocol > 255) {
            throw new IllegalArgumentException("IP protocol must be 0..255, got " + ipProtocol);
        }
        this.protocol = ipProtocol;
    }

    public int ipProtocol() {
        return protocol;
    }

    /**
     * Queues a copy of the IPv4 packet {@code data[off, off + len)}, header included.
     *
     * @return {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}
     * @throws IllegalArgumentException when the header is not IPv4 (version 4, IHL 5..15), its total
     *                                  length is not {@code len}, its protocol is not this socket's,
     *                                  or its destination is unspecified
     */
    public int send(byte[] data, int off, int len) {
        if (data == null) {
            throw new NullPointerException("data is null");
        }
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("offset " + off + " and length " + len + " are outside an array of "
                    + data.length + " bytes");
        }
        view.wrap(data, off, len);
        if (view.checkHeader() != WireStatus.OK) {
            throw new IllegalArgumentException("not an IPv4 header: needs version 4, IHL 5..15 within the "
                    + len + " bytes given and a total length covering the header");
        }
        if (view.totalLength() != len) {
            throw new IllegalArgumentException("IPv4 total length field says " + view.totalLength() + " but the packet is "
                    + len + " bytes");
        }
        if (view.protocol() != protocol) {
            throw new IllegalArgumentException("IPv4 protocol field is " + view.protocol() + " but this raw socket is for "
                    + protocol);
        }
        if (view.destination() == Ipv4Address.UNSPECIFIED) {
            throw new IllegalArgumentException("IPv4 destination is unspecified (0.0.0.0)");
        }
        return sendCopy(data, off, len, 0, 0, 0, 0, 0);
    }

    // --- called by the interface -----------------------------------------------------------------

    /** True when packets of {@code ipProtocol} are for this socket. */
    public boolean accepts(int ipProtocol) {
        return ipProtocol == protocol;
    }

    /** Queues the whole IPv4 packet {@code buf[offset, +length)}; false when there is no room. */
    public boolean process(byte[] buf, int offset, int length) {
        return received(buf, offset, length, 0, 0, 0, 0, 0);
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        int slot = nextToSend();
        if (slot < 0) {
            return DISPATCH_IDLE;
        }
        PacketBuffer queue = sendQueue();
        int length = queue.payloadLength(slot);
        int start = queue.payloadStart(slot);
        int destination = view.wrap(queue.payloadStorage(), start, length).destination();
        int status = emitter.beginIpv4Packet(destination, length);
        if (status != PacketEmitter.OK) {
            return refused(status);
        }
        byte[] out = emitter.buffer();
        int at = emitter.payloadOffset();
        System.arraycopy(queue.payloadStorage(), start, out, at, length);
        view.wrap(out, at, length);
        if (view.source() == Ipv4Address.UNSPECIFIED) {
            view.setSource(emitter.source());
        }
        return committed(emitter);
    }
}
