package org.smoltcp4j.socket;

import org.smoltcp4j.storage.RingBuffer;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * Writes a {@link TcpSocket}'s segments through a {@link PacketEmitter}, payload copied from the
 * send buffer, and holds the one immediate reply {@code process} may leave (an ACK, a challenge
 * ACK, an RST) until it is sent, over IPv4 or IPv6 as the addresses are. Keeps the TTL (the hop
 * limit over IPv6), the count of segments sent and the last soft error.
 */
final class TcpSegmentOutput {

    private final RingBuffer tx;
    private final TcpPacket packet = new TcpPacket();
    private final TcpRepr reply = new TcpRepr();

    private int ttl = TcpSocket.DEFAULT_TTL;
    private long segmentsOut;
    private int softError = TcpSocket.ERROR_NONE; // issue 6: no route
    private boolean replyPending;
    private long replySourceHigh;
    private long replySourceLow;
    private long replyDestinationHigh;
    private long replyDestinationLow;

    TcpSegmentOutput(RingBuffer tx) {
        this.tx = tx;
    }

    void reset() {
        replyPending = false;
        softError = TcpSocket.ERROR_NONE;
    }

    int ttl() {
        return ttl;
    }

    void setTtl(int ttl) {
        this.ttl = ttl;
    }

    long segmentsSent() {
        return segmentsOut;
    }

    /** The last soft error, cleared. */
    int takeSoftError() {
        int taken = softError;
        softError = TcpSocket.ERROR_NONE;
        return taken;
    }

    boolean hasReply() {
        return replyPending;
    }

    TcpRepr reply() {
        return reply;
    }

    /** A new segment is being processed: a reply left by the previous one is dropped. */
    void dropReply() {
        replyPending = false;
    }

    /**
     * Starts the reply to {@code tcp} from {@code ip}: ports and addresses swapped, no flags, no
     * options, zero sequence number and window, which the caller then fills.
     */
    TcpRepr startReply(IpRepr ip, TcpRepr tcp) {
        replyPending = true;
        replySourceHigh = ip.destinationHigh();
        replySourceLow = ip.destinationLow();
        replyDestinationHigh = ip.sourceHigh();
        replyDestinationLow = ip.sourceLow();
        return reply.clearOptions().setFlags(0).setPayloadLength(0).setWindow(0).setSequenceNumber(0)
                .setSourcePort(tcp.destinationPort()).setDestinationPort(tcp.sourcePort());
    }

    /**
     * Sends the pending reply: {@link PacketEmitter#OK}, or the emitter's refusal (the reply is
     * dropped either way; the peer's next segment elicits another). Call only with {@link #hasReply()}.
     */
    int sendReply(PacketEmitter emitter) {
        replyPending = false;
        int status = emit(emitter, reply, replySourceHigh, replySourceLow, replyDestinationHigh, replyDestinationLow, 0);
        if (status != PacketEmitter.OK) {
            recordSoftError(status);
        }
        return status;
    }

    /**
     * Writes {@code repr} and its payload (from the send buffer at {@code txOffset}, or one zero
     * byte for a keep-alive when {@code txOffset} is -1) through {@code emitter}, in the IP version
     * of the addresses (IPv6 form, IPv4 mapped), with that version's checksum.
     */
    int emit(PacketEmitter emitter, TcpRepr repr, long sourceHigh, long sourceLow, long destinationHigh,
            long destinationLow, int txOffset) {
        int header = repr.bufferLen();
        int length = repr.payloadLength();
        int status = DualStack.begin(emitter, sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.TCP, ttl,
                header + length);
        if (status != PacketEmitter.OK) {
            return status;
        }
        byte[] buffer = emitter.buffer();
        int at = emitter.payloadOffset();
        packet.wrap(buffer, at, header + length);
        repr.emit(packet);
        if (txOffset < 0) {
            buffer[at + header] = 0;
        } else {
            tx.readAllocated(txOffset, buffer, at + header, length);
        }
        if (emitter.checksumBySoftware(IpProtocol.TCP)) {
            fillChecksum(emitter, destinationHigh, destinationLow);
        }
        emitter.commit();
        segmentsOut++;
        return PacketEmitter.OK;
    }

    private void fillChecksum(PacketEmitter emitter, long destinationHigh, long destinationLow) {
        if (DualStack.isIpv4(destinationHigh, destinationLow)) {
            packet.fillChecksumIpv4(emitter.source(), Ipv6Address.ipv4OfMapped(destinationLow));
        } else {
            packet.fillChecksumIpv6(emitter.sourceHigh(), emitter.sourceLow(), destinationHigh, destinationLow);
        }
    }

    /**
     * Records a refusal that waiting a poll does not cure (no route, too large) as the soft error and
     * returns true; returns false for the transient ones (device busy, neighbour pending).
     */
    boolean recordSoftError(int emitterStatus) {
        if (emitterStatus == PacketEmitter.NO_ROUTE) {
            softError = TcpSocket.ERROR_NO_ROUTE;
            return true;
        }
        if (emitterStatus == PacketEmitter.TOO_LARGE) {
            softError = TcpSocket.ERROR_TOO_LARGE;
            return true;
        }
        return false;
    }
}
