package org.smoltcp4j.firmware.app;

import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Discards everything received (smoltcp's server.rs TCP 6971, and the receiving half of the
 * throughput benchmark), counting the bytes; closes when the client does.
 */
public final class TcpSink extends TcpService {

    private long received;

    public TcpSink(TcpListener listener) {
        super(listener);
    }

    /** Bytes discarded since boot, over all connections. */
    public long bytesReceived() {
        return received;
    }

    @Override
    protected void opened(int slot, TcpSocket socket, long now) {
        // No per-connection state.
    }

    @Override
    protected boolean serveConnection(int slot, TcpSocket socket, long now) {
        int window;
        while ((window = socket.recvWindowLength()) > 0) {
            socket.commitRecv(window);
            received += window;
        }
        return window == 0;
    }
}
