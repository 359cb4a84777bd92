package org.smoltcp4j.wire;

/**
 * Appends DHCP options to a packet's options area. Running out of room is a programming error
 * (the caller sizes the buffer with {@code DhcpRepr.bufferLen()}), reported with an exception
 * naming the option.
 */
public final class DhcpOptionWriter {

    private byte[] buf = new byte[0];
    private int position;
    private int limit;

    /** Positions the writer at the start of {@code packet}'s options area. */
    public DhcpOptionWriter start(DhcpPacket packet) {
        return start(packet.buffer(), packet.optionsOffset(), packet.optionsLength());
    }

    /** Positions the writer at {@code buf[off, off+len)}. */
    public DhcpOptionWriter start(byte[] buf, int off, int len) {
        NetworkBytes.checkBounds(buf, off, len);
        this.buf = buf;
        this.position = off;
        this.limit = off + len;
        return this;
    }

    /** Index in the buffer of the next byte to write. */
    public int position() {
        return position;
    }

    /**
     * Writes an option's kind and length and returns the index of its {@code length} data bytes,
     * which the caller fills.
     */
    public int open(int kind, int length) {
        if (kind <= DhcpPacket.OPTION_PAD || kind >= DhcpPacket.OPTION_END) {
            throw new IllegalArgumentException("DHCP option kind must be 1..254, got " + kind);
        }
        if (length < 0 || length > 255) {
            throw new IllegalArgumentException("DHCP option " + kind + " length must be 0..255, got " + length);
        }
        if (position + 2 + length > limit) {
            throw new IllegalArgumentException("no room for DHCP option " + kind + " of " + length + " bytes: "
                    + (limit - position) + " left");
        }
        buf[position] = (byte) kind;
        buf[position + 1] = (byte) length;
        int data = position + 2;
        position = data + length;
        return data;
    }

    public void emit(int kind, byte[] data, int off, int len) {
        NetworkBytes.checkBounds(data, off, len);
        System.arraycopy(data, off, buf, open(kind, len), len);
    }

    public void emitU8(int kind, int value) {
        NetworkBytes.setU8(buf, open(kind, 1), value);
    }

    public void emitU16(int kind, int value) {
        NetworkBytes.setU16(buf, open(kind, 2), value);
    }

    /** A 4-byte option: an address or a time in seconds. */
    public void emitU32(int kind, int value) {
        NetworkBytes.setU32(buf, open(kind, 4), value);
    }

    /** Writes the End option. */
    public void end() {
        if (position >= limit) {
            throw new IllegalArgumentException("no room for the DHCP End option");
        }
        buf[position++] = (byte) DhcpPacket.OPTION_END;
    }
}
