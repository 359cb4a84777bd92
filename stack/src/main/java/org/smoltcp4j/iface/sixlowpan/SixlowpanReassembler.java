package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.wire.SixlowpanFragPacket;
import org.smoltcp4j.wire.SixlowpanFragRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Puts 6LoWPAN fragments (RFC 4944 section 5.3) back together: datagrams are told apart by the
 * link source and destination, datagram size and tag; each is reassembled in one of a fixed number
 * of preallocated buffers, the FRAG1's compressed headers decompressed in place
 * ({@link SixlowpanDecompressor}, with the datagram size giving the lengths), FRAGN data copied at
 * its offset. Which 8-octet units arrived, and where each fragment started, is kept in two bitmaps,
 * so a fragment that repeats an earlier one (same offset and extent) is recognised: with the same
 * bytes it is a harmless duplicate, otherwise it and any fragment overlapping part of another are
 * inconsistent and the whole datagram is dropped. A datagram not complete within the timeout is
 * dropped too; everything is counted in the interface's {@link Counters}.
 */
public final class SixlowpanReassembler {

    /** {@link #accept} status: the fragment was taken; the datagram is not complete yet. */
    public static final int INCOMPLETE = 0;
    /** Status: the fragment repeated one already held (ignored). */
    public static final int DUPLICATE = -17;
    /** Status: the fragment overlapped or contradicted others; the datagram was dropped. */
    public static final int INCONSISTENT = -18;
    /** Status: the datagram is larger than a buffer, or every buffer is busy; the fragment was dropped. */
    public static final int NO_BUFFER = -19;

    /** The largest 802.15.4 frame (aMaxPhyPacketSize): no FRAG1 is longer. */
    private static final int MAX_PSDU = 127;

    private final SixlowpanDecompressor decompressor;
    private final SixlowpanFragRepr frag = new SixlowpanFragRepr();
    private final SixlowpanFragPacket fragView = new SixlowpanFragPacket();
    private final long timeoutMicros;
    private final byte[][] buffers;
    /** Per buffer: bit u set when 8-octet unit u arrived. */
    private final long[][] received;
    /** Per buffer: bit u set when a fragment started at unit u. */
    private final long[][] starts;
    private final boolean[] used;
    private final long[] keySource;
    private final long[] keyDestination;
    private final int[] keySize;
    private final int[] keyTag;
    private final long[] startedAt;
    private final int[] receivedBytes;
    private final int[] udpOffset;
    /** Decompressed FRAG1 content, compared before it lands in a buffer. */
    private final byte[] scratch;
    private final CounterSink counters;

    private int completed = -1;

    /**
     * @param count         datagrams reassembled at once (0: every fragment is dropped, counted)
     * @param size          bytes of the largest datagram, up to 2047
     * @param timeoutMicros how long an incomplete datagram is kept
     * @param counters      where reassemblies and drops are counted
     */
    public SixlowpanReassembler(SixlowpanDecompressor decompressor, int count, int size, long timeoutMicros, CounterSink counters) {
        if (count < 0 || size < 1 || size > SixlowpanFragPacket.MAX_DATAGRAM_SIZE || timeoutMicros <= 0) {
            throw new IllegalArgumentException("6LoWPAN reassembly needs count >= 0, size 1..2047 and a positive timeout, got "
                    + count + ", " + size + ", " + timeoutMicros);
        }
        this.decompressor = decompressor;
        this.counters = counters;
        this.timeoutMicros = timeoutMicros;
        int units = (size + 7) / 8;
        int words = (units + 1 + 63) / 64;
        buffers = new byte[count][size];
        received = new long[count][words];
        starts = new long[count][words];
        used = new boolean[count];
        keySource = new long[count];
        keyDestination = new long[count];
        keySize = new int[count];
        keyTag = new int[count];
        startedAt = new long[count];
        receivedBytes = new int[count];
        udpOffset = new int[count];
        scratch = new byte[MAX_PSDU + SixlowpanDecompressor.MAX_GROWTH];
    }

    /** Bytes of reassembly buffers, for the interface's RAM budget. */
    public int bytes() {
        return buffers.length * (buffers.length == 0 ? 0 : buffers[0].length) + scratch.length;
    }

    /**
     * Takes the fragment {@code in[off, off+len)} (starting with its FRAG1 or FRAGN header) received
     * from link address {@code linkSource} for {@code linkDestination} ({@link LinkAddress} form) at
     * time {@code now}. Returns the length of the datagram it completed (then in
     * {@link #completedBuffer()} from offset 0), {@link #INCOMPLETE}, or a negative status:
     * {@link #DUPLICATE}, {@link #INCONSISTENT}, {@link #NO_BUFFER}, a {@link WireStatus} or a
     * {@link SixlowpanDecompressor} status for a malformed fragment.
     */
    public int accept(byte[] in, int off, int len, long linkSource, long linkDestination, long now) {
        completed = -1;
        expire(now);
        int status = frag.parse(fragView.wrap(in, off, len));
        if (status != WireStatus.OK) {
            counters.increment(Counters.RX_SIXLOWPAN_FRAGMENT_MALFORMED);
            return status;
        }
        int size = frag.datagramSize();
        int slot = find(linkSource, linkDestination, size, frag.datagramTag());
        if (slot < 0) {
            slot = allocate(linkSource, linkDestination, size, frag.datagramTag(), now);
            if (slot < 0) {
                counters.increment(Counters.RX_SIXLOWPAN_REASSEMBLY_NO_BUFFER);
                return NO_BUFFER;
            }
        }
        int dataAt = fragView.payloadOffset();
        int dataLength = fragView.payloadLength();
        byte[] data = in;
        int start = frag.datagramOffset() * 8;
        if (frag.isFirstFragment()) {
            dataLength = decompressor.decompress(in, dataAt, dataLength, LinkAddress.mode(linkSource), LinkAddress.value(linkSource),
                    LinkAddress.mode(linkDestination), LinkAddress.value(linkDestination), size, scratch, 0, scratch.length);
            if (dataLength < 0) {
                counters.increment(Counters.RX_SIXLOWPAN_FRAGMENT_MALFORMED);
                release(slot);
                return dataLength;
            }
            data = scratch;
            dataAt = 0;
            udpOffset[slot] = decompressor.udpChecksumElided() ? decompressor.udpOffset() : -1;
        }
        int end = start + dataLength;
        if (end > size || dataLength == 0 || end < size && (dataLength & 7) != 0) {
            counters.increment(Counters.RX_SIXLOWPAN_FRAGMENT_MALFORMED);
            release(slot);
            return WireStatus.MALFORMED;
        }
        status = place(slot, data, dataAt, start, end);
        if (status != INCOMPLETE) {
            return status;
        }
        if (receivedBytes[slot] < size) {
            return INCOMPLETE;
        }
        if (udpOffset[slot] >= 0) {
            decompressor.fillUdpChecksum(buffers[slot], 0, size, udpOffset[slot]);
        }
        release(slot);
        completed = slot;
        counters.increment(Counters.RX_SIXLOWPAN_REASSEMBLY_OK);
        return size;
    }

    /** Copies a fragment's data into {@code slot} unless it repeats or contradicts what is there. */
    private int place(int slot, byte[] data, int dataAt, int start, int end) {
        int first = start / 8;
        int last = (end + 7) / 8;
        long[] got = received[slot];
        long[] began = starts[slot];
        boolean any = false;
        for (int u = first; u < last; u++) {
            any |= isSet(got, u);
        }
        if (any) {
            if (!repeatsFragment(got, began, first, last) || !same(data, dataAt, buffers[slot], start, end - start)) {
                counters.increment(Counters.RX_SIXLOWPAN_REASSEMBLY_OVERLAP);
                release(slot);
                return INCONSISTENT;
            }
            counters.increment(Counters.RX_SIXLOWPAN_REASSEMBLY_DUPLICATE);
            return DUPLICATE;
        }
        System.arraycopy(data, dataAt, buffers[slot], start, end - start);
        for (int u = first; u < last; u++) {
            set(got, u);
        }
        set(began, first);
        receivedBytes[slot] += end - start;
        return INCOMPLETE;
    }

    /** True when an earlier fragment covered exactly units [first, last): it started at first and ended at last. */
    private static boolean repeatsFragment(long[] got, long[] began, int first, int last) {
        if (!isSet(began, first)) {
            return false;
        }
        for (int u = first; u < last; u++) {
            if (!isSet(got, u) || u > first && isSet(began, u)) {
                return false;
            }
        }
        return !isSet(got, last) || isSet(began, last);
    }

    private static boolean same(byte[] a, int at, byte[] b, int bt, int length) {
        for (int i = 0; i < length; i++) {
            if (a[at + i] != b[bt + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSet(long[] bits, int index) {
        return (bits[index >>> 6] & 1L << (index & 63)) != 0;
    }

    private static void set(long[] bits, int index) {
        bits[index >>> 6] |= 1L << (index & 63);
    }

    private int find(long linkSource, long linkDestination, int size, int tag) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && keySource[i] == linkSource && keyDestination[i] == linkDestination && keySize[i] == size && keyTag[i] == tag) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(long linkSource, long linkDestination, int size, int tag, long now) {
        for (int i = 0; i < used.length; i++) {
            if (!used[i] && size <= buffers[i].length) {
                used[i] = true;
                keySource[i] = linkSource;
                keyDestination[i] = linkDestination;
                keySize[i] = size;
                keyTag[i] = tag;
                startedAt[i] = now;
                receivedBytes[i] = 0;
                udpOffset[i] = -1;
                clear(received[i]);
                clear(starts[i]);
                return i;
            }
        }
        return -1;
    }

    private static void clear(long[] bits) {
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 0;
        }
    }

    private void release(int slot) {
        used[slot] = false;
    }

    /** Drops the datagrams that have waited {@code timeout} or longer at {@code now} (counted). */
    public void expire(long now) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && now - startedAt[i] >= timeoutMicros) {
                used[i] = false;
                counters.increment(Counters.RX_SIXLOWPAN_REASSEMBLY_TIMEOUT);
            }
        }
    }

    /** When the oldest incomplete datagram times out, or Long.MAX_VALUE with none. */
    public long pollAt() {
        long at = Long.MAX_VALUE;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                at = Math.min(at, startedAt[i] + timeoutMicros);
            }
        }
        return at;
    }

    /** The buffer holding the datagram the last {@link #accept} completed (from offset 0), valid until the next accept. */
    public byte[] completedBuffer() {
        if (completed < 0) {
            throw new IllegalStateException("the last accept completed no datagram");
        }
        return buffers[completed];
    }

    /** Datagrams being reassembled now. */
    public int inProgress() {
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            n += used[i] ? 1 : 0;
        }
        return n;
    }
}
