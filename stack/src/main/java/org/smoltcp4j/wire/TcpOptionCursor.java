package org.smoltcp4j.wire;

/**
 * Allocation-free iteration over the options of a checked {@link TcpPacket}. {@link #next} moves
 * to the next option and validates its length, so the accessors of the current option never read
 * outside the header. Unknown kinds are stepped over by their length. A length below 2, a length
 * that runs past the header, or a known kind with the wrong length (MSS 4, window scale 3,
 * SACK-permitted 2, SACK 2+8n, timestamps 10) is MALFORMED and ends the iteration. smoltcp
 * treats a timestamp option of the wrong length as an unknown option; this cursor is stricter,
 * like it is for the other known kinds.
 */
public final class TcpOptionCursor {

    public static final int KIND_END_OF_LIST = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WINDOW_SCALE = 3;
    public static final int KIND_SACK_PERMITTED = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMP = 8;

    /** Returned by {@link #next} when the options end (end-of-list option or end of the header). */
    public static final int DONE = 1;
    /** The most SACK blocks one option can carry in 40 bytes of options (RFC 2018). */
    public static final int MAX_SACK_BLOCKS = 4;

    private byte[] buf = new byte[0];
    private int at;
    private int end;
    private int kind = -1;
    private int start;
    private int length;
    private boolean malformed;

    /** Starts over at the first option of {@code packet}, which must have passed {@link TcpPacket#check}. */
    public TcpOptionCursor reset(TcpPacket packet) {
        buf = packet.buffer();
        at = packet.optionsOffset();
        end = at + packet.optionsLength();
        kind = -1;
        malformed = false;
        return this;
    }

    /**
     * Moves to the next option: {@link WireStatus#OK} when there is one (no-ops included),
     * {@link #DONE} at the end, {@link WireStatus#MALFORMED} for an impossible length (and on
     * every later call).
     */
    public int next() {
        kind = -1;
        if (malformed) {
            return WireStatus.MALFORMED;
        }
        if (at >= end || NetworkBytes.getU8(buf, at) == KIND_END_OF_LIST) {
            at = end;
            return DONE;
        }
        int k = NetworkBytes.getU8(buf, at);
        int n = 1;
        if (k != KIND_NOP) {
            n = end - at < 2 ? 0 : NetworkBytes.getU8(buf, at + 1);
            if (n < 2 || n > end - at || !hasValidLength(k, n)) {
                malformed = true;
                return WireStatus.MALFORMED;
            }
        }
        kind = k;
        start = at;
        length = n;
        at += n;
        return WireStatus.OK;
    }

    private static boolean hasValidLength(int kind, int length) {
        switch (kind) {
            case KIND_MSS:
                return length == 4;
            case KIND_WINDOW_SCALE:
                return length == 3;
            case KIND_SACK_PERMITTED:
                return length == 2;
            case KIND_SACK:
                return length >= 10 && (length - 2) % 8 == 0;
            case KIND_TIMESTAMP:
                return length == 10;
            default:
                return true;
        }
    }

    /** Kind of the current option, or -1 before the first {@link #next} and after the end. */
    public int kind() {
        return kind;
    }

    /** Absolute index of the current option's kind byte. */
    public int optionOffset() {
        return start;
    }

    /** Total length of the current option, kind and length bytes included. */
    public int optionLength() {
        return length;
    }

    public int maxSegmentSize() {
        return NetworkBytes.getU16(buf, require(KIND_MSS) + 2);
    }

    /** The shift count as sent (RFC 7323 limits its use to 14; {@link TcpRepr} clamps it). */
    public int windowScale() {
        return NetworkBytes.getU8(buf, require(KIND_WINDOW_SCALE) + 2);
    }

    public int sackBlockCount() {
        require(KIND_SACK);
        return (length - 2) / 8;
    }

    /** Left edge of SACK block {@code index}. */
    public int sackLeft(int index) {
        return NetworkBytes.getU32(buf, sackBlock(index));
    }

    /** Right edge (one past the last byte) of SACK block {@code index}. */
    public int sackRight(int index) {
        return NetworkBytes.getU32(buf, sackBlock(index) + 4);
    }

    public int timestampValue() {
        return NetworkBytes.getU32(buf, require(KIND_TIMESTAMP) + 2);
    }

    public int timestampEchoReply() {
        return NetworkBytes.getU32(buf, require(KIND_TIMESTAMP) + 6);
    }

    private int sackBlock(int index) {
        int count = sackBlockCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("SACK block " + index + " of " + count);
        }
        return start + 2 + index * 8;
    }

    private int require(int expected) {
        if (kind != expected) {
            throw new IllegalStateException("current TCP option is kind " + kind + ", not " + expected);
        }
        return start;
    }
}
