package org.smoltcp4j.iface.sixlowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.A;
import static org.smoltcp4j.iface.sixlowpan.LowpanNode.B;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;
import org.smoltcp4j.wire.WireStatus;

/** Which frames the adapter takes, how it addresses the frames it sends, and its misuse errors. */
class SixlowpanAdapterTest {

    private final LowpanNode a = new LowpanNode(A);
    private final LowpanNode b = new LowpanNode(B, new SixlowpanConfig().shortAddress(0x0042));
    private final byte[] packet = LowpanNode.udpBetween(a, b, 80);

    private static Ieee802154Repr link(byte[] frame) {
        Ieee802154Repr repr = new Ieee802154Repr();
        assertEquals(WireStatus.OK, repr.parse(new Ieee802154Frame().wrap(frame, 0, frame.length)));
        return repr;
    }

    private byte[] frameTo(long destination) {
        List<byte[]> frames = a.send(packet, destination);
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    @Test
    void unicastFramesAskForAnAckAndCountSequenceNumbers() {
        Ieee802154Repr first = link(frameTo(B));
        assertTrue(first.ackRequest());
        assertTrue(first.panIdCompression());
        assertEquals(0xabcd, first.dstPan());
        assertEquals(Ieee802154Frame.MODE_EXTENDED, first.srcAddressingMode());
        assertEquals(A, first.srcAddress());
        assertEquals(B, first.dstAddress());
        Ieee802154Repr second = link(frameTo(LinkAddress.BROADCAST));
        assertFalse(second.ackRequest());
        assertEquals(Ieee802154Frame.MODE_SHORT, second.dstAddressingMode());
        assertEquals(0xffff, second.dstAddress());
        assertEquals((first.sequenceNumber() + 1) & 0xff, second.sequenceNumber());
    }

    @Test
    void unknownNextHopsMapByTheirInterfaceIdentifier() {
        assertEquals(LinkAddress.BROADCAST, a.adapter.linkDestinationFor(0xff02_0000_0000_0000L, 1));
        assertEquals(B, a.adapter.linkDestinationFor(LowpanNode.LINK_LOCAL, b.linkLocalLow()));
    }

    @Test
    void theAllZeroExtendedAddressIsAnAddressLikeAnyOther() {
        // Found by fuzzing: the IID 0200:0000:0000:0000 maps to the extended address 0, which once
        // stood for "no address" and made the framer throw while answering such a sender.
        long zero = a.adapter.linkDestinationFor(LowpanNode.LINK_LOCAL, 0x0200_0000_0000_0000L);
        assertEquals(0, zero);
        Ieee802154Repr link = link(frameTo(zero));
        assertEquals(Ieee802154Frame.MODE_EXTENDED, link.dstAddressingMode());
        assertEquals(0, link.dstAddress());
    }

    @Test
    void sequenceNumbersWrapAt256() {
        int first = link(frameTo(B)).sequenceNumber();
        for (int i = 0; i < 255; i++) {
            frameTo(B);
        }
        assertEquals(first, link(frameTo(B)).sequenceNumber());
    }

    @Test
    void framesToOurExtendedShortOrTheBroadcastAddressAreTaken() {
        for (long destination : new long[] {B, LinkAddress.ofShort(0x0042), LinkAddress.BROADCAST}) {
            assertEquals(SixlowpanAdapter.DELIVERED, b.receive(List.of(frameTo(destination)), 0));
        }
        assertEquals(3, b.received.size());
        assertEquals(List.of(false, false, true), b.broadcast, "the link broadcast flag");
        assertArrayEquals(packet, b.received.get(2));
    }

    @Test
    void framesForOthersFromOurselvesOrNotDataAreIgnored() {
        assertEquals(SixlowpanAdapter.NOT_FOR_US, b.receive(List.of(frameTo(0x0012_4b00_0009_0909L)), 0));
        assertEquals(SixlowpanAdapter.NOT_FOR_US, b.receive(List.of(frameTo(LinkAddress.ofShort(0x0043))), 0));
        byte[] otherPan = frameTo(B);
        otherPan[3] ^= 1;
        assertEquals(SixlowpanAdapter.NOT_FOR_US, b.receive(List.of(otherPan), 0));
        assertEquals(SixlowpanAdapter.NOT_FOR_US, a.receive(List.of(frameTo(LinkAddress.BROADCAST)), 0), "our own frame");
        byte[] ack = {0x02, 0x00, 0x07};
        assertEquals(SixlowpanAdapter.NOT_FOR_US, b.receive(List.of(ack), 0));
        assertEquals(5, b.counters.get(Counters.RX_LINK_NOT_FOR_US) + a.counters.get(Counters.RX_LINK_NOT_FOR_US));
        assertEquals(0, b.received.size());
    }

    @Test
    void aFrameWithoutDestinationAddressIsOnlyForAPanCoordinator() {
        // IEEE 802.15.4-2006 7.5.6.2: with only source addressing fields a frame is accepted only by
        // the PAN coordinator, which this node never is; it must not pass as unicast to us.
        byte[] plain = frameTo(B);
        Ieee802154Repr repr = link(plain).setPanIdCompression(false).setSrcPan(0xabcd)
                .setDstAddress(Ieee802154Frame.MODE_ABSENT, 0);
        byte[] toCoordinator = new byte[repr.bufferLen() + plain.length - 21];
        repr.emit(new Ieee802154Frame().wrap(toCoordinator, 0, toCoordinator.length));
        System.arraycopy(plain, 21, toCoordinator, repr.bufferLen(), plain.length - 21);
        assertEquals(SixlowpanAdapter.NOT_FOR_US, b.receive(List.of(toCoordinator), 0));
        assertEquals(0, b.received.size());
    }

    @Test
    void aFrameFromTheBroadcastAddressIsMalformed() {
        // 0xffff is no node's address: learning it as a neighbour's would send unicast replies to everyone.
        byte[] plain = frameTo(B);
        Ieee802154Repr repr = link(plain).setSrcAddress(Ieee802154Frame.MODE_SHORT, 0xffff);
        byte[] fromBroadcast = new byte[repr.bufferLen() + plain.length - 21];
        repr.emit(new Ieee802154Frame().wrap(fromBroadcast, 0, fromBroadcast.length));
        System.arraycopy(plain, 21, fromBroadcast, repr.bufferLen(), plain.length - 21);
        assertEquals(WireStatus.MALFORMED, b.receive(List.of(fromBroadcast), 0));
        assertEquals(0, b.received.size());
        assertEquals(1, b.counters.get(Counters.RX_LINK_MALFORMED));
    }

    @Test
    void securedMalformedAndForeignDispatchFramesAreDroppedCounted() {
        byte[] plain = frameTo(B);
        Ieee802154Repr repr = link(plain).setSecurity(0x05, 1, 0, 0);
        byte[] secured = new byte[repr.bufferLen() + plain.length - 21];
        repr.emit(new Ieee802154Frame().wrap(secured, 0, secured.length));
        System.arraycopy(plain, 21, secured, repr.bufferLen(), plain.length - 21);
        assertEquals(WireStatus.UNSUPPORTED, b.receive(List.of(secured), 0));
        assertEquals(1, b.counters.get(Counters.RX_LINK_SECURED), "a secured frame is never decompressed");
        b.receive(List.of(new byte[] {0x41}), 0);
        byte[] mesh = frameTo(B).clone();
        int at = 21;
        mesh[at] = (byte) 0x80;
        assertEquals(WireStatus.UNSUPPORTED, b.receive(List.of(mesh), 0));
        assertEquals(1, b.counters.get(Counters.RX_SIXLOWPAN_UNSUPPORTED));
        byte[] badIphc = java.util.Arrays.copyOf(frameTo(B), 23);
        assertEquals(WireStatus.TRUNCATED, b.receive(List.of(badIphc), 0));
        byte[] empty = java.util.Arrays.copyOf(frameTo(B), 21);
        assertEquals(WireStatus.TRUNCATED, b.receive(List.of(empty), 0));
        assertEquals(0, b.received.size());
        assertEquals(1, b.counters.get(Counters.RX_LINK_MALFORMED), "the one-octet frame");
        assertEquals(2, b.counters.get(Counters.RX_SIXLOWPAN_MALFORMED), "the cut IPHC header and the empty payload");
    }

    @Test
    void sendingRefusesWhatIsNoPacketAndMisuseThrows() {
        a.adapter.send(new byte[60], 0, 60, B);
        assertEquals(1, a.counters.get(Counters.TX_SIXLOWPAN_DROPPED), "not IPv6: dropped, counted");
        a.adapter.send(packet, 0, packet.length, LinkAddress.NONE);
        assertEquals(2, a.counters.get(Counters.TX_SIXLOWPAN_DROPPED), "no link destination (a neighbour known without one): dropped, counted");
        assertFalse(a.adapter.isSending());
        assertThrows(IllegalArgumentException.class, () -> a.adapter.send(new byte[1300], 0, 1281, B));
        a.adapter.send(packet, 0, packet.length, B);
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> a.adapter.send(packet, 0, packet.length, B));
        assertEquals("a packet is still being sent; call flush until isSending() is false", busy.getMessage());
    }

    @Test
    void aPacketStagedInPlaceIsNotCopied() {
        System.arraycopy(packet, 0, a.adapter.stagingBuffer(), 0, packet.length);
        a.adapter.send(a.adapter.stagingBuffer(), 0, packet.length, B);
        a.adapter.flush(a.device, 0);
        b.receive(a.device.drainTransmitted(), 0);
        assertArrayEquals(packet, b.received.get(0));
    }

    @Test
    void theRamBudgetCountsEveryPacketBuffer() {
        // Staging 1280, two reassembly buffers of 1280 plus the FRAG1 scratch (a 127-octet frame and
        // its growth), and the packet buffer (a 125-octet frame and its growth).
        assertEquals(1280 + 2 * 1280 + (127 + 128) + (125 + 128), a.adapter.preallocatedBytes());
    }
}
