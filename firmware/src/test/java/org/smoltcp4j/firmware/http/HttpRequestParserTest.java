package org.smoltcp4j.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HttpRequestParserTest {

    private static final int CAPACITY = 128;
    private final HttpRequestParser parser = new HttpRequestParser();

    private int parse(String text) {
        byte[] buf = new byte[CAPACITY];
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, buf, 0, bytes.length);
        return parser.parse(buf, bytes.length, CAPACITY);
    }

    @Test
    void goodRequestsSayWhichPageAndWhetherToKeepTheConnection() {
        assertEquals(200, parse("GET / HTTP/1.1\r\nHost: b\r\n\r\n"));
        assertEquals(HttpRequestParser.PAGE_HTML, parser.page());
        assertTrue(parser.keepAlive());
        assertFalse(parser.isHead());
        assertEquals(27, parser.consumed());
        assertEquals(200, parse("HEAD /status.json?x=1 HTTP/1.1\nhost:b\nconnection: Close\n\n"));
        assertEquals(HttpRequestParser.PAGE_JSON, parser.page());
        assertTrue(parser.isHead());
        assertFalse(parser.keepAlive());
        assertEquals(200, parse("\r\nGET / HTTP/1.0\r\n\r\n"), "empty lines before the request line are skipped");
        assertFalse(parser.keepAlive(), "HTTP/1.0 closes by default");
        assertEquals(200, parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        assertTrue(parser.keepAlive());
    }

    @Test
    void aRequestWithABodyIsAnsweredThenClosed() {
        assertEquals(405, parse("POST / HTTP/1.1\r\nHost: b\r\nContent-Length: 5\r\n\r\nhello"));
        assertFalse(parser.keepAlive());
        assertEquals(200, parse("GET / HTTP/1.1\r\nHost: b\r\nContent-Length: 0\r\n\r\n"));
        assertTrue(parser.keepAlive());
    }

    @Test
    void incompleteHeadsWait() {
        assertEquals(HttpRequestParser.INCOMPLETE, parse(""));
        assertEquals(HttpRequestParser.INCOMPLETE, parse("GET / HT"));
        assertEquals(HttpRequestParser.INCOMPLETE, parse("GET / HTTP/1.1\r\nHost: b\r\n"));
    }

    @Test
    void errors() {
        assertEquals(404, parse("GET /index.html HTTP/1.1\r\nHost: b\r\n\r\n"));
        assertTrue(parser.keepAlive(), "a well-formed request for a missing page keeps the connection");
        assertEquals(405, parse("DELETE / HTTP/1.1\r\nHost: b\r\n\r\n"));
        assertEquals(400, parse("get / HTTP/1.1\r\nHost: b\r\n\r\n"), "methods are upper case");
        assertEquals(400, parse("GET / HTTP/2.0\r\nHost: b\r\n\r\n"));
        assertEquals(400, parse("GET  / HTTP/1.1\r\nHost: b\r\n\r\n"));
        assertEquals(400, parse("GET / HTTP/1.1\r\nHost : b\r\n\r\n"), "whitespace before the colon");
        assertEquals(400, parse("GET / HTTP/1.1\r\nno colon\r\n\r\n"));
        assertEquals(400, parse("GET / HTTP/1.1\r\n\r\n"), "HTTP/1.1 needs Host");
        assertEquals(400, parse("\u0016\u0003\u0001"), "a TLS hello is refused before its end");
        assertFalse(parser.keepAlive());
        assertEquals(414, parse("GET /" + "a".repeat(CAPACITY - 5)));
        String head = "GET / HTTP/1.1\r\nHost: b\r\nX: ";
        assertEquals(431, parse(head + "a".repeat(CAPACITY - head.length())));
    }

    @Property
    void anyBytesGiveAStatusAndNeverThrow(@ForAll @Size(max = CAPACITY) byte[] bytes) {
        byte[] buf = new byte[CAPACITY];
        System.arraycopy(bytes, 0, buf, 0, bytes.length);
        int status = parser.parse(buf, bytes.length, CAPACITY);
        assertTrue(status == HttpRequestParser.INCOMPLETE || status >= 200 && status < 500, "status " + status);
        assertTrue(parser.consumed() <= bytes.length);
    }
}
