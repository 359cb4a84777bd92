package org.smoltcp4j.wire;

/**
 * Domain names in uncompressed wire form (RFC 1035 section 3.1): length-prefixed labels ending
 * with the zero-length root label, at most {@link #MAX_LENGTH} bytes. Conversion from dotted text,
 * validation, comparison and printing, all without allocation. Names inside received messages,
 * which may be compressed, are read with {@link DnsNameReader}.
 */
public final class DnsName {

    /** Longest name in wire form, root label included (RFC 1035 section 2.3.4). */
    public static final int MAX_LENGTH = 255;
    public static final int MAX_LABEL_LENGTH = 63;

    private DnsName() {
    }

    /**
     * Encodes dotted text ({@code www.example.com}, an optional final dot; empty or {@code "."} is
     * the root) into wire form at {@code out[outOff..]} and returns its length. Throws
     * IllegalArgumentException for empty labels, labels over 63 bytes or names over 255 bytes,
     * and when {@code out} has no room.
     */
    public static int fromDotted(byte[] text, int off, int len, byte[] out, int outOff) {
        NetworkBytes.checkBounds(text, off, len);
        int end = off + len;
        if (len > 0 && text[end - 1] == '.') {
            end--;
        }
        int wireLength = end - off + (end > off ? 2 : 1);
        if (wireLength > MAX_LENGTH) {
            throw new IllegalArgumentException("DNS name of " + wireLength + " bytes in wire form exceeds " + MAX_LENGTH);
        }
        NetworkBytes.checkBounds(out, outOff, wireLength);
        int at = outOff;
        int labelStart = off;
        for (int i = off; i <= end && end > off; i++) {
            if (i < end && text[i] != '.') {
                continue;
            }
            int labelLength = i - labelStart;
            if (labelLength == 0 || labelLength > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("DNS label at text offset " + (labelStart - off)
                        + " must be 1.." + MAX_LABEL_LENGTH + " bytes, got " + labelLength);
            }
            out[at] = (byte) labelLength;
            System.arraycopy(text, labelStart, out, at + 1, labelLength);
            at += 1 + labelLength;
            labelStart = i + 1;
        }
        out[at] = 0;
        return wireLength;
    }

    /**
     * Checks that {@code name[off, off+len)} is exactly one uncompressed name in wire form;
     * throws IllegalArgumentException naming the problem otherwise.
     */
    public static void requireWireForm(byte[] name, int off, int len) {
        NetworkBytes.checkBounds(name, off, len);
        if (len > MAX_LENGTH) {
            throw new IllegalArgumentException("DNS name of " + len + " bytes exceeds " + MAX_LENGTH);
        }
        int at = off;
        int end = off + len;
        while (at < end) {
            int labelLength = name[at] & 0xff;
            if (labelLength == 0) {
                if (at + 1 != end) {
                    throw new IllegalArgumentException("DNS name ends at offset " + (at - off) + " of " + len + " bytes");
                }
                return;
            }
            if (labelLength > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("DNS label length byte " + labelLength + " at offset " + (at - off)
                        + " is not a plain label (compression is not allowed here)");
            }
            at += 1 + labelLength;
        }
        throw new IllegalArgumentException("DNS name of " + len + " bytes lacks its final zero-length label");
    }

    /** True when two labels of {@code len} bytes are equal, ASCII letters compared without case (RFC 4343). */
    public static boolean labelEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (lowerCase(a[aOff + i]) != lowerCase(b[bOff + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /**
     * Appends one label as text: printable ASCII as is, '.' and '\' escaped with a backslash,
     * other bytes as {@code \DDD} decimal (RFC 4343 section 2.1).
     */
    public static StringBuilder appendLabel(StringBuilder out, byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = buf[i] & 0xff;
            if (c == '.' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c > ' ' && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
        return out;
    }

    /** Appends an uncompressed wire-form name as dotted text ({@code "."} for the root). */
    public static StringBuilder appendWireForm(StringBuilder out, byte[] name, int off) {
        if (name[off] == 0) {
            return out.append('.');
        }
        for (int at = off; name[at] != 0; at += 1 + (name[at] & 0xff)) {
            if (at > off) {
                out.append('.');
            }
            appendLabel(out, name, at + 1, name[at] & 0xff);
        }
        return out;
    }
}
