package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.ShippedBoards;
import org.smoltcp4j.firmware.http.StatusPage;
import org.smoltcp4j.firmware.http.TextSink;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.mock.RadioMedium;
import org.smoltcp4j.hal.mock.RadioNodeDevice;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.iface.sixlowpan.SixlowpanConfig;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;

/**
 * The nRF52840-DK's firmware booted through the radio mock on a simulated IEEE 802.15.4 medium,
 * and a peer of our stack with a 6LoWPAN interface on the same medium (fdaa::100, extended address
 * 02:00:00:00:00:00:01:00) using its applications over IPv6, on a virtual clock in 1 ms steps.
 */
class RadioBoardTest {

    private static final long ULA_HIGH = 0xfdaa_0000_0000_0000L;
    private static final long BOARD_LOW = 1;
    private static final long PEER_EXTENDED = 0x0200_0000_0000_0100L;

    private final BoardDescription board = ShippedBoards.load("nrf52840-dk");
    private final StringBuilder bootLog = new StringBuilder();
    private Firmware firmware;
    private RadioNodeDevice peerRadio;
    private Interface peer;
    private final SocketSet peerSockets = new SocketSet(4);
    private long now;

    @BeforeEach
    void boot() {
        RadioMedium medium = new RadioMedium();
        MockBackends.attachRadio(medium);
        firmware = Boot.build(board, Boot.openDevice(board), 0, bootLog);
        peerRadio = new RadioNodeDevice(medium.join(), board.radioChannel(), board.radioPanId(), SixlowpanConfig.NO_SHORT_ADDRESS,
                PEER_EXTENDED);
        InterfaceConfig config = new InterfaceConfig().extendedAddress(PEER_EXTENDED);
        config.sixlowpan().panId(board.radioPanId());
        peer = new Interface(config, peerRadio.capabilities());
        peer.addIpv6Address(ULA_HIGH, 0x100, 64);
    }

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    private boolean runUntil(BooleanSupplier done, int millis) {
        for (int i = 0; i < millis && !done.getAsBoolean(); i++) {
            firmware.step(now);
            peer.poll(now, peerRadio, peerSockets);
            now += 1_000;
        }
        return done.getAsBoolean();
    }

    @Test
    void bootLogNamesTheRadioAndTheInterfaceHasOnlyIpv6() {
        assertTrue(bootLog.toString().contains("802.15.4 extended address 02:00:00:00:00:00:00:01, PAN 0xbeef, channel 26,"
                + " IPv6 over 6LoWPAN\n"), bootLog.toString());
        assertEquals(0, firmware.iface().routing().addressCount());
        TextSink json = new TextSink(4096);
        new StatusPage(board.name(), 0, firmware.iface(), new Socket[0]).renderJson(json, 0, 0);
        String text = new String(json.array(), 0, json.length(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("\"extended_address\":\"02:00:00:00:00:00:00:01\",\"ipv4\":[],\"ipv6\":[\"fe80::1/64\",\"fdaa::1/64\"]"),
                text);
    }

    @Test
    void ping6UdpAndTcpOver6lowpan() {
        IcmpSocket ping = new IcmpSocket(2, 512, 2, 512);
        ping.bindIdentifier(3);
        peerSockets.add(ping);
        byte[] request = TwoHosts.echoRequest6(3, 1, 56);
        ping.send(request, 0, request.length, ULA_HIGH, BOARD_LOW);
        assertTrue(runUntil(() -> ping.peek() != IcmpSocket.EMPTY, 500), "no echo reply");
        assertEquals(1, firmware.iface().counters().get(Counters.TX_ICMPV6_ECHO_REPLIES));

        UdpSocket udp = new UdpSocket(2, 512, 2, 512);
        udp.bind(40_000);
        peerSockets.add(udp);
        udp.send("6lowpan\n".getBytes(StandardCharsets.US_ASCII), 0, 8, ULA_HIGH, BOARD_LOW, Boot.PORT_REVERSE_UDP);
        assertTrue(runUntil(udp::canRecv, 500), "no UDP reply");
        byte[] reply = new byte[16];
        assertEquals("napwol6\n", new String(reply, 0, udp.recv(reply, 0, reply.length), StandardCharsets.US_ASCII));

        assertEquals("hello\n", tcp(Boot.PORT_HELLO, ""));
        // 600 bytes: more than one 802.15.4 frame, so the segment travels in 6LoWPAN fragments.
        String line = "x".repeat(299) + "y".repeat(300) + "\n";
        assertEquals("y".repeat(300) + "x".repeat(299) + "\n", tcp(Boot.PORT_REVERSE_TCP, line));
    }

    /** Serving ping6 and UDP 6969 over 6LoWPAN allocates nothing on either side once running. */
    @Test
    void theRadioLoopAllocatesNothingServingPing6AndUdp() throws Exception {
        IcmpSocket ping = new IcmpSocket(4, 1024, 4, 1024);
        ping.bindIdentifier(4);
        peerSockets.add(ping);
        UdpSocket udp = new UdpSocket(4, 1024, 4, 1024);
        udp.bind(40_001);
        peerSockets.add(udp);
        byte[] request = TwoHosts.echoRequest6(4, 1, 56);
        byte[] datagram = "allocation-free over 6LoWPAN\n".getBytes(StandardCharsets.US_ASCII);
        byte[] sink = new byte[256];
        Runnable exchange = () -> {
            ping.send(request, 0, request.length, ULA_HIGH, BOARD_LOW);
            udp.send(datagram, 0, datagram.length, ULA_HIGH, BOARD_LOW, Boot.PORT_REVERSE_UDP);
            for (int i = 0; i < 4; i++) {
                firmware.step(now);
                peer.poll(now, peerRadio, peerSockets);
                now += 1_000;
            }
            while (ping.recv(sink, 0, sink.length) >= 0) {
                // drain the replies
            }
            while (udp.recv(sink, 0, sink.length) >= 0) {
                // drain the replies
            }
        };
        exchange.run();
        AllocationProbe.assertAllocationFree("radio firmware loop serving ping6 and UDP over 6LoWPAN", exchange::run);
        assertTrue(firmware.iface().counters().get(Counters.TX_ICMPV6_ECHO_REPLIES) > 100);
    }

    /** Connects to {@code port}, sends {@code text}, returns what came back until the board closed or a line ended. */
    private String tcp(int port, String text) {
        TcpSocket tcp = new TcpSocket(2048, 2048, 1);
        int handle = peerSockets.add(tcp);
        tcp.connect(peer.context(now), ULA_HIGH, BOARD_LOW, port, 0, 0, 49_000 + port);
        assertTrue(runUntil(() -> tcp.state() == TcpSocket.ESTABLISHED, 1_000), "no connection to " + port);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(bytes.length, Math.max(0, tcp.send(bytes, 0, bytes.length)));
        StringBuilder received = new StringBuilder();
        byte[] chunk = new byte[1024];
        runUntil(() -> {
            int n;
            while ((n = tcp.recv(chunk, 0, chunk.length)) > 0) {
                received.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
            }
            return n < 0 || received.length() > 0 && received.charAt(received.length() - 1) == '\n' && !text.isEmpty();
        }, 2_000);
        tcp.abort();
        runUntil(() -> false, 5);
        peerSockets.remove(handle);
        return received.toString();
    }
}
