package org.smoltcp4j.profile.planted;

/** Planted: a static method in an interface. */
public interface InterfaceWithStaticMethod {
    int CONSTANT = 7;

    static int twice(int value) {
        return 2 * value;
    }
}
