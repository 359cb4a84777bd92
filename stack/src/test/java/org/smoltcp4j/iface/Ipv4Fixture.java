package org.smoltcp4j.iface;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.ArpPacket;
import org.smoltcp4j.wire.ArpRepr;
import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IgmpPacket;
import org.smoltcp4j.wire.IgmpRepr;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * An interface on a {@link TestingDevice} of either medium, with us at 10.0.0.1/24 and a peer at
 * 10.0.0.2, plus builders for the packets a peer (friendly or not) sends. Packets are built byte
 * by byte here, not with the stack's own IPv4 emitter, so a bug there cannot hide in both.
 */
final class Ipv4Fixture {

    static final long OUR_MAC = 0x0202_0202_0202L;
    static final long PEER_MAC = 0x5254_0000_0001L;
    static final long OTHER_MAC = 0x5254_0000_0003L;
    static final int OUR_IP = Ipv4Address.of(10, 0, 0, 1);
    static final int PEER_IP = Ipv4Address.of(10, 0, 0, 2);
    static final int OTHER_IP = Ipv4Address.of(10, 0, 0, 3);

    final int medium;
    final TestingDevice device;
    final Interface iface;
    final SocketSet sockets = new SocketSet(4);

    Ipv4Fixture(int medium) {
        this(medium, new InterfaceConfig());
    }

    Ipv4Fixture(int medium, InterfaceConfig config) {
        this.medium = medium;
        this.device = new TestingDevice(new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0));
        this.iface = new Interface(config.hardwareAddress(OUR_MAC).mldReports(false), device.capabilities());
        iface.addIpv4Address(OUR_IP, 24);
    }

    boolean ethernet() {
        return medium == Medium.ETHERNET;
    }

    /** Queues an IPv4 packet as the peer would send it (in an Ethernet frame to us on Ethernet). */
    void injectIp(byte[] packet) {
        device.inject(ethernet() ? ethernetFrame(OUR_MAC, PEER_MAC, EtherType.IPV4, packet) : packet);
    }

    /** Polls at {@code now} and returns the frames sent. */
    List<byte[]> poll(long now) {
        iface.poll(now, device, sockets);
        return device.drainTransmitted();
    }

    /** The IP packets of the frames sent by one poll at {@code now}. */
    List<byte[]> pollIp(long now) {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] frame : poll(now)) {
            packets.add(ipOf(frame));
        }
        return packets;
    }

    byte[] ipOf(byte[] frame) {
        return ethernet() ? Arrays.copyOfRange(frame, 14, frame.length) : frame;
    }

    /** On Ethernet, lets the peer introduce itself with an ARP request so replies need no ARP. */
    void learnPeer(long now) {
        if (ethernet()) {
            device.inject(arp(ArpPacket.OPERATION_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST));
            poll(now);
        }
    }

    /** The Ethernet frames among {@code frames} that carry IPv4. */
    static List<byte[]> ipv4Frames(List<byte[]> frames) {
        List<byte[]> ip = new ArrayList<>();
        for (byte[] frame : frames) {
            if (NetworkBytes.getU16(frame, 12) == EtherType.IPV4) {
                ip.add(frame);
            }
        }
        return ip;
    }

    long pcapLinkType() {
        return ethernet() ? PcapFormat.LINKTYPE_ETHERNET : PcapFormat.LINKTYPE_RAW;
    }

    List<String[]> judge(Path dir, String name, List<byte[]> frames, String... fields) throws Exception {
        return Tshark.judge(dir.resolve(name + (ethernet() ? "-eth" : "-ip") + ".pcap"), (int) pcapLinkType(), frames, fields);
    }

    long counter(int index) {
        return iface.counters().get(index);
    }

    // --- builders --------------------------------------------------------------------------------

    static byte[] ethernetFrame(long destination, long source, int etherType, byte[] payload) {
        byte[] frame = new byte[14 + payload.length];
        NetworkBytes.setU48(frame, 0, destination);
        NetworkBytes.setU48(frame, 6, source);
        NetworkBytes.setU16(frame, 12, etherType);
        System.arraycopy(payload, 0, frame, 14, payload.length);
        return frame;
    }

    static byte[] arp(int operation, long senderMac, int senderIp, long targetMac, int targetIp, long linkDestination) {
        byte[] arp = new byte[ArpPacket.ETHERNET_IPV4_LEN];
        new ArpRepr().set(operation, senderMac, senderIp, targetMac, targetIp).emit(new ArpPacket().wrap(arp, 0, arp.length));
        return ethernetFrame(linkDestination, senderMac, EtherType.ARP, arp);
    }

    /** An IPv4 packet with a 20-byte header, identification 0x1234, checksum filled. */
    static byte[] ipv4(int source, int destination, int protocol, byte[] payload) {
        return fragment(source, destination, protocol, 0x1234, false, 0, payload);
    }

    /** One fragment: {@code payload} at {@code offsetBytes} of datagram {@code identification}. */
    static byte[] fragment(int source, int destination, int protocol, int identification, boolean more, int offsetBytes, byte[] payload) {
        byte[] packet = new byte[20 + payload.length];
        packet[0] = 0x45;
        NetworkBytes.setU16(packet, 2, packet.length);
        NetworkBytes.setU16(packet, 4, identification);
        NetworkBytes.setU16(packet, 6, (more ? 0x2000 : 0) | (offsetBytes / 8));
        packet[8] = 64;
        packet[9] = (byte) protocol;
        NetworkBytes.setU32(packet, 12, source);
        NetworkBytes.setU32(packet, 16, destination);
        System.arraycopy(payload, 0, packet, 20, payload.length);
        fillIpChecksum(packet);
        return packet;
    }

    static void fillIpChecksum(byte[] packet) {
        NetworkBytes.setU16(packet, 10, 0);
        NetworkBytes.setU16(packet, 10, Checksum.compute(packet, 0, (packet[0] & 0x0f) * 4));
    }

    /** ICMP echo request bytes with {@code data}. */
    static byte[] echoRequest(int identifier, int sequence, byte[] data) {
        Icmpv4Repr repr = new Icmpv4Repr().setEchoRequest(identifier, sequence, data.length);
        byte[] icmp = new byte[repr.bufferLen()];
        Icmpv4Packet packet = new Icmpv4Packet().wrap(icmp, 0, icmp.length);
        repr.emit(packet, false);
        System.arraycopy(data, 0, icmp, packet.dataOffset(), data.length);
        packet.fillChecksum();
        return icmp;
    }

    /** A ping from the peer to us. */
    static byte[] ping(int sequence, byte[] data) {
        return ipv4(PEER_IP, OUR_IP, 1, echoRequest(0x1234, sequence, data));
    }

    static byte[] igmp(IgmpRepr repr) {
        byte[] igmp = new byte[repr.bufferLen()];
        repr.emit(new IgmpPacket().wrap(igmp, 0, igmp.length), true);
        return igmp;
    }

    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        return data;
    }
}
