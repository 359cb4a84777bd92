package org.smoltcp4j.profile.planted;

/** Planted: SNI natives return only base types or base-type arrays. */
public class NativeReturningString {
    static native String name();
}
