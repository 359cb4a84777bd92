package org.smoltcp4j.socket;

/**
 * No congestion control, smoltcp's default: the window is unlimited, so only the peer's
 * advertised window bounds the data in flight. Stateless, so one instance serves every socket.
 */
public final class NoControl extends CongestionController {

    /** The shared instance. */
    public static final NoControl INSTANCE = new NoControl();

    private NoControl() {
    }

    @Override
    public int window() {
        return UNLIMITED;
    }

    @Override
    public void reset() {
    }
}
