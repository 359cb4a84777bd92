package org.smoltcp4j.interop;

import java.nio.charset.StandardCharsets;
import org.smoltcp4j.socket.TcpSocket;

/**
 * A minimal HTTP/1.1 server on one socket: it reads a request line and headers, answers every
 * request with 200 and a fixed body (with Content-Length), keeps the connection open unless the
 * request says {@code Connection: close}, and listens again once a connection is over. Runs on the
 * poll loop.
 */
final class HttpResponder {

    static final String BODY = "hello from smoltcp4j\n";
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    private final TcpSocket socket;
    private final int port;
    private final byte[] request = new byte[4096];
    private int requestLength;
    private int requests;

    HttpResponder(TcpSocket socket, int port) {
        this.socket = socket;
        this.port = port;
        socket.listen(port);
    }

    TcpSocket socket() {
        return socket;
    }

    /** Requests answered so far. */
    int requests() {
        return requests;
    }

    void step() {
        if (socket.state() == TcpSocket.CLOSED) {
            requestLength = 0;
            socket.listen(port);
            return;
        }
        int length = socket.recv(request, requestLength, request.length - requestLength);
        if (length == TcpSocket.FINISHED) {
            socket.close();
            return;
        }
        requestLength += Math.max(0, length);
        int end = indexOf(END_OF_HEADERS);
        if (end < 0) {
            if (requestLength == request.length) {
                throw new IllegalStateException("request headers longer than " + request.length + " bytes");
            }
            return;
        }
        String head = new String(request, 0, end, StandardCharsets.US_ASCII);
        String requestLine = head.split("\r\n", 2)[0];
        if (!requestLine.startsWith("GET ") || !requestLine.endsWith(" HTTP/1.1")) {
            throw new IllegalStateException("not an HTTP/1.1 GET: " + head);
        }
        boolean close = head.toLowerCase().contains("\r\nconnection: close");
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length() + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
        if (socket.send(response, 0, response.length) != response.length) {
            throw new IllegalStateException("no room for a " + response.length + "-byte response");
        }
        requests++;
        int consumed = end + END_OF_HEADERS.length;
        System.arraycopy(request, consumed, request, 0, requestLength - consumed);
        requestLength -= consumed;
        if (close) {
            socket.close();
        }
    }

    private int indexOf(byte[] part) {
        outer:
        for (int i = 0; i + part.length <= requestLength; i++) {
            for (int j = 0; j < part.length; j++) {
                if (request[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
