package org.smoltcp4j.firmware.app;

import org.smoltcp4j.firmware.Ascii;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/** smoltcp's server.rs TCP 6969: says "hello" to each client and closes. */
public final class TcpHello extends TcpService {

    /** The greeting, as bytes built once. */
    private static final byte[] HELLO = Ascii.bytes("hello\n");

    public TcpHello(TcpListener listener) {
        super(listener);
    }

    @Override
    protected void opened(int slot, TcpSocket socket, long now) {
        socket.send(HELLO, 0, HELLO.length);
    }

    @Override
    protected boolean serveConnection(int slot, TcpSocket socket, long now) {
        return false; // greeted at once: close after the queued greeting
    }
}
