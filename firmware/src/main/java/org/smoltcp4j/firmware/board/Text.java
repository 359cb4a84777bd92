package org.smoltcp4j.firmware.board;

/** Column alignment for the RAM budget table (EDC has no String.format). */
final class Text {

    private Text() {
    }

    /** Appends {@code s} and then spaces up to {@code width} characters. */
    static void appendPadded(StringBuilder out, String s, int width) {
        out.append(s);
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
    }

    /** Appends spaces and then {@code value}, right-aligned in {@code width} characters. */
    static void appendRightAligned(StringBuilder out, long value, int width) {
        String digits = String.valueOf(value);
        for (int i = digits.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(digits);
    }
}
