package org.smoltcp4j.profile.planted;

/** Not planted: 16 reference fields plus the 15 of {@link ReferenceFieldsAtLimitBase}: 31 passes. */
public class ReferenceFieldsAtLimit extends ReferenceFieldsAtLimitBase {
    static Object shared;
    Object sub0;
    Object sub1;
    Object sub2;
    Object sub3;
    Object sub4;
    Object sub5;
    Object sub6;
    Object sub7;
    Object sub8;
    Object sub9;
    Object sub10;
    Object sub11;
    Object sub12;
    Object sub13;
    Object sub14;
    Object sub15;
}
