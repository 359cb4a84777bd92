package org.smoltcp4j.profile.planted;

/** Planted: SNI natives must be static. */
public class NativeNotStatic {
    native int receive(byte[] frame, int offset, int length);
}
