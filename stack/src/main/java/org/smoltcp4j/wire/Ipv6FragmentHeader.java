package org.smoltcp4j.wire;

/**
 * A view of an IPv6 Fragment header (RFC 8200 section 4.5): next header, reserved, 13-bit
 * offset in 8-octet units with the M (more fragments) flag, 32-bit identification. Always 8 bytes.
 */
public final class Ipv6FragmentHeader extends PacketView {

    public static final int HEADER_LEN = 8;

    public Ipv6FragmentHeader wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when shorter than 8 bytes. */
    @Override
    public int check() {
        return len < HEADER_LEN ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    public int nextHeader() {
        return NetworkBytes.getU8(buf, off);
    }

    /** Fragment offset in 8-octet units. */
    public int fragmentOffset() {
        return NetworkBytes.getU16(buf, off + 2) >>> 3;
    }

    public boolean moreFragments() {
        return (NetworkBytes.getU8(buf, off + 3) & 1) != 0;
    }

    /** The identification as a 32-bit pattern. */
    public int identification() {
        return NetworkBytes.getU32(buf, off + 4);
    }

    /** Absolute index of the fragment data. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /** Writes every byte: next header, zero reserved fields, offset, M flag, identification. */
    public void setFields(int nextHeader, int fragmentOffset, boolean moreFragments, int identification) {
        NetworkBytes.setU8(buf, off, nextHeader);
        NetworkBytes.setU8(buf, off + 1, 0);
        NetworkBytes.setU16(buf, off + 2, fragmentOffset << 3 | (moreFragments ? 1 : 0));
        NetworkBytes.setU32(buf, off + 4, identification);
    }
}
