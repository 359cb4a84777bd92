package org.smoltcp4j.interop;

import org.smoltcp4j.socket.TcpSocket;

/**
 * The application of smoltcp's server example on TCP port 6970: every line received is sent back
 * reversed (its newline last); when the peer closes, we close too. Runs on the poll loop.
 */
final class LineReverser {

    /** The longest line, newline excluded. */
    static final int MAX_LINE = 200;

    private final TcpSocket socket;
    private final byte[] scratch = new byte[4096];
    private final byte[] line = new byte[MAX_LINE + 1];
    private int lineLength;

    LineReverser(TcpSocket socket) {
        this.socket = socket;
    }

    /** One step after a poll: as many received bytes as the send buffer has room to answer. */
    void step() {
        // A reply is never longer than what was received plus the unfinished line: keep room for both.
        int room = socket.sendCapacity() - socket.sendQueue() - line.length;
        int length = socket.recv(scratch, 0, Math.max(0, Math.min(scratch.length, room)));
        if (length == TcpSocket.FINISHED) {
            socket.close();
            return;
        }
        for (int i = 0; i < length; i++) {
            byte b = scratch[i];
            if (b != '\n') {
                if (lineLength == MAX_LINE) {
                    throw new IllegalStateException("line longer than " + MAX_LINE);
                }
                line[lineLength++] = b;
                continue;
            }
            for (int from = 0, to = lineLength - 1; from < to; from++, to--) {
                byte swap = line[from];
                line[from] = line[to];
                line[to] = swap;
            }
            line[lineLength++] = '\n';
            if (socket.send(line, 0, lineLength) != lineLength) {
                throw new IllegalStateException("no room for a reply line although room was kept");
            }
            lineLength = 0;
        }
    }
}
