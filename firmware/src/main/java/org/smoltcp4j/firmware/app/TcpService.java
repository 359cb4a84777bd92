package org.smoltcp4j.firmware.app;

import org.smoltcp4j.firmware.Application;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * A TCP application serving every connection its {@link TcpListener} accepts, each in a
 * connection slot of its own (as many slots as the backlog has sockets, so per-connection state is
 * preallocated). Subclasses say what to do with a connection; this class accepts, hands each open
 * connection to {@link #serveConnection} and gives finished ones back to the listener.
 */
public abstract class TcpService implements Application {

    private final TcpListener listener;
    private final TcpSocket[] connections;

    protected TcpService(TcpListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener is null");
        }
        this.listener = listener;
        this.connections = new TcpSocket[listener.backlog()];
    }

    public final TcpListener listener() {
        return listener;
    }

    /** Connections being served now. */
    public final int activeConnections() {
        int count = 0;
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] != null) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void serve(long now) {
        TcpSocket accepted;
        while ((accepted = listener.accept()) != null) {
            int slot = freeSlot();
            connections[slot] = accepted;
            opened(slot, accepted, now);
        }
        for (int i = 0; i < connections.length; i++) {
            TcpSocket socket = connections[i];
            if (socket == null) {
                continue;
            }
            boolean keep = socket.state() != TcpSocket.CLOSED && serveConnection(i, socket, now);
            if (!keep) {
                connections[i] = null;
                listener.release(socket);
                released(i);
            }
        }
    }

    @Override
    public long pollAt(long now) {
        return NEVER;
    }

    /** The backlog has as many sockets as there are slots, so an accepted socket always finds one. */
    private int freeSlot() {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("more accepted connections than backlog sockets");
    }

    /** A connection was accepted into {@code slot}; reset the slot's state. */
    protected abstract void opened(int slot, TcpSocket socket, long now);

    /** The connection in {@code slot} was given back to the listener; nothing by default. */
    protected void released(int slot) {
    }

    /**
     * Serves the open connection in {@code slot}. Returns false when the application is done with
     * it: the listener then closes it gracefully (after the queued data) and reuses the socket.
     */
    protected abstract boolean serveConnection(int slot, TcpSocket socket, long now);
}
