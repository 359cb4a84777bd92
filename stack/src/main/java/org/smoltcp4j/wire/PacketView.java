package org.smoltcp4j.wire;

/**
 * What every packet view has: the bytes it looks at, {@code buf[off, off+len)}, re-pointed by the
 * subclass's {@code wrap} so that one view object serves every packet (design.md section 4), and a
 * {@link #check} that validates the lengths once, after which no accessor fails.
 */
public abstract class PacketView {

    private static final byte[] NOTHING = new byte[0];

    protected byte[] buf = NOTHING;
    protected int off;
    protected int len;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}; bad bounds are misuse. */
    protected final void point(byte[] buf, int off, int len) {
        NetworkBytes.checkBounds(buf, off, len);
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** {@link WireStatus#OK}, or why the bytes cannot be this packet. */
    public abstract int check();

    /** The array this view looks at. */
    public final byte[] buffer() {
        return buf;
    }

    /** Where the packet starts in {@link #buffer()}. */
    public final int offset() {
        return off;
    }

    /** The bytes the view covers (the whole buffer given to {@code wrap}). */
    public final int length() {
        return len;
    }
}
