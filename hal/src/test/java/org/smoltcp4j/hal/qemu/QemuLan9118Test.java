package org.smoltcp4j.hal.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoltcp4j.hal.host.UdpFrameLink;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.ForwardingDevice;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.wire.Ipv4Address;

/**
 * Emulated hardware: the C test firmware (src/main/c/qemu-firmware) runs the lan9118 driver and
 * the EthernetMac SNI glue on QEMU's mps2-an500 (Cortex-M7), whose emulated LAN9118 exchanges
 * frames with this test through {@code -netdev dgram} on 127.0.0.1, one frame per datagram
 * ({@link UdpFrameLink}). Our stack pings the board; every frame is recorded both ways and
 * checked: one answer per request, the echo payloads intact.
 */
class QemuLan9118Test {

    private static final Path FIRMWARE = Path.of(System.getProperty("smoltcp4j.c.build", "target/c"))
            .resolve("qemu-firmware/fw.elf");
    private static final long OUR_MAC = 0x02_00_00_00_00_01L;
    private static final byte[] BOARD_MAC = {2, 0, 0, 0, 0, 2};
    private static final int OUR_IP = Ipv4Address.of(10, 42, 0, 1);
    private static final int BOARD_IP = Ipv4Address.of(10, 42, 0, 2);
    private static final int PINGS = 50;
    private static final int ECHO_IDENTIFIER = 0x5134;
    private static final int ECHO_PAYLOAD = 200;
    private static final long BOOT_TIMEOUT_MS = 10_000;
    private static final long PING_TIMEOUT_MS = 2_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stackPingsTheEmulatedBoardAndEveryFrameIsAnswered() throws Exception {
        assertTrue(Files.isRegularFile(FIRMWARE), FIRMWARE + " is missing: the C build (make qemu-firmware) did not run");
        int boardPort = freeUdpPort();
        try (UdpFrameLink link = new UdpFrameLink(0, boardPort);
                QemuBoard board = QemuBoard.start(FIRMWARE, boardPort, link.localPort())) {
            waitUntilBoardAnswers(link, board);
            RecordingDevice device = new RecordingDevice(link);
            // The C test firmware answers ARP and ICMPv4 echo only: no MLD reports, which it would leave unanswered.
            Interface iface = new Interface(new InterfaceConfig().hardwareAddress(OUR_MAC).mldReports(false), device.capabilities());
            iface.addIpv4Address(OUR_IP, 24);
            SocketSet sockets = new SocketSet(1);
            IcmpSocket socket = new IcmpSocket(4, 4096, 4, 4096);
            socket.bindIdentifier(ECHO_IDENTIFIER);
            sockets.add(socket);

            for (int sequence = 0; sequence < PINGS; sequence++) {
                byte[] request = echoRequest(sequence);
                assertEquals(IcmpSocket.SEND_OK, socket.send(request, 0, request.length, BOARD_IP));
                byte[] reply = awaitReply(iface, device, sockets, socket, board);
                assertEquals(BOARD_IP, socket.remoteAddress());
                assertEquals(0, reply[0], "echo reply type");
                assertArrayEquals(Arrays.copyOfRange(request, 4, request.length), Arrays.copyOfRange(reply, 4, reply.length),
                        "identifier, sequence and payload of ping " + sequence);
            }
            checkEveryFrame(device);
            assertEquals(0, link.transmitErrors());
            System.out.printf("QEMU mps2-an500 lan9118: %d frames sent to the board, %d received from it%n",
                    device.sent.size(), device.received.size());
        }
    }

    /** Before the stack starts, raw ARP requests until the firmware is up (QEMU boots in ~0.1 s). */
    private static void waitUntilBoardAnswers(UdpFrameLink link, QemuBoard board) throws InterruptedException {
        byte[] probe = arpRequest();
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            board.checkAlive();
            link.prepareTransmit(0, probe.length);
            System.arraycopy(probe, 0, link.transmitBuffer(), link.transmitOffset(), probe.length);
            link.commitTransmit(probe.length);
            for (int i = 0; i < 50; i++) {
                int length = link.receive(0);
                if (length > 0) {
                    link.releaseReceive();
                    // Drain any answer to an earlier probe, so the recording starts clean.
                    Thread.sleep(100);
                    while (link.receive(0) > 0) {
                        link.releaseReceive();
                    }
                    return;
                }
                Thread.sleep(2);
            }
        }
        fail("the firmware did not answer ARP within " + BOOT_TIMEOUT_MS + " ms");
    }

    private static byte[] awaitReply(Interface iface, Device device, SocketSet sockets, IcmpSocket socket, QemuBoard board)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + PING_TIMEOUT_MS;
        byte[] reply = new byte[ECHO_PAYLOAD + 8];
        while (System.currentTimeMillis() < deadline) {
            iface.poll(System.nanoTime() / 1000, device, sockets);
            if (socket.canRecv()) {
                int length = socket.recv(reply, 0, reply.length);
                return Arrays.copyOf(reply, length);
            }
            Thread.sleep(0, 200_000);
        }
        board.checkAlive();
        fail("no echo reply within " + PING_TIMEOUT_MS + " ms");
        return null;
    }

    /**
     * We sent one ARP request and the pings, nothing else; the board answered each exactly once:
     * an ARP reply with its address, and echo replies mirroring each request's IP payload.
     */
    private static void checkEveryFrame(RecordingDevice device) {
        assertEquals(1 + PINGS, device.sent.size(), "frames sent to the board");
        assertEquals(1 + PINGS, device.received.size(), "frames received from the board");
        byte[] arp = device.sent.get(0);
        assertEquals(0x0806, be16(arp, 12), "first frame is our ARP request");
        assertEquals(1, be16(arp, 20));
        byte[] arpReply = device.received.get(0);
        assertEquals(0x0806, be16(arpReply, 12));
        assertEquals(2, be16(arpReply, 20), "ARP reply");
        assertArrayEquals(BOARD_MAC, Arrays.copyOfRange(arpReply, 22, 28), "sender MAC in the ARP reply");
        for (int i = 1; i <= PINGS; i++) {
            byte[] request = device.sent.get(i);
            byte[] reply = device.received.get(i);
            assertEquals(0x0800, be16(request, 12));
            assertEquals(0x0800, be16(reply, 12));
            assertArrayEquals(BOARD_MAC, Arrays.copyOfRange(request, 0, 6), "request " + i + " goes to the board");
            assertArrayEquals(BOARD_MAC, Arrays.copyOfRange(reply, 6, 12), "reply " + i + " comes from the board");
            int ipLength = be16(request, 16);
            assertEquals(ipLength, be16(reply, 16));
            assertEquals(8, request[34]);
            assertEquals(0, reply[34]);
            // Same ICMP identifier, sequence and data; addresses swapped.
            assertArrayEquals(Arrays.copyOfRange(request, 38, 14 + ipLength), Arrays.copyOfRange(reply, 38, 14 + ipLength));
            assertArrayEquals(Arrays.copyOfRange(request, 26, 30), Arrays.copyOfRange(reply, 30, 34));
            assertArrayEquals(Arrays.copyOfRange(request, 30, 34), Arrays.copyOfRange(reply, 26, 30));
        }
    }

    private static byte[] echoRequest(int sequence) {
        byte[] message = new byte[8 + ECHO_PAYLOAD];
        message[0] = 8;
        message[4] = (byte) (ECHO_IDENTIFIER >> 8);
        message[5] = (byte) ECHO_IDENTIFIER;
        message[6] = (byte) (sequence >> 8);
        message[7] = (byte) sequence;
        for (int i = 8; i < message.length; i++) {
            message[i] = (byte) (sequence * 13 + i);
        }
        return message;
    }

    private static byte[] arpRequest() {
        byte[] frame = new byte[42];
        Arrays.fill(frame, 0, 6, (byte) 0xff);
        for (int i = 0; i < 6; i++) {
            frame[6 + i] = (byte) (OUR_MAC >> (40 - 8 * i));
            frame[22 + i] = frame[6 + i];
        }
        byte[] fixed = {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1};
        System.arraycopy(fixed, 0, frame, 12, fixed.length);
        putIp(frame, 28, OUR_IP);
        putIp(frame, 38, BOARD_IP);
        return frame;
    }

    private static void putIp(byte[] frame, int at, int address) {
        for (int i = 0; i < 4; i++) {
            frame[at + i] = (byte) (address >> (24 - 8 * i));
        }
    }

    private static int be16(byte[] frame, int at) {
        return (frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Keeps a copy of every frame passing in each direction. */
    private static final class RecordingDevice extends ForwardingDevice {
        final List<byte[]> sent = new ArrayList<>();
        final List<byte[]> received = new ArrayList<>();

        RecordingDevice(Device inner) {
            super("recording device", inner);
        }

        @Override
        protected boolean admitReceived(long now, byte[] buf, int off, int len) {
            received.add(Arrays.copyOfRange(buf, off, off + len));
            return true;
        }

        @Override
        protected boolean admitTransmit(long now, byte[] buf, int off, int len) {
            sent.add(Arrays.copyOfRange(buf, off, off + len));
            return true;
        }
    }
}
