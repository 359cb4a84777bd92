package org.smoltcp4j.profile.planted;

/** Planted: a class literal of java.util.Random. */
public class UsesDisallowedClassLiteral {
    static Object type() {
        return java.util.Random.class;
    }
}
