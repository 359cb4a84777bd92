package org.smoltcp4j.profile.planted;

/** Planted: SNI natives take at most 15 parameters; this one takes 16. */
public class NativeWithSixteenParameters {
    static native int many(int p0, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9, int p10, int p11, int p12, int p13, int p14, int p15);
}
