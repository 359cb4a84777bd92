package org.smoltcp4j.iface.sixlowpan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.UdpPacket;

/**
 * Test fixture: one 6LoWPAN adapter on a {@link TestingDevice} (125-byte frames), with the IPv6
 * packets it delivers collected, and IPv6/UDP packets built for it to send.
 */
final class LowpanNode {

    static final int FRAME = 125;
    static final long LINK_LOCAL = 0xfe80_0000_0000_0000L;
    /** The extended addresses of the two nodes most tests use (scapy's vectors use them too). */
    static final long A = 0x0012_4b00_0001_0203L;
    static final long B = 0x0012_4b00_0004_0506L;

    final long extended;
    final CountingSink counters = new CountingSink();
    final SixlowpanAdapter adapter;
    final TestingDevice device = new TestingDevice(new DeviceCapabilities(Medium.IEEE802154, FRAME, 0));
    final List<byte[]> received = new ArrayList<>();
    final List<Long> sources = new ArrayList<>();
    final List<Boolean> broadcast = new ArrayList<>();
    final SixlowpanAdapter.Ipv6Receiver receiver = (buf, off, len, source, linkBroadcast) -> {
        received.add(Arrays.copyOfRange(buf, off, off + len));
        sources.add(source);
        broadcast.add(linkBroadcast);
    };

    LowpanNode(long extended) {
        this(extended, new SixlowpanConfig());
    }

    LowpanNode(long extended, SixlowpanConfig config) {
        this.extended = extended;
        this.adapter = new SixlowpanAdapter(config, extended, new SixlowpanContexts(), FRAME, counters, 0);
    }

    /** The link-local address's low half (EUI-64 with the U/L bit flipped). */
    long linkLocalLow() {
        return LinkAddress.interfaceId(extended);
    }

    /** Sends {@code packet} to {@code linkDestination} and returns the frames it took. */
    List<byte[]> send(byte[] packet, long linkDestination) {
        long failures = counters.get(Counters.TX_SIXLOWPAN_DROPPED);
        adapter.send(packet, 0, packet.length, linkDestination);
        if (counters.get(Counters.TX_SIXLOWPAN_DROPPED) != failures) {
            throw new AssertionError("send refused the packet");
        }
        adapter.flush(device, 0);
        return device.drainTransmitted();
    }

    /** Hands {@code frames} to this node's adapter at {@code now}; returns the last status. */
    int receive(List<byte[]> frames, long now) {
        int status = 0;
        for (byte[] frame : frames) {
            status = adapter.receive(frame, 0, frame.length, now, receiver);
        }
        return status;
    }

    /** An IPv6 packet (hop limit 64) carrying a UDP datagram with its checksum filled. */
    static byte[] udp6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int sourcePort, int destinationPort,
            byte[] payload) {
        byte[] packet = new byte[40 + 8 + payload.length];
        packet[0] = 0x60;
        NetworkBytes.setU16(packet, 4, 8 + payload.length);
        packet[6] = (byte) IpProtocol.UDP;
        packet[7] = 64;
        Ipv6Address.write(packet, 8, sourceHigh, sourceLow);
        Ipv6Address.write(packet, 24, destinationHigh, destinationLow);
        UdpPacket udp = new UdpPacket().wrap(packet, 40, 8 + payload.length);
        udp.setSourcePort(sourcePort);
        udp.setDestinationPort(destinationPort);
        udp.setDatagramLength(8 + payload.length);
        System.arraycopy(payload, 0, packet, 48, payload.length);
        udp.fillChecksumIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow);
        return packet;
    }

    /** {@code length} bytes of a recognisable pattern. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** A UDP packet of {@code total} bytes from {@code from}'s link-local address to {@code to}'s. */
    static byte[] udpBetween(LowpanNode from, LowpanNode to, int total) {
        return udp6(LINK_LOCAL, from.linkLocalLow(), LINK_LOCAL, to.linkLocalLow(), 6969, 7000, pattern(total - 48, 5));
    }
}
