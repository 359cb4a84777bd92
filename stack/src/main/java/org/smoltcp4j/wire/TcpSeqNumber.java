package org.smoltcp4j.wire;

/**
 * TCP sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4). Sequence numbers are
 * {@code int} bit patterns; two numbers compare by the sign of their wrapped difference, which is
 * meaningful while they are less than 2^31 apart, as they always are inside one connection's
 * windows.
 */
public final class TcpSeqNumber {

    private TcpSeqNumber() {
    }

    /** {@code seq + n} modulo 2^32; {@code n} is a non-negative byte count. */
    public static int add(int seq, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("sequence number increment must not be negative, got " + n);
        }
        return seq + n;
    }

    /** {@code seq - n} modulo 2^32; {@code n} is a non-negative byte count. */
    public static int sub(int seq, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("sequence number decrement must not be negative, got " + n);
        }
        return seq - n;
    }

    /** The signed distance {@code a - b}: positive when {@code a} is after {@code b}. */
    public static int difference(int a, int b) {
        return a - b;
    }

    public static boolean lessThan(int a, int b) {
        return a - b < 0;
    }

    public static boolean lessOrEqual(int a, int b) {
        return a - b <= 0;
    }

    public static boolean greaterThan(int a, int b) {
        return a - b > 0;
    }

    public static boolean greaterOrEqual(int a, int b) {
        return a - b >= 0;
    }

    /** The later of two sequence numbers. */
    public static int max(int a, int b) {
        return a - b >= 0 ? a : b;
    }

    /** The earlier of two sequence numbers. */
    public static int min(int a, int b) {
        return a - b <= 0 ? a : b;
    }

    /** True when {@code start <= seq < start + length} in sequence space ({@code length >= 0}). */
    public static boolean inWindow(int seq, int start, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("window length must not be negative, got " + length);
        }
        return (seq - start & 0xffffffffL) < length;
    }

    /** The number as an unsigned value, 0 to 2^32-1. */
    public static long toUnsigned(int seq) {
        return seq & 0xffffffffL;
    }

    /** Appends the number as an unsigned decimal, as tcpdump prints it. */
    public static StringBuilder append(StringBuilder out, int seq) {
        return out.append(seq & 0xffffffffL);
    }
}
