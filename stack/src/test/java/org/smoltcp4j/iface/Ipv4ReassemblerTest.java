package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Ipv4Packet;

class Ipv4ReassemblerTest {

    private static final long TIMEOUT = 60_000_000L;

    private final Counters counters = new Counters();
    private final Ipv4Reassembler reassembler = new Ipv4Reassembler(2, 1500, 4, TIMEOUT, counters);
    private final Ipv4Packet view = new Ipv4Packet();
    private final byte[] data = Ipv4Fixture.pattern(100);

    private int offer(int identification, boolean more, int offset, int length, long now) {
        return offer(identification, more, offset, Arrays.copyOfRange(data, offset, offset + length), now);
    }

    private int offer(int identification, boolean more, int offset, byte[] payload, long now) {
        byte[] packet = Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, identification, more, offset, payload);
        return reassembler.accept(view.wrap(packet, 0, packet.length), now);
    }

    private void assertDelivered(int slot, int length) {
        assertEquals(length, reassembler.length(slot));
        assertArrayEquals(Arrays.copyOf(data, length),
                Arrays.copyOfRange(reassembler.buffer(slot), Ipv4Reassembler.HEADER_ROOM, Ipv4Reassembler.HEADER_ROOM + length));
        reassembler.release(slot);
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_OK));
    }

    @Test
    void inOrderFragmentsComplete() {
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, 24, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 24, 40, 0));
        assertDelivered(offer(1, false, 64, 36, 0), 100);
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void outOfOrderFragmentsComplete() {
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 64, 36, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, 24, 0));
        assertDelivered(offer(1, true, 24, 40, 0), 100);
    }

    @Test
    void datagramsAreKeptApartByIdentification() {
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, 24, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(2, true, 0, 24, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(2, false, 40, 8, 0));
        assertEquals(2, reassembler.inProgress());
        int slot = offer(1, false, 24, 76, 0);
        assertDelivered(slot, 100);
        assertEquals(1, reassembler.inProgress());
    }

    @Test
    void exactDuplicateIsIgnoredAndTheDatagramStillCompletes() {
        offer(1, true, 0, 24, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, 24, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 8, 8, 0));
        assertEquals(2, counters.get(Counters.RX_REASSEMBLY_DUPLICATE));
        assertDelivered(offer(1, false, 24, 76, 0), 100);
    }

    @Test
    void duplicateWithDifferentBytesDropsTheDatagram() {
        offer(1, true, 0, 24, 0);
        byte[] forged = Arrays.copyOfRange(data, 0, 24);
        forged[5] ^= 1;
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, forged, 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_OVERLAP));
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void partialOverlapDropsTheWholeDatagram() {
        // Teardrop: the second fragment starts inside the first.
        offer(1, true, 0, 24, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 16, 20, 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_OVERLAP));
        assertEquals(0, reassembler.inProgress());
        // What follows starts a fresh datagram and cannot complete the dropped one.
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 24, 76, 0));
        assertEquals(0, counters.get(Counters.RX_REASSEMBLY_OK));
    }

    @Test
    void fragmentPast65535IsPingOfDeath() {
        offer(1, true, 0, 24, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 65528, new byte[16], 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_OVERSIZE));
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void fragmentPastTheBufferIsDropped() {
        offer(1, true, 0, 24, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 1480, new byte[8], 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_OVERSIZE));
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void fragmentFillingTheBufferExactlyIsAccepted() {
        byte[] big = new byte[1480];
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, Arrays.copyOf(big, 1000), 0));
        assertEquals(1480, reassembler.length(offer(1, false, 1000, new byte[480], 0)));
    }

    @Test
    void moreFragmentsWithLengthNotMultipleOf8IsMalformed() {
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, 20, 0));
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 0, new byte[0], 0));
        assertEquals(2, counters.get(Counters.RX_FRAGMENT_MALFORMED));
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void twoDifferentEndsAreMalformed() {
        offer(1, false, 64, 36, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 24, 8, 0));
        assertEquals(1, counters.get(Counters.RX_FRAGMENT_MALFORMED));
        assertEquals(0, reassembler.inProgress());
    }

    @Test
    void fragmentBeyondTheKnownEndIsMalformed() {
        offer(1, false, 24, 16, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, true, 40, 8, 0));
        assertEquals(1, counters.get(Counters.RX_FRAGMENT_MALFORMED));
    }

    @Test
    void endBeforeDataAlreadyReceivedIsMalformed() {
        offer(1, true, 64, 16, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(1, false, 24, 8, 0));
        assertEquals(1, counters.get(Counters.RX_FRAGMENT_MALFORMED));
    }

    @Test
    void stalledDatagramTimesOut() {
        offer(1, true, 0, 24, 1_000);
        assertEquals(1_000 + TIMEOUT, reassembler.pollAt());
        reassembler.expire(TIMEOUT);
        assertEquals(1, reassembler.inProgress());
        reassembler.expire(1_000 + TIMEOUT);
        assertEquals(0, reassembler.inProgress());
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_TIMEOUT));
        assertEquals(Long.MAX_VALUE, reassembler.pollAt());
    }

    @Test
    void noFreeBufferDropsNewDatagramsButKeepsThoseInProgress() {
        offer(1, true, 0, 24, 0);
        offer(2, true, 0, 24, 0);
        assertEquals(Ipv4Reassembler.INCOMPLETE, offer(3, true, 0, 24, 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_NO_BUFFER));
        assertDelivered(offer(1, false, 24, 76, 0), 100);
    }

    @Test
    void tooManyHolesDropsTheDatagram() {
        Ipv4Reassembler small = new Ipv4Reassembler(1, 1500, 2, TIMEOUT, counters);
        byte[][] pieces = {
            Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 9, true, 0, new byte[8]),
            Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 9, true, 16, new byte[8]),
            Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 9, true, 32, new byte[8]),
        };
        for (byte[] piece : pieces) {
            small.accept(view.wrap(piece, 0, piece.length), 0);
        }
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_FAILED));
        assertEquals(0, small.inProgress());
    }

    @Test
    void noBuffersMeansNoReassembly() {
        Ipv4Reassembler none = new Ipv4Reassembler(0, 1500, 4, TIMEOUT, counters);
        byte[] piece = Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 9, true, 0, new byte[8]);
        assertEquals(Ipv4Reassembler.INCOMPLETE, none.accept(view.wrap(piece, 0, piece.length), 0));
        assertEquals(1, counters.get(Counters.RX_REASSEMBLY_NO_BUFFER));
        assertEquals(0, none.bytes());
    }

    @Test
    void reassemblyAllocatesNothing() {
        byte[] first = Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 7, true, 0, new byte[40]);
        byte[] last = Ipv4Fixture.fragment(PEER_IP, OUR_IP, 17, 7, false, 40, new byte[30]);
        Ipv4Packet firstView = new Ipv4Packet().wrap(first, 0, first.length);
        Ipv4Packet lastView = new Ipv4Packet().wrap(last, 0, last.length);
        AllocationProbe.assertAllocationFree("reassembling two fragments", () -> {
            reassembler.accept(firstView, 0);
            reassembler.release(reassembler.accept(lastView, 0));
        });
    }
}
