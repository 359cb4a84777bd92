package org.smoltcp4j.profile.planted;

/** Planted: a field of type java.util.Random. */
public class DisallowedFieldType {
    static java.util.Random random;
}
