package org.smoltcp4j.firmware.http;

import org.smoltcp4j.firmware.app.TcpService;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/**
 * The HTTP/1.1 status page on port 80: {@code GET /} (HTML) and {@code GET /status.json}, with
 * keep-alive, pipelining and several clients at once (one listen-backlog socket each).
 *
 * <p>Each connection has a request buffer allocated at boot. A response is rendered into the
 * shared body and header sinks and queued whole once the socket's send buffer has room for it.
 * Defences, so that no client stops the others: a request head must arrive complete within
 * {@code requestTimeout} of its first byte (slowloris: 408 and close), an idle keep-alive
 * connection is closed after {@code idleTimeout}, a head larger than the buffer gets 414 or 431
 * and a malformed one 400, both followed by a close.
 */
public final class HttpServer extends TcpService {

    /** Bytes of the response header buffer (status line and header fields). */
    public static final int HEADER_BYTES = 256;

    private static final int INTERNAL_ERROR = 500;
    private static final int REQUEST_TIMEOUT = 408;

    private final StatusPage page;
    private final HttpRequestParser parser = new HttpRequestParser();
    private final TextSink body;
    private final TextSink header = new TextSink(HEADER_BYTES);
    private final byte[][] requests;
    private final int[] fill;
    private final long[] deadlines;
    private final long requestTimeout;
    private final long idleTimeout;
    private long served;

    /**
     * @param requestBuffer  bytes of the largest request head accepted, per connection
     * @param bodyBuffer     bytes of the largest response body (the status page must fit)
     * @param requestTimeout microseconds a request head may take to arrive
     * @param idleTimeout    microseconds a connection may stay idle between requests
     */
    public HttpServer(TcpListener listener, StatusPage page, int requestBuffer, int bodyBuffer,
                      long requestTimeout, long idleTimeout) {
        super(listener);
        if (page == null) {
            throw new NullPointerException("page is null");
        }
        if (requestBuffer < 16 || bodyBuffer < 64 || requestTimeout <= 0 || idleTimeout <= 0) {
            throw new IllegalArgumentException("need requestBuffer >= 16, bodyBuffer >= 64 and positive timeouts, got "
                    + requestBuffer + ", " + bodyBuffer + ", " + requestTimeout + ", " + idleTimeout);
        }
        this.page = page;
        this.body = new TextSink(bodyBuffer);
        this.requests = new byte[listener.backlog()][requestBuffer];
        this.fill = new int[listener.backlog()];
        this.deadlines = new long[listener.backlog()];
        for (int i = 0; i < deadlines.length; i++) {
            deadlines[i] = NEVER;
        }
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** Responses sent since boot, errors included. */
    public long responses() {
        return served;
    }

    @Override
    protected void opened(int slot, TcpSocket socket, long now) {
        fill[slot] = 0;
        deadlines[slot] = now + idleTimeout;
    }

    @Override
    public long pollAt(long now) {
        long at = NEVER;
        for (int i = 0; i < deadlines.length; i++) {
            if (deadlines[i] != NEVER) {
                at = Math.min(at, deadlines[i]);
            }
        }
        return at;
    }

    @Override
    protected boolean serveConnection(int slot, TcpSocket socket, long now) {
        byte[] request = requests[slot];
        while (true) {
            boolean peerDone = false;
            if (fill[slot] < request.length) {
                int read = socket.recv(request, fill[slot], request.length - fill[slot]);
                if (read < 0) {
                    peerDone = true;
                } else if (read > 0) {
                    if (fill[slot] == 0) {
                        deadlines[slot] = now + requestTimeout; // the whole head must come within this
                    }
                    fill[slot] += read;
                }
            }
            if (fill[slot] == 0) {
                return !peerDone && !expired(slot, now);
            }
            int status = parser.parse(request, fill[slot], request.length);
            if (status == HttpRequestParser.INCOMPLETE) {
                if (peerDone) {
                    return false;
                }
                if (!expired(slot, now)) {
                    return true;
                }
                status = REQUEST_TIMEOUT;
            }
            if (!respond(socket, status, now)) {
                return true; // no room in the send buffer yet: the request stays buffered
            }
            if (!keepsConnection(status)) {
                return false;
            }
            int consumed = parser.consumed();
            System.arraycopy(request, consumed, request, 0, fill[slot] - consumed);
            fill[slot] -= consumed;
            deadlines[slot] = fill[slot] > 0 ? now + requestTimeout : now + idleTimeout;
        }
    }

    @Override
    protected void released(int slot) {
        deadlines[slot] = NEVER;
    }

    private boolean expired(int slot, long now) {
        return now >= deadlines[slot];
    }

    private boolean keepsConnection(int status) {
        return status != REQUEST_TIMEOUT && status != INTERNAL_ERROR && parser.keepAlive();
    }

    /** Queues the response for {@code status}; false (nothing queued) when the send buffer lacks room. */
    private boolean respond(TcpSocket socket, int status, long now) {
        render(status, now);
        if (body.overflowed() || header.length() + body.length() > socket.sendCapacity()) {
            status = INTERNAL_ERROR; // the page outgrew its buffers: say so rather than cut it
            render(status, now);
        }
        boolean head = status == HttpRequestParser.OK && parser.isHead();
        int length = header.length() + (head ? 0 : body.length());
        if (socket.sendCapacity() - socket.sendQueue() < length) {
            return false;
        }
        socket.send(header.array(), 0, header.length());
        if (!head) {
            socket.send(body.array(), 0, body.length());
        }
        served++;
        return true;
    }

    private void render(int status, long now) {
        body.clear();
        boolean json = false;
        if (status == HttpRequestParser.OK && parser.page() == HttpRequestParser.PAGE_JSON) {
            page.renderJson(body, now, served);
            json = true;
        } else if (status == HttpRequestParser.OK) {
            page.renderHtml(body, now, served);
        } else {
            body.append(status).append(' ').append(reason(status)).append('\n');
        }
        header.clear().append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nServer: smoltcp4j\r\nContent-Type: ")
                .append(json ? "application/json" : status == HttpRequestParser.OK ? "text/html; charset=utf-8" : "text/plain")
                .append("\r\nContent-Length: ").append(body.length())
                .append("\r\nCache-Control: no-store\r\nConnection: ")
                .append(keepsConnection(status) ? "keep-alive" : "close").append("\r\n");
        if (status == HttpRequestParser.METHOD_NOT_ALLOWED) {
            header.append("Allow: GET, HEAD\r\n");
        }
        header.append("\r\n");
    }

    private static String reason(int status) {
        switch (status) {
            case HttpRequestParser.OK:
                return "OK";
            case HttpRequestParser.BAD_REQUEST:
                return "Bad Request";
            case HttpRequestParser.NOT_FOUND:
                return "Not Found";
            case HttpRequestParser.METHOD_NOT_ALLOWED:
                return "Method Not Allowed";
            case REQUEST_TIMEOUT:
                return "Request Timeout";
            case HttpRequestParser.URI_TOO_LONG:
                return "URI Too Long";
            case HttpRequestParser.HEADERS_TOO_LARGE:
                return "Request Header Fields Too Large";
            default:
                return "Internal Server Error";
        }
    }
}
