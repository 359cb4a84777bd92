package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.SixlowpanDispatch;
import org.smoltcp4j.wire.SixlowpanFragPacket;

/** A 1280-byte datagram cut into FRAG1/FRAGN frames and put back together, and every way that can go wrong. */
class SixlowpanFragmentationTest {

    private final LowpanNode a = new LowpanNode(A);
    private final LowpanNode b = new LowpanNode(B, new SixlowpanConfig().reassemblyTimeoutMicros(5_000_000));
    private final byte[] datagram = LowpanNode.udpBetween(a, b, 1280);

    private List<byte[]> fragments() {
        return a.send(datagram, B);
    }

    private static int payloadOffset(byte[] frame) {
        Ieee802154Frame view = new Ieee802154Frame().wrap(frame, 0, frame.length);
        view.check();
        return view.payloadOffset();
    }

    @Test
    void a1280ByteDatagramFragmentsAndReassemblesByteExact() {
        List<byte[]> frames = fragments();
        assertTrue(frames.size() > 10, "frames: " + frames.size());
        SixlowpanFragPacket frag = new SixlowpanFragPacket();
        int tag = -1;
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            assertTrue(frame.length <= LowpanNode.FRAME);
            int at = payloadOffset(frame);
            assertEquals(i == 0 ? SixlowpanDispatch.FRAG1 : SixlowpanDispatch.FRAGN, SixlowpanDispatch.classify(frame[at]));
            frag.wrap(frame, at, frame.length - at);
            assertEquals(1280, frag.datagramSize());
            tag = i == 0 ? frag.datagramTag() : tag;
            assertEquals(tag, frag.datagramTag());
            if (i > 0 && i < frames.size() - 1) {
                assertEquals(0, frag.payloadLength() % 8, "FRAGN data is a multiple of 8 octets");
            }
        }
        assertEquals(SixlowpanAdapter.DELIVERED, b.receive(frames, 0));
        assertEquals(1, b.received.size());
        assertArrayEquals(datagram, b.received.get(0));
        assertEquals(A, b.sources.get(0));
        assertEquals(1, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OK));
        assertEquals(frames.size(), a.counters.get(Counters.TX_FRAGMENTS), "every frame a fragment");
    }

    @Test
    void eachDatagramHasItsOwnTag() {
        SixlowpanFragPacket frag = new SixlowpanFragPacket();
        byte[] first = fragments().get(0);
        byte[] second = fragments().get(0);
        int one = frag.wrap(first, payloadOffset(first), first.length - payloadOffset(first)).datagramTag();
        int two = frag.wrap(second, payloadOffset(second), second.length - payloadOffset(second)).datagramTag();
        assertEquals((one + 1) & 0xffff, two);
    }

    @Test
    void outOfOrderFragmentsReassemble() {
        List<byte[]> frames = new ArrayList<>(fragments());
        Collections.reverse(frames);
        b.receive(frames, 0);
        assertEquals(1, b.received.size());
        assertArrayEquals(datagram, b.received.get(0));
    }

    @Test
    void duplicateFragmentsAreIgnored() {
        List<byte[]> frames = fragments();
        List<byte[]> doubled = new ArrayList<>();
        for (byte[] frame : frames) {
            doubled.add(frame);
            doubled.add(frame);
        }
        doubled.remove(doubled.size() - 1);
        b.receive(doubled, 0);
        assertEquals(1, b.received.size());
        assertArrayEquals(datagram, b.received.get(0));
        assertEquals(frames.size() - 1, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_DUPLICATE));
    }

    @Test
    void aLostFragmentTimesOut() {
        List<byte[]> frames = new ArrayList<>(fragments());
        frames.remove(3);
        b.receive(frames, 0);
        assertEquals(0, b.received.size());
        assertEquals(1, b.adapter.reassembler().inProgress());
        assertEquals(5_000_000, b.adapter.reassembler().pollAt());
        b.adapter.expire(4_999_999);
        assertEquals(0, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_TIMEOUT));
        b.adapter.expire(5_000_000);
        assertEquals(1, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_TIMEOUT));
        assertEquals(0, b.adapter.reassembler().inProgress());
        assertEquals(Long.MAX_VALUE, b.adapter.reassembler().pollAt());
    }

    @Test
    void anOverlappingFragmentDropsTheDatagram() {
        List<byte[]> frames = fragments();
        b.receive(frames.subList(0, 3), 0);
        // FRAGN 2 again, claiming an offset one unit earlier: overlaps FRAGN 1 and 2 inconsistently.
        byte[] shifted = frames.get(2).clone();
        int at = payloadOffset(shifted) + 4;
        shifted[at]--;
        assertEquals(SixlowpanReassembler.INCONSISTENT, b.adapter.receive(shifted, 0, shifted.length, 0, b.receiver));
        assertEquals(1, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OVERLAP));
        assertEquals(0, b.adapter.reassembler().inProgress());
        b.receive(frames.subList(3, frames.size()), 0);
        assertEquals(0, b.received.size(), "the rest cannot complete the dropped datagram");
    }

    @Test
    void aRepeatedFragmentWithOtherBytesDropsTheDatagram() {
        List<byte[]> frames = fragments();
        b.receive(frames.subList(0, 2), 0);
        byte[] changed = frames.get(1).clone();
        changed[changed.length - 1] ^= 1;
        assertEquals(SixlowpanReassembler.INCONSISTENT, b.adapter.receive(changed, 0, changed.length, 0, b.receiver));
        assertEquals(1, b.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_OVERLAP));
    }

    @Test
    void fragmentsGoOutOverSeveralPollsWhenTheDeviceIsBusy() {
        a.adapter.send(datagram, 0, datagram.length, B);
        a.device.limitTransmitRoom(3);
        assertTrue(a.adapter.flush(a.device, 0));
        assertTrue(a.adapter.isSending());
        List<byte[]> frames = new ArrayList<>(a.device.drainTransmitted());
        assertEquals(3, frames.size());
        assertFalse(a.adapter.flush(a.device, 1), "no room, nothing sent");
        a.device.limitTransmitRoom(Integer.MAX_VALUE);
        assertTrue(a.adapter.flush(a.device, 2));
        assertFalse(a.adapter.isSending());
        frames.addAll(a.device.drainTransmitted());
        b.receive(frames, 0);
        assertArrayEquals(datagram, b.received.get(0));
    }

    @Test
    void aDatagramLargerThanTheBuffersIsDroppedCounted() {
        LowpanNode none = new LowpanNode(B, new SixlowpanConfig().reassemblyBufferCount(0));
        assertEquals(SixlowpanReassembler.NO_BUFFER, none.receive(fragments().subList(0, 1), 0));
        assertEquals(1, none.counters.get(Counters.RX_SIXLOWPAN_REASSEMBLY_NO_BUFFER));
    }

    @Test
    void fragmentsOfTwoSendersReassembleApart() {
        LowpanNode c = new LowpanNode(0x0012_4b00_0007_0809L);
        byte[] other = LowpanNode.udpBetween(c, b, 1000);
        List<byte[]> fromA = fragments();
        List<byte[]> fromC = c.send(other, B);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(fromA.size(), fromC.size()); i++) {
            if (i < fromA.size()) {
                mixed.add(fromA.get(i));
            }
            if (i < fromC.size()) {
                mixed.add(fromC.get(i));
            }
        }
        b.receive(mixed, 0);
        assertEquals(2, b.received.size());
        assertArrayEquals(other, b.received.get(0));
        assertArrayEquals(datagram, b.received.get(1));
    }

    @Test
    void aPacketThatFitsGoesInOneFrameWithoutFragmentHeader() {
        byte[] small = LowpanNode.udpBetween(a, b, 100);
        List<byte[]> frames = a.send(small, B);
        assertEquals(1, frames.size());
        assertEquals(SixlowpanDispatch.IPHC, SixlowpanDispatch.classify(frames.get(0)[payloadOffset(frames.get(0))]));
        b.receive(frames, 0);
        assertArrayEquals(small, b.received.get(0));
    }
}
