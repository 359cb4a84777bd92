package org.smoltcp4j.wire;

/**
 * Steps through the options of a checked {@link DhcpPacket} without allocating: each
 * {@link #next} loads one option's kind and the position of its data in the packet's buffer.
 * Pad options are skipped. Iteration ends at the End option or, as in smoltcp, at the end of the
 * buffer when the End option is missing. An option whose length runs past the buffer ends the
 * iteration with {@link WireStatus#TRUNCATED} (smoltcp silently stops there; we report it so the
 * packet is dropped rather than half-read).
 */
public final class DhcpOptionCursor {

    /** Returned by {@link #next} when there are no more options. */
    public static final int END = 1;

    private byte[] buf = new byte[0];
    private int position;
    private int limit;
    private int state = END;
    private int kind;
    private int dataOffset;
    private int dataLength;

    /** Positions the cursor before the first option of {@code packet}, which must have passed {@code check}. */
    public DhcpOptionCursor start(DhcpPacket packet) {
        if (packet.length() < DhcpPacket.HEADER_LEN) {
            throw new IllegalArgumentException("DHCP packet of " + packet.length() + " bytes has no options area");
        }
        buf = packet.buffer();
        position = packet.optionsOffset();
        limit = packet.offset() + packet.length();
        state = WireStatus.OK;
        return this;
    }

    /**
     * Loads the next option: {@link WireStatus#OK} when one is loaded, {@link #END} when there is
     * none left, {@link WireStatus#TRUNCATED} when an option runs past the buffer. END and
     * TRUNCATED are sticky until the next {@link #start}.
     */
    public int next() {
        if (state != WireStatus.OK) {
            return state;
        }
        while (position < limit) {
            int code = buf[position] & 0xff;
            if (code == DhcpPacket.OPTION_PAD) {
                position++;
                continue;
            }
            if (code == DhcpPacket.OPTION_END) {
                break;
            }
            if (position + 2 > limit || position + 2 + (buf[position + 1] & 0xff) > limit) {
                state = WireStatus.TRUNCATED;
                return state;
            }
            kind = code;
            dataLength = buf[position + 1] & 0xff;
            dataOffset = position + 2;
            position = dataOffset + dataLength;
            return WireStatus.OK;
        }
        state = END;
        return state;
    }

    /** The option code of the loaded option. */
    public int kind() {
        return kind;
    }

    /** Index in the packet's buffer of the loaded option's data. */
    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** The data's first byte; valid when {@link #dataLength()} is at least 1. */
    public int u8() {
        return buf[dataOffset] & 0xff;
    }

    /** The data's first two bytes; valid when {@link #dataLength()} is at least 2. */
    public int u16() {
        return NetworkBytes.getU16(buf, dataOffset);
    }

    /** Four data bytes from {@code index} as an int (an address or a time); valid when they exist. */
    public int u32(int index) {
        return NetworkBytes.getU32(buf, dataOffset + index);
    }

    /** Six data bytes from {@code index} as a MAC address; valid when they exist. */
    public long u48(int index) {
        return NetworkBytes.getU48(buf, dataOffset + index);
    }
}
