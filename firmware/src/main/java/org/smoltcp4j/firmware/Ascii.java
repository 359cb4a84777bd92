package org.smoltcp4j.firmware;

/** ASCII text as bytes, for the constant texts the applications send (built once, at class load). */
public final class Ascii {

    private Ascii() {
    }

    /** The bytes of {@code text}, whose characters must all be ASCII. */
    public static byte[] bytes(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException("text must be ASCII, got character " + (int) c + " at " + i);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
