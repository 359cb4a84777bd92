package org.smoltcp4j.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.hal.host.VirtualEthernetSegment;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.socket.IcmpSocket;

/**
 * The image's entry point on the host: {@link Main} reads the selected board (the test class path
 * selects host-sim, as the image build would), boots it through the HAL mocks and runs the loop on
 * the mocked hardware clock, while a second host on the segment pings it.
 */
class MainTest {

    private static final String SELECTIONS = "/org/smoltcp4j/firmware/selections/";
    private static final int PINGS = 3;
    private static final long LIMIT_MICROS = 10_000_000;

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void theSelectedBoardIsTheOneTheResourceNames() {
        assertEquals("host-sim", Main.selectedBoard().name());
    }

    @Test
    void mainBootsTheSelectedBoardAndAnswersPingsUntilStopped() {
        VirtualEthernetSegment segment = new VirtualEthernetSegment(2, 0, 0, 1, 64);
        MockBackends.attachEthernet(segment.port(0));
        PingingPeer peer = new PingingPeer(segment);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Main.run(peer, HardwareTimer.nowMicros() + LIMIT_MICROS);
        } finally {
            System.setOut(console);
        }
        String banner = printed.toString(StandardCharsets.UTF_8);
        console.print(banner);
        assertTrue(banner.startsWith("smoltcp4j firmware on host-sim ("), banner);
        assertTrue(banner.contains("total"), banner);
        assertTrue(peer.replies >= PINGS, peer.replies + " echo replies within " + LIMIT_MICROS / 1_000_000 + " s");
    }

    @Test
    void aSelectionThatNamesNoFileIsRefused() {
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> Main.selectedBoard(SELECTIONS + "empty"));
        assertEquals(SELECTIONS + "empty names no board file", empty.getMessage());
        IllegalStateException path = assertThrows(IllegalStateException.class, () -> Main.selectedBoard(SELECTIONS + "path"));
        assertEquals(SELECTIONS + "path: '../boards/host-sim.board' is not the file name of a board in /org/smoltcp4j/boards/ "
                + "(e.g. host-sim.board)", path.getMessage());
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Main.selectedBoard(SELECTIONS + "missing-board"));
        assertTrue(missing.getMessage().startsWith("/org/smoltcp4j/boards/no-such-board.board is not among the image's resources"),
                missing.getMessage());
        assertThrows(IllegalStateException.class, () -> Main.selectedBoard(SELECTIONS + "no-such-selection"));
    }

    @Test
    void aResourceLargerThanTheBufferIsRefused() {
        byte[] small = new byte[16];
        IllegalStateException large = assertThrows(IllegalStateException.class, () -> Main.read(Main.SELECTED_BOARD, small));
        assertEquals(Main.SELECTED_BOARD + " is larger than 16 bytes", large.getMessage());
        // "# only comments\n\n   \n": 21 bytes, exactly the buffer.
        assertEquals(21, Main.read(SELECTIONS + "empty", new byte[21]), "a resource that just fits is read whole");
    }

    @Test
    void anInvalidBoardFileIsTheParsersError() {
        assertThrows(BoardConfigException.class, () -> Main.selectedBoard(SELECTIONS + "broken-board"));
    }

    /**
     * The main loop's clock (the mocked hardware timer) that, whenever the loop sleeps, lets a second
     * host on the segment (192.168.69.100) send a ping every 100 ms and read the replies; after
     * {@value #PINGS} replies, or {@value #LIMIT_MICROS} microseconds, it reads as the end of time,
     * which stops the loop.
     */
    private static final class PingingPeer implements Clock {

        private final HardwareClock hardware = new HardwareClock();
        private final VirtualEthernetSegment segment;
        private final Interface host;
        private final SocketSet sockets = new SocketSet(1);
        private final IcmpSocket ping = new IcmpSocket(4, 512, 4, 512);
        private final byte[] reply = new byte[512];
        private long nextPing;
        private int sent;
        int replies;

        PingingPeer(VirtualEthernetSegment segment) {
            this.segment = segment;
            host = new Interface(new InterfaceConfig().hardwareAddress(0x02_00_00_00_00_64L), segment.port(1).capabilities());
            host.addIpv4Address(TwoHosts.CLIENT, 24);
            ping.bindIdentifier(9);
            sockets.add(ping);
        }

        @Override
        public long nowMicros() {
            return replies >= PINGS ? Long.MAX_VALUE : hardware.nowMicros();
        }

        @Override
        public void waitUntil(long deadlineMicros) {
            long now = hardware.nowMicros();
            if (now >= nextPing && sent < PINGS + 2) {
                byte[] request = TwoHosts.echoRequest(9, ++sent, 16);
                ping.send(request, 0, request.length, TwoHosts.SERVER);
                nextPing = now + 100_000;
            }
            host.poll(now, segment.port(1), sockets);
            while (ping.recv(reply, 0, reply.length) > 0) {
                replies++;
            }
            hardware.waitUntil(Math.min(deadlineMicros, now + 1_000));
        }
    }
}
