package org.smoltcp4j.profile.planted;

/** Planted: a default method in an interface. */
public interface InterfaceWithDefaultMethod {
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }
}
