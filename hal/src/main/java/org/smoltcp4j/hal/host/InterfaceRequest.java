package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} as a byte array, and the interface ioctls that use it (MTU, address, MAC,
 * up). Each acts in the calling thread's network namespace.
 */
final class InterfaceRequest {

    private static final int UNION_OFFSET = LibC.IFNAMSIZ;

    private InterfaceRequest() {
    }

    /** A zeroed ifreq naming {@code name}, which must be 1 to 15 printable ASCII characters. */
    static byte[] create(String name) {
        if (name.isEmpty() || name.length() >= LibC.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1 to " + (LibC.IFNAMSIZ - 1)
                    + " characters, got '" + name + "' (" + name.length() + ")");
        }
        byte[] request = new byte[LibC.IFREQ_SIZE];
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, request, 0, bytes.length);
        return request;
    }

    /** The (NUL-terminated) name in {@code request}, as the kernel may have filled it in. */
    static String name(byte[] request) {
        int end = 0;
        while (end < LibC.IFNAMSIZ && request[end] != 0) {
            end++;
        }
        return new String(request, 0, end, StandardCharsets.US_ASCII);
    }

    /** Writes {@code ifr_flags} (a short, native byte order: little-endian). */
    static void setFlags(byte[] request, int flags) {
        request[UNION_OFFSET] = (byte) flags;
        request[UNION_OFFSET + 1] = (byte) (flags >>> 8);
    }

    /** The MTU of {@code name} in the calling thread's network namespace (SIOCGIFMTU). */
    static int mtu(String name) throws IOException {
        byte[] request = create(name);
        interfaceIoctl(name, LibC.SIOCGIFMTU, request, "reading the MTU of");
        return (request[UNION_OFFSET] & 0xff) | (request[UNION_OFFSET + 1] & 0xff) << 8
                | (request[UNION_OFFSET + 2] & 0xff) << 16 | (request[UNION_OFFSET + 3] & 0xff) << 24;
    }

    /** Sets the MTU of {@code name} (SIOCSIFMTU). */
    static void setMtu(String name, int mtu) throws IOException {
        byte[] request = create(name);
        for (int i = 0; i < 4; i++) {
            request[UNION_OFFSET + i] = (byte) (mtu >>> (8 * i));
        }
        interfaceIoctl(name, LibC.SIOCSIFMTU, request, "setting the MTU of");
    }

    /** Gives {@code name} the IPv4 {@code address} with a {@code prefixLength}-bit netmask (SIOCSIFADDR, SIOCSIFNETMASK). */
    static void setIpv4Address(String name, int address, int prefixLength) throws IOException {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        interfaceIoctl(name, LibC.SIOCSIFADDR, ipv4SocketAddress(name, address), "setting the address of");
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        interfaceIoctl(name, LibC.SIOCSIFNETMASK, ipv4SocketAddress(name, mask), "setting the netmask of");
    }

    /** Sets the Ethernet address of {@code name}, a MAC in the low 48 bits (SIOCSIFHWADDR). */
    static void setHardwareAddress(String name, long mac) throws IOException {
        byte[] request = create(name);
        request[UNION_OFFSET] = (byte) LibC.ARPHRD_ETHER;
        for (int i = 0; i < 6; i++) {
            request[UNION_OFFSET + 2 + i] = (byte) (mac >>> (8 * (5 - i)));
        }
        interfaceIoctl(name, LibC.SIOCSIFHWADDR, request, "setting the MAC address of");
    }

    /** Brings {@code name} up (IFF_UP, keeping its other flags). */
    static void bringUp(String name) throws IOException {
        byte[] request = create(name);
        interfaceIoctl(name, LibC.SIOCGIFFLAGS, request, "reading the flags of");
        request[UNION_OFFSET] |= LibC.IFF_UP;
        interfaceIoctl(name, LibC.SIOCSIFFLAGS, request, "bringing up");
    }

    /** An ifreq whose union is a {@code struct sockaddr_in} for {@code address}. */
    private static byte[] ipv4SocketAddress(String name, int address) {
        byte[] request = create(name);
        request[UNION_OFFSET] = (byte) LibC.AF_INET;
        for (int i = 0; i < 4; i++) {
            request[UNION_OFFSET + 4 + i] = (byte) (address >>> (8 * (3 - i)));
        }
        return request;
    }

    /** Interface ioctls need some socket; an AF_INET datagram socket is the usual one. */
    private static void interfaceIoctl(String name, long command, byte[] request, String what) throws IOException {
        int socket = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM, 0);
        if (socket < 0) {
            throw new IOException(Errno.describe("opening a socket for interface ioctls", LibC.errno(), "permission denied"));
        }
        try {
            if (LibC.ioctl(socket, command, request) < 0) {
                throw new IOException(Errno.describe(what + " interface '" + name + "'", LibC.errno(),
                        "changing an interface needs CAP_NET_ADMIN (run as root)"));
            }
        } finally {
            LibC.close(socket);
        }
    }
}
