package org.smoltcp4j.firmware;

import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;

/**
 * The firmware's main loop (design.md section 5): read the timer, poll the interface, let each
 * application serve its sockets, ask when there is work again, and sleep until then or until a
 * device event. Everything it touches was built at boot; an iteration allocates nothing.
 *
 * <p>{@link #step} is one iteration without the sleep, so tests and the simulator can drive the
 * firmware on a clock of their own; {@link #run} is the loop a board runs.
 */
public final class Firmware {

    private final Interface iface;
    private final Device device;
    private final SocketSet sockets;
    private final Application[] applications;
    private long iterations;

    /**
     * The loop over the parts built at boot. {@code applications} is copied; its order is the
     * order they are served in.
     */
    public Firmware(Interface iface, Device device, SocketSet sockets, Application[] applications) {
        if (iface == null || device == null || sockets == null || applications == null) {
            throw new NullPointerException("iface, device, sockets and applications must not be null");
        }
        this.iface = iface;
        this.device = device;
        this.sockets = sockets;
        this.applications = new Application[applications.length];
        for (int i = 0; i < applications.length; i++) {
            if (applications[i] == null) {
                throw new NullPointerException("applications[" + i + "] is null");
            }
            this.applications[i] = applications[i];
        }
    }

    /**
     * One iteration at {@code now}: poll, serve every application, and return the time the loop
     * must run again (at least {@code now}; {@link Long#MAX_VALUE} when only a device event can
     * bring work).
     */
    public long step(long now) {
        iterations++;
        iface.poll(now, device, sockets);
        long deadline = Application.NEVER;
        for (int i = 0; i < applications.length; i++) {
            applications[i].serve(now);
            deadline = Math.min(deadline, applications[i].pollAt(now));
        }
        // Asked after serving: what the applications just queued is work for the next poll.
        deadline = Math.min(deadline, iface.pollAt(now, sockets));
        return Math.max(deadline, now);
    }

    /**
     * Runs the loop on {@code clock} until its time reaches {@code stopAtMicros}
     * ({@link Long#MAX_VALUE}: forever, as on a board).
     */
    public void run(Clock clock, long stopAtMicros) {
        long now = clock.nowMicros();
        while (now < stopAtMicros) {
            long deadline = step(now);
            if (deadline > now) {
                clock.waitUntil(Math.min(deadline, stopAtMicros));
            }
            now = clock.nowMicros();
        }
    }

    /** Iterations of the loop so far. */
    public long iterations() {
        return iterations;
    }

    public Interface iface() {
        return iface;
    }

    public SocketSet sockets() {
        return sockets;
    }

    public Device device() {
        return device;
    }
}
