package org.smoltcp4j.hal.host;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls the host devices make, bound with JNA direct mapping: each call is a plain
 * JNI call with no Java-side marshalling objects, and {@code byte[]}/{@code int[]}/{@code long[]}
 * arguments are pinned or copied in native memory, so a call allocates nothing on the Java heap
 * (the zero-garbage rule holds for the frame path; see the allocation tests). The errno of the last
 * call is read with {@link #errno()}.
 *
 * <p>Numbers are Linux's on x86-64 and arm64 (both little-endian, the same values for everything
 * used here).
 */
final class LibC {

    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;

    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOL_PACKET = 263;
    static final int PACKET_IGNORE_OUTGOING = 23;
    /** ETH_P_ALL in network byte order, as socket(2) and sockaddr_ll want it. */
    static final int ETH_P_ALL_BE = 0x0300;

    static final long TUNSETIFF = 0x400454caL;
    static final long SIOCGIFMTU = 0x8921L;
    static final long SIOCSIFMTU = 0x8922L;
    static final long SIOCGIFFLAGS = 0x8913L;
    static final long SIOCSIFFLAGS = 0x8914L;
    static final long SIOCSIFADDR = 0x8916L;
    static final long SIOCSIFNETMASK = 0x891cL;
    static final long SIOCSIFHWADDR = 0x8924L;
    static final short IFF_UP = 0x1;
    static final short ARPHRD_ETHER = 1;
    static final short IFF_TUN = 0x0001;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_VNET_HDR = 0x4000;
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    /** sizeof(struct ifreq); the name takes the first {@link #IFNAMSIZ} bytes, the union follows. */
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;

    static final short POLLIN = 0x1;
    static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native long read(int fd, byte[] buffer, long count);

    static native long write(int fd, byte[] buffer, long count);

    /**
     * read(2) into native memory. JNA passes a {@code byte[]} by copying the whole array in and out
     * around the call, which for a 64 KiB receive buffer costs more than the frame; with native
     * memory only the bytes that arrived are copied, once.
     */
    static native long read(int fd, Pointer buffer, long count);

    /** write(2) from native memory (see {@link #read(int, Pointer, long)}). */
    static native long write(int fd, Pointer buffer, long count);

    static native int ioctl(int fd, long request, byte[] argument);

    /** An ioctl whose argument is a number (TUNSETOFFLOAD). */
    static native int ioctl(int fd, long request, long argument);

    static native int fcntl(int fd, int command, int argument);

    /**
     * {@code fds} holds {@code struct pollfd}s as int pairs: fd, then events in the low and revents
     * in the high 16 bits (little-endian layout); {@code timeout} is a {@code struct timespec}.
     */
    static native int ppoll(int[] fds, long count, long[] timeout, Pointer signalMask);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] address, int length);

    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    static native int if_nametoindex(String name);

    static native int setns(int fd, int namespaceType);

    static native int unshare(int flags);

    /** The errno left by the last call of this thread. */
    static int errno() {
        return Native.getLastError();
    }
}
