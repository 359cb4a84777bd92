package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * A {@link PacketEmitter} and {@link SocketContext} for socket unit tests: records the last packet
 * (IPv4 or IPv6), refuses on demand. The interface has 10.0.0.1 and 2001:db8::1. Public so that
 * the interface's delivery tests can stand it in for the egress.
 */
public final class RecordingEmitter implements PacketEmitter, SocketContext {

    public static final int LOCAL = Ipv4Address.of(10, 0, 0, 1);
    /** 2001:db8::1, the interface's IPv6 address. */
    public static final long LOCAL6_HIGH = 0x2001_0db8_0000_0000L;
    public static final long LOCAL6_LOW = 1;

    public final byte[] buffer = new byte[2048];
    public int refuseWith = OK;
    public boolean softwareChecksum = true;
    public int source;
    public int destination;
    /** Whether the last packet began with beginIpv6; then the addresses below are its. */
    public boolean ipv6;
    public long sourceHigh;
    public long sourceLow;
    public long destinationHigh;
    public long destinationLow;
    public int protocol;
    public int ttl;
    public int length;
    public boolean wholePacket;
    public int commits;
    public long now;

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
        this.ipv6 = false;
        this.sourceHigh = 0;
        this.sourceLow = Ipv6Address.ipv4MappedLow(this.source);
        return OK;
    }

    @Override
    public int beginIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader,
            int hopLimit, int payloadLength) {
        if (refuseWith != OK) {
            return refuseWith;
        }
        boolean any = Ipv6Address.isUnspecified(sourceHigh, sourceLow);
        this.sourceHigh = any ? LOCAL6_HIGH : sourceHigh;
        this.sourceLow = any ? LOCAL6_LOW : sourceLow;
        this.destinationHigh = destinationHigh;
        this.destinationLow = destinationLow;
        this.source = Ipv4Address.UNSPECIFIED;
        this.destination = Ipv4Address.UNSPECIFIED;
        this.protocol = nextHeader;
        this.ttl = hopLimit;
        this.length = payloadLength;
        this.wholePacket = false;
        this.ipv6 = true;
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
    public long sourceHigh() {
        return sourceHigh;
    }

    @Override
    public long sourceLow() {
        return sourceLow;
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
    public byte[] sent() {
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

    @Override
    public boolean hasIpv6Address(long high, long low) {
        return high == LOCAL6_HIGH && low == LOCAL6_LOW;
    }

    @Override
    public long ipv6SourceHighFor(long destinationHigh, long destinationLow) {
        return LOCAL6_HIGH;
    }

    @Override
    public long ipv6SourceLowFor(long destinationHigh, long destinationLow) {
        return LOCAL6_LOW;
    }
}
