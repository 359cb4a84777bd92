package org.smoltcp4j.iface;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.UdpRepr;

/**
 * An interface at 10.0.0.2/24 (MAC {@link Frames#DESTINATION_MAC}) on a {@link TestingDevice} of
 * either medium, with the peer 10.0.0.1 ({@link Frames#SOURCE_MAC}); frames are built and read as
 * IPv4 packets whatever the medium.
 */
final class SocketRig {

    static final int US = Frames.DESTINATION_IPV4;
    static final int PEER = Frames.SOURCE_IPV4;
    private static final int ETHERNET_LEN = 14;

    final int medium;
    final TestingDevice device;
    final Interface iface;
    final SocketSet sockets;

    SocketRig(int medium, int socketSlots) {
        this(medium, socketSlots, new InterfaceConfig());
    }

    SocketRig(int medium, int socketSlots, InterfaceConfig config) {
        this.medium = medium;
        this.device = new TestingDevice(new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0));
        this.iface = new Interface(config.hardwareAddress(Frames.DESTINATION_MAC).mldReports(false), device.capabilities());
        iface.addIpv4Address(US, 24);
        this.sockets = new SocketSet(socketSlots);
    }

    /** Lets the interface learn the peer's MAC (an ARP request from it), so replies need no resolution. */
    SocketRig learnPeer() {
        if (medium == Medium.ETHERNET) {
            device.inject(arp(ArpPacket.OPERATION_REQUEST, Frames.SOURCE_MAC, PEER, 0, US));
            iface.poll(0, device, sockets);
            device.drainTransmitted();
        }
        return this;
    }

    /** An Ethernet frame with an ARP packet from {@code senderMac}/{@code senderIp}. */
    static byte[] arp(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        byte[] frame = new byte[ETHERNET_LEN + ArpPacket.ETHERNET_IPV4_LEN];
        NetworkBytes.setU48(frame, 0, operation == ArpPacket.OPERATION_REQUEST ? 0xffff_ffff_ffffL : Frames.DESTINATION_MAC);
        NetworkBytes.setU48(frame, 6, senderMac);
        NetworkBytes.setU16(frame, 12, 0x0806);
        new ArpRepr().set(operation, senderMac, senderIp, targetMac, targetIp)
                .emit(new ArpPacket().wrap(frame, ETHERNET_LEN, ArpPacket.ETHERNET_IPV4_LEN));
        return frame;
    }

    /** Injects the IPv4 packet {@code source -> destination} (an Ethernet frame to our MAC, or a bare packet). */
    void inject(int source, int destination, int protocol, byte[] payload) {
        device.inject(frame(Frames.ipv4(source, destination, protocol, payload)));
    }

    /** {@code ethernetFrame} as this medium carries it. */
    byte[] frame(byte[] ethernetFrame) {
        return medium == Medium.ETHERNET ? ethernetFrame : Arrays.copyOfRange(ethernetFrame, ETHERNET_LEN, ethernetFrame.length);
    }

    /** Polls at {@code now} and returns the IPv4 packets sent (ARP frames are skipped). */
    List<byte[]> poll(long now) {
        iface.poll(now, device, sockets);
        List<byte[]> packets = new ArrayList<>();
        for (byte[] frame : device.drainTransmitted()) {
            if (medium == Medium.IP) {
                packets.add(frame);
            } else if (NetworkBytes.getU16(frame, 12) == 0x0800) {
                packets.add(Arrays.copyOfRange(frame, ETHERNET_LEN, frame.length));
            }
        }
        return packets;
    }

    /** A UDP datagram with a correct checksum. */
    static byte[] udp(int source, int destination, int sourcePort, int destinationPort, byte[] payload) {
        byte[] bytes = new byte[UdpPacket.HEADER_LEN + payload.length];
        UdpPacket packet = new UdpPacket().wrap(bytes, 0, bytes.length);
        new UdpRepr().setSourcePort(sourcePort).setDestinationPort(destinationPort).setPayloadLength(payload.length).emit(packet);
        System.arraycopy(payload, 0, bytes, UdpPacket.HEADER_LEN, payload.length);
        packet.fillChecksumIpv4(source, destination);
        return bytes;
    }

    /** An echo request or reply with a correct checksum. */
    static byte[] echo(boolean request, int identifier, int sequence, byte[] data) {
        Icmpv4Repr repr = request ? new Icmpv4Repr().setEchoRequest(identifier, sequence, data.length)
                : new Icmpv4Repr().setEchoReply(identifier, sequence, data.length);
        byte[] bytes = new byte[repr.bufferLen()];
        Icmpv4Packet packet = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
        repr.emit(packet, false);
        System.arraycopy(data, 0, bytes, packet.dataOffset(), data.length);
        packet.fillChecksum();
        return bytes;
    }

    /** A destination unreachable quoting the IPv4 packet {@code original} (header and payload). */
    static byte[] unreachable(int code, byte[] original) {
        return icmpError(new Icmpv4Repr().setDestinationUnreachable(code, 0, quotedHeader(original), quotedLength(original)), original);
    }

    /** The header of the IPv4 packet {@code original}, as an ICMP error about it quotes it. */
    static Ipv4Repr quotedHeader(byte[] original) {
        return new Ipv4Repr().set(NetworkBytes.getU32(original, 12), NetworkBytes.getU32(original, 16),
                original[9] & 0xff, original.length - 20, original[8] & 0xff);
    }

    /** Payload bytes of {@code original} an ICMP error quotes: 8 (RFC 792), fewer if it has fewer. */
    static int quotedLength(byte[] original) {
        return Math.min(8, original.length - 20);
    }

    /**
     * The ICMP error {@code repr}, set up with {@link #quotedHeader} and {@link #quotedLength} of
     * {@code original}, with those payload bytes copied in and its checksum filled.
     */
    static byte[] icmpError(Icmpv4Repr repr, byte[] original) {
        byte[] bytes = new byte[repr.bufferLen()];
        Icmpv4Packet packet = new Icmpv4Packet().wrap(bytes, 0, bytes.length);
        repr.emit(packet, false);
        int quoted = quotedLength(original);
        System.arraycopy(original, 20, bytes, bytes.length - quoted, quoted);
        packet.fillChecksum();
        return bytes;
    }

    static boolean isIcmp(byte[] packet, int type) {
        return (packet[9] & 0xff) == IpProtocol.ICMP && (packet[20] & 0xff) == type;
    }
}
