package org.smoltcp4j.profile.planted;

/** Planted: a lambda compiles to invokedynamic. */
public class UsesLambda {
    static Runnable task() {
        return () -> { };
    }
}
