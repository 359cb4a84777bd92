package org.smoltcp4j.socket;

import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * Builds a {@link TcpSocket}'s outgoing segments: the one segment a dispatch decided on (SYN,
 * data, FIN, keep-alive or zero-window probe, pure ACK, RST) with the bookkeeping its sending
 * entails, and the immediate ACK or RST replies to input. Headers come from the receive half
 * (acknowledgment, window, SACK blocks), the send half (sequence number, payload) and the
 * negotiated options.
 */
final class TcpTransmitter {

    private final TcpEndpoints endpoints;
    private final TcpSender sender;
    private final TcpReceiver receiver;
    private final TcpNegotiation negotiation;
    private final TcpTimestamps timestamps;
    private final TcpTimers timers;
    private final TcpIcmpErrors icmpErrors;
    private final TcpSegmentOutput output;
    private final TcpRepr out = new TcpRepr();
    private int refusal;

    TcpTransmitter(TcpEndpoints endpoints, TcpSender sender, TcpReceiver receiver, TcpNegotiation negotiation,
            TcpTimestamps timestamps, TcpTimers timers, TcpIcmpErrors icmpErrors, TcpSegmentOutput output) {
        this.endpoints = endpoints;
        this.sender = sender;
        this.receiver = receiver;
        this.negotiation = negotiation;
        this.timestamps = timestamps;
        this.timers = timers;
        this.icmpErrors = icmpErrors;
        this.output = output;
    }

    /** The {@link PacketEmitter} refusal of the last {@link Socket#DISPATCH_BLOCKED} transmission. */
    int refusal() {
        return refusal;
    }

    /**
     * Builds and sends the segment a connection in {@code state} sends now: {@link Socket#DISPATCH_SENT},
     * {@link Socket#DISPATCH_IDLE} (nothing in LISTEN, or a segment refused for good, which counts
     * as sent and lost), or {@link Socket#DISPATCH_BLOCKED} with the {@link #refusal()}.
     */
    int transmit(SocketContext context, PacketEmitter emitter, long now, int state, boolean closing) {
        int ackNumber = receiver.nextSeq();
        out.clearOptions().setFlags(0).setPayloadLength(0).setSourcePort(endpoints.localPort())
                .setDestinationPort(endpoints.remotePort()).setSequenceNumber(sender.nxt()).setAckNumber(ackNumber)
                .setWindow(receiver.scaledWindow(sender.mss()));
        int kind = TcpSender.CONTROL;
        switch (state) {
            case TcpSocket.CLOSED:
                out.setFlags(TcpPacket.FLAG_RST | TcpPacket.FLAG_ACK);
                addOptions(out, now, ackNumber); // RFC 7323 3.2: an RST SHOULD carry the timestamp
                break;
            case TcpSocket.LISTEN:
                return Socket.DISPATCH_IDLE;
            case TcpSocket.SYN_SENT:
            case TcpSocket.SYN_RECEIVED:
                boolean active = state == TcpSocket.SYN_SENT;
                out.setSequenceNumber(sender.una()).setWindow(receiver.synWindow())
                        .setFlags(active ? TcpPacket.FLAG_SYN : TcpPacket.FLAG_SYN | TcpPacket.FLAG_ACK);
                negotiation.addSynOptions(out, active, receiver.windowShift(), context.ipMtu(), now);
                break;
            case TcpSocket.ESTABLISHED:
            case TcpSocket.FIN_WAIT_1:
            case TcpSocket.CLOSING:
            case TcpSocket.CLOSE_WAIT:
            case TcpSocket.LAST_ACK:
                addOptions(out, now, ackNumber);
                // The segment shrinks by the options it carries, SACK blocks included (RFC 6691).
                int optionsLength = out.optionsLength();
                int mss = negotiation.mssLessOptions(context, optionsLength);
                kind = sender.fillSegment(out, mss, negotiation.newDataRoom(context, mss, optionsLength),
                        negotiation.effectiveMss(context), closing, timers.zeroWindowProbeDue(now), now);
                break;
            default:
                addOptions(out, now, ackNumber);
                break; // FIN-WAIT-2, TIME-WAIT: only ACKs
        }
        int txOffset = kind == TcpSender.CONTROL ? 0 : out.sequenceNumber() - sender.una();
        if (out.segmentLength() == 0 && state >= TcpSocket.ESTABLISHED) {
            out.setSequenceNumber(sender.max()); // a pure ACK: SND.MAX (see TcpSender.max)
        }
        boolean keepAliveProbe = false;
        if (timers.keepAliveDue(now) && out.segmentLength() == 0 && !out.hasFlags(TcpPacket.FLAG_RST)) {
            // RFC 1122 4.2.3.6: one garbage byte the peer has, which it must acknowledge. At SND.UNA - 1, as
            // Linux: RFC 1122's SND.NXT - 1 can be a byte the peer still lacks and would take as data (issue 6).
            out.setSequenceNumber(sender.una() - 1).setPayloadLength(1);
            keepAliveProbe = true;
        }
        int status = output.emit(emitter, out, endpoints.localHigh(), endpoints.localLow(), endpoints.remoteHigh(),
                endpoints.remoteLow(), keepAliveProbe ? -1 : txOffset);
        if (status != PacketEmitter.OK && !output.recordSoftError(status)) {
            refusal = status;
            return Socket.DISPATCH_BLOCKED;
        }
        // A segment refused for good (no route) is treated as sent and lost: the timers below govern
        // the next attempt, so pollAt does not stay at "now" and the main loop does not spin (issue 6).
        int result = status == PacketEmitter.OK ? Socket.DISPATCH_SENT : Socket.DISPATCH_IDLE;
        timers.sent(now);
        receiver.ackSent();
        // Probes too: the peer takes their acknowledgment and window as any other's (Linux's tcp_ack).
        receiver.advertised(out.hasFlags(TcpPacket.FLAG_ACK), out.ackNumber(), out.window(),
                out.hasFlags(TcpPacket.FLAG_SYN));
        if (kind == TcpSender.ZERO_WINDOW_PROBE) {
            timers.probeSent(now);
            return result;
        }
        if (keepAliveProbe) {
            return result;
        }
        int end = out.sequenceNumber() + out.segmentLength();
        sender.sent(now, kind, txOffset, out.segmentLength(), end);
        icmpErrors.sent(end);
        return result;
    }

    /** Leaves an ACK of everything received as the reply to {@code tcp}; returns true (a reply is pending). */
    boolean ackReply(long now, IpRepr ip, TcpRepr tcp) {
        TcpRepr reply = output.startReply(ip, tcp);
        int ackNumber = receiver.nextSeq();
        reply.setSequenceNumber(sender.max()).setAckNumber(ackNumber).setWindow(receiver.scaledWindow(sender.mss()));
        receiver.advertised(true, ackNumber, reply.window(), false);
        receiver.ackSent(); // it acknowledges everything: a delayed or held ACK must not outlive it
        addOptions(reply, now, ackNumber);
        return true;
    }

    /** Leaves the RST answering {@code tcp} as the reply; returns true (a reply is pending). */
    boolean rstReply(IpRepr ip, TcpRepr tcp) {
        TcpSocket.resetFor(tcp, output.startReply(ip, tcp));
        return true;
    }

    /** Timestamps and SACK blocks of a synchronized connection's segment acknowledging {@code ackNumber}. */
    private void addOptions(TcpRepr repr, long now, int ackNumber) {
        timestamps.stamp(repr, now);
        if (negotiation.peerSacks() && !repr.hasFlags(TcpPacket.FLAG_RST)) {
            receiver.addSackBlocks(repr, ackNumber);
        }
    }
}
