package org.smoltcp4j.profile.planted;

/** Planted: byte[].clone() is java.lang.Object#clone, which is not allowed (use System.arraycopy). */
public class ClonesArray {
    static byte[] copy(byte[] data) {
        return data.clone();
    }
}
