package org.smoltcp4j.iface;

import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * A fixed number of socket slots, sized when the application boots. A socket is referred to by an
 * int handle (its slot), like smoltcp's SocketHandle; no collection grows behind it.
 */
public final class SocketSet {

    private final Socket[] slots;
    /**
     * Neighbour silencing, as smoltcp's socket_meta: a socket whose packet was refused because its
     * next hop is unresolved is not dispatched again until that neighbour answers or until this time.
     */
    private final long[] silencedUntil;
    /** The next hop each silenced slot waits for, in the IPv6 form (IPv4 mapped). */
    private final long[] silencedNeighborHigh;
    private final long[] silencedNeighborLow;
    private final boolean[] silenced;

    public SocketSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a socket set needs at least 1 slot, got " + capacity);
        }
        slots = new Socket[capacity];
        silencedUntil = new long[capacity];
        silencedNeighborHigh = new long[capacity];
        silencedNeighborLow = new long[capacity];
        silenced = new boolean[capacity];
    }

    /** Puts {@code socket} in the first free slot and returns its handle. */
    public int add(Socket socket) {
        if (socket == null) {
            throw new NullPointerException("socket is null");
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == socket) {
                throw new IllegalArgumentException("socket is already in this set at handle " + i);
            }
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = socket;
                return i;
            }
        }
        throw new IllegalStateException("all " + slots.length + " socket slots are in use; size the set for more at boot");
    }

    /**
     * Puts every socket of {@code listener}'s backlog in a slot of its own (each is dispatched and
     * silenced on its own, like any socket); all or none are added. The application reaches them
     * through {@link TcpListener#accept()}; {@link TcpListener#socket(int)} and {@link #get} still work.
     */
    public void add(TcpListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener is null");
        }
        int free = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                free++;
            } else if (slots[i] instanceof TcpSocket && ((TcpSocket) slots[i]).listener() == listener) {
                throw new IllegalArgumentException("the listener's sockets are already in this set (handle " + i + ")");
            }
        }
        if (free < listener.backlog()) {
            throw new IllegalStateException("a backlog of " + listener.backlog() + " sockets needs as many free slots, "
                    + free + " of " + slots.length + " are free; size the set for more at boot");
        }
        for (int i = 0; i < listener.backlog(); i++) {
            add(listener.socket(i));
        }
    }

    /** The socket at {@code handle}. */
    public Socket get(int handle) {
        Socket socket = handle >= 0 && handle < slots.length ? slots[handle] : null;
        if (socket == null) {
            throw new IllegalArgumentException("no socket at handle " + handle);
        }
        return socket;
    }

    /** Empties the slot at {@code handle} and returns the socket that was there. */
    public Socket remove(int handle) {
        Socket socket = get(handle);
        slots[handle] = null;
        silenced[handle] = false;
        return socket;
    }

    public int capacity() {
        return slots.length;
    }

    /** The socket in slot {@code index}, or null when the slot is free (for iteration by the interface). */
    Socket slot(int index) {
        return slots[index];
    }

    /** Silences slot {@code index} until {@code neighbor} resolves or {@code until} passes. */
    void silence(int index, long neighborHigh, long neighborLow, long until) {
        silenced[index] = true;
        silencedNeighborHigh[index] = neighborHigh;
        silencedNeighborLow[index] = neighborLow;
        silencedUntil[index] = until;
    }

    void unsilence(int index) {
        silenced[index] = false;
    }

    /** True when slot {@code index} is silenced (check {@link #silencedNeighborHigh} and {@link #silencedUntil}). */
    boolean isSilenced(int index) {
        return silenced[index];
    }

    long silencedNeighborHigh(int index) {
        return silencedNeighborHigh[index];
    }

    long silencedNeighborLow(int index) {
        return silencedNeighborLow[index];
    }

    long silencedUntil(int index) {
        return silencedUntil[index];
    }
}
