package org.smoltcp4j.wire;

/**
 * The meaning of a Hop-by-Hop or Destination Options header: next header and up to
 * {@link #MAX_OPTIONS} options (smoltcp's {@code IPV6_HBH_MAX_OPTIONS}) held in preallocated
 * slots. Padding options are kept as parsed, so a parsed header re-emits byte for byte; when the
 * options do not end on an 8-octet boundary {@link #emit} pads with Pad1/PadN. PadN data is
 * always emitted as zeros (RFC 8200 section 4.2), other option data up to
 * {@link #MAX_OPTION_DATA} bytes is kept.
 */
public final class Ipv6OptionsRepr {

    /** Options a holder keeps; a header with more is UNSUPPORTED. */
    public static final int MAX_OPTIONS = 4;
    /** Data bytes kept per option other than PadN; longer data is UNSUPPORTED. */
    public static final int MAX_OPTION_DATA = 16;

    private final int[] types = new int[MAX_OPTIONS];
    private final int[] dataLengths = new int[MAX_OPTIONS];
    private final byte[] data = new byte[MAX_OPTIONS * MAX_OPTION_DATA];
    private final Ipv6OptionCursor cursor = new Ipv6OptionCursor();
    private int count;
    private int nextHeader = IpProtocol.IPV6_NO_NEXT_HEADER;

    /**
     * Fills this holder from a checked header. TRUNCATED for a short header or an option running
     * past it; MALFORMED for a Router Alert whose data is not 2 bytes; UNSUPPORTED beyond the
     * documented limits.
     */
    public int parse(Ipv6OptionsHeader header) {
        int status = header.check();
        if (status != WireStatus.OK) {
            return status;
        }
        header.options(cursor);
        int parsed = 0;
        byte[] src = header.buffer();
        while ((status = cursor.next()) == WireStatus.OK) {
            int type = cursor.type();
            int length = cursor.dataLength();
            if (type == Ipv6OptionCursor.TYPE_ROUTER_ALERT && length != 2) {
                return WireStatus.MALFORMED;
            }
            if (parsed == MAX_OPTIONS || (type != Ipv6OptionCursor.TYPE_PADN && length > MAX_OPTION_DATA)) {
                return WireStatus.UNSUPPORTED;
            }
            if (type != Ipv6OptionCursor.TYPE_PAD1 && type != Ipv6OptionCursor.TYPE_PADN) {
                System.arraycopy(src, cursor.dataOffset(), data, parsed * MAX_OPTION_DATA, length);
            }
            types[parsed] = type;
            dataLengths[parsed] = length;
            parsed++;
        }
        if (status != Ipv6OptionCursor.END) {
            return status;
        }
        count = parsed;
        nextHeader = header.nextHeader();
        return WireStatus.OK;
    }

    /** Header length: next header, length byte, options, padding up to a multiple of 8. */
    public int bufferLen() {
        return (optionsLength() + 2 + 7) & ~7;
    }

    private int optionsLength() {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += types[i] == Ipv6OptionCursor.TYPE_PAD1 ? 1 : 2 + dataLengths[i];
        }
        return total;
    }

    /** Writes the whole header into {@code header}, which must be at least {@link #bufferLen()} long. */
    public void emit(Ipv6OptionsHeader header) {
        int total = bufferLen();
        if (header.length() < total) {
            throw new IllegalArgumentException("options header of " + header.length() + " bytes cannot hold " + total);
        }
        byte[] out = header.buffer();
        header.setNextHeader(nextHeader);
        header.setHeaderLengthField(total / 8 - 1);
        int at = header.optionsOffset();
        for (int i = 0; i < count; i++) {
            at = writeOption(out, at, types[i], dataLengths[i], i * MAX_OPTION_DATA);
        }
        int padding = header.payloadOffset() - at;
        if (padding == 1) {
            writeOption(out, at, Ipv6OptionCursor.TYPE_PAD1, 0, 0);
        } else if (padding > 1) {
            writeOption(out, at, Ipv6OptionCursor.TYPE_PADN, padding - 2, 0);
        }
    }

    private int writeOption(byte[] out, int at, int type, int length, int dataAt) {
        out[at] = (byte) type;
        if (type == Ipv6OptionCursor.TYPE_PAD1) {
            return at + 1;
        }
        out[at + 1] = (byte) length;
        if (type == Ipv6OptionCursor.TYPE_PADN) {
            NetworkBytes.fill(out, at + 2, length, (byte) 0);
        } else {
            System.arraycopy(data, dataAt, out, at + 2, length);
        }
        return at + 2 + length;
    }

    /** Empties the option list and sets the next header. */
    public Ipv6OptionsRepr reset(int nextHeader) {
        this.nextHeader = Ipv6Repr.requireRange("next header", nextHeader, 0xff);
        count = 0;
        return this;
    }

    /** Adds a Pad1 option; false when all {@link #MAX_OPTIONS} slots are used. */
    public boolean addPad1() {
        return add(Ipv6OptionCursor.TYPE_PAD1, null, 0, 0);
    }

    /** Adds a PadN option of {@code length} zero bytes (0..255). */
    public boolean addPadN(int length) {
        return add(Ipv6OptionCursor.TYPE_PADN, null, 0, Ipv6Repr.requireRange("PadN length", length, 255));
    }

    /** Adds a Router Alert option (RFC 2711) with a 16-bit value (0 = MLD). */
    public boolean addRouterAlert(int value) {
        Ipv6Repr.requireRange("router alert value", value, 0xffff);
        if (!add(Ipv6OptionCursor.TYPE_ROUTER_ALERT, null, 0, 2)) {
            return false;
        }
        NetworkBytes.setU16(data, (count - 1) * MAX_OPTION_DATA, value);
        return true;
    }

    /** Adds any other option with data copied from {@code src[off, off+len)}, at most {@link #MAX_OPTION_DATA} bytes. */
    public boolean addOption(int type, byte[] src, int off, int len) {
        if (type == Ipv6OptionCursor.TYPE_PAD1 || type == Ipv6OptionCursor.TYPE_PADN || type == Ipv6OptionCursor.TYPE_ROUTER_ALERT) {
            throw new IllegalArgumentException("option type " + type + " has its own add method");
        }
        Ipv6Repr.requireRange("option type", type, 0xff);
        Ipv6Repr.requireRange("option data length", len, MAX_OPTION_DATA);
        NetworkBytes.checkBounds(src, off, len);
        return add(type, src, off, len);
    }

    private boolean add(int type, byte[] src, int off, int len) {
        if (count == MAX_OPTIONS) {
            return false;
        }
        if (src != null) {
            System.arraycopy(src, off, data, count * MAX_OPTION_DATA, len);
        }
        types[count] = type;
        dataLengths[count] = len;
        count++;
        return true;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int optionCount() {
        return count;
    }

    public int optionType(int index) {
        return types[requireIndex(index)];
    }

    public int optionDataLength(int index) {
        return dataLengths[requireIndex(index)];
    }

    /** Byte {@code i} of option {@code index}'s data (zero for PadN). */
    public int optionData(int index, int i) {
        if (i < 0 || i >= dataLengths[requireIndex(index)]) {
            throw new IndexOutOfBoundsException("data byte " + i + " of option " + index + " with " + dataLengths[index] + " bytes");
        }
        return types[index] == Ipv6OptionCursor.TYPE_PADN ? 0 : data[index * MAX_OPTION_DATA + i] & 0xff;
    }

    /** The Router Alert value, or -1 when the header has no Router Alert option. */
    public int routerAlert() {
        for (int i = 0; i < count; i++) {
            if (types[i] == Ipv6OptionCursor.TYPE_ROUTER_ALERT) {
                return NetworkBytes.getU16(data, i * MAX_OPTION_DATA);
            }
        }
        return -1;
    }

    private int requireIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("option index " + index + " with " + count + " options");
        }
        return index;
    }

    /** {@code IPv6 Options nxt_hdr=UDP opts=[RouterAlert(0) PadN(0)]}. */
    public StringBuilder appendTo(StringBuilder out) {
        IpProtocol.append(out.append("IPv6 Options nxt_hdr="), nextHeader).append(" opts=[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            switch (types[i]) {
                case Ipv6OptionCursor.TYPE_PAD1:
                    out.append("Pad1");
                    break;
                case Ipv6OptionCursor.TYPE_PADN:
                    out.append("PadN(").append(dataLengths[i]).append(')');
                    break;
                case Ipv6OptionCursor.TYPE_ROUTER_ALERT:
                    out.append("RouterAlert(").append(NetworkBytes.getU16(data, i * MAX_OPTION_DATA)).append(')');
                    break;
                default:
                    out.append("Unknown(").append(types[i]).append(") length=").append(dataLengths[i]);
            }
        }
        return out.append(']');
    }
}
