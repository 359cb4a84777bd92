package org.smoltcp4j.firmware.board;

/** The few String helpers EDC leaves out (trim, endsWith), written with its allowed members. */
final class Text {

    private Text() {
    }

    /** {@code s} without leading and trailing spaces, tabs and control characters. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean endsWith(String s, String suffix) {
        int offset = s.length() - suffix.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (s.charAt(offset + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
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
