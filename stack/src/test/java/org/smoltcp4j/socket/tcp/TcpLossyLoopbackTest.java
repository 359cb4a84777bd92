package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.FaultInjector;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Ipv4Address;

/**
 * Issue 6 end to end: a client and a server socket over a {@link Loopback} behind a seeded
 * {@link FaultInjector} that drops frames (in the style of {@link TcpLoopbackTransferTest}). The
 * same transfer, with the same seed, completes byte-exact with SACK on and off, and SACK recovery
 * needs fewer retransmission timeouts than NewReno; the lossy steady state allocates nothing.
 * Every frame passes the injector twice (sent, then received from the loopback), so a 5 % drop
 * chance loses about 10 % of the segments and ACKs. The RTO floor is lowered to 200 ms only to
 * keep the virtual time short.
 */
class TcpLossyLoopbackTest {

    private static final int ADDRESS = Ipv4Address.of(10, 0, 0, 1);
    private static final int SIZE = 1 << 20;
    private static final int BUFFER = 65535;
    private static final int DROP_PERCENT = 5;
    private static final long SEED = 6;

    /** One client/server pair on a lossy loopback. */
    private static final class LossyPair {
        final FaultInjector device = new FaultInjector(new Loopback(Medium.IP, 1500, 64), SEED);
        final Interface iface = new Interface(new InterfaceConfig(), device.capabilities());
        final SocketSet sockets = new SocketSet(2);
        final TcpSocket server = new TcpSocket(BUFFER, BUFFER, 11);
        final TcpSocket client = new TcpSocket(BUFFER, BUFFER, 22);
        long now;

        LossyPair(boolean sack, int congestionControl) {
            for (TcpSocket socket : new TcpSocket[] {server, client}) {
                socket.setSackEnabled(sack);
                socket.setCongestionControl(congestionControl);
                socket.setRtoBounds(200, 60_000); // keep the virtual transfer short
            }
            iface.addIpv4Address(ADDRESS, 8);
            sockets.add(server);
            sockets.add(client);
            server.listen(80);
            client.connect(iface.context(now), ADDRESS, 80, 0);
            for (int i = 0; i < 1000 && client.state() != TcpSocket.ESTABLISHED; i++) {
                step();
            }
            // The handshake itself may lose segments; from here on, the data may too.
            device.setDropChance(DROP_PERCENT);
            assertEquals(sack, client.remoteSackPermitted());
        }

        /** One poll; when nothing happened, the clock jumps to the next deadline. */
        void step() {
            if (!iface.poll(now, device, sockets)) {
                long delay = iface.pollDelay(now, sockets);
                now += delay == Long.MAX_VALUE ? 1000 : Math.max(delay, 1);
            }
        }

        /** Moves {@code data} from client to server; returns what arrived. */
        byte[] transfer(byte[] data) {
            byte[] received = new byte[data.length];
            int sent = 0;
            int got = 0;
            for (int steps = 0; got < data.length && steps < 5_000_000; steps++) {
                sent += Math.max(0, client.send(data, sent, Math.min(1000, data.length - sent)));
                step();
                got += Math.max(0, server.recv(received, got, data.length - got));
            }
            return received;
        }
    }

    @ParameterizedTest(name = "congestion control {0}")
    @ValueSource(ints = {TcpSocket.CONGESTION_NONE, TcpSocket.CONGESTION_RENO})
    void sackNeedsFewerRetransmissionTimeoutsThanNewReno(int congestionControl) {
        byte[] data = new byte[SIZE];
        new Random(3).nextBytes(data);
        LossyPair withSack = new LossyPair(true, congestionControl);
        assertArrayEquals(data, withSack.transfer(data));
        LossyPair withoutSack = new LossyPair(false, congestionControl);
        assertArrayEquals(data, withoutSack.transfer(data));
        long sackTimeouts = withSack.client.retransmissionTimeouts();
        long newRenoTimeouts = withoutSack.client.retransmissionTimeouts();
        System.out.println("lossy loopback, congestion control " + congestionControl + ", " + DROP_PERCENT + "% drop, " + SIZE + " bytes: RTOs with SACK "
                + sackTimeouts + " (" + withSack.now / 1000 + " ms), without " + newRenoTimeouts + " ("
                + withoutSack.now / 1000 + " ms); dropped " + withSack.device.txDropped() + "+"
                + withSack.device.rxDropped() + " / " + withoutSack.device.txDropped() + "+"
                + withoutSack.device.rxDropped());
        assertTrue(withSack.device.txDropped() + withSack.device.rxDropped() > 0, "the device dropped nothing");
        assertTrue(sackTimeouts < newRenoTimeouts,
                "RTOs with SACK " + sackTimeouts + ", without " + newRenoTimeouts);
    }

    @Test
    void lossyTransferWithSackAllocatesNothing() {
        LossyPair pair = new LossyPair(true, TcpSocket.CONGESTION_RENO);
        byte[] chunk = new byte[700];
        byte[] sink = new byte[8192];
        AllocationProbe.assertAllocationFree("TCP with SACK recovery over a lossy loopback", () -> {
            pair.client.send(chunk, 0, chunk.length);
            pair.step();
            pair.server.recv(sink, 0, sink.length);
        });
        assertEquals(TcpSocket.ESTABLISHED, pair.client.state());
        assertTrue(pair.client.fastRetransmits() > 0, "no recovery was exercised");
    }
}
