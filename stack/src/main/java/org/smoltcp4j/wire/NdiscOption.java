package org.smoltcp4j.wire;

/**
 * Walks NDISC options (RFC 4861 section 4.6) without allocating: {@link #next} moves to the next
 * option and validates its length (in 8-octet units, never 0); accessors read the current
 * option's fields. Static writers emit the options {@link NdiscRepr} produces.
 */
public final class NdiscOption extends OptionCursor {

    public static final int TYPE_SOURCE_LINK_LAYER_ADDRESS = 1;
    public static final int TYPE_TARGET_LINK_LAYER_ADDRESS = 2;
    public static final int TYPE_PREFIX_INFORMATION = 3;
    public static final int TYPE_REDIRECTED_HEADER = 4;
    public static final int TYPE_MTU = 5;
    /** Recursive DNS Server (RFC 8106). */
    public static final int TYPE_RDNSS = 25;

    /** Prefix information flags: on-link (L) and autonomous address configuration (A). */
    public static final int PREFIX_FLAG_ON_LINK = 0x80;
    public static final int PREFIX_FLAG_AUTONOMOUS = 0x40;

    /** Lengths in bytes of the options the stack writes. */
    public static final int LINK_LAYER_LEN = 8;
    public static final int PREFIX_INFORMATION_LEN = 32;
    public static final int MTU_LEN = 8;

    /** Points the cursor at the options in {@code [off, off+len)}, before the first. */
    public NdiscOption reset(byte[] buf, int off, int len) {
        start(buf, off, len);
        return this;
    }

    /**
     * Moves to the next option: OK, {@link #END}, TRUNCATED when it runs past the area, or
     * MALFORMED for a zero length (which would loop forever; RFC 4861 says discard). Errors end the walk.
     */
    @Override
    public int next() {
        if (position >= end) {
            return stop(END);
        }
        int at = position;
        if (end - at < 2) {
            return stop(WireStatus.TRUNCATED);
        }
        int units = buf[at + 1] & 0xff;
        if (units == 0) {
            return stop(WireStatus.MALFORMED);
        }
        if (end - at < units * 8) {
            return stop(WireStatus.TRUNCATED);
        }
        return advance(at, units * 8);
    }

    /** Option length in bytes (the length field times 8). */
    public int optionLength() {
        return (buf[current + 1] & 0xff) * 8;
    }

    /** Link-layer address options: the Ethernet address (first 6 bytes of the data). */
    public long linkLayerAddress() {
        return NetworkBytes.getU48(buf, current + 2);
    }

    public int prefixLength() {
        return buf[current + 2] & 0xff;
    }

    public int prefixFlags() {
        return buf[current + 3] & 0xff;
    }

    /** Seconds; 0xffffffff is infinity. */
    public long validLifetime() {
        return NetworkBytes.getU32AsLong(buf, current + 4);
    }

    public long preferredLifetime() {
        return NetworkBytes.getU32AsLong(buf, current + 8);
    }

    public long prefixHigh() {
        return Ipv6Address.readHigh(buf, current + 16);
    }

    public long prefixLow() {
        return Ipv6Address.readLow(buf, current + 16);
    }

    public long mtu() {
        return NetworkBytes.getU32AsLong(buf, current + 4);
    }

    /** RDNSS lifetime in seconds. */
    public long rdnssLifetime() {
        return NetworkBytes.getU32AsLong(buf, current + 4);
    }

    /** RDNSS addresses that fit the option: (length - 8) / 16. */
    public int rdnssAddressCount() {
        return (optionLength() - 8) / 16;
    }

    public long rdnssAddressHigh(int index) {
        return Ipv6Address.readHigh(buf, current + 8 + 16 * index);
    }

    public long rdnssAddressLow(int index) {
        return Ipv6Address.readLow(buf, current + 8 + 16 * index);
    }

    /** Writes a source/target link-layer address option for Ethernet; returns the index after it. */
    public static int writeLinkLayer(byte[] buf, int at, int type, long mac) {
        buf[at] = (byte) type;
        buf[at + 1] = 1;
        NetworkBytes.setU48(buf, at + 2, mac);
        return at + LINK_LAYER_LEN;
    }

    /** Writes a prefix information option; returns the index after it. */
    public static int writePrefix(byte[] buf, int at, int prefixLength, int flags, long valid, long preferred, long high, long low) {
        buf[at] = TYPE_PREFIX_INFORMATION;
        buf[at + 1] = 4;
        buf[at + 2] = (byte) prefixLength;
        buf[at + 3] = (byte) flags;
        NetworkBytes.setU32(buf, at + 4, (int) valid);
        NetworkBytes.setU32(buf, at + 8, (int) preferred);
        NetworkBytes.setU32(buf, at + 12, 0);
        Ipv6Address.write(buf, at + 16, high, low);
        return at + PREFIX_INFORMATION_LEN;
    }

    /** Writes an MTU option; returns the index after it. */
    public static int writeMtu(byte[] buf, int at, long mtu) {
        buf[at] = TYPE_MTU;
        buf[at + 1] = 1;
        NetworkBytes.setU16(buf, at + 2, 0);
        NetworkBytes.setU32(buf, at + 4, (int) mtu);
        return at + MTU_LEN;
    }

    /** Writes the 8-byte head of an RDNSS option for {@code count} addresses; the caller writes them from the returned index. */
    public static int writeRdnssHead(byte[] buf, int at, long lifetime, int count) {
        buf[at] = TYPE_RDNSS;
        buf[at + 1] = (byte) (1 + 2 * count);
        NetworkBytes.setU16(buf, at + 2, 0);
        NetworkBytes.setU32(buf, at + 4, (int) lifetime);
        return at + 8;
    }
}
