package org.smoltcp4j.hal.host;

/** Names and explanations of the errno values the host devices meet, for error messages. */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENETDOWN = 100;
    public static final int ENOBUFS = 105;

    private Errno() {
    }

    /** {@code "EBUSY 16"}, or {@code "errno 200"} for a value not listed here. */
    public static String name(int errno) {
        String symbol = symbol(errno);
        return symbol == null ? "errno " + errno : symbol + " " + errno;
    }

    /**
     * The message of a failed open of a TUN/TAP/raw device: what failed, what went wrong in words
     * (permission, busy, missing interface, invalid name), then the errno name and number.
     *
     * @param permission what to say for EPERM/EACCES, e.g. which capability the call needs
     */
    public static String describe(String what, int errno, String permission) {
        return what + ": " + explanation(errno, permission) + " (" + name(errno) + ")";
    }

    private static String explanation(int errno, String permission) {
        switch (errno) {
            case EPERM:
            case EACCES:
                return permission;
            case EBUSY:
                return "device busy (another process has it open, or it exists with other flags)";
            case ENODEV:
            case ENXIO:
                return "no such interface";
            case ENOENT:
                return "no such file or directory";
            case EINVAL:
                return "invalid argument (bad interface name, or an existing interface of the other kind)";
            default:
                return "failed";
        }
    }

    private static String symbol(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EIO: return "EIO";
            case ENXIO: return "ENXIO";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EBUSY: return "EBUSY";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case EMSGSIZE: return "EMSGSIZE";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case ENETDOWN: return "ENETDOWN";
            case ENOBUFS: return "ENOBUFS";
            default: return null;
        }
    }
}
