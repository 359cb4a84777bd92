package org.smoltcp4j.iface;

import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.SocketContext;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * A socket for interface tests that sends a queued number of packets of a given size to one
 * destination: either through {@link PacketEmitter#beginIpv4} (the interface writes the header) or
 * as whole packets through {@link PacketEmitter#beginIpv4Packet}, optionally with DF set.
 */
final class ScriptedSocket extends Socket {

    private final int destination;
    private final int protocol;
    private final int ipLength;
    private final boolean wholePacket;
    private final boolean dontFragment;
    int queued;
    int lastStatus = PacketEmitter.OK;

    ScriptedSocket(int destination, int protocol, int ipLength, boolean wholePacket, boolean dontFragment) {
        super(TYPE_RAW);
        this.destination = destination;
        this.protocol = protocol;
        this.ipLength = ipLength;
        this.wholePacket = wholePacket;
        this.dontFragment = dontFragment;
    }

    /** Sends {@code ipLength}-byte packets with the interface writing the header. */
    static ScriptedSocket of(int destination, int protocol, int ipLength) {
        return new ScriptedSocket(destination, protocol, ipLength, false, false);
    }

    ScriptedSocket queue(int packets) {
        queued += packets;
        return this;
    }

    @Override
    public int dispatch(SocketContext context, PacketEmitter emitter) {
        if (queued == 0) {
            return DISPATCH_IDLE;
        }
        int payloadLength = ipLength - Ipv4Packet.HEADER_LEN;
        lastStatus = wholePacket ? emitter.beginIpv4Packet(destination, ipLength)
                : emitter.beginIpv4(0, destination, protocol, 64, payloadLength);
        if (lastStatus != PacketEmitter.OK) {
            return blocked(lastStatus);
        }
        byte[] out = emitter.buffer();
        int at = emitter.payloadOffset();
        int data = wholePacket ? at + Ipv4Packet.HEADER_LEN : at;
        for (int i = 0; i < payloadLength; i++) {
            out[data + i] = (byte) i;
        }
        if (wholePacket) {
            Ipv4Packet header = new Ipv4Packet().wrap(out, at, ipLength);
            header.setVersion(4);
            header.setHeaderLength(Ipv4Packet.HEADER_LEN);
            header.setDscp(0);
            header.setEcn(0);
            header.setTotalLength(ipLength);
            header.setIdentification(0x4242);
            header.setFlagsAndFragmentOffset(dontFragment, false, 0);
            header.setTtl(64);
            header.setProtocol(protocol);
            header.setSource(emitter.source());
            header.setDestination(destination);
            NetworkBytes.setU16(out, at + 10, 0);
        }
        emitter.commit();
        queued--;
        return DISPATCH_SENT;
    }

    @Override
    public long pollAt(SocketContext context) {
        return queued > 0 ? context.now() : POLL_NEVER;
    }
}
