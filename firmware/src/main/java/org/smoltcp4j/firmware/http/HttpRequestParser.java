package org.smoltcp4j.firmware.http;

/**
 * Parses one HTTP/1.x request head (request line and header fields, RFC 9112) from the bytes a
 * connection has received so far, into this reusable holder. Only what the status page needs is
 * kept: the method, which page, whether the connection stays open. The outcome is a status code
 * (200 when the request is good, else the error to answer) or {@link #INCOMPLETE}.
 */
public final class HttpRequestParser {

    /** The head is not complete yet: wait for more bytes. */
    public static final int INCOMPLETE = 0;

    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int URI_TOO_LONG = 414;
    public static final int HEADERS_TOO_LARGE = 431;

    /** The page asked for, when the status is {@link #OK}. */
    public static final int PAGE_HTML = 1;
    public static final int PAGE_JSON = 2;

    private static final String HTTP_VERSION_PREFIX = "HTTP/1.";

    private int status;
    private int page;
    private boolean head;
    private boolean keepAlive;
    private int consumed;
    /** Scratch state of the head being read. */
    private boolean http11;
    private boolean hostSeen;
    private boolean bodyAnnounced;
    private boolean connectionClose;
    private boolean connectionKeepAlive;

    /** The outcome of the last {@link #parse}: {@link #INCOMPLETE}, {@link #OK} or an error status. */
    public int status() {
        return status;
    }

    /** {@link #PAGE_HTML} or {@link #PAGE_JSON} for a good request. */
    public int page() {
        return page;
    }

    /** True for HEAD: answer with the headers only. */
    public boolean isHead() {
        return head;
    }

    /**
     * True when the connection may serve another request after this one: HTTP/1.1 unless
     * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}, and never after
     * a malformed head or a request with a body.
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Bytes the request head took, blank line included (the next pipelined request starts there). */
    public int consumed() {
        return consumed;
    }

    /**
     * Parses {@code buf[0, length)}. A buffer of {@code capacity} bytes that is full without a
     * complete head gives {@link #URI_TOO_LONG} when even the request line is unfinished, else
     * {@link #HEADERS_TOO_LARGE}. Bytes that cannot start an HTTP request give
     * {@link #BAD_REQUEST} at once, without waiting for the end of the head.
     *
     * @return {@link #status()}
     */
    public int parse(byte[] buf, int length, int capacity) {
        status = INCOMPLETE;
        page = 0;
        head = false;
        keepAlive = false;
        consumed = 0;
        http11 = false;
        int start = 0;
        while (start < length && (buf[start] == '\r' || buf[start] == '\n')) {
            start++; // RFC 9112 section 2.2: ignore empty lines before the request line
        }
        int lineEnd = indexOf(buf, start, length, '\n');
        if (lineEnd < 0) {
            return status = partialLine(buf, start, length, capacity);
        }
        int end = headEnd(buf, lineEnd, length);
        if (end < 0) {
            return status = length == capacity ? HEADERS_TOO_LARGE : INCOMPLETE;
        }
        consumed = end;
        int requestStatus = requestLine(buf, start, trimCr(buf, start, lineEnd));
        int headerStatus = headerFields(buf, lineEnd + 1, end);
        if (requestStatus == BAD_REQUEST || headerStatus == BAD_REQUEST || (http11 && !hostSeen)) {
            keepAlive = false;
            return status = BAD_REQUEST; // RFC 9112 section 3.2: an HTTP/1.1 request without Host is a 400
        }
        if (bodyAnnounced) {
            keepAlive = false; // the status page takes no bodies: answer, then close rather than skip one
        }
        return status = requestStatus;
    }

    /** The request line is not finished: garbage is refused now, a full buffer is a URI too long. */
    private static int partialLine(byte[] buf, int start, int length, int capacity) {
        for (int i = start; i < length; i++) {
            if (!isRequestLineByte(buf[i])) {
                return BAD_REQUEST;
            }
        }
        return length == capacity ? URI_TOO_LONG : INCOMPLETE;
    }

    /** Index just after the blank line ending the head that starts its fields after {@code firstLineEnd}, or -1. */
    private static int headEnd(byte[] buf, int firstLineEnd, int length) {
        int lineStart = firstLineEnd + 1;
        while (lineStart < length) {
            int next = indexOf(buf, lineStart, length, '\n');
            if (next < 0) {
                return -1;
            }
            if (next == lineStart || (next == lineStart + 1 && buf[lineStart] == '\r')) {
                return next + 1;
            }
            lineStart = next + 1;
        }
        return -1;
    }

    /** Parses {@code METHOD SP target SP HTTP/1.x} in {@code buf[start, end)}. */
    private int requestLine(byte[] buf, int start, int end) {
        int methodEnd = indexOf(buf, start, end, ' ');
        int targetEnd = methodEnd < 0 ? -1 : indexOf(buf, methodEnd + 1, end, ' ');
        if (methodEnd <= start || targetEnd <= methodEnd + 1 || end - (targetEnd + 1) != HTTP_VERSION_PREFIX.length() + 1) {
            return BAD_REQUEST;
        }
        for (int i = start; i < methodEnd; i++) {
            if (buf[i] < 'A' || buf[i] > 'Z') {
                return BAD_REQUEST;
            }
        }
        for (int i = methodEnd + 1; i < targetEnd; i++) {
            if (buf[i] <= ' ' || buf[i] > '~') {
                return BAD_REQUEST;
            }
        }
        if (!equalsAscii(buf, targetEnd + 1, end - 1, HTTP_VERSION_PREFIX) || (buf[end - 1] != '0' && buf[end - 1] != '1')) {
            return BAD_REQUEST;
        }
        http11 = buf[end - 1] == '1';
        boolean get = equalsAscii(buf, start, methodEnd, "GET");
        head = equalsAscii(buf, start, methodEnd, "HEAD");
        if (!get && !head) {
            return METHOD_NOT_ALLOWED;
        }
        int pathEnd = indexOf(buf, methodEnd + 1, targetEnd, '?');
        pathEnd = pathEnd < 0 ? targetEnd : pathEnd;
        if (equalsAscii(buf, methodEnd + 1, pathEnd, "/")) {
            page = PAGE_HTML;
        } else if (equalsAscii(buf, methodEnd + 1, pathEnd, "/status.json")) {
            page = PAGE_JSON;
        } else {
            return NOT_FOUND;
        }
        return OK;
    }

    /**
     * Reads the header fields in {@code buf[start, end)} (up to and including the blank line):
     * Host, Connection, and whether a body follows. Sets {@link #keepAlive}.
     */
    private int headerFields(byte[] buf, int start, int end) {
        hostSeen = false;
        bodyAnnounced = false;
        connectionClose = false;
        connectionKeepAlive = false;
        int lineStart = start;
        while (lineStart < end) {
            int lineEnd = trimCr(buf, lineStart, indexOf(buf, lineStart, end, '\n'));
            if (lineEnd == lineStart) {
                break; // the blank line
            }
            int colon = indexOf(buf, lineStart, lineEnd, ':');
            if (colon <= lineStart || !isToken(buf, lineStart, colon)) {
                return BAD_REQUEST; // no name, or whitespace before the colon (RFC 9112 section 5.1)
            }
            int valueStart = skipSpaces(buf, colon + 1, lineEnd);
            field(buf, lineStart, colon, valueStart, lineEnd);
            lineStart = indexOf(buf, lineStart, end, '\n') + 1;
        }
        keepAlive = http11 ? !connectionClose : connectionKeepAlive;
        return OK;
    }

    private void field(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int trimmedEnd = valueEnd;
        while (trimmedEnd > valueStart && (buf[trimmedEnd - 1] == ' ' || buf[trimmedEnd - 1] == '\t')) {
            trimmedEnd--;
        }
        if (equalsIgnoreCase(buf, nameStart, nameEnd, "host")) {
            hostSeen = true;
        } else if (equalsIgnoreCase(buf, nameStart, nameEnd, "connection")) {
            connectionClose |= equalsIgnoreCase(buf, valueStart, trimmedEnd, "close");
            connectionKeepAlive |= equalsIgnoreCase(buf, valueStart, trimmedEnd, "keep-alive");
        } else if (equalsIgnoreCase(buf, nameStart, nameEnd, "transfer-encoding")) {
            bodyAnnounced = true;
        } else if (equalsIgnoreCase(buf, nameStart, nameEnd, "content-length")) {
            bodyAnnounced |= !equalsAscii(buf, valueStart, trimmedEnd, "0");
        }
    }

    private static boolean isRequestLineByte(byte b) {
        return (b >= ' ' && b <= '~') || b == '\r';
    }

    private static boolean isToken(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            boolean ok = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
                    || b == '-' || b == '_' || b == '.' || b == '!' || b == '#' || b == '$' || b == '%'
                    || b == '&' || b == '\'' || b == '*' || b == '+' || b == '^' || b == '`' || b == '|' || b == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(byte[] buf, int from, int end) {
        while (from < end && (buf[from] == ' ' || buf[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimCr(byte[] buf, int start, int lineEnd) {
        return lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static int indexOf(byte[] buf, int from, int end, char c) {
        for (int i = from; i < end; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equalsAscii(byte[] buf, int start, int end, String text) {
        return matches(buf, start, end, text, false);
    }

    private static boolean equalsIgnoreCase(byte[] buf, int start, int end, String lowerCase) {
        return matches(buf, start, end, lowerCase, true);
    }

    /** True when {@code buf[start, end)} is {@code text}; with {@code ignoreCase}, upper-case letters match {@code text}'s lower-case ones. */
    private static boolean matches(byte[] buf, int start, int end, String text, boolean ignoreCase) {
        if (end - start != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            int b = buf[start + i];
            if (ignoreCase && b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
