package org.smoltcp4j.hal.host;

import java.io.IOException;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.EthernetFrame;

/**
 * A Linux packet socket (AF_PACKET, SOCK_RAW, all protocols) bound to one Ethernet interface, as a
 * {@link org.smoltcp4j.phy.Device}: the stack sends and receives whole frames on an existing
 * interface, such as one end of a veth pair. Frames the socket itself sends are not read back
 * (PACKET_IGNORE_OUTGOING). Needs CAP_NET_RAW.
 *
 * <p>A packet socket binds in the network namespace of the thread that opens it: to use an
 * interface inside a namespace, open the socket there with {@link NamespaceThread#call}; the
 * descriptor then works from any thread.
 */
public final class RawSocket extends FileDescriptorDevice {

    private static final String PERMISSION = "raw sockets need CAP_NET_RAW (run as root)";
    /** sizeof(struct sockaddr_ll). */
    private static final int SOCKADDR_LL_SIZE = 20;

    private RawSocket(int fd, String name, int ipMtu) {
        super(fd, name, new DeviceCapabilities(Medium.ETHERNET, ipMtu + EthernetFrame.HEADER_LEN, 0));
    }

    /**
     * Opens a non-blocking packet socket bound to {@code interfaceName} in the calling thread's
     * network namespace, as a device for the stack: it does not read back the frames it (or
     * anything else on this host) sends. The MTU is the interface's.
     *
     * @throws IOException naming the interface when it does not exist, or the permission missing
     */
    public static RawSocket open(String interfaceName) throws IOException {
        return open(interfaceName, false);
    }

    /**
     * Opens a packet socket that sees the interface's traffic in both directions, as a capture
     * tool does: frames this host sends are read too.
     */
    public static RawSocket openForCapture(String interfaceName) throws IOException {
        return open(interfaceName, true);
    }

    private static RawSocket open(String interfaceName, boolean outgoingToo) throws IOException {
        InterfaceRequest.create(interfaceName); // validates the name before any system call
        String what = "cannot open a raw socket on interface '" + interfaceName + "'";
        int index = LibC.if_nametoindex(interfaceName);
        if (index == 0) {
            throw new IOException(Errno.describe(what, LibC.errno(), PERMISSION));
        }
        // Protocol 0: the socket receives nothing until bound, so no frame of another interface
        // slips in between socket() and bind().
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK, 0);
        if (fd < 0) {
            throw new IOException(Errno.describe(what, LibC.errno(), PERMISSION));
        }
        try {
            if ((!outgoingToo && LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_IGNORE_OUTGOING, new int[] {1}, 4) < 0)
                    || LibC.bind(fd, linkAddress(index), SOCKADDR_LL_SIZE) < 0) {
                throw new IOException(Errno.describe(what, LibC.errno(), PERMISSION));
            }
            return new RawSocket(fd, interfaceName, InterfaceRequest.mtu(interfaceName));
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** struct sockaddr_ll for bind: family, protocol ETH_P_ALL (network order), interface index. */
    private static byte[] linkAddress(int interfaceIndex) {
        byte[] address = new byte[SOCKADDR_LL_SIZE];
        address[0] = (byte) LibC.AF_PACKET;
        address[2] = (byte) LibC.ETH_P_ALL_BE;
        address[3] = (byte) (LibC.ETH_P_ALL_BE >>> 8);
        for (int i = 0; i < 4; i++) {
            address[4 + i] = (byte) (interfaceIndex >>> (8 * i));
        }
        return address;
    }
}
