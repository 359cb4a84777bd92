package org.smoltcp4j.wire;

/**
 * Reads a possibly compressed domain name inside a {@link DnsPacket}, label by label, without
 * allocation; one reusable instance serves every name.
 *
 * <p>Compression pointers (RFC 1035 section 4.1.4) are followed with loop protection: a pointer
 * must point strictly before the start of the run of labels that contains it (so every jump goes
 * further back and a loop is impossible), at most {@link #MAX_POINTER_JUMPS} jumps are taken, and
 * the name may not exceed {@link DnsName#MAX_LENGTH} bytes. A violation, or a label type other
 * than plain or pointer, is {@link WireStatus#MALFORMED}; a name running past the message is
 * {@link WireStatus#TRUNCATED}. smoltcp uses the same "strictly backwards" rule, but relative to
 * the previous pointer target, so it also accepts a first pointer that points forward.
 */
public final class DnsNameReader {

    /** A name has at most 127 labels; legitimate compression needs at most one pointer per label. */
    public static final int MAX_POINTER_JUMPS = 127;
    /** Returned by {@link #next} at the end of the name (the root label). */
    public static final int END_OF_NAME = 0;

    private byte[] buf = new byte[0];
    private int messageStart;
    private int messageEnd;
    private int position;
    private int runStart;
    private int jumps;
    private int wireLength;
    private int inPlaceEnd;
    private int labelOffset;
    private int labelLength;

    /** Positions the reader at the name starting at index {@code at} of {@code packet}'s buffer. */
    public DnsNameReader start(DnsPacket packet, int at) {
        int end = packet.offset() + packet.length();
        if (at < packet.offset() || at > end) {
            throw new IndexOutOfBoundsException("name offset " + at + " outside the DNS message at "
                    + packet.offset() + ".." + end);
        }
        buf = packet.buffer();
        messageStart = packet.offset();
        messageEnd = end;
        position = at;
        runStart = at;
        jumps = 0;
        wireLength = 1;
        inPlaceEnd = -1;
        return this;
    }

    /**
     * Advances to the next label: its length (1..63) when there is one, {@link #END_OF_NAME} at
     * the root label, or a negative {@link WireStatus}.
     */
    public int next() {
        while (true) {
            if (position >= messageEnd) {
                return WireStatus.TRUNCATED;
            }
            int b = buf[position] & 0xff;
            if (b == 0) {
                if (inPlaceEnd < 0) {
                    inPlaceEnd = position + 1;
                }
                return END_OF_NAME;
            }
            if ((b & 0xc0) == 0) {
                if (position + 1 + b > messageEnd) {
                    return WireStatus.TRUNCATED;
                }
                wireLength += 1 + b;
                if (wireLength > DnsName.MAX_LENGTH) {
                    return WireStatus.MALFORMED;
                }
                labelOffset = position + 1;
                labelLength = b;
                position += 1 + b;
                return b;
            }
            if ((b & 0xc0) != 0xc0) {
                return WireStatus.MALFORMED;
            }
            if (position + 2 > messageEnd) {
                return WireStatus.TRUNCATED;
            }
            int target = messageStart + ((b & 0x3f) << 8 | (buf[position + 1] & 0xff));
            if (inPlaceEnd < 0) {
                inPlaceEnd = position + 2;
            }
            if (target >= runStart || ++jumps > MAX_POINTER_JUMPS) {
                return WireStatus.MALFORMED;
            }
            position = target;
            runStart = target;
        }
    }

    /** Index in the buffer of the current label's first byte. */
    public int labelOffset() {
        return labelOffset;
    }

    public int labelLength() {
        return labelLength;
    }

    /** After {@link #next} returned END_OF_NAME: the index just after the name where it started (past a pointer, if any). */
    public int inPlaceEnd() {
        return inPlaceEnd;
    }

    /**
     * Validates the whole name at {@code at}, following pointers, and returns the index just after
     * its in-place encoding, or a negative {@link WireStatus}.
     */
    public int skip(DnsPacket packet, int at) {
        start(packet, at);
        int step;
        while ((step = next()) > 0) {
            // every label is validated by next()
        }
        return step == END_OF_NAME ? inPlaceEnd : step;
    }

    /**
     * True when the name at {@code at} equals the uncompressed wire-form name
     * {@code name[off, off+len)}, letters compared without case. A malformed name equals nothing.
     */
    public boolean matches(DnsPacket packet, int at, byte[] name, int off, int len) {
        NetworkBytes.checkBounds(name, off, len);
        start(packet, at);
        int i = off;
        int end = off + len;
        while (true) {
            int step = next();
            if (step < 0 || i >= end || (name[i] & 0xff) != step) {
                return false;
            }
            if (step == END_OF_NAME) {
                return i + 1 == end;
            }
            if (i + 1 + step > end || !DnsName.labelEquals(buf, labelOffset, name, i + 1, step)) {
                return false;
            }
            i += 1 + step;
        }
    }

    /**
     * Copies the name at {@code at}, decompressed, into {@code out[outOff..]} in wire form and
     * returns its length, or a negative {@link WireStatus} (then {@code out} may hold part of the
     * name). {@code out} must have room for {@link DnsName#MAX_LENGTH} bytes.
     */
    public int copyTo(DnsPacket packet, int at, byte[] out, int outOff) {
        NetworkBytes.checkBounds(out, outOff, DnsName.MAX_LENGTH);
        start(packet, at);
        int o = outOff;
        int step;
        while ((step = next()) > 0) {
            out[o] = (byte) step;
            System.arraycopy(buf, labelOffset, out, o + 1, step);
            o += 1 + step;
        }
        if (step < 0) {
            return step;
        }
        out[o] = 0;
        return o + 1 - outOff;
    }

    /**
     * Appends the name at {@code at} as dotted text ({@code "."} for the root); a malformed name
     * appends {@code <malformed name>} instead. Returns {@code out}.
     */
    public StringBuilder appendTo(DnsPacket packet, int at, StringBuilder out) {
        if (skip(packet, at) < 0) {
            return out.append("<malformed name>");
        }
        start(packet, at);
        int step = next();
        if (step == END_OF_NAME) {
            return out.append('.');
        }
        for (boolean first = true; step > 0; step = next(), first = false) {
            DnsName.appendLabel(first ? out : out.append('.'), buf, labelOffset, step);
        }
        return out;
    }
}
