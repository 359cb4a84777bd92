package org.smoltcp4j.firmware;

/**
 * One service of the firmware (an echo, a sink, the status page...): a small class with no thread
 * of its own. The main loop calls {@link #serve} after every interface poll; the application reads
 * and writes its sockets there and returns without blocking.
 */
public interface Application {

    /** Value of {@link #pollAt} when the application has no timer of its own. */
    long NEVER = Long.MAX_VALUE;

    /** Serves the application's sockets at time {@code now} (microseconds); never blocks or allocates. */
    void serve(long now);

    /**
     * The earliest time the application must be served again even if no packet arrives (an idle
     * timeout, say), or {@link #NEVER}. The main loop sleeps no longer than this.
     */
    long pollAt(long now);
}
