package org.smoltcp4j.iface;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.wire.Ipv4Packet;

/**
 * Puts fragmented IPv4 datagrams back together (RFC 791 section 3.2, RFC 815 hole tracking) in a
 * fixed number of preallocated buffers, each keyed by (source, destination, identification,
 * protocol) and tracking its holes with an {@link Assembler}.
 *
 * <p>Hostile input is the normal case here, so every fragment that does not fit is dropped and
 * counted, and a datagram that shows any sign of tampering is freed at once:
 * <ul>
 * <li>a fragment that overlaps data already received frees the whole datagram (RFC 5722 for IPv6,
 * Linux since CVE-2018-5391 for IPv4): teardrop and its descendants reassemble nothing;</li>
 * <li>a fragment that lies wholly inside data already received, with the same bytes, is an exact
 * duplicate (a retransmission on a lossy path): it is ignored and the datagram kept, as Linux
 * does; with different bytes it is an overlap attack and frees the datagram;</li>
 * <li>a fragment reaching past 65535 bytes (ping of death) or past the buffer frees the datagram;</li>
 * <li>a fragment with more fragments to follow whose length is not a multiple of 8, or an empty
 * one, is malformed; a second, different end of the datagram frees it;</li>
 * <li>a datagram not complete within the timeout is freed (counted as a timeout), and when every
 * buffer is busy a new datagram is dropped rather than evicting one in progress, so a flood of
 * first fragments cannot push out a legitimate datagram that is nearly done.</li>
 * </ul>
 * Buffers hold the payload only; the header of the fragment that completes the datagram stands
 * for the whole (the caller sets its payload length to {@link #length}).
 */
final class Ipv4Reassembler {

    /** {@link #accept} result: the fragment was taken (or dropped and counted); nothing to deliver yet. */
    static final int INCOMPLETE = -1;

    private static final int UNKNOWN = -1;
    private static final int OVERLAP_NONE = 0;
    private static final int OVERLAP_INSIDE = 1;
    private static final int OVERLAP_PARTIAL = 2;

    private final Counters counters;
    private final long timeout;
    /** Where the payload starts in {@link #buffer}: after room for a 20-byte header. */
    static final int HEADER_ROOM = Ipv4Packet.HEADER_LEN;

    private final byte[][] buffers;
    private final Assembler[] assemblers;
    private final boolean[] used;
    private final int[] sources;
    private final int[] destinations;
    private final int[] identifications;
    private final int[] protocols;
    /** Payload length of the whole datagram once its last fragment arrived, else UNKNOWN. */
    private final int[] totals;
    private final long[] expiresAt;

    Ipv4Reassembler(int bufferCount, int datagramSize, int maxRanges, long timeoutMicros, Counters counters) {
        this.counters = counters;
        this.timeout = timeoutMicros;
        // The payload sits after room for a header, which the receiver writes on completion so the
        // datagram is one contiguous packet (raw sockets receive it whole).
        buffers = new byte[bufferCount][datagramSize];
        assemblers = new Assembler[bufferCount];
        for (int i = 0; i < bufferCount; i++) {
            assemblers[i] = new Assembler(maxRanges);
        }
        used = new boolean[bufferCount];
        sources = new int[bufferCount];
        destinations = new int[bufferCount];
        identifications = new int[bufferCount];
        protocols = new int[bufferCount];
        totals = new int[bufferCount];
        expiresAt = new long[bufferCount];
    }

    /**
     * Takes the fragment in {@code packet} (checked, and {@link Ipv4Packet#isFragment}). Returns the
     * slot whose {@link #buffer} now holds the complete payload of {@link #length} bytes (the caller
     * delivers it, then {@link #release}s the slot), or {@link #INCOMPLETE}.
     */
    int accept(Ipv4Packet packet, long now) {
        expire(now);
        int offset = packet.fragmentOffsetBytes();
        int length = packet.payloadLength();
        boolean more = packet.moreFragments();
        if (more && (length == 0 || (length & 7) != 0)) {
            counters.increment(Counters.RX_FRAGMENT_MALFORMED);
            return INCOMPLETE;
        }
        int slot = find(packet);
        if (slot < 0) {
            slot = start(packet, now);
            if (slot < 0) {
                counters.increment(Counters.RX_REASSEMBLY_NO_BUFFER);
                return INCOMPLETE;
            }
        }
        int end = offset + length;
        if (packet.headerLength() + end > Ipv4Packet.MAX_TOTAL_LEN || HEADER_ROOM + end > buffers[slot].length) {
            return fail(slot, Counters.RX_REASSEMBLY_OVERSIZE);
        }
        int total = totals[slot];
        if (!more && total != UNKNOWN && total != end || total != UNKNOWN && end > total
                || !more && lastRangeEnd(slot) > end) {
            return fail(slot, Counters.RX_FRAGMENT_MALFORMED);
        }
        int overlap = overlap(slot, offset, end);
        if (overlap == OVERLAP_PARTIAL || overlap == OVERLAP_INSIDE
                && !sameBytes(buffers[slot], HEADER_ROOM + offset, packet.buffer(), packet.payloadOffset(), length)) {
            return fail(slot, Counters.RX_REASSEMBLY_OVERLAP);
        }
        if (overlap == OVERLAP_INSIDE) {
            counters.increment(Counters.RX_REASSEMBLY_DUPLICATE);
            return INCOMPLETE;
        }
        if (!assemblers[slot].add(offset, length)) {
            return fail(slot, Counters.RX_REASSEMBLY_FAILED);
        }
        System.arraycopy(packet.buffer(), packet.payloadOffset(), buffers[slot], HEADER_ROOM + offset, length);
        if (!more) {
            totals[slot] = end;
        }
        Assembler assembler = assemblers[slot];
        if (totals[slot] == UNKNOWN || assembler.rangeCount() != 1 || assembler.peekFront() != totals[slot]) {
            return INCOMPLETE;
        }
        counters.increment(Counters.RX_REASSEMBLY_OK);
        return slot;
    }

    byte[] buffer(int slot) {
        return buffers[slot];
    }

    /** Payload length of the completed datagram in {@code slot}. */
    int length(int slot) {
        return totals[slot];
    }

    /** Frees {@code slot} after its datagram was delivered. */
    void release(int slot) {
        used[slot] = false;
    }

    /** Frees every datagram whose time is up, counting each as a timeout. */
    void expire(long now) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && now >= expiresAt[i]) {
                used[i] = false;
                counters.increment(Counters.RX_REASSEMBLY_TIMEOUT);
            }
        }
    }

    /** When the oldest datagram in progress times out, or Long.MAX_VALUE when none is. */
    long pollAt() {
        long at = Long.MAX_VALUE;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                at = Math.min(at, expiresAt[i]);
            }
        }
        return at;
    }

    /** Datagrams in progress. */
    int inProgress() {
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                n++;
            }
        }
        return n;
    }

    int bytes() {
        return buffers.length == 0 ? 0 : buffers.length * buffers[0].length;
    }

    /** How {@code [offset, end)} meets the data already received. */
    private int overlap(int slot, int offset, int end) {
        Assembler assembler = assemblers[slot];
        for (int i = 0; i < assembler.rangeCount(); i++) {
            int start = assembler.rangeStart(i);
            int stop = assembler.rangeEnd(i);
            if (offset < stop && end > start) {
                return offset >= start && end <= stop ? OVERLAP_INSIDE : OVERLAP_PARTIAL;
            }
        }
        return OVERLAP_NONE;
    }

    private int lastRangeEnd(int slot) {
        Assembler assembler = assemblers[slot];
        int count = assembler.rangeCount();
        return count == 0 ? 0 : assembler.rangeEnd(count - 1);
    }

    private static boolean sameBytes(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        for (int i = 0; i < length; i++) {
            if (a[aOffset + i] != b[bOffset + i]) {
                return false;
            }
        }
        return true;
    }

    private int fail(int slot, int counter) {
        used[slot] = false;
        counters.increment(counter);
        return INCOMPLETE;
    }

    private int find(Ipv4Packet packet) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && sources[i] == packet.source() && destinations[i] == packet.destination()
                    && identifications[i] == packet.identification() && protocols[i] == packet.protocol()) {
                return i;
            }
        }
        return -1;
    }

    private int start(Ipv4Packet packet, long now) {
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                sources[i] = packet.source();
                destinations[i] = packet.destination();
                identifications[i] = packet.identification();
                protocols[i] = packet.protocol();
                totals[i] = UNKNOWN;
                expiresAt[i] = now + timeout;
                assemblers[i].clear();
                return i;
            }
        }
        return -1;
    }
}
