package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code struct ifreq} as a byte array, and the interface ioctls that use it (MTU). */
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
