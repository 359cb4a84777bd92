package org.smoltcp4j.profile.planted;

/** Planted: 16 reference fields plus the 16 of {@link ReferenceFieldsBase}: 32, over the limit. */
public class ReferenceFieldsOverLimit extends ReferenceFieldsBase {
    String sub0;
    String sub1;
    String sub2;
    String sub3;
    String sub4;
    String sub5;
    String sub6;
    String sub7;
    String sub8;
    String sub9;
    String sub10;
    String sub11;
    String sub12;
    String sub13;
    String sub14;
    String sub15;
}
