package org.smoltcp4j.hal.host;

import java.io.IOException;

/** Opens a TUN or TAP interface through /dev/net/tun: the part {@link TapInterface} and {@link TunInterface} share. */
final class TunTap {

    private static final String CLONE_DEVICE = "/dev/net/tun";
    private static final String PERMISSION = "opening " + CLONE_DEVICE + " needs CAP_NET_ADMIN (run as root)";

    /** An open, non-blocking interface: its descriptor, the name the kernel gave it, its IP MTU. */
    record Opened(int fd, String name, int ipMtu) {
    }

    private TunTap() {
    }

    /**
     * Opens (creating if needed) the interface {@code name} in mode {@link LibC#IFF_TAP} or
     * {@link LibC#IFF_TUN}, without packet information headers.
     *
     * @param ipMtu the MTU to set on the interface, or 0 to keep and read its current one
     */
    static Opened open(String name, short mode, int ipMtu) throws IOException {
        return open(name, mode, ipMtu, false);
    }

    /**
     * As {@link #open(String, short, int)}; with {@code offload}, frames carry a
     * {@link VirtioNetHeader} (IFF_VNET_HDR) and the kernel may send partial checksums and TCP
     * super-frames of up to 64 KiB (TUNSETOFFLOAD: TUN_F_CSUM, TUN_F_TSO4).
     */
    static Opened open(String name, short mode, int ipMtu, boolean offload) throws IOException {
        if (ipMtu < 0) {
            throw new IllegalArgumentException("MTU must be 0 (keep the interface's) or positive, got " + ipMtu);
        }
        String kind = mode == LibC.IFF_TAP ? "TAP" : "TUN";
        byte[] request = InterfaceRequest.create(name);
        int fd = LibC.open(CLONE_DEVICE, LibC.O_RDWR);
        if (fd < 0) {
            throw new IOException(Errno.describe("cannot open " + CLONE_DEVICE, LibC.errno(), PERMISSION));
        }
        try {
            InterfaceRequest.setFlags(request, mode | LibC.IFF_NO_PI | (offload ? LibC.IFF_VNET_HDR : 0));
            if (LibC.ioctl(fd, LibC.TUNSETIFF, request) < 0) {
                throw new IOException(Errno.describe("cannot create " + kind + " interface '" + name + "'", LibC.errno(), PERMISSION));
            }
            if (offload && LibC.ioctl(fd, LibC.TUNSETOFFLOAD, (long) (LibC.TUN_F_CSUM | LibC.TUN_F_TSO4)) < 0) {
                throw new IOException(Errno.describe("cannot switch on the offloads of " + kind + " interface '" + name + "'", LibC.errno(), PERMISSION));
            }
            if (!FileDescriptorDevice.setNonBlocking(fd)) {
                throw new IOException(Errno.describe("cannot make " + kind + " interface '" + name + "' non-blocking", LibC.errno(), PERMISSION));
            }
            String actualName = InterfaceRequest.name(request);
            if (ipMtu > 0) {
                InterfaceRequest.setMtu(actualName, ipMtu);
            }
            return new Opened(fd, actualName, InterfaceRequest.mtu(actualName));
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }
}
