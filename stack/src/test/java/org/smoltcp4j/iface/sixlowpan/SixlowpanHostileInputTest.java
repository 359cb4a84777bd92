package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.smoltcp4j.iface.Counters;

/**
 * Whatever arrives over the air, the adapter answers with a status and counts a drop, never an
 * exception: random frames, and valid fragmented datagrams with octets changed, cut short or
 * fragments dropped; and a valid datagram still gets through afterwards.
 */
class SixlowpanHostileInputTest {

    @Property(tries = 300)
    void randomFramesNeverThrow(@ForAll @Size(max = 127) byte[] frame) {
        LowpanNode b = new LowpanNode(B);
        int status = b.adapter.receive(frame, 0, frame.length, 0, b.receiver);
        long drops = b.counters.total() - b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK);
        assertEquals(status < 0 ? 1 : 0, drops, "a dropped frame is counted once, under one reason: status " + status);
    }

    @Property(tries = 300)
    void damagedFragmentsNeverThrowAndLeaveTheAdapterWorking(@ForAll @IntRange(min = 0, max = 20) int frameIndex,
            @ForAll @IntRange(min = 0, max = 126) int position, @ForAll byte value, @ForAll @IntRange(min = 0, max = 127) int cut,
            @ForAll @IntRange(min = 0, max = 20) int dropped) {
        LowpanNode a = new LowpanNode(A);
        LowpanNode b = new LowpanNode(B, new SixlowpanConfig().reassemblyBufferCount(1));
        byte[] datagram = LowpanNode.udpBetween(a, b, 700 + frameIndex * 20);
        List<byte[]> frames = a.send(datagram, B);
        int index = frameIndex % frames.size();
        byte[] damaged = frames.get(index).clone();
        damaged[position % damaged.length] = value;
        int length = Math.min(damaged.length, Math.max(1, cut));
        for (int i = 0; i < frames.size(); i++) {
            if (i == index) {
                b.adapter.receive(damaged, 0, length, 0, b.receiver);
            } else if (i != dropped) {
                b.receive(List.of(frames.get(i)), 0);
            }
        }
        assertTrue(b.received.size() <= 1);
        // Whatever state that left, a later datagram (after the timeout frees the buffer) gets through.
        b.received.clear();
        b.adapter.expire(60_000_000);
        List<byte[]> again = a.send(datagram, B);
        b.receive(again, 60_000_000);
        assertEquals(1, b.received.size());
        assertArrayEquals(datagram, b.received.get(0));
    }
}
