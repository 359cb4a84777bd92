package org.smoltcp4j.profile.planted;

/** Planted: @Deprecated is retained at run time, and MicroEJ has no runtime annotations. */
public class RuntimeAnnotated {
    @Deprecated
    static void old() {
    }
}
