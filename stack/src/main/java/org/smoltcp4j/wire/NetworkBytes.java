package org.smoltcp4j.wire;

/**
 * Reads and writes unsigned big-endian (network byte order) fields in a byte array. Values are
 * returned in the smallest Java primitive that holds them unsigned: 8 and 16 bits in an {@code int},
 * 32 bits in an {@code int} bit pattern ({@link #getU32}) or a non-negative {@code long}
 * ({@link #getU32AsLong}), 48 bits (MAC addresses) in a {@code long}.
 */
public final class NetworkBytes {

    private NetworkBytes() {
    }

    public static int getU8(byte[] buf, int at) {
        return buf[at] & 0xff;
    }

    public static int getU16(byte[] buf, int at) {
        return (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
    }

    public static int getU24(byte[] buf, int at) {
        return (buf[at] & 0xff) << 16 | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff);
    }

    /** The 32-bit field as an {@code int} bit pattern (IPv4 addresses, sequence numbers). */
    public static int getU32(byte[] buf, int at) {
        return (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff);
    }

    /** The 32-bit field as a value from 0 to 2^32-1 (lifetimes, counters). */
    public static long getU32AsLong(byte[] buf, int at) {
        return getU32(buf, at) & 0xffffffffL;
    }

    public static long getU48(byte[] buf, int at) {
        return (getU16(buf, at) & 0xffffL) << 32 | getU32AsLong(buf, at + 2);
    }

    public static long getU64(byte[] buf, int at) {
        return (getU32AsLong(buf, at) << 32) | getU32AsLong(buf, at + 4);
    }

    public static void setU8(byte[] buf, int at, int value) {
        buf[at] = (byte) value;
    }

    public static void setU16(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    public static void setU24(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 16);
        buf[at + 1] = (byte) (value >>> 8);
        buf[at + 2] = (byte) value;
    }

    public static void setU32(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    public static void setU48(byte[] buf, int at, long value) {
        setU16(buf, at, (int) (value >>> 32));
        setU32(buf, at + 2, (int) value);
    }

    public static void setU64(byte[] buf, int at, long value) {
        setU32(buf, at, (int) (value >>> 32));
        setU32(buf, at + 4, (int) value);
    }

    /** Fills {@code len} bytes from {@code at} with {@code value} (EDC has no {@code Arrays.fill}). */
    public static void fill(byte[] buf, int at, int len, byte value) {
        for (int i = at, end = at + len; i < end; i++) {
            buf[i] = value;
        }
    }

    /**
     * Fails with a clear message when {@code [off, off+len)} is not inside {@code buf}. Used by
     * the {@code wrap} methods of packet views: a caller passing bad bounds is a programming error.
     */
    public static void checkBounds(byte[] buf, int off, int len) {
        if (buf == null) {
            throw new NullPointerException("buffer is null");
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("range offset " + off + " length " + len
                    + " is outside a buffer of " + buf.length + " bytes");
        }
    }
}
