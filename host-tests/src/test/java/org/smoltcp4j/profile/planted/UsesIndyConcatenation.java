package org.smoltcp4j.profile.planted;

/** Planted: with --release 9 or later javac compiles string concatenation to invokedynamic. */
public class UsesIndyConcatenation {
    static String label(String name) {
        return "name=" + name;
    }
}
