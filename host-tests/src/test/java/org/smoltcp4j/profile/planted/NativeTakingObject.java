package org.smoltcp4j.profile.planted;

/** Planted: SNI natives take only base types and base-type arrays. */
public class NativeTakingObject {
    static native int send(Object frame);
}
