package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.DatagramSocket;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.RawIpSocket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * Sockets sending where no route leads (the rig is 10.0.0.2/24 without a gateway): nothing goes
 * out, the refusal is counted, and {@link Interface#pollDelay} stays above 0, so the main loop
 * sleeps instead of spinning (smoltcp #594). TCP retries on its RTO; datagram sockets drop.
 */
class NoRouteTest {

    private static final int NOWHERE = Ipv4Address.of(192, 0, 2, 1);
    private static final long SECOND = 1_000_000;
    private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void tcpConnectRetriesOnItsRtoAndTheLoopSleeps(int medium) {
        SocketRig rig = new SocketRig(medium, 1);
        TcpSocket socket = new TcpSocket(1024, 1024, 1);
        rig.sockets.add(socket);
        socket.connect(rig.iface.context(0), NOWHERE, 80, 0);

        assertTrue(rig.poll(0).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.TX_NO_ROUTE));
        assertEquals(SECOND, rig.iface.pollDelay(0, rig.sockets), "sleep until the RTO");
        assertEquals(TcpSocket.ERROR_NO_ROUTE, socket.takeSoftError());

        assertTrue(rig.poll(SECOND / 2).isEmpty());
        assertEquals(1, rig.iface.counters().get(Counters.TX_NO_ROUTE), "no attempt before the RTO");
        assertTrue(rig.poll(SECOND).isEmpty());
        assertEquals(2, rig.iface.counters().get(Counters.TX_NO_ROUTE), "the SYN retried at the RTO");
        assertEquals(2 * SECOND, rig.iface.pollDelay(SECOND, rig.sockets), "backed off");
        assertEquals(TcpSocket.SYN_SENT, socket.state());
        assertEquals(TcpSocket.ERROR_NO_ROUTE, socket.takeSoftError());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void datagramSocketsDropTheUnroutablePacket(int medium) {
        SocketRig rig = new SocketRig(medium, 3);
        UdpSocket udp = new UdpSocket(2, 256, 2, 256);
        udp.bind(5000);
        IcmpSocket icmp = new IcmpSocket(2, 256, 2, 256);
        icmp.bindIdentifier(0x1234);
        RawIpSocket raw = new RawIpSocket(253, 2, 256, 2, 256);
        rig.sockets.add(udp);
        rig.sockets.add(icmp);
        rig.sockets.add(raw);
        assertEquals(DatagramSocket.SEND_OK, udp.send(HELLO, 0, HELLO.length, NOWHERE, 7));
        byte[] echo = SocketRig.echo(true, 0x1234, 1, HELLO);
        assertEquals(DatagramSocket.SEND_OK, icmp.send(echo, 0, echo.length, NOWHERE));
        byte[] packet = rawPacket();
        assertEquals(DatagramSocket.SEND_OK, raw.send(packet, 0, packet.length));
        assertEquals(0, rig.iface.pollDelay(0, rig.sockets), "three packets queued");

        assertTrue(rig.poll(0).isEmpty());
        assertEquals(3, rig.iface.counters().get(Counters.TX_NO_ROUTE));
        assertEquals(Long.MAX_VALUE, rig.iface.pollDelay(0, rig.sockets), "all three dropped: nothing to wait for");
        assertTrue(udp.canSend() && icmp.canSend() && raw.canSend());
        assertEquals(UdpSocket.ERROR_NO_ROUTE, udp.takeError());
        assertTrue(rig.poll(1).isEmpty());
        assertEquals(3, rig.iface.counters().get(Counters.TX_NO_ROUTE), "not retried");
        assertEquals(UdpSocket.ERROR_NONE, udp.takeError(), "no second attempt, no second error");
    }

    private static byte[] rawPacket() {
        byte[] packet = new byte[20 + HELLO.length];
        packet[0] = 0x45;
        packet[3] = (byte) packet.length;
        packet[8] = 64;
        packet[9] = (byte) 253;
        NetworkBytes.setU32(packet, 16, NOWHERE);
        System.arraycopy(HELLO, 0, packet, 20, HELLO.length);
        new Ipv4Packet().wrap(packet, 0, packet.length).fillChecksum();
        return packet;
    }
}
