package org.smoltcp4j.firmware.board;

/**
 * Strict UTF-8 decoding for board files (EDC's String(byte[], charset) is not relied upon). A NUL
 * byte or an invalid sequence means the file is not a text board file at all.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Decodes {@code bytes[0, length)}, skipping a leading byte order mark. */
    static String decode(String fileName, byte[] bytes, int length) {
        StringBuilder text = new StringBuilder(length);
        int i = length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            int extra;
            int codePoint;
            if (b == 0) {
                throw notText(fileName, "a NUL byte at offset " + i);
            } else if (b < 0x80) {
                extra = 0;
                codePoint = b;
            } else if (b >= 0xc2 && b <= 0xdf) {
                extra = 1;
                codePoint = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                extra = 2;
                codePoint = b & 0x0f;
            } else if (b >= 0xf0 && b <= 0xf4) {
                extra = 3;
                codePoint = b & 0x07;
            } else {
                throw notText(fileName, "byte 0x" + Integer.toHexString(b) + " at offset " + i + " is not UTF-8");
            }
            if (i + extra >= length && extra > 0) {
                throw notText(fileName, "a UTF-8 sequence is cut off at offset " + i);
            }
            for (int k = 1; k <= extra; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    throw notText(fileName, "byte 0x" + Integer.toHexString(next) + " at offset " + (i + k) + " is not UTF-8");
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (extra == 2 && (codePoint < 0x800 || (codePoint >= 0xd800 && codePoint <= 0xdfff))
                    || extra == 3 && (codePoint < 0x10000 || codePoint > 0x10ffff)) {
                throw notText(fileName, "an overlong or invalid UTF-8 sequence at offset " + i);
            }
            appendCodePoint(text, codePoint);
            i += extra + 1;
        }
        return text.toString();
    }

    private static void appendCodePoint(StringBuilder text, int codePoint) {
        if (codePoint < 0x10000) {
            text.append((char) codePoint);
        } else {
            int v = codePoint - 0x10000;
            text.append((char) (0xd800 + (v >> 10)));
            text.append((char) (0xdc00 + (v & 0x3ff)));
        }
    }

    private static BoardConfigException notText(String fileName, String what) {
        return new BoardConfigException(fileName, BoardConfigException.NO_LINE, "",
                "not a board file: " + what + " (board files are UTF-8 text)");
    }
}
