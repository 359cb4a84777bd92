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
import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.EtherType;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * An interface on a {@link TestingDevice} of either medium with us at fdbe::1/64 (and, on
 * Ethernet, at our automatic link-local address) and a peer at fdbe::2, plus builders for what a
 * peer sends. Packets are built byte by byte here, not with the stack's emitters, so a bug there
 * cannot hide in both (the addresses of smoltcp's tests/ipv6.rs, so its packets port as they are).
 */
final class Ipv6Fixture {

    static final long OUR_MAC = Ipv4Fixture.OUR_MAC;
    static final long PEER_MAC = Ipv4Fixture.PEER_MAC;
    static final long ULA_HIGH = 0xfdbe_0000_0000_0000L;
    static final long OUR_LOW = 1;
    static final long PEER_LOW = 2;
    /** fdbe::fe, a router on the link that reports errors. */
    static final long ROUTER_LOW = 0xfe;
    static final long LINK_LOCAL_HIGH = 0xfe80_0000_0000_0000L;
    /** fe80::2:2ff:fe02:202, the EUI-64 of 02:02:02:02:02:02 with the U/L bit flipped. */
    static final long OUR_LINK_LOCAL_LOW = 0x0002_02ff_fe02_0202L;
    /** fe80::5054:ff:fe00:1, from 52:54:00:00:00:01. */
    static final long PEER_LINK_LOCAL_LOW = 0x5054_00ff_fe00_0001L;
    static final long ALL_NODES_HIGH = 0xff02_0000_0000_0000L;
    static final int NEXT_HOP_BY_HOP = 0;
    static final int NEXT_ICMPV6 = 58;
    static final int NEXT_UDP = 17;

    final int medium;
    final TestingDevice device;
    final Interface iface;
    final SocketSet sockets = new SocketSet(4);

    Ipv6Fixture(int medium) {
        this(medium, new InterfaceConfig());
    }

    /** MLD reports off, so tests of other protocols see only the frames they cause. */
    Ipv6Fixture(int medium, InterfaceConfig config) {
        this(medium, config, false);
    }

    private Ipv6Fixture(int medium, InterfaceConfig config, boolean mldReports) {
        this.medium = medium;
        this.device = new TestingDevice(new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0));
        this.iface = new Interface(config.hardwareAddress(OUR_MAC).mldReports(mldReports), device.capabilities());
        iface.addIpv6Address(ULA_HIGH, OUR_LOW, 64);
    }

    /** On Ethernet, with MLD reports as an interface sends them by default. */
    static Ipv6Fixture reportingMld(InterfaceConfig config) {
        return new Ipv6Fixture(Medium.ETHERNET, config, true);
    }

    boolean ethernet() {
        return medium == Medium.ETHERNET;
    }

    /** Lets us know the peer's MAC (and link-local address's MAC) so replies need no solicitation. */
    void learnPeer(long now) {
        iface.neighborCache().fill(ULA_HIGH, PEER_LOW, PEER_MAC, now);
        iface.neighborCache().fill(LINK_LOCAL_HIGH, PEER_LINK_LOCAL_LOW, PEER_MAC, now);
    }

    /** Queues an IPv6 packet from the peer, to our MAC or, for a multicast destination, to its 33:33 MAC. */
    void injectIp(byte[] packet) {
        device.inject(frame(packet));
    }

    /** The frame that carries IPv6 {@code packet} from the peer on this medium (as {@link #injectIp} sends it). */
    byte[] frame(byte[] packet) {
        if (!ethernet()) {
            return packet;
        }
        long destination = (packet[24] & 0xff) == 0xff ? 0x3333_0000_0000L | NetworkBytes.getU32(packet, 36) & 0xffff_ffffL : OUR_MAC;
        return Ipv4Fixture.ethernetFrame(destination, PEER_MAC, EtherType.IPV6, packet);
    }

    List<byte[]> poll(long now) {
        iface.poll(now, device, sockets);
        return device.drainTransmitted();
    }

    byte[] ipOf(byte[] frame) {
        return ethernet() ? Arrays.copyOfRange(frame, 14, frame.length) : frame;
    }

    /** The IP packets of the frames one poll at {@code now} sent. */
    List<byte[]> pollIp(long now) {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] frame : poll(now)) {
            packets.add(ipOf(frame));
        }
        return packets;
    }

    List<String[]> judge(Path dir, String name, List<byte[]> frames, String... fields) throws Exception {
        return Tshark.judge(dir.resolve(name + (ethernet() ? "-eth" : "-ip") + ".pcap"),
                (int) (ethernet() ? PcapFormat.LINKTYPE_ETHERNET : PcapFormat.LINKTYPE_RAW), frames, fields);
    }

    long counter(int index) {
        return iface.counters().get(index);
    }

    String counters() {
        return iface.counters().appendTo(new StringBuilder()).toString();
    }

    // --- builders --------------------------------------------------------------------------------

    /** An IPv6 packet with hop limit {@code hopLimit}; {@code payload} starts with the first extension header, if any. */
    static byte[] ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader, int hopLimit,
            byte[] payload) {
        byte[] packet = new byte[40 + payload.length];
        packet[0] = 0x60;
        NetworkBytes.setU16(packet, 4, payload.length);
        packet[6] = (byte) nextHeader;
        packet[7] = (byte) hopLimit;
        NetworkBytes.setU64(packet, 8, sourceHigh);
        NetworkBytes.setU64(packet, 16, sourceLow);
        NetworkBytes.setU64(packet, 24, destinationHigh);
        NetworkBytes.setU64(packet, 32, destinationLow);
        System.arraycopy(payload, 0, packet, 40, payload.length);
        return packet;
    }

    /** From the peer's ULA to {@code destination}, hop limit 64. */
    static byte[] fromPeer(long destinationHigh, long destinationLow, int nextHeader, byte[] payload) {
        return ipv6(ULA_HIGH, PEER_LOW, destinationHigh, destinationLow, nextHeader, 64, payload);
    }

    /**
     * Fills the upper-layer checksum of {@code packet} at {@code checksumAt} (absolute), over the
     * pseudo-header with {@code protocol} and the bytes from {@code upperAt} to the end.
     */
    static byte[] withChecksum(byte[] packet, int upperAt, int protocol, int checksumAt) {
        NetworkBytes.setU16(packet, checksumAt, 0);
        long sum = Checksum.ipv6PseudoHeader(NetworkBytes.getU64(packet, 8), NetworkBytes.getU64(packet, 16),
                NetworkBytes.getU64(packet, 24), NetworkBytes.getU64(packet, 32), protocol, packet.length - upperAt);
        NetworkBytes.setU16(packet, checksumAt, Checksum.finish(Checksum.accumulate(sum, packet, upperAt, packet.length - upperAt)));
        return packet;
    }

    /** ICMPv6 bytes: type, code, checksum 0, then {@code rest}. */
    static byte[] icmp(int type, int code, byte... rest) {
        byte[] icmp = new byte[4 + rest.length];
        icmp[0] = (byte) type;
        icmp[1] = (byte) code;
        System.arraycopy(rest, 0, icmp, 4, rest.length);
        return icmp;
    }

    /**
     * An ICMPv6 error with {@code word} (MTU, pointer or 0) from router fdbe::fe to our fdbe::1,
     * quoting {@code original} as far as a 1280-byte packet allows (RFC 4443 2.4 c), checksum filled.
     */
    static byte[] icmpError(int type, int code, long word, byte[] original) {
        byte[] rest = new byte[4 + Math.min(original.length, 1280 - 48)];
        NetworkBytes.setU32(rest, 0, (int) word);
        System.arraycopy(original, 0, rest, 4, rest.length - 4);
        return withChecksum(ipv6(ULA_HIGH, ROUTER_LOW, ULA_HIGH, OUR_LOW, NEXT_ICMPV6, 64, icmp(type, code, rest)), 40, 58, 42);
    }

    static byte[] echoRequest(int identifier, int sequence, byte[] data) {
        byte[] rest = new byte[4 + data.length];
        NetworkBytes.setU16(rest, 0, identifier);
        NetworkBytes.setU16(rest, 2, sequence);
        System.arraycopy(data, 0, rest, 4, data.length);
        return icmp(128, 0, rest);
    }

    /** A ping with checksum from the peer to {@code destination}. */
    static byte[] ping(long destinationHigh, long destinationLow, int sequence, byte[] data) {
        return withChecksum(fromPeer(destinationHigh, destinationLow, NEXT_ICMPV6, echoRequest(0x1234, sequence, data)), 40, 58, 42);
    }

    /** A Neighbor Solicitation for {@code target} with hop limit 255 (and a source link-layer option unless 0). */
    static byte[] solicitation(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, long targetHigh,
            long targetLow, long sourceMac, int hopLimit) {
        return neighborMessage(135, 0, sourceHigh, sourceLow, destinationHigh, destinationLow, targetHigh, targetLow, 1, sourceMac,
                hopLimit);
    }

    /** A Neighbor Advertisement for {@code target} with flags and a target link-layer option (unless 0). */
    static byte[] advertisement(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int flags, long targetHigh,
            long targetLow, long targetMac) {
        return neighborMessage(136, flags, sourceHigh, sourceLow, destinationHigh, destinationLow, targetHigh, targetLow, 2, targetMac,
                255);
    }

    /** A solicitation or advertisement: flags, target, and the link-layer option {@code optionType} with {@code mac} unless 0. */
    private static byte[] neighborMessage(int type, int flags, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
            long targetHigh, long targetLow, int optionType, long mac, int hopLimit) {
        byte[] rest = new byte[4 + 16 + (mac == 0 ? 0 : 8)];
        rest[0] = (byte) flags;
        NetworkBytes.setU64(rest, 4, targetHigh);
        NetworkBytes.setU64(rest, 12, targetLow);
        if (mac != 0) {
            rest[20] = (byte) optionType;
            rest[21] = 1;
            NetworkBytes.setU48(rest, 22, mac);
        }
        byte[] packet = ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, NEXT_ICMPV6, hopLimit, icmp(type, 0, rest));
        return withChecksum(packet, 40, 58, 42);
    }

    /** A UDP datagram from the peer's port 5000 to {@code port}, checksum filled. */
    static byte[] udp(long destinationHigh, long destinationLow, int port, byte[] data) {
        return udp(ULA_HIGH, PEER_LOW, destinationHigh, destinationLow, port, data);
    }

    /** A UDP datagram from port 5000 of {@code source} to {@code port}, checksum filled. */
    static byte[] udp(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int port, byte[] data) {
        byte[] udp = new byte[8 + data.length];
        NetworkBytes.setU16(udp, 0, 5000);
        NetworkBytes.setU16(udp, 2, port);
        NetworkBytes.setU16(udp, 4, udp.length);
        System.arraycopy(data, 0, udp, 8, data.length);
        return withChecksum(ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, NEXT_UDP, 64, udp), 40, 17, 46);
    }

    /** smoltcp's packets are written as unsigned bytes. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
