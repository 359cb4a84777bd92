package org.smoltcp4j.socket;

import org.smoltcp4j.storage.Assembler;
import org.smoltcp4j.wire.TcpOptionCursor;
import org.smoltcp4j.wire.TcpPacket;
import org.smoltcp4j.wire.TcpRepr;

/**
 * The receiver's SACK blocks (RFC 2018 section 4): the out-of-order ranges held in the
 * {@link Assembler}, in sequence numbers, ordered as the RFC asks. The first block contains the
 * segment that triggered the ACK (unless that segment advanced the cumulative ACK); the others
 * repeat the most recently reported blocks, so a block survives the loss of a few ACKs; ranges
 * never reported yet fill any remaining room. As many blocks go as fit beside the other options
 * (3 with timestamps, 4 without). D-SACK (RFC 2883) is not generated.
 *
 * <p>The blocks last sent are kept (left edges, in order), so the next ACK can repeat them.
 */
final class SackBlocks {

    private static final int MAX = TcpOptionCursor.MAX_SACK_BLOCKS;
    private static final int BLOCK_OPTION_LEN = 8;
    private static final int SACK_HEADER_LEN = 4;

    /** Left edges of the blocks last reported, most recent first. */
    private final int[] reported = new int[MAX];
    private int reportedCount;
    /** Assembler range indexes chosen for the ACK being built. */
    private final int[] chosen = new int[MAX];
    private int chosenCount;

    /** Forgets the reported blocks (a new connection). */
    void clear() {
        reportedCount = 0;
    }

    /**
     * Adds the blocks for an ACK of {@code ackNumber} to {@code repr} (whose other options are
     * already set). {@code assembler}'s offsets count from {@code ackNumber}; {@code triggerSeq}
     * is the first sequence number of the segment that triggered this ACK, if {@code hasTrigger}.
     */
    void addTo(TcpRepr repr, Assembler assembler, int ackNumber, boolean hasTrigger, int triggerSeq) {
        int ranges = assembler.rangeCount();
        if (ranges == 0) {
            reportedCount = 0;
            return;
        }
        int room = Math.min(MAX, (TcpPacket.MAX_OPTIONS_LEN - repr.optionsLength() - SACK_HEADER_LEN) / BLOCK_OPTION_LEN);
        chosenCount = 0;
        if (hasTrigger) {
            choose(rangeHolding(assembler, triggerSeq - ackNumber), room);
        }
        for (int i = 0; i < reportedCount; i++) {
            choose(rangeHolding(assembler, reported[i] - ackNumber), room);
        }
        for (int i = 0; i < ranges; i++) {
            choose(i, room);
        }
        for (int i = 0; i < chosenCount; i++) {
            int range = chosen[i];
            reported[i] = ackNumber + assembler.rangeStart(range);
            repr.addSackBlock(reported[i], ackNumber + assembler.rangeEnd(range));
        }
        reportedCount = chosenCount;
    }

    /** Appends range {@code index} unless it is -1, already chosen, or there is no room left. */
    private void choose(int index, int room) {
        if (index < 0 || chosenCount >= room) {
            return;
        }
        for (int i = 0; i < chosenCount; i++) {
            if (chosen[i] == index) {
                return;
            }
        }
        chosen[chosenCount++] = index;
    }

    /** The range holding the byte at {@code offset} past the ACK, or -1 (acknowledged, or a hole). */
    private static int rangeHolding(Assembler assembler, int offset) {
        if (offset < 0) {
            return -1;
        }
        for (int i = 0; i < assembler.rangeCount(); i++) {
            if (assembler.rangeStart(i) <= offset && offset < assembler.rangeEnd(i)) {
                return i;
            }
        }
        return -1;
    }
}
