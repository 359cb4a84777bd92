package org.smoltcp4j.profile.planted;

/** Planted: SNI arrays are one-dimensional. */
public class NativeTakingIntMatrix {
    static native void fill(int[][] matrix);
}
