package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.SixlowpanContexts;

/** Sending and receiving UDP over 6LoWPAN, fragmented, allocates nothing once the adapters exist. */
class SixlowpanAllocationTest {

    /** Counts deliveries without keeping anything. */
    private static final class CountingReceiver implements SixlowpanAdapter.Ipv6Receiver {
        long packets;
        long bytes;

        @Override
        public void receiveIpv6(byte[] buf, int off, int len, long linkSource, boolean linkBroadcast) {
            packets++;
            bytes += len;
        }
    }

    @Test
    void fragmentedUdpRoundTripsWithoutAllocating() {
        CountingSink counters = new CountingSink();
        SixlowpanAdapter sender = new SixlowpanAdapter(new SixlowpanConfig(), A, new SixlowpanContexts(), 125, new CountingSink(), 0);
        SixlowpanAdapter receiver = new SixlowpanAdapter(new SixlowpanConfig(), B, new SixlowpanContexts(), 125, counters, 0);
        Loopback air = new Loopback(Medium.IEEE802154, 125, 32);
        CountingReceiver ingress = new CountingReceiver();
        byte[] datagram = LowpanNode.udp6(LowpanNode.LINK_LOCAL, LinkAddress.interfaceId(A), LowpanNode.LINK_LOCAL,
                LinkAddress.interfaceId(B), 6969, 7000, LowpanNode.pattern(1280 - 48, 9));
        long[] now = {0};
        AllocationProbe.assertAllocationFree("6LoWPAN fragmented UDP send and receive", () -> {
            sender.send(datagram, 0, datagram.length, B);
            sender.flush(air, now[0]);
            for (int length = air.receive(now[0]); length > 0; length = air.receive(now[0])) {
                receiver.receive(air.receiveBuffer(), air.receiveOffset(), length, now[0], ingress);
                air.releaseReceive();
            }
            now[0] += 1000;
        });
        assertTrue(ingress.packets > 0);
        assertEquals(ingress.packets * 1280, ingress.bytes);
        assertEquals(0, counters.get(Counters.RX_SIXLOWPAN_FRAGMENT_MALFORMED));
        assertEquals(0, counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OVERLAP));
    }
}
