package org.smoltcp4j.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.TwoHosts;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;

/** The status page server against clients of our stack on a virtual clock. */
class HttpServerTest {

    private static final long SECOND = 1_000_000;
    private static final String GET = "GET / HTTP/1.1\r\nHost: board\r\n\r\n";

    private final TwoHosts hosts = new TwoHosts(8, 8);
    private final TcpListener listener = hosts.listener(80, 4, 1024, 16_384);
    private final HttpServer server = new HttpServer(listener, new StatusPage("test-board", 0, hosts.server, sockets(listener)),
            256, 12_000, 2 * SECOND, 5 * SECOND);

    HttpServerTest() {
        hosts.start(server);
    }

    private static Socket[] sockets(TcpListener listener) {
        Socket[] sockets = new Socket[listener.backlog()];
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = listener.socket(i);
        }
        return sockets;
    }

    /** One response (head and Content-Length bytes of body) read from {@code client}. */
    private String response(TcpSocket client) {
        return hosts.receive(client, 2_000, HttpServerTest::complete);
    }

    static boolean complete(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        int at = text.indexOf("Content-Length: ");
        if (headEnd < 0 || at < 0) {
            return false;
        }
        int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
        return text.length() >= headEnd + 4 + length;
    }

    private String exchange(String request) {
        TcpSocket client = hosts.connect(80);
        hosts.send(client, request);
        return response(client);
    }

    @Test
    void rootIsTheHtmlPageWithItsExactLength() {
        String response = exchange(GET);
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assertTrue(response.contains("Connection: keep-alive\r\n"));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(response.contains("Content-Length: " + body.length() + "\r\n"), response);
        assertTrue(body.contains("<h1>test-board</h1>"));
        assertTrue(body.contains("192.168.69.1/24"));
        assertTrue(body.contains("02:00:00:00:00:01"));
        assertTrue(body.contains("<td>RxTcpSegments<td>"));
        assertTrue(body.contains("192.168.69.100:"), "the socket table shows the client"); 
        assertTrue(body.endsWith("</html>\n"));
    }

    @Test
    void statusJsonCarriesTheCounters() {
        String response = exchange("GET /status.json HTTP/1.1\r\nHost: board\r\n\r\n");
        assertTrue(response.contains("Content-Type: application/json\r\n"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(body.startsWith("{\"board\":\"test-board\",\"uptime_ms\":"), body);
        assertTrue(body.contains("\"RxTcpSegments\":"));
        assertTrue(body.contains("\"state\":\"ESTABLISHED\""));
        assertTrue(body.endsWith("]}\n"));
    }

    @Test
    void headSendsTheHeadOnly() {
        TcpSocket client = hosts.connect(80);
        hosts.send(client, "HEAD /status.json HTTP/1.1\r\nHost: b\r\n\r\n");
        String response = hosts.receive(client, 500, text -> text.endsWith("\r\n\r\n"));
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.contains("Content-Length: "), response);
        hosts.run(100);
        assertEquals(0, client.recvQueue());
    }

    @Test
    void errorsForUnknownPathsMethodsAndGarbage() {
        assertTrue(exchange("GET /nope HTTP/1.1\r\nHost: b\r\n\r\n").startsWith("HTTP/1.1 404 Not Found\r\n"));
        String notAllowed = exchange("POST / HTTP/1.1\r\nHost: b\r\n\r\n");
        assertTrue(notAllowed.startsWith("HTTP/1.1 405 Method Not Allowed\r\n") && notAllowed.contains("Allow: GET, HEAD\r\n"), notAllowed);
        TcpSocket garbage = hosts.connect(80);
        hosts.send(garbage, "\u0001\u0002\u00ff binary");
        String bad = hosts.receiveAll(garbage, 1_000);
        assertTrue(bad.startsWith("HTTP/1.1 400 Bad Request\r\n") && bad.contains("Connection: close\r\n"), bad);
        assertTrue(exchange("GET / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "), "HTTP/1.1 needs Host");
    }

    @Test
    void oversizedRequestLineAndHeadersAreRefusedAndClosed() {
        TcpSocket longLine = hosts.connect(80);
        hosts.send(longLine, "GET /" + "a".repeat(400));
        assertTrue(hosts.receiveAll(longLine, 1_000).startsWith("HTTP/1.1 414 URI Too Long\r\n"));
        TcpSocket bigHeaders = hosts.connect(80);
        hosts.send(bigHeaders, "GET / HTTP/1.1\r\nHost: b\r\nX-Big: " + "b".repeat(400));
        assertTrue(hosts.receiveAll(bigHeaders, 1_000).startsWith("HTTP/1.1 431 "));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() {
        TcpSocket client = hosts.connect(80);
        hosts.send(client, "GET /status.json HTTP/1.1\r\nHost: b\r\n\r\nGET /x HTTP/1.1\r\nHost: b\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n");
        String all = hosts.receiveAll(client, 2_000);
        int json = all.indexOf("HTTP/1.1 200 OK");
        int missing = all.indexOf("HTTP/1.1 404");
        int html = all.indexOf("HTTP/1.1 200 OK", missing);
        assertTrue(json == 0 && missing > json && html > missing, all);
        assertTrue(all.endsWith("</html>\n"));
        assertEquals(3, server.responses());
    }

    @Test
    void keepAliveServesSeveralRequestsThenTheIdleTimeoutCloses() {
        TcpSocket client = hosts.connect(80);
        for (int i = 0; i < 3; i++) {
            hosts.send(client, GET);
            assertTrue(response(client).startsWith("HTTP/1.1 200 OK"));
        }
        hosts.run(4_000);
        assertTrue(client.mayRecv(), "still open before the idle timeout");
        hosts.run(2_000);
        assertEquals(TcpSocket.FINISHED, client.recv(new byte[1], 0, 1), "closed by the server after 5 s idle");
    }

    @Test
    void http10ClosesAfterTheResponseUnlessKeepAliveIsAsked() {
        TcpSocket plain = hosts.connect(80);
        hosts.send(plain, "GET / HTTP/1.0\r\n\r\n");
        String response = hosts.receiveAll(plain, 1_000);
        assertTrue(response.contains("Connection: close\r\n") && response.endsWith("</html>\n"), response);
        assertTrue(exchange("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").contains("Connection: keep-alive\r\n"));
    }

    @Test
    void aSlowlorisClientGets408AndDoesNotBlockOthers() {
        TcpSocket slow = hosts.connect(80);
        hosts.send(slow, "GET / HTTP/1.1\r\n");
        for (int i = 0; i < 10; i++) {
            hosts.send(slow, "X-" + i + ": y\r\n"); // a header now and then, never the blank line
            hosts.run(150);
        }
        assertTrue(exchange(GET).startsWith("HTTP/1.1 200 OK"), "another client is served meanwhile");
        String timedOut = hosts.receiveAll(slow, 3_000);
        assertTrue(timedOut.startsWith("HTTP/1.1 408 Request Timeout\r\n"), timedOut);
    }

    @Test
    void severalClientsAtOnceThroughTheBacklog() {
        TcpSocket[] clients = new TcpSocket[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = hosts.connect(80);
        }
        for (TcpSocket client : clients) {
            client.send(GET.getBytes(), 0, GET.length());
        }
        for (TcpSocket client : clients) {
            assertTrue(response(client).startsWith("HTTP/1.1 200 OK"));
        }
        assertEquals(4, server.activeConnections());
    }

    @Test
    void aPageLargerThanItsBufferIsA500() {
        TwoHosts small = new TwoHosts(2, 2);
        TcpListener tiny = small.listener(80, 1, 512, 4096);
        small.start(new HttpServer(tiny, new StatusPage("b", 0, small.server, sockets(tiny)), 128, 100, SECOND, SECOND));
        TcpSocket client = small.connect(80);
        small.send(client, GET);
        String response = small.receiveAll(client, 1_000);
        assertTrue(response.startsWith("HTTP/1.1 500 Internal Server Error\r\n") && response.contains("Connection: close"), response);
    }

    @Test
    void constructorChecksItsArguments() {
        StatusPage page = new StatusPage("b", 0, hosts.server, new Socket[0]);
        assertThrows(NullPointerException.class, () -> new HttpServer(listener, null, 256, 1024, SECOND, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new HttpServer(listener, page, 8, 1024, SECOND, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new HttpServer(listener, page, 256, 1024, 0, SECOND));
        assertFalse(server.listener() == null);
    }
}
