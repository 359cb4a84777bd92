package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;

/**
 * An Ethernet link carried in UDP on 127.0.0.1, one frame per datagram: the format of QEMU's
 * {@code -netdev dgram,local.type=inet,local.host=127.0.0.1,local.port=A,remote.type=inet,
 * remote.host=127.0.0.1,remote.port=B}, so the stack can talk to an emulated board's MAC (or to
 * another link). The channel is non-blocking and connected to the remote port, and frames pass
 * through two direct buffers allocated here: nothing is allocated per frame.
 *
 * <p>UDP may lose datagrams, as a wire may lose frames; a datagram that cannot be sent (the
 * socket buffer is full, or the peer's port is closed) is counted in {@link #transmitErrors()}.
 */
public final class UdpFrameLink extends BufferedDevice implements AutoCloseable {

    /** Frames of a standard Ethernet MTU, as QEMU's emulated NICs send them (no FCS). */
    public static final int DEFAULT_MTU = 1514;

    private final DatagramChannel channel;
    private final ByteBuffer receiveDatagram;
    private final ByteBuffer transmitDatagram;
    private long receiveErrors;
    private long transmitErrors;

    /** A link from 127.0.0.1:{@code localPort} (0 for any free port) to 127.0.0.1:{@code remotePort}. */
    public UdpFrameLink(int localPort, int remotePort) throws IOException {
        this(localPort, remotePort, DEFAULT_MTU);
    }

    /** As {@link #UdpFrameLink(int, int)}, for frames of up to {@code mtu} bytes. */
    public UdpFrameLink(int localPort, int remotePort, int mtu) throws IOException {
        super("UDP frame link", new DeviceCapabilities(Medium.ETHERNET, mtu, 0));
        if (localPort < 0 || localPort > 0xffff || remotePort < 1 || remotePort > 0xffff) {
            throw new IllegalArgumentException("local port must be 0..65535 and remote port 1..65535, got "
                    + localPort + " and " + remotePort);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramChannel opened = DatagramChannel.open();
        try {
            opened.bind(new InetSocketAddress(loopback, localPort));
            opened.connect(new InetSocketAddress(loopback, remotePort));
            opened.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        receiveDatagram = ByteBuffer.allocateDirect(mtu);
        transmitDatagram = ByteBuffer.allocateDirect(mtu);
    }

    /** The local UDP port (the one chosen by the system when 0 was asked). */
    public int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Datagrams that could not be read (for instance after the peer's port was found closed). */
    public long receiveErrors() {
        return receiveErrors;
    }

    /** Frames lost because the datagram could not be sent. */
    public long transmitErrors() {
        return transmitErrors;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    int readFrame(long now, byte[] into) {
        receiveDatagram.clear();
        int length;
        try {
            length = channel.read(receiveDatagram);
        } catch (IOException e) {
            // PortUnreachableException: an earlier datagram found no listener; the link stays usable.
            receiveErrors++;
            return 0;
        }
        if (length <= 0) {
            return 0;
        }
        receiveDatagram.flip();
        receiveDatagram.get(into, 0, length);
        return length;
    }

    @Override
    void writeFrame(long now, byte[] from, int length) {
        transmitDatagram.clear();
        transmitDatagram.put(from, 0, length);
        transmitDatagram.flip();
        try {
            if (channel.write(transmitDatagram) != length) {
                transmitErrors++;
            }
        } catch (IOException e) {
            transmitErrors++;
        }
    }
}
