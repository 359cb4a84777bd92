package org.smoltcp4j.fuzz;

import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.RawIpSocket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;

/**
 * An interface with one socket of every kind, fed one fuzzed frame per poll: the whole ingress
 * path (link, ARP, IPv4 and reassembly, IPv6 and its extension headers, ICMP, ICMPv6 and NDISC,
 * IGMP, UDP, TCP with a listen backlog, raw) and the
 * replies it triggers. The fuzzed bytes are the frame the device lends; what the interface sends
 * is discarded. Time advances 50 ms per frame, so timers (reassembly, ARP, TCP) fire too.
 */
final class FuzzedInterface implements Device {

    private static final int ETHERNET_MTU = 1514;
    /** An 802.15.4 frame without FCS, as the radio device lends it. */
    private static final int RADIO_MTU = 125;
    /** The PAN and destination of the 802.15.4 seeds (smoltcp's test frames), so fuzzing starts past the address filter. */
    private static final int SEED_PAN = 0xbeef;
    private static final long SEED_EXTENDED_ADDRESS = 0x1a0b_4242_4242_4242L;

    private final int mtu;

    private final DeviceCapabilities capabilities;
    private final Interface iface;
    private final SocketSet sockets = new SocketSet(8);
    private final byte[] transmitBuffer = new byte[ETHERNET_MTU];
    private byte[] frame;
    private int frameOffset;
    private int frameLength;
    private boolean frameWaiting;
    private long now;

    FuzzedInterface(int medium) {
        mtu = medium == Medium.IEEE802154 ? RADIO_MTU : ETHERNET_MTU;
        capabilities = new DeviceCapabilities(medium, mtu, 0);
        InterfaceConfig config = new InterfaceConfig().reassemblyBufferSize(4000).reassemblyBufferCount(2);
        if (medium == Medium.IEEE802154) {
            // IPv6 only, over 6LoWPAN.
            config.extendedAddress(SEED_EXTENDED_ADDRESS).sixlowpan().panId(SEED_PAN);
            iface = new Interface(config, capabilities);
        } else {
            iface = new Interface(config.hardwareAddress(0x0200_0000_0002L), capabilities);
            iface.addIpv4Address(Ipv4Address.of(10, 0, 0, 2), 24);
            iface.setIpv4Gateway(Ipv4Address.of(10, 0, 0, 1));
        }
        iface.addIpv6Address(0xfd00_0000_0000_0000L, 2, 64);
        iface.setIpv6Gateway(0xfe80_0000_0000_0000L, 1);
        UdpSocket udp = new UdpSocket(4, 2048, 4, 2048);
        udp.bind(53);
        sockets.add(udp);
        IcmpSocket icmp = new IcmpSocket(4, 2048, 4, 2048);
        icmp.bindIdentifier(0x1234);
        sockets.add(icmp);
        sockets.add(new RawIpSocket(IpProtocol.IGMP, 4, 2048, 4, 2048));
        sockets.add(TcpListener.withNewSockets(2, 2048, 2048, 1, 80));
    }

    Interface iface() {
        return iface;
    }

    /** Delivers {@code input[off, off+len)} (cut at the MTU, as a device would) as one frame and polls. */
    void receive(byte[] input, int off, int len) {
        frame = input;
        frameOffset = off;
        frameLength = Math.min(len, mtu);
        frameWaiting = frameLength > 0;
        now += 50_000;
        iface.poll(now, this, sockets);
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public int receive(long time) {
        if (!frameWaiting) {
            return 0;
        }
        frameWaiting = false;
        return frameLength;
    }

    @Override
    public byte[] receiveBuffer() {
        return frame;
    }

    @Override
    public int receiveOffset() {
        return frameOffset;
    }

    @Override
    public void releaseReceive() {
    }

    @Override
    public boolean prepareTransmit(long time, int length) {
        return length <= mtu;
    }

    @Override
    public byte[] transmitBuffer() {
        return transmitBuffer;
    }

    @Override
    public int transmitOffset() {
        return 0;
    }

    @Override
    public void commitTransmit(int length) {
    }

    @Override
    public void abortTransmit() {
    }
}
