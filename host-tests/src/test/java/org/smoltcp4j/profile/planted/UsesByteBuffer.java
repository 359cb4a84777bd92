package org.smoltcp4j.profile.planted;

/** Planted: names java.nio.ByteBuffer (an instanceof), which EDC lacks. */
public class UsesByteBuffer {
    static boolean isBuffer(Object value) {
        return value instanceof java.nio.ByteBuffer;
    }
}
