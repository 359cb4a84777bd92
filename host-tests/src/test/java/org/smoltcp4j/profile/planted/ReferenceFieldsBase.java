package org.smoltcp4j.profile.planted;

/** Planted: 16 reference fields here; with the 16 of the subclass there are 32 (one too many). */
public class ReferenceFieldsBase {
    // Primitive and static fields are free.
    int primitive;
    long otherPrimitive;
    static Object shared;
    Object base0;
    Object base1;
    Object base2;
    Object base3;
    Object base4;
    Object base5;
    Object base6;
    Object base7;
    int[] baseArray0;
    int[] baseArray1;
    int[] baseArray2;
    int[] baseArray3;
    int[] baseArray4;
    int[] baseArray5;
    int[] baseArray6;
    int[] baseArray7;
}
