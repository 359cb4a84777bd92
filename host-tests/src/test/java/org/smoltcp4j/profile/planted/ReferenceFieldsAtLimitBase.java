package org.smoltcp4j.profile.planted;

/** Not planted: 15 reference fields, with the 16 of its subclass exactly 31. */
public class ReferenceFieldsAtLimitBase {
    int primitive;
    Object[] base0;
    Object[] base1;
    Object[] base2;
    Object[] base3;
    Object[] base4;
    Object[] base5;
    Object[] base6;
    Object[] base7;
    Object[] base8;
    Object[] base9;
    Object[] base10;
    Object[] base11;
    Object[] base12;
    Object[] base13;
    Object[] base14;
}
