package org.smoltcp4j.firmware.app;

import org.smoltcp4j.firmware.Application;
import org.smoltcp4j.socket.DatagramSocket;
import org.smoltcp4j.socket.UdpSocket;

/**
 * smoltcp's server.rs UDP 6969: each datagram goes back to its sender with its bytes reversed (a
 * final newline stays last, so {@code "hello\n"} comes back as {@code "olleh\n"}). The reply is
 * written straight from the receive buffer into the send buffer. A datagram waits in the receive
 * queue while the send queue is full; one larger than the send buffer can ever hold, or from a
 * sender that cannot be answered (port 0, unspecified address), is dropped.
 */
public final class UdpReverse implements Application {

    private final UdpSocket socket;
    private long answered;
    private long dropped;

    /** Serves {@code socket}, which must already be bound to its port. */
    public UdpReverse(UdpSocket socket) {
        if (socket == null) {
            throw new NullPointerException("socket is null");
        }
        if (!socket.isOpen()) {
            throw new IllegalArgumentException("the UDP socket must be bound before it is served");
        }
        this.socket = socket;
    }

    /** Datagrams answered since boot. */
    public long answered() {
        return answered;
    }

    /**
     * Datagrams dropped unanswered: too large for the send buffer, or from a sender no reply can
     * be addressed to (source port 0 or an unspecified address).
     */
    public long dropped() {
        return dropped;
    }

    @Override
    public void serve(long now) {
        int length;
        while ((length = socket.peek()) != DatagramSocket.EMPTY) {
            if (length > socket.payloadSendCapacity() || !socket.senderCanBeAnswered()) {
                socket.discard();
                dropped++;
                continue;
            }
            // The sender's address in the IPv6 form: the reply goes out in its IP version.
            int at = socket.beginSend(length, socket.remoteAddressHigh(), socket.remoteAddressLow(), socket.remotePort());
            if (at == DatagramSocket.SEND_BUFFER_FULL) {
                return; // answered once the queued replies have gone
            }
            byte[] in = socket.receiveBuffer();
            int from = socket.receiveOffset();
            byte[] out = socket.sendBuffer();
            int reversed = length > 0 && in[from + length - 1] == '\n' ? length - 1 : length;
            for (int i = 0; i < reversed; i++) {
                out[at + i] = in[from + reversed - 1 - i];
            }
            if (reversed < length) {
                out[at + reversed] = '\n';
            }
            socket.commitSend();
            socket.discard();
            answered++;
        }
    }

    @Override
    public long pollAt(long now) {
        return NEVER;
    }
}
