package org.smoltcp4j.firmware.app;

import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Reverse echo, line by line (smoltcp's server.rs TCP 6970): each line received comes back
 * reversed, followed by a newline. A line longer than the line buffer is answered in pieces of
 * the buffer's size. Closes when the client does.
 */
public final class TcpReverse extends TcpService {

    private static final byte[] NEWLINE = {'\n'};

    private final byte[][] lines;
    private final int[] lengths;
    private final boolean[] complete;

    /**
     * @param maxLine bytes of the longest line answered whole: at least 1, and less than the
     *                sockets' send buffer, which must hold a whole answer and its newline
     */
    public TcpReverse(TcpListener listener, int maxLine) {
        super(listener);
        int sendCapacity = listener.socket(0).sendCapacity();
        if (maxLine < 1 || maxLine >= sendCapacity) {
            throw new IllegalArgumentException("maxLine must be 1.." + (sendCapacity - 1)
                    + " (less than the send buffer), got " + maxLine);
        }
        this.lines = new byte[listener.backlog()][maxLine];
        this.lengths = new int[listener.backlog()];
        this.complete = new boolean[listener.backlog()];
    }

    @Override
    protected void opened(int slot, TcpSocket socket, long now) {
        lengths[slot] = 0;
        complete[slot] = false;
    }

    @Override
    protected boolean serveConnection(int slot, TcpSocket socket, long now) {
        while (true) {
            if (complete[slot] && !answer(slot, socket)) {
                return true; // no room for the answer yet: keep the line until the client reads
            }
            int window = socket.recvWindowLength();
            if (window < 0) {
                // The client is done: answer an unterminated last line, then close.
                complete[slot] = lengths[slot] > 0;
                return complete[slot] && !answer(slot, socket);
            }
            if (window == 0) {
                return true;
            }
            collect(slot, socket, window);
        }
    }

    /** Moves received bytes into the line until it ends (a newline, or a byte that no longer fits). */
    private void collect(int slot, TcpSocket socket, int window) {
        byte[] buffer = socket.recvBuffer();
        int start = socket.recvWindowStart();
        byte[] line = lines[slot];
        int used = 0;
        while (used < window && !complete[slot]) {
            byte b = buffer[start + used];
            if (b == '\n') {
                used++;
                complete[slot] = true;
            } else if (lengths[slot] == line.length) {
                complete[slot] = true; // a full buffer ends the line; this byte starts the next one
            } else {
                line[lengths[slot]++] = b;
                used++;
            }
        }
        socket.commitRecv(used);
    }

    /** Sends the reversed line and a newline if the send buffer has room for both; true when sent. */
    private boolean answer(int slot, TcpSocket socket) {
        int length = lengths[slot];
        if (socket.sendCapacity() - socket.sendQueue() < length + 1) {
            return false;
        }
        byte[] line = lines[slot];
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            byte t = line[i];
            line[i] = line[j];
            line[j] = t;
        }
        socket.send(line, 0, length);
        socket.send(NEWLINE, 0, 1);
        lengths[slot] = 0;
        complete[slot] = false;
        return true;
    }
}
