package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;

/**
 * The retransmissions of one SACK recovery ({@link SackScoreboard}), in the order they were sent,
 * to tell which were lost again. Ranges are offsets from SND.UNA, like the scoreboard's. A
 * retransmission is delivered once the peer holds all of it (cumulatively acknowledged or
 * SACKed); it is lost when a retransmission sent after it was delivered, or when the peer SACKed
 * data first sent after it (above the SND.NXT of its sending): without reordering, which a TAP or
 * a LAN does not do, both arrive only after it would have. A lost range stays here, marked, until
 * it is sent again or delivered. The log holds a fixed number of ranges; when it is full the
 * oldest is forgotten, and if that one is lost too only the retransmission timer finds it.
 * Nothing allocates after construction.
 */
final class RetransmissionLog {

    private final int[] starts;
    private final int[] ends;
    /** SND.NXT - SND.UNA when the range was sent: data above it was first sent later. */
    private final int[] flights;
    private final long[] orders;
    private final boolean[] lost;
    private int count;
    private long lastOrder;
    /** The latest retransmission a cumulative ACK delivered since the last {@link #markLost}. */
    private long deliveredOrder;

    /** A log of at most {@code capacity} retransmissions. */
    RetransmissionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        starts = new int[capacity];
        ends = new int[capacity];
        flights = new int[capacity];
        orders = new long[capacity];
        lost = new boolean[capacity];
    }

    /** Forgets every range (a new recovery, or a retransmission timeout, which resends them anyway). */
    void clear() {
        count = 0;
        deliveredOrder = 0;
    }

    /** SND.UNA moved {@code bytes} forward: offsets shift, and the ranges it passed are delivered. */
    void advance(int bytes) {
        for (int i = count - 1; i >= 0; i--) {
            flights[i] -= bytes;
            if (ends[i] <= bytes) {
                deliveredOrder = Math.max(deliveredOrder, orders[i]);
                remove(i);
            } else {
                starts[i] = Math.max(0, starts[i] - bytes);
                ends[i] -= bytes;
            }
        }
    }

    /**
     * {@code [start, end)} was retransmitted with {@code flight} bytes in flight. It replaces the
     * lost range it resends (or the part of it; the rest stays lost).
     */
    void sent(int start, int end, int flight) {
        for (int i = count - 1; i >= 0; i--) {
            if (starts[i] < end && start < ends[i]) {
                if (lost[i] && ends[i] > end) {
                    starts[i] = end;
                } else {
                    remove(i);
                }
            }
        }
        if (count == starts.length) {
            remove(oldest());
        }
        starts[count] = start;
        ends[count] = end;
        flights[count] = flight;
        orders[count] = ++lastOrder;
        lost[count] = false;
        count++;
    }

    /**
     * After an ACK recorded its blocks in {@code sacked}, whose highest SACKed offset is
     * {@code highestSacked} (0 with none): drops the delivered ranges and marks lost those sent
     * before a delivered one or below SACKed new data.
     *
     * @return how many ranges were newly marked lost
     */
    int markLost(Assembler sacked, int highestSacked) {
        for (int i = count - 1; i >= 0; i--) {
            if (firstUnsacked(sacked, starts[i], ends[i]) == ends[i]) {
                deliveredOrder = Math.max(deliveredOrder, orders[i]);
                remove(i);
            }
        }
        int marked = 0;
        for (int i = 0; i < count; i++) {
            if (!lost[i] && (orders[i] < deliveredOrder || highestSacked > flights[i])) {
                lost[i] = true;
                marked++;
            }
        }
        deliveredOrder = 0;
        return marked;
    }

    /** The lowest unSACKed offset in a lost range, or {@link SackScoreboard#NONE}. */
    int firstLost(Assembler sacked) {
        int first = SackScoreboard.NONE;
        for (int i = 0; i < count; i++) {
            if (!lost[i]) {
                continue;
            }
            int unsacked = firstUnsacked(sacked, starts[i], ends[i]);
            // A lost range SACKed whole since the last markLost (the rest of one that a shorter segment
            // resent) has nothing to resend: a hole of 0 bytes was chosen over and over (issue 6, seed 41000).
            if (unsacked < ends[i] && (first == SackScoreboard.NONE || unsacked < first)) {
                first = unsacked;
            }
        }
        return first;
    }

    /** Where the unSACKed run from {@code from} (a {@link #firstLost} answer) ends within its lost range. */
    int lostHoleEnd(Assembler sacked, int from) {
        int end = from;
        for (int i = 0; i < count; i++) {
            if (lost[i] && starts[i] <= from && from < ends[i]) {
                end = ends[i];
            }
        }
        for (int i = 0; i < sacked.rangeCount(); i++) {
            if (sacked.rangeStart(i) > from) {
                return Math.min(end, sacked.rangeStart(i));
            }
        }
        return end;
    }

    /** UnSACKed bytes of the lost ranges below {@code limit}: retransmitted, but no longer in the pipe. */
    int lostBytes(Assembler sacked, int limit) {
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            int end = Math.min(ends[i], limit);
            if (lost[i] && starts[i] < end) {
                bytes += end - starts[i] - sackedIn(sacked, starts[i], end);
            }
        }
        return bytes;
    }

    /** The first offset in {@code [from, end)} not SACKed, or {@code end}. */
    private static int firstUnsacked(Assembler sacked, int from, int end) {
        for (int i = 0; i < sacked.rangeCount() && from < end; i++) {
            if (sacked.rangeStart(i) <= from && from < sacked.rangeEnd(i)) {
                from = sacked.rangeEnd(i);
            }
        }
        return Math.min(from, end);
    }

    /** Bytes of {@code sacked} within {@code [from, to)}. */
    static int sackedIn(Assembler sacked, int from, int to) {
        int bytes = 0;
        for (int i = 0; i < sacked.rangeCount(); i++) {
            bytes += Math.max(0, Math.min(to, sacked.rangeEnd(i)) - Math.max(from, sacked.rangeStart(i)));
        }
        return bytes;
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < count; i++) {
            if (orders[i] < orders[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    private void remove(int index) {
        count--;
        starts[index] = starts[count];
        ends[index] = ends[count];
        flights[index] = flights[count];
        orders[index] = orders[count];
        lost[index] = lost[count];
    }
}
