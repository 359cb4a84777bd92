package org.smoltcp4j.profile.planted;

/** Planted: a two-dimensional array of java.util.Random (multianewarray). */
public class CreatesDisallowedMatrix {
    static Object grid() {
        return new java.util.Random[2][3];
    }
}
