package org.smoltcp4j.firmware.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.TwoHosts;
import org.smoltcp4j.socket.DatagramSocket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.UdpRepr;

/** smoltcp's server.rs applications, each against a client of our stack on a virtual clock. */
class EchoApplicationsTest {

    private final TwoHosts hosts = new TwoHosts(16, 4);

    @Test
    void udpReverseAnswersEachDatagramReversedKeepingTheNewlineLast() {
        UdpReverse app = new UdpReverse(hosts.udp(6969));
        hosts.start(app);
        UdpSocket client = new UdpSocket(8, 2048, 8, 2048);
        client.bind(40_000);
        hosts.clientSockets.add(client);
        for (String datagram : new String[] {"hello\n", "abc", ""}) {
            byte[] bytes = datagram.getBytes(StandardCharsets.US_ASCII);
            client.send(bytes, 0, bytes.length, TwoHosts.SERVER, 6969);
        }
        hosts.run(50);
        byte[] reply = new byte[64];
        assertEquals("olleh\n", new String(reply, 0, client.recv(reply, 0, 64), StandardCharsets.US_ASCII));
        assertEquals(6969, client.remotePort());
        assertEquals("cba", new String(reply, 0, client.recv(reply, 0, 64), StandardCharsets.US_ASCII));
        assertEquals(0, client.recv(reply, 0, 64));
        assertEquals(3, app.answered());
        assertEquals(0, app.dropped());
    }

    @Test
    void udpReverseDropsADatagramLargerThanItsSendBuffer() {
        UdpSocket small = new UdpSocket(4, 2048, 4, 16);
        small.bind(6969);
        hosts.serverSockets.add(small);
        UdpReverse app = new UdpReverse(small);
        hosts.start(app);
        UdpSocket client = new UdpSocket(4, 2048, 4, 2048);
        client.bind(40_000);
        hosts.clientSockets.add(client);
        client.send(new byte[100], 0, 100, TwoHosts.SERVER, 6969);
        client.send(new byte[] {1, 2}, 0, 2, TwoHosts.SERVER, 6969);
        hosts.run(50);
        byte[] reply = new byte[64];
        assertEquals(2, client.recv(reply, 0, 64));
        assertEquals(2, reply[0]);
        assertEquals(DatagramSocket.EMPTY, client.recv(reply, 0, 64));
        assertEquals(1, app.dropped());
    }

    @Test
    void udpReverseDropsDatagramsItCannotAnswerWithoutThrowing() {
        UdpSocket server = hosts.udp(6969);
        UdpReverse app = new UdpReverse(server);
        byte[] payload = {'a', 'b'};
        UdpRepr fromPortZero = new UdpRepr().setSourcePort(0).setDestinationPort(6969).setPayloadLength(2);
        UdpRepr fromPort7 = new UdpRepr().setSourcePort(7).setDestinationPort(6969).setPayloadLength(2);
        // Source port 0 ("no reply port", RFC 768) and an unspecified source address are legal on the
        // wire and reach an any-bound socket, but no reply can be addressed to them.
        server.process(new IpRepr().setIpv4(0x0a000002, 0x0a000001, IpProtocol.UDP, 64, 10), fromPortZero, payload, 0);
        server.process(new IpRepr().setIpv6(0, 0, 0xfdaa_0000_0000_0000L, 1, IpProtocol.UDP, 64, 10), fromPort7, payload, 0);
        server.process(new IpRepr().setIpv4(0, 0x0a000001, IpProtocol.UDP, 64, 10), fromPort7, payload, 0);
        app.serve(0);
        assertEquals(DatagramSocket.EMPTY, server.peek());
        assertEquals(0, app.answered());
        assertEquals(3, app.dropped());
    }

    @Test
    void udpReverseRefusesAnUnboundSocket() {
        assertThrows(IllegalArgumentException.class, () -> new UdpReverse(new UdpSocket(1, 64, 1, 64)));
        assertThrows(NullPointerException.class, () -> new UdpReverse(null));
    }

    @Test
    void tcpHelloGreetsThenCloses() {
        hosts.start(new TcpHello(hosts.listener(6969, 2, 64, 128)));
        for (int round = 0; round < 3; round++) {
            if (round == 2) {
                hosts.run(10_000); // both sockets closed first and wait out TIME-WAIT before listening again
            }
            TcpSocket client = hosts.connect(6969);
            assertEquals("hello\n", hosts.receiveAll(client, 500));
            assertEquals(TcpSocket.FINISHED, client.recv(new byte[1], 0, 1));
            client.close();
            hosts.run(50);
        }
    }

    @Test
    void tcpReverseAnswersLineByLine() {
        hosts.start(new TcpReverse(hosts.listener(6970, 2, 64, 128), 8));
        TcpSocket client = hosts.connect(6970);
        hosts.send(client, "abc\nhello\n0123456789\n");
        assertEquals("cba\nolleh\n76543210\n98\n", hosts.receive(client, 500, text -> text.endsWith("98\n")));
        hosts.send(client, "tail");
        client.close();
        assertEquals("liat\n", hosts.receiveAll(client, 500));
        TcpListener other = hosts.listener(6971, 1, 64, 64);
        assertThrows(IllegalArgumentException.class, () -> new TcpReverse(other, 0));
        assertThrows(IllegalArgumentException.class, () -> new TcpReverse(other, 64));
    }

    @Test
    void tcpReverseWaitsForRoomInTheSendBuffer() {
        hosts.start(new TcpReverse(hosts.listener(6970, 1, 256, 12), 11));
        TcpSocket client = hosts.connect(6970);
        hosts.send(client, "0123456789\nabcdefghijk\n");
        assertEquals("9876543210\nkjihgfedcba\n", hosts.receive(client, 2_000, text -> text.length() >= 24));
    }

    @Test
    void tcpSinkDiscardsEverythingAndClosesWithTheClient() {
        TcpSink sink = new TcpSink(hosts.listener(6971, 1, 2048, 64));
        hosts.start(sink);
        TcpSocket client = hosts.connect(6971);
        hosts.send(client, "x".repeat(100_000));
        client.close();
        hosts.run(500);
        assertEquals(100_000, sink.bytesReceived());
        assertEquals(0, sink.activeConnections());
        assertTrue(client.state() == TcpSocket.TIME_WAIT || client.state() == TcpSocket.CLOSED, TcpSocket.stateName(client.state()));
    }

    @Test
    void tcpSourceSendsThePatternUntilTheClientCloses() {
        TcpSource source = new TcpSource(hosts.listener(6972, 1, 64, 2048));
        hosts.start(source);
        TcpSocket client = hosts.connect(6972);
        String stream = hosts.receive(client, 2_000, text -> text.length() >= 50_000);
        assertTrue(stream.length() >= 50_000, "received " + stream.length());
        for (int i = 0; i < stream.length(); i++) {
            if (stream.charAt(i) != TcpSource.PATTERN[i % TcpSource.PATTERN.length]) {
                throw new AssertionError("byte " + i + " of the stream is wrong");
            }
        }
        client.close();
        hosts.run(1_000);
        assertEquals(0, source.activeConnections());
        assertTrue(source.bytesSent() >= 50_000);
    }
}
