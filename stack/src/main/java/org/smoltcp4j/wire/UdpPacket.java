package org.smoltcp4j.wire;

/**
 * A view of a UDP datagram (RFC 768) over {@code buf[off, off+len)}. {@link #check} validates the
 * length field against the buffer; after it returns OK no accessor fails. The buffer may be
 * longer than the datagram (link-layer padding): the length field decides where the payload ends.
 */
public final class UdpPacket extends PacketView {

    public static final int HEADER_LEN = 8;
    /** A transmitted checksum of zero means "no checksum" (RFC 768). */
    public static final int NO_CHECKSUM = 0;

    public UdpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * TRUNCATED when the buffer is shorter than the header or than the length field says;
     * MALFORMED when the length field is below the 8-byte header.
     */
    @Override
    public int check() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        int datagram = datagramLength();
        if (datagram > len) {
            return WireStatus.TRUNCATED;
        }
        if (datagram < HEADER_LEN) {
            return WireStatus.MALFORMED;
        }
        return WireStatus.OK;
    }

    public int sourcePort() {
        return NetworkBytes.getU16(buf, off);
    }

    public int destinationPort() {
        return NetworkBytes.getU16(buf, off + 2);
    }

    /** The length field: header plus payload. */
    public int datagramLength() {
        return NetworkBytes.getU16(buf, off + 4);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + 6);
    }

    /** Absolute index of the payload in the buffer. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /** Payload bytes according to the length field. */
    public int payloadLength() {
        return datagramLength() - HEADER_LEN;
    }

    public void setSourcePort(int port) {
        NetworkBytes.setU16(buf, off, port);
    }

    public void setDestinationPort(int port) {
        NetworkBytes.setU16(buf, off + 2, port);
    }

    public void setDatagramLength(int length) {
        NetworkBytes.setU16(buf, off + 4, length);
    }

    public void setChecksum(int checksum) {
        NetworkBytes.setU16(buf, off + 6, checksum);
    }

    /** True when the checksum field verifies over the datagram and the IPv4 pseudo-header. */
    public boolean verifyChecksumIpv4(int source, int destination) {
        return TransportChecksum.verifiesIpv4(buf, off, datagramLength(), IpProtocol.UDP, source, destination);
    }

    /** True when the checksum field verifies over the datagram and the IPv6 pseudo-header. */
    public boolean verifyChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        return TransportChecksum.verifiesIpv6(buf, off, datagramLength(), IpProtocol.UDP, sourceHigh, sourceLow,
                destinationHigh, destinationLow);
    }

    /** Computes and writes the checksum with the IPv4 pseudo-header; the payload must be in place. */
    public void fillChecksumIpv4(int source, int destination) {
        setChecksum(0);
        setComputedChecksum(TransportChecksum.computeIpv4(buf, off, datagramLength(), IpProtocol.UDP, source, destination));
    }

    /** Computes and writes the checksum with the IPv6 pseudo-header; the payload must be in place. */
    public void fillChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        setChecksum(0);
        setComputedChecksum(TransportChecksum.computeIpv6(buf, off, datagramLength(), IpProtocol.UDP, sourceHigh, sourceLow,
                destinationHigh, destinationLow));
    }

    private void setComputedChecksum(int checksum) {
        // A computed zero is sent as all ones, since zero means "no checksum"; both are the same
        // value in one's complement arithmetic, so the receiver's verification is unchanged.
        setChecksum(checksum == NO_CHECKSUM ? 0xffff : checksum);
    }
}
