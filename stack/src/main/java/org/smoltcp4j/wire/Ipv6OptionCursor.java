package org.smoltcp4j.wire;

/**
 * Walks the TLV options of a Hop-by-Hop or Destination Options header (RFC 8200 section 4.2)
 * without allocating: {@link #next} moves to the next option and returns a status; the accessors
 * describe the current option. Pad1 is a single byte; every other option is type, data length,
 * data. An option whose data runs past the area is TRUNCATED and ends the walk.
 */
public final class Ipv6OptionCursor extends OptionCursor {

    public static final int TYPE_PAD1 = 0x00;
    public static final int TYPE_PADN = 0x01;
    /** Router Alert (RFC 2711), two bytes of value. */
    public static final int TYPE_ROUTER_ALERT = 0x05;

    /** Action for an unrecognised option (the two high bits of its type): skip it. */
    public static final int ACTION_SKIP = 0;
    /** Discard the packet silently. */
    public static final int ACTION_DISCARD = 1;
    /** Discard and send ICMPv6 Parameter Problem, code 2, whatever the destination. */
    public static final int ACTION_DISCARD_SEND_ICMP = 2;
    /** Discard and send ICMPv6 Parameter Problem only when the destination is not multicast. */
    public static final int ACTION_DISCARD_SEND_ICMP_UNICAST = 3;

    /** Points the cursor at {@code [off, off+len)}, before the first option. */
    public Ipv6OptionCursor reset(byte[] buf, int off, int len) {
        start(buf, off, len);
        return this;
    }

    /**
     * Moves to the next option: {@link WireStatus#OK} when there is one, {@link #END} when the
     * area is used up, {@link WireStatus#TRUNCATED} (and the walk ends) when it does not fit.
     */
    @Override
    public int next() {
        if (position >= end) {
            return stop(END);
        }
        int at = position;
        if ((buf[at] & 0xff) == TYPE_PAD1) {
            return advance(at, 1);
        }
        if (end - at < 2 || end - at - 2 < (buf[at + 1] & 0xff)) {
            return stop(WireStatus.TRUNCATED);
        }
        return advance(at, 2 + (buf[at + 1] & 0xff));
    }

    /** Bytes the current option occupies, type and length included. */
    public int optionLength() {
        return type() == TYPE_PAD1 ? 1 : 2 + dataLength();
    }

    public int dataLength() {
        return type() == TYPE_PAD1 ? 0 : buf[current + 1] & 0xff;
    }

    /** Absolute index of the current option's data. */
    public int dataOffset() {
        return current + 2;
    }

    /** What RFC 8200 section 4.2 says to do when the current option is not recognised. */
    public int action() {
        return actionOf(type());
    }

    /** The action bits of an option type: one of the {@code ACTION_} constants. */
    public static int actionOf(int type) {
        return (type >>> 6) & 3;
    }

    /** True when the option data may change en route (the third-highest type bit). */
    public static boolean mayChange(int type) {
        return (type & 0x20) != 0;
    }
}
