package org.smoltcp4j.socket;

/**
 * What every socket has: its type, and the two calls the interface makes on each poll besides
 * delivering input: {@link #dispatch} to send what is queued, and {@link #pollAt} to say when the
 * socket next needs a poll. Input is delivered through each type's own {@code process} method,
 * since each protocol has its own header.
 */
public abstract class Socket {

    public static final int TYPE_UDP = 1;
    public static final int TYPE_ICMP = 2;
    public static final int TYPE_RAW = 3;
    public static final int TYPE_TCP = 4;

    /** {@link #dispatch} sent one packet. */
    public static final int DISPATCH_SENT = 1;
    /** {@link #dispatch} had nothing to send. */
    public static final int DISPATCH_IDLE = 0;
    /**
     * {@link #dispatch} has a packet that the interface refused for now (device busy, neighbour
     * pending); the socket keeps it. {@link #blockedStatus()} says which refusal.
     */
    public static final int DISPATCH_BLOCKED = -1;

    /** {@link #pollAt} when the socket needs no poll until input arrives or the application acts. */
    public static final long POLL_NEVER = Long.MAX_VALUE;

    private final int type;
    private int blockedStatus;

    protected Socket(int type) {
        this.type = type;
    }

    public final int type() {
        return type;
    }

    /**
     * Sends at most one queued packet through {@code emitter}: {@link #DISPATCH_SENT},
     * {@link #DISPATCH_IDLE} or {@link #DISPATCH_BLOCKED}.
     */
    public abstract int dispatch(SocketContext context, PacketEmitter emitter);

    /** The earliest time this socket needs a poll, or {@link #POLL_NEVER}. */
    public abstract long pollAt(SocketContext context);

    /** The {@link PacketEmitter} refusal that blocked the last dispatch. */
    public final int blockedStatus() {
        return blockedStatus;
    }

    /** Records a refusal and returns {@link #DISPATCH_BLOCKED}, for subclasses' dispatch. */
    protected final int blocked(int emitterStatus) {
        blockedStatus = emitterStatus;
        return DISPATCH_BLOCKED;
    }
}
