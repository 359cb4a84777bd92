package org.smoltcp4j.wire;

/**
 * A view of an IPv6 Routing header (RFC 8200 section 4.4): next header, length, routing type,
 * segments left, then type-specific data. Types 0 (RFC 2460, deprecated by RFC 5095) and 2
 * (RFC 6275) carry full 16-byte addresses from byte 8; type 3 (RPL source route, RFC 6554)
 * carries CmprI/CmprE/Pad and addresses with their first CmprI (last: CmprE) octets elided.
 * {@link #check} validates the header length against the buffer; the address accessors take
 * indexes the caller validates against {@link #addressCount()} (which {@link Ipv6RoutingRepr#parse}
 * checks against the header length).
 */
public final class Ipv6RoutingHeader extends PacketView {

    public static final int TYPE_SOURCE_ROUTE = 0;
    public static final int TYPE_MOBILE_IPV6 = 2;
    public static final int TYPE_RPL_SOURCE_ROUTE = 3;
    /** Fixed part before the addresses. */
    public static final int ADDRESSES_START = 8;

    public Ipv6RoutingHeader wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when the buffer is shorter than the announced header length. */
    @Override
    public int check() {
        return Ipv6OptionsHeader.checkExtensionLength(buf, off, len);
    }

    public int nextHeader() {
        return NetworkBytes.getU8(buf, off);
    }

    public int headerLengthField() {
        return NetworkBytes.getU8(buf, off + 1);
    }

    public int headerLength() {
        return Ipv6OptionsHeader.extensionLength(buf, off);
    }

    public int routingType() {
        return NetworkBytes.getU8(buf, off + 2);
    }

    public int segmentsLeft() {
        return NetworkBytes.getU8(buf, off + 3);
    }

    /** RPL: octets elided from every address but the last. */
    public int cmprI() {
        return NetworkBytes.getU8(buf, off + 4) >>> 4;
    }

    /** RPL: octets elided from the last address. */
    public int cmprE() {
        return NetworkBytes.getU8(buf, off + 4) & 0xf;
    }

    /** RPL: padding octets after the last address. */
    public int pad() {
        return NetworkBytes.getU8(buf, off + 5) >>> 4;
    }

    /** Absolute index of the first address byte. */
    public int addressesOffset() {
        return off + ADDRESSES_START;
    }

    /** Bytes from the first address to the end of the header (RPL padding included). */
    public int addressesLength() {
        return headerLength() - ADDRESSES_START;
    }

    /**
     * Addresses the header carries: for types 0 and 2 the full addresses that fit, for type 3
     * RFC 6554's n = (HdrExtLen*8 - Pad - (16 - CmprE)) / (16 - CmprI) + 1; -1 when a type 3
     * header's fields cannot describe a whole number of addresses.
     */
    public int addressCount() {
        if (routingType() != TYPE_RPL_SOURCE_ROUTE) {
            return addressesLength() / 16;
        }
        int rest = headerLengthField() * 8 - pad() - (16 - cmprE());
        if (rest < 0 || rest % (16 - cmprI()) != 0) {
            return -1;
        }
        return rest / (16 - cmprI()) + 1;
    }

    /** Absolute index of address {@code index} (types 0/2 full, type 3 compressed). */
    public int addressOffset(int index) {
        int size = routingType() == TYPE_RPL_SOURCE_ROUTE ? 16 - cmprI() : 16;
        return addressesOffset() + index * size;
    }

    /** Bytes address {@code index} occupies: 16, or for type 3 16 - CmprI (16 - CmprE for the last). */
    public int addressLength(int index) {
        if (routingType() != TYPE_RPL_SOURCE_ROUTE) {
            return 16;
        }
        return index == addressCount() - 1 ? 16 - cmprE() : 16 - cmprI();
    }

    /** Absolute index of the byte after the header. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public void setNextHeader(int value) {
        NetworkBytes.setU8(buf, off, value);
    }

    public void setHeaderLengthField(int value) {
        NetworkBytes.setU8(buf, off + 1, value);
    }

    public void setRoutingType(int value) {
        NetworkBytes.setU8(buf, off + 2, value);
    }

    public void setSegmentsLeft(int value) {
        NetworkBytes.setU8(buf, off + 3, value);
    }

    /** Writes bytes 4..7: for type 3 CmprI, CmprE and Pad, for the others zero (reserved). */
    public void setCompression(int cmprI, int cmprE, int pad) {
        NetworkBytes.setU32(buf, off + 4, (cmprI & 0xf) << 28 | (cmprE & 0xf) << 24 | (pad & 0xf) << 20);
    }
}
