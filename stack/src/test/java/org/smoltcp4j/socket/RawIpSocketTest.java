package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;

/** smoltcp's src/socket/raw.rs IPv4 tests, with misuse now refused at send, plus options kept on receive. */
class RawIpSocketTest {

    static final int IP_PROTO = 63;
    /** smoltcp's PACKET_BYTES: 10.0.0.1 -> 10.0.0.2, protocol 63, 4 payload bytes. */
    static final byte[] PACKET = {
        0x45, 0x00, 0x00, 0x18, 0x00, 0x00, 0x40, 0x00, 0x40, 0x3f, 0x00, 0x00,
        0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, (byte) 0xaa, 0x00, 0x00, (byte) 0xff,
    };

    /** smoltcp's buffer(packets): 48 bytes per packet. */
    static RawIpSocket socket(int rxPackets, int txPackets) {
        return new RawIpSocket(IP_PROTO, rxPackets, 48 * rxPackets, txPackets, 48 * txPackets);
    }

    @Test
    void sendTruncated() {
        RawIpSocket s = socket(0, 1);
        byte[] big = new byte[56];
        System.arraycopy(PACKET, 0, big, 0, 20);
        big[3] = 56;
        assertThrows(IllegalArgumentException.class, () -> s.send(big, 0, 56));
    }

    @Test
    void sendDispatch() {
        RawIpSocket s = socket(0, 1);
        RecordingEmitter e = new RecordingEmitter();
        assertTrue(s.canSend());
        assertEquals(Socket.DISPATCH_IDLE, s.dispatch(e, e));
        assertEquals(RawIpSocket.SEND_OK, s.send(PACKET, 0, PACKET.length));
        assertEquals(RawIpSocket.SEND_BUFFER_FULL, s.send(PACKET, 0, PACKET.length));
        assertFalse(s.canSend());
        e.refuseWith = PacketEmitter.DEVICE_BUSY;
        assertEquals(Socket.DISPATCH_BLOCKED, s.dispatch(e, e));
        assertFalse(s.canSend());
        e.refuseWith = PacketEmitter.OK;
        assertEquals(Socket.DISPATCH_SENT, s.dispatch(e, e));
        assertTrue(e.wholePacket);
        assertEquals(Ipv4Address.of(10, 0, 0, 2), e.destination);
        assertArrayEquals(PACKET, e.sent());
        assertTrue(s.canSend());
    }

    @Test
    void unspecifiedSourceIsFilledByTheInterface() {
        RawIpSocket s = socket(0, 1);
        byte[] packet = PACKET.clone();
        Arrays.fill(packet, 12, 16, (byte) 0);
        s.send(packet, 0, packet.length);
        RecordingEmitter e = new RecordingEmitter();
        s.dispatch(e, e);
        assertEquals(RecordingEmitter.LOCAL, new Ipv4Packet().wrap(e.sent(), 0, 24).source());
    }

    @Test
    void recvTruncatedSlice() {
        RawIpSocket s = socket(1, 0);
        assertTrue(s.accepts(IP_PROTO));
        assertTrue(s.process(PACKET, 0, PACKET.length));
        byte[] slice = new byte[4];
        assertEquals(4, s.recv(slice, 0, 4));
        assertArrayEquals(Arrays.copyOf(PACKET, 4), slice);
    }

    @Test
    void recvTruncatedPacket() {
        RawIpSocket s = socket(1, 0);
        byte[] buffer = new byte[128];
        System.arraycopy(PACKET, 0, buffer, 0, PACKET.length);
        assertTrue(s.accepts(IP_PROTO));
        assertFalse(s.process(buffer, 0, 128), "larger than the receive buffer: dropped");
        assertFalse(s.canRecv());
    }

    @Test
    void sendIllegal() {
        RawIpSocket s = socket(0, 2);
        byte[] wrongVersion = PACKET.clone();
        wrongVersion[0] = 0x65;
        assertThrows(IllegalArgumentException.class, () -> s.send(wrongVersion, 0, 24));
        byte[] wrongProtocol = PACKET.clone();
        wrongProtocol[9] = 6;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.send(wrongProtocol, 0, 24));
        assertTrue(e.getMessage().contains("protocol"));
        byte[] wrongIhl = PACKET.clone();
        wrongIhl[0] = 0x44;
        assertThrows(IllegalArgumentException.class, () -> s.send(wrongIhl, 0, 24));
        assertThrows(IllegalArgumentException.class, () -> s.send(PACKET, 0, 23), "total length is not the length given");
        byte[] noDestination = PACKET.clone();
        Arrays.fill(noDestination, 16, 20, (byte) 0);
        assertThrows(IllegalArgumentException.class, () -> s.send(noDestination, 0, 24));
        assertThrows(IndexOutOfBoundsException.class, () -> s.send(PACKET, 10, 24));
        assertTrue(s.canSend(), "nothing refused was queued");
        assertThrows(IllegalArgumentException.class, () -> new RawIpSocket(256, 1, 1, 1, 1));
    }

    @Test
    void recvProcess() {
        RawIpSocket s = socket(1, 0);
        assertFalse(s.canRecv());
        assertEquals(RawIpSocket.EMPTY, s.recv(new byte[48], 0, 48));
        assertTrue(s.process(PACKET, 0, 24));
        assertTrue(s.canRecv());
        assertFalse(s.process(PACKET, 0, 24));
        byte[] out = new byte[48];
        assertEquals(24, s.recv(out, 0, 48));
        assertArrayEquals(PACKET, Arrays.copyOf(out, 24));
        assertFalse(s.canRecv());
    }

    @Test
    void doesntAcceptWrongProto() {
        RawIpSocket s = new RawIpSocket(IP_PROTO + 1, 1, 48, 1, 48);
        assertFalse(s.accepts(IP_PROTO));
        assertEquals(IP_PROTO + 1, s.ipProtocol());
    }

    @Test
    void sendsAndKeepsHeaderOptions() {
        byte[] withOptions = new byte[28];
        System.arraycopy(PACKET, 0, withOptions, 0, 20);
        withOptions[0] = 0x46;
        withOptions[3] = 28;
        withOptions[20] = (byte) 0x94;
        withOptions[21] = 4;
        RawIpSocket s = socket(1, 1);
        assertEquals(RawIpSocket.SEND_OK, s.send(withOptions, 0, 28));
        assertTrue(s.process(withOptions, 0, 28));
        byte[] out = new byte[48];
        assertEquals(28, s.recv(out, 0, 48));
        assertArrayEquals(withOptions, Arrays.copyOf(out, 28));
    }
}
