package org.smoltcp4j.wire;

/** Appends hexadecimal digits to a {@link StringBuilder} without creating strings. */
public final class Hex {

    private static final char[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private Hex() {
    }

    /** Appends the low {@code digits} hex digits of {@code value}, zero-padded. */
    public static StringBuilder append(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(DIGITS[(int) (value >>> shift) & 0xf]);
        }
        return out;
    }

    /** Appends {@code value} in hex with no leading zeros ("0" for zero). */
    public static StringBuilder appendCompact(StringBuilder out, long value) {
        int digits = 1;
        while (digits < 16 && (value >>> (digits * 4)) != 0) {
            digits++;
        }
        return append(out, value, digits);
    }

    /** Appends bytes as two hex digits each, separated by {@code separator} unless it is 0. */
    public static StringBuilder appendBytes(StringBuilder out, byte[] buf, int off, int len, char separator) {
        for (int i = 0; i < len; i++) {
            if (i > 0 && separator != 0) {
                out.append(separator);
            }
            append(out, buf[off + i], 2);
        }
        return out;
    }
}
