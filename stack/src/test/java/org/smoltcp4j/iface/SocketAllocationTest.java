package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.IcmpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.wire.IpProtocol;

/** Datagrams in and out through the interface and the sockets allocate nothing (10,000 runs after warm-up). */
class SocketAllocationTest {

    /** Receives one fixed frame each time it is armed and transmits into one buffer: allocates nothing itself. */
    static final class ReplayDevice implements Device {
        private final DeviceCapabilities capabilities;
        private final byte[] frame;
        private final byte[] transmit;
        private boolean armed;
        int transmitted;

        ReplayDevice(DeviceCapabilities capabilities, byte[] frame) {
            this.capabilities = capabilities;
            this.frame = frame;
            this.transmit = new byte[capabilities.mtu()];
        }

        void arm() {
            armed = true;
        }

        @Override
        public DeviceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public int receive(long now) {
            if (!armed) {
                return 0;
            }
            armed = false;
            return frame.length;
        }

        @Override
        public byte[] receiveBuffer() {
            return frame;
        }

        @Override
        public int receiveOffset() {
            return 0;
        }

        @Override
        public void releaseReceive() {
        }

        @Override
        public boolean prepareTransmit(long now, int length) {
            return true;
        }

        @Override
        public byte[] transmitBuffer() {
            return transmit;
        }

        @Override
        public int transmitOffset() {
            return 0;
        }

        @Override
        public void commitTransmit(int length) {
            transmitted++;
        }

        @Override
        public void abortTransmit() {
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void udpDatagramsInAndOut(int medium) throws Exception {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        UdpSocket socket = new UdpSocket(2, 256, 2, 256);
        socket.bind(7);
        rig.sockets.add(socket);
        byte[] frame = rig.frame(Frames.ipv4(SocketRig.PEER, SocketRig.US, IpProtocol.UDP,
                SocketRig.udp(SocketRig.PEER, SocketRig.US, 40000, 7, new byte[32])));
        ReplayDevice device = new ReplayDevice(rig.device.capabilities(), frame);
        byte[] buf = new byte[64];
        Interface iface = rig.iface;
        SocketSet sockets = rig.sockets;
        AllocationProbe.assertAllocationFree("UDP echo through the interface", () -> {
            device.arm();
            iface.poll(1, device, sockets);
            int n = socket.recv(buf, 0, buf.length);
            socket.send(buf, 0, n, socket.remoteAddress(), socket.remotePort());
            iface.poll(2, device, sockets);
        });
        assertEquals(0, iface.counters().get(Counters.RX_SOCKET_BUFFER_FULL), iface.counters().appendTo(new StringBuilder()).toString() + " tx=" + device.transmitted);
        assertTrue(device.transmitted >= AllocationProbe.DEFAULT_WARM_UP + AllocationProbe.DEFAULT_RUNS, "datagrams were echoed: " + device.transmitted);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void icmpEchoThroughAnIcmpSocket(int medium) throws Exception {
        SocketRig rig = new SocketRig(medium, 1).learnPeer();
        IcmpSocket ping = new IcmpSocket(2, 256, 2, 256);
        ping.bindIdentifier(0x1234);
        rig.sockets.add(ping);
        byte[] request = SocketRig.echo(true, 0x1234, 1, new byte[32]);
        byte[] frame = rig.frame(Frames.ipv4(SocketRig.PEER, SocketRig.US, IpProtocol.ICMP,
                SocketRig.echo(false, 0x1234, 1, new byte[32])));
        ReplayDevice device = new ReplayDevice(rig.device.capabilities(), frame);
        byte[] buf = new byte[64];
        Interface iface = rig.iface;
        SocketSet sockets = rig.sockets;
        AllocationProbe.assertAllocationFree("ICMP echo through an IcmpSocket", () -> {
            ping.send(request, 0, request.length, SocketRig.PEER);
            iface.poll(1, device, sockets);
            device.arm();
            iface.poll(2, device, sockets);
            ping.recv(buf, 0, buf.length);
        });
        assertEquals(0, iface.counters().get(Counters.RX_SOCKET_BUFFER_FULL), iface.counters().appendTo(new StringBuilder()).toString() + " tx=" + device.transmitted);
        assertTrue(device.transmitted >= AllocationProbe.DEFAULT_WARM_UP + AllocationProbe.DEFAULT_RUNS, "requests were sent");
    }
}
