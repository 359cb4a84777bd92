package org.smoltcp4j.profile.planted;

/** Planted: a method reference compiles to invokedynamic. */
public class UsesMethodReference {
    static Runnable task() {
        return UsesMethodReference::work;
    }

    static void work() {
    }
}
