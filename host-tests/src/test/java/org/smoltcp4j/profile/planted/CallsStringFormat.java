package org.smoltcp4j.profile.planted;

/** Planted: java.lang.String is allowed, String.format is not (member-level precision). */
public class CallsStringFormat {
    static String describe(String what) {
        return String.format("%s", what);
    }
}
