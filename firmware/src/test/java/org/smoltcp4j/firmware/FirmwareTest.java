package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.app.TcpSink;
import org.smoltcp4j.firmware.http.HttpServer;
import org.smoltcp4j.firmware.http.StatusPage;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpListener;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.AllocationProbe;

class FirmwareTest {

    /** A virtual clock that records the deadlines the loop sleeps until and jumps to them. */
    private static final class RecordingClock implements Clock {
        long now;
        final List<Long> waits = new ArrayList<>();

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void waitUntil(long deadlineMicros) {
            waits.add(deadlineMicros);
            now = deadlineMicros == Long.MAX_VALUE ? now + 1_000_000 : deadlineMicros;
        }
    }

    /** An application that wants to be served once more at a fixed time, counting its calls. */
    private static final class Alarm implements Application {
        final long at;
        int served;
        boolean rang;

        Alarm(long at) {
            this.at = at;
        }

        @Override
        public void serve(long now) {
            served++;
            rang |= now >= at;
        }

        @Override
        public long pollAt(long now) {
            return rang ? NEVER : at;
        }
    }

    @Test
    void stepServesEveryApplicationAndReturnsTheEarliestDeadline() {
        TwoHosts hosts = new TwoHosts(2, 2);
        Alarm early = new Alarm(5_000);
        Alarm late = new Alarm(9_000);
        hosts.start(early, late);
        assertEquals(5_000, hosts.firmware.step(1_000));
        assertEquals(9_000, hosts.firmware.step(7_000), "the early alarm rang");
        assertEquals(2, early.served);
        assertEquals(2, late.served);
        assertEquals(2, hosts.firmware.iterations());
    }

    @Test
    void runSleepsUntilTheDeadlinesAndStopsAtTheEnd() {
        TwoHosts hosts = new TwoHosts(2, 2);
        Alarm alarm = new Alarm(3_000_000);
        hosts.start(alarm);
        RecordingClock clock = new RecordingClock();
        hosts.firmware.run(clock, 5_000_000);
        // The interface has deadlines of its own (its MLD report is repeated within the first second).
        assertTrue(clock.waits.contains(3_000_000L), "sleeps until the application's deadline: " + clock.waits);
        assertEquals(5_000_000L, clock.waits.get(clock.waits.size() - 1), "and no later than the end");
        assertEquals(5_000_000L, clock.now);
        assertTrue(alarm.served >= 2);
    }

    @Test
    void constructorRefusesMissingParts() {
        TwoHosts hosts = new TwoHosts(2, 2);
        assertThrows(NullPointerException.class, () -> new Firmware(null, hosts.segment.port(0), hosts.serverSockets, new Application[0]));
        assertThrows(NullPointerException.class, () -> new Firmware(hosts.server, hosts.segment.port(0), hosts.serverSockets,
                new Application[] {null}));
    }

    /**
     * The steady state allocates nothing: each iteration the client pings the firmware and asks for
     * the status page on a keep-alive connection, and the firmware loop answers both.
     */
    @Test
    void theLoopAllocatesNothingServingPingsAndHttp() throws Exception {
        TwoHosts hosts = new TwoHosts(4, 4);
        TcpListener listener = hosts.listener(80, 2, 2048, 16_384);
        // With a sink, so the page's application section is rendered too.
        TcpSink tcpSink = new TcpSink(hosts.listener(Boot.PORT_SINK, 1, 1024, 1024));
        HttpServer http = new HttpServer(listener, new StatusPage("probe", 0, hosts.server,
                new Socket[] {listener.socket(0), listener.socket(1)}, tcpSink), 512, 12_000, 60_000_000L, 60_000_000L);
        hosts.start(http);
        TcpSocket client = hosts.connect(80);
        IcmpSocket ping = new IcmpSocket(4, 1024, 4, 1024);
        ping.bindIdentifier(0x1234);
        hosts.clientSockets.add(ping);
        byte[] request = "GET /status.json HTTP/1.1\r\nHost: probe\r\n\r\n".getBytes();
        byte[] sink = new byte[65_536];
        byte[] echoRequest = TwoHosts.echoRequest(0x1234, 1, 56);
        byte[] echo = new byte[128];
        AllocationProbe.assertAllocationFree("firmware loop serving ping and HTTP", () -> {
            client.send(request, 0, request.length);
            ping.send(echoRequest, 0, echoRequest.length, TwoHosts.SERVER);
            for (int i = 0; i < 4; i++) {
                hosts.firmware.step(hosts.now);
                hosts.client.poll(hosts.now, hosts.segment.port(1), hosts.clientSockets);
                hosts.now += TwoHosts.STEP;
            }
            while (client.recv(sink, 0, sink.length) > 0) {
                // drain the responses
            }
            while (ping.recv(echo, 0, echo.length) >= 0) {
                // drain the replies
            }
        });
        assertTrue(http.responses() > 1000, "responses: " + http.responses());
        assertTrue(hosts.server.counters().get(org.smoltcp4j.iface.Counters.TX_ECHO_REPLIES) > 1000);
    }
}
