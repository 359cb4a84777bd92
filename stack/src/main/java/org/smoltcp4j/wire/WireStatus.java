package org.smoltcp4j.wire;

/**
 * Outcomes of {@code check} and {@code parse} on network input. Malformed input is never an
 * exception (design.md section 4): parsers return one of these, and the interface counts the drop
 * under the reason's name.
 */
public final class WireStatus {

    /** The packet is well formed and the representation was filled. */
    public static final int OK = 0;
    /** The buffer is shorter than the header, or than a length field says. */
    public static final int TRUNCATED = -1;
    /** A field has an impossible value (length below the header size, bad version, bad flags). */
    public static final int MALFORMED = -2;
    /** A checksum does not verify. */
    public static final int BAD_CHECKSUM = -3;
    /** Well formed, but a variant this stack does not handle (e.g. an 802.1Q tag). */
    public static final int UNSUPPORTED = -4;

    /** Number of distinct statuses, for arrays of per-reason counters indexed by {@link #index}. */
    public static final int COUNT = 5;

    private WireStatus() {
    }

    /** Maps a status to 0..COUNT-1, for counter arrays. */
    public static int index(int status) {
        if (status > OK || status < UNSUPPORTED) {
            throw new IllegalArgumentException("not a wire status: " + status);
        }
        return -status;
    }

    /** A constant name for the status (no allocation: the strings are literals). */
    public static String name(int status) {
        switch (status) {
            case OK:
                return "ok";
            case TRUNCATED:
                return "truncated";
            case MALFORMED:
                return "malformed";
            case BAD_CHECKSUM:
                return "bad checksum";
            case UNSUPPORTED:
                return "unsupported";
            default:
                throw new IllegalArgumentException("not a wire status: " + status);
        }
    }
}
