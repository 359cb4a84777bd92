package org.smoltcp4j.profile.planted;

/** Clean: only allowed API, SNI-conformant natives (15 parameters is the limit, not a breach). */
public class CleanClass implements Runnable, AutoCloseable {
    private final StringBuilder text = new StringBuilder();
    private final byte[] buffer = new byte[16];

    static native int receive(byte[] frame, int offset, int length);

    static native void configure(int[] words, long mask, boolean enabled, char tag, short id,
            double ratio, float gain, byte[] mac);

    static native int fifteen(int p0, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9, int p10, int p11, int p12, int p13, int p14);

    @Override
    public void run() {
        int length = Math.min(buffer.length, Math.max(0, receive(buffer, 0, buffer.length)));
        byte[] copy = new byte[length];
        System.arraycopy(buffer, 0, copy, 0, length);
        text.setLength(0);
        text.append("received ").append(length).append(' ').append(Integer.toHexString(copy.length));
        if (text.toString().isEmpty()) {
            throw new IllegalStateException(String.valueOf(length));
        }
    }

    @Override
    public void close() {
        try {
            run();
        } catch (IllegalArgumentException e) {
            text.append(e.getMessage());
        }
    }
}
