package org.smoltcp4j.firmware.board;

/**
 * Reads an IPv6 address in the text forms 1 and 2 of RFC 4291 section 2.2: eight groups of one to
 * four hexadecimal digits separated by colons, one run of zero groups optionally written as
 * {@code ::}. Form 3 (a dotted quad in the last 32 bits) is not read: board files have no use for
 * IPv4-embedding addresses. No allocation besides the caller's array.
 */
final class Ipv6Text {

    private static final int GROUPS = 8;
    private static final int MAX_GROUP_DIGITS = 4;

    private Ipv6Text() {
    }

    /**
     * Parses {@code text[start, end)} into {@code highLow[0]} (the first 64 bits) and
     * {@code highLow[1]}; returns false (leaving them unspecified) when it is not an IPv6 address.
     */
    static boolean parse(String text, int start, int end, long[] highLow) {
        int doubleColon = text.indexOf("::", start);
        if (doubleColon + 2 > end) {
            doubleColon = -1;
        }
        if (doubleColon >= 0) {
            int second = text.indexOf("::", doubleColon + 1);
            if (second >= 0 && second + 2 <= end) {
                return false;
            }
        }
        highLow[0] = 0;
        highLow[1] = 0;
        if (doubleColon < 0) {
            return groups(text, start, end, 0, highLow) == GROUPS;
        }
        int head = doubleColon == start ? 0 : groups(text, start, doubleColon, 0, highLow);
        if (head < 0) {
            return false;
        }
        long[] tail = {0, 0};
        int tailCount = doubleColon + 2 == end ? 0 : groups(text, doubleColon + 2, end, 0, tail);
        if (tailCount < 0 || head + tailCount > GROUPS - 1) {
            return false;
        }
        // The tail's groups were read into groups 0..tailCount-1: shift them to the end.
        for (int i = 0; i < tailCount; i++) {
            setGroup(highLow, GROUPS - tailCount + i, group(tail, i));
        }
        return true;
    }

    /**
     * Reads colon-separated groups of {@code text[start, end)} into groups {@code first..} of
     * {@code highLow}; returns how many, or -1 for an empty or overlong group, a bad digit or more
     * than eight groups.
     */
    private static int groups(String text, int start, int end, int first, long[] highLow) {
        int count = 0;
        int position = start;
        while (true) {
            int colon = text.indexOf(':', position);
            int groupEnd = colon < 0 || colon > end ? end : colon;
            int digits = groupEnd - position;
            if (digits < 1 || digits > MAX_GROUP_DIGITS || first + count >= GROUPS) {
                return -1;
            }
            int value = 0;
            for (int i = position; i < groupEnd; i++) {
                int digit = BoardValues.hexDigit(text.charAt(i));
                if (digit < 0) {
                    return -1;
                }
                value = value << 4 | digit;
            }
            setGroup(highLow, first + count, value);
            count++;
            if (groupEnd == end) {
                return count;
            }
            position = groupEnd + 1;
        }
    }

    private static int group(long[] highLow, int index) {
        return (int) (highLow[index / 4] >>> (48 - 16 * (index % 4))) & 0xffff;
    }

    private static void setGroup(long[] highLow, int index, int value) {
        int shift = 48 - 16 * (index % 4);
        highLow[index / 4] = highLow[index / 4] & ~(0xffffL << shift) | (long) value << shift;
    }
}
