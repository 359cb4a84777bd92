package org.smoltcp4j.profile.planted;

/** Planted: implements java.io.Closeable, which is not confirmed for EDC (AutoCloseable is). */
public class ImplementsDisallowedInterface implements java.io.Closeable {
    @Override
    public void close() {
    }
}
