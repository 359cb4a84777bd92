package org.smoltcp4j.profile.planted;

/** Planted: a catch clause naming java.util.ConcurrentModificationException. */
public class CatchesDisallowedException {
    static int guarded(Runnable action) {
        try {
            action.run();
            return 0;
        } catch (java.util.ConcurrentModificationException e) {
            return -1;
        }
    }
}
