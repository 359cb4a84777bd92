package org.smoltcp4j.firmware.app;

import org.smoltcp4j.firmware.Ascii;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Sends an endless stream of {@link #PATTERN} lines (smoltcp's server.rs TCP 6972, and the sending
 * half of the throughput benchmark), written in place into the send buffer; stops when the client
 * closes its half or resets.
 */
public final class TcpSource extends TcpService {

    /** One line of the stream; byte {@code n} of a connection's stream is {@code PATTERN[n % PATTERN.length]}. */
    public static final byte[] PATTERN = Ascii.bytes("smoltcp4j source: 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGH\n");

    private final long[] positions;
    private long sent;

    public TcpSource(TcpListener listener) {
        super(listener);
        this.positions = new long[listener.backlog()];
    }

    /** Bytes queued for sending since boot, over all connections. */
    public long bytesSent() {
        return sent;
    }

    @Override
    protected void opened(int slot, TcpSocket socket, long now) {
        positions[slot] = 0;
    }

    @Override
    protected boolean serveConnection(int slot, TcpSocket socket, long now) {
        int incoming = socket.recvWindowLength();
        if (incoming < 0) {
            return false; // the client closed its half (or reset): the stream ends
        }
        socket.commitRecv(incoming); // a source ignores what it is sent
        int window;
        while ((window = socket.sendWindowLength()) > 0) {
            byte[] buffer = socket.sendBuffer();
            int start = socket.sendWindowStart();
            long position = positions[slot];
            for (int i = 0; i < window; i++) {
                buffer[start + i] = PATTERN[(int) ((position + i) % PATTERN.length)];
            }
            if (socket.commitSend(window) < 0) {
                return false;
            }
            positions[slot] = position + window;
            sent += window;
        }
        return true;
    }
}
