package org.smoltcp4j.iface;

import org.smoltcp4j.socket.Socket;

/**
 * A fixed number of socket slots, sized when the application boots. A socket is referred to by an
 * int handle (its slot), like smoltcp's SocketHandle; no collection grows behind it.
 */
public final class SocketSet {

    private final Socket[] slots;

    public SocketSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a socket set needs at least 1 slot, got " + capacity);
        }
        slots = new Socket[capacity];
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
        return socket;
    }

    public int capacity() {
        return slots.length;
    }

    /** The socket in slot {@code index}, or null when the slot is free (for iteration by the interface). */
    Socket slot(int index) {
        return slots[index];
    }
}
