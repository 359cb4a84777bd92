package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Ipv4Address;

/** A {@link PacketEmitter} and {@link SocketContext} for socket unit tests: records the last packet, refuses on demand. */
final class RecordingEmitter implements PacketEmitter, SocketContext {

    static final int LOCAL = Ipv4Address.of(10, 0, 0, 1);

    final byte[] buffer = new byte[2048];
    int refuseWith = OK;
    boolean softwareChecksum = true;
    int source;
    int destination;
    int protocol;
    int ttl;
    int length;
    boolean wholePacket;
    int commits;
    long now;

    @Override
    public int beginIpv4(int source, int destination, int protocol, int ttl, int payloadLength) {
        if (refuseWith != OK) {
            return refuseWith;
        }
        this.source = source == Ipv4Address.UNSPECIFIED ? LOCAL : source;
        this.destination = destination;
        this.protocol = protocol;
        this.ttl = ttl;
        this.length = payloadLength;
        this.wholePacket = false;
        return OK;
    }

    @Override
    public int beginIpv4Packet(int destination, int packetLength) {
        if (refuseWith != OK) {
            return refuseWith;
        }
        this.source = LOCAL;
        this.destination = destination;
        this.length = packetLength;
        this.wholePacket = true;
        return OK;
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public int payloadOffset() {
        return 0;
    }

    @Override
    public int source() {
        return source;
    }

    @Override
    public boolean checksumBySoftware(int protocol) {
        return softwareChecksum;
    }

    @Override
    public void commit() {
        commits++;
    }

    @Override
    public void abort() {
    }

    @Override
    public int ipMtu() {
        return 1500;
    }

    @Override
    public int tcpSegmentationLimit() {
        return ipMtu();
    }

    /** The bytes of the last packet committed. */
    byte[] sent() {
        byte[] out = new byte[length];
        System.arraycopy(buffer, 0, out, 0, length);
        return out;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public boolean hasIpv4Address(int address) {
        return address == LOCAL;
    }

    @Override
    public int ipv4SourceFor(int destination) {
        return LOCAL;
    }
}
