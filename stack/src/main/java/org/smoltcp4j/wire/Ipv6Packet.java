package org.smoltcp4j.wire;

/**
 * A view of an IPv6 header (RFC 8200 section 3) and its payload over {@code buf[off, off+len)}.
 * {@link #check} validates the version and that the payload length fits the buffer; after it
 * returns OK no accessor fails. Bytes beyond the payload length (link-layer padding) are ignored.
 */
public final class Ipv6Packet extends PacketView {

    /** The fixed header: version, class, flow label, payload length, next header, hop limit, addresses. */
    public static final int HEADER_LEN = 40;
    /** The minimum link MTU every IPv6 link carries (RFC 8200 section 5). */
    public static final int MIN_MTU = 1280;

    public Ipv6Packet wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when shorter than the header or its payload length; MALFORMED when the version is not 6. */
    @Override
    public int check() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        if (version() != 6) {
            return WireStatus.MALFORMED;
        }
        if (payloadLength() > len - HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    public int version() {
        return NetworkBytes.getU8(buf, off) >>> 4;
    }

    public int trafficClass() {
        return (NetworkBytes.getU16(buf, off) >>> 4) & 0xff;
    }

    public int flowLabel() {
        return NetworkBytes.getU24(buf, off + 1) & 0xfffff;
    }

    public int payloadLength() {
        return NetworkBytes.getU16(buf, off + 4);
    }

    public int nextHeader() {
        return NetworkBytes.getU8(buf, off + 6);
    }

    public int hopLimit() {
        return NetworkBytes.getU8(buf, off + 7);
    }

    public long sourceHigh() {
        return Ipv6Address.readHigh(buf, off + 8);
    }

    public long sourceLow() {
        return Ipv6Address.readLow(buf, off + 8);
    }

    public long destinationHigh() {
        return Ipv6Address.readHigh(buf, off + 24);
    }

    public long destinationLow() {
        return Ipv6Address.readLow(buf, off + 24);
    }

    /** Absolute index of the first payload byte (extension headers included) in the buffer. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /** Header plus payload length: the part of the buffer that belongs to this packet. */
    public int totalLength() {
        return HEADER_LEN + payloadLength();
    }

    /** Writes version, traffic class and flow label together (they share the first four bytes). */
    public void setVersionClassFlow(int version, int trafficClass, int flowLabel) {
        NetworkBytes.setU32(buf, off, (version & 0xf) << 28 | (trafficClass & 0xff) << 20 | (flowLabel & 0xfffff));
    }

    public void setPayloadLength(int value) {
        NetworkBytes.setU16(buf, off + 4, value);
    }

    public void setNextHeader(int value) {
        NetworkBytes.setU8(buf, off + 6, value);
    }

    public void setHopLimit(int value) {
        NetworkBytes.setU8(buf, off + 7, value);
    }

    public void setSource(long high, long low) {
        Ipv6Address.write(buf, off + 8, high, low);
    }

    public void setDestination(long high, long low) {
        Ipv6Address.write(buf, off + 24, high, low);
    }
}
