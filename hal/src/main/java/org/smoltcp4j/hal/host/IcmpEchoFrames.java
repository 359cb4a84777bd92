package org.smoltcp4j.hal.host;

import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.EthernetFrame;
import org.smoltcp4j.wire.EthernetRepr;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Writes ICMP echo requests and recognises echo replies with the stack's wire classes, in place and
 * without allocating: the traffic with which the host-device tests and {@link TapBenchmark} make
 * Linux answer. Frames are Ethernet (for TAP and raw sockets) or bare IPv4 (for TUN).
 */
public final class IcmpEchoFrames {

    private final EthernetRepr ethernet = new EthernetRepr();
    private final EthernetFrame ethernetView = new EthernetFrame();
    private final Ipv4Repr ip = new Ipv4Repr();
    private final Ipv4Packet ipView = new Ipv4Packet();
    private final Icmpv4Repr icmp = new Icmpv4Repr();
    private final Icmpv4Packet icmpView = new Icmpv4Packet();

    /** Writes an Ethernet frame with an echo request of {@code dataLength} zero bytes; returns its length. */
    public int writeEthernet(byte[] buffer, int offset, long sourceMac, long destinationMac,
                             int sourceIp, int destinationIp, int identifier, int sequence, int dataLength) {
        ethernet.setSource(sourceMac).setDestination(destinationMac).setEtherType(EtherType.IPV4);
        ethernet.emit(ethernetView.wrap(buffer, offset, EthernetFrame.HEADER_LEN));
        return EthernetFrame.HEADER_LEN
                + writeIp(buffer, offset + EthernetFrame.HEADER_LEN, sourceIp, destinationIp, identifier, sequence, dataLength);
    }

    /** Writes a bare IPv4 packet with an echo request of {@code dataLength} zero bytes; returns its length. */
    public int writeIp(byte[] buffer, int offset, int sourceIp, int destinationIp, int identifier, int sequence, int dataLength) {
        icmp.setEchoRequest(identifier, sequence, dataLength);
        int icmpLength = icmp.bufferLen();
        ip.set(sourceIp, destinationIp, IpProtocol.ICMP, icmpLength, Ipv4Repr.DEFAULT_TTL);
        ip.emit(ipView.wrap(buffer, offset, Ipv4Packet.HEADER_LEN), true);
        int icmpOffset = offset + Ipv4Packet.HEADER_LEN;
        for (int i = 0; i < icmpLength; i++) {
            buffer[icmpOffset + i] = 0;
        }
        icmp.emit(icmpView.wrap(buffer, icmpOffset, icmpLength), true);
        return Ipv4Packet.HEADER_LEN + icmpLength;
    }

    /** The sequence number if the Ethernet frame is an IPv4 echo reply with {@code identifier}, else -1. */
    public int echoReplySequenceOfEthernet(byte[] buffer, int offset, int length, int identifier) {
        if (ethernet.parse(ethernetView.wrap(buffer, offset, length)) != WireStatus.OK || ethernet.etherType() != EtherType.IPV4) {
            return -1;
        }
        return echoReplySequenceOfIp(buffer, ethernetView.payloadOffset(), ethernetView.payloadLength(), identifier);
    }

    /** The sequence number if the IP packet is an IPv4 echo reply with {@code identifier}, else -1. */
    public int echoReplySequenceOfIp(byte[] buffer, int offset, int length, int identifier) {
        if (ip.parse(ipView.wrap(buffer, offset, length), true) != WireStatus.OK || ip.protocol() != IpProtocol.ICMP) {
            return -1;
        }
        if (icmp.parse(icmpView.wrap(buffer, ipView.payloadOffset(), ipView.payloadLength()), true) != WireStatus.OK
                || icmp.type() != Icmpv4Packet.TYPE_ECHO_REPLY || icmp.identifier() != identifier) {
            return -1;
        }
        return icmp.sequence();
    }
}
