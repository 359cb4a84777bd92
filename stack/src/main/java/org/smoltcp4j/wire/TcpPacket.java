package org.smoltcp4j.wire;

/**
 * A view of a TCP segment (RFC 9293) over {@code buf[off, off+len)}: the view's length is the
 * segment length, which the checksum's pseudo-header uses. {@link #check} validates the data
 * offset against the buffer; after it returns OK no accessor fails. Options are read with a
 * {@link TcpOptionCursor}.
 */
public final class TcpPacket extends PacketView {

    /** The fixed header, without options. */
    public static final int HEADER_LEN = 20;
    /** The largest header: data offset 15 words. */
    public static final int MAX_HEADER_LEN = 60;
    /** Room for options after the fixed header. */
    public static final int MAX_OPTIONS_LEN = MAX_HEADER_LEN - HEADER_LEN;

    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_PSH = 0x08;
    public static final int FLAG_ACK = 0x10;
    public static final int FLAG_URG = 0x20;
    public static final int FLAG_ECE = 0x40;
    public static final int FLAG_CWR = 0x80;
    /** All eight flag bits of the header's flags byte. */
    public static final int ALL_FLAGS = 0xff;

    public TcpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * TRUNCATED when the buffer is shorter than the fixed header or than the data offset says;
     * MALFORMED when the data offset is below 5 words.
     */
    @Override
    public int check() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        int header = headerLength();
        if (header < HEADER_LEN) {
            return WireStatus.MALFORMED;
        }
        if (header > len) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    public int sourcePort() {
        return NetworkBytes.getU16(buf, off);
    }

    public int destinationPort() {
        return NetworkBytes.getU16(buf, off + 2);
    }

    /** The sequence number as an {@code int} bit pattern (see {@link TcpSeqNumber}). */
    public int sequenceNumber() {
        return NetworkBytes.getU32(buf, off + 4);
    }

    public int ackNumber() {
        return NetworkBytes.getU32(buf, off + 8);
    }

    /** The data offset in bytes (4 times the 4-bit field). */
    public int headerLength() {
        return (NetworkBytes.getU8(buf, off + 12) >>> 4) * 4;
    }

    /** The eight flag bits ({@code FLAG_*}); the reserved bits and NS (RFC 3540, historic) are left out. */
    public int flags() {
        return NetworkBytes.getU8(buf, off + 13);
    }

    /** True when every flag of {@code mask} is set. */
    public boolean hasFlags(int mask) {
        return (flags() & mask) == mask;
    }

    public int window() {
        return NetworkBytes.getU16(buf, off + 14);
    }

    public int checksum() {
        return NetworkBytes.getU16(buf, off + 16);
    }

    public int urgentPointer() {
        return NetworkBytes.getU16(buf, off + 18);
    }

    /** Absolute index of the options in the buffer. */
    public int optionsOffset() {
        return off + HEADER_LEN;
    }

    public int optionsLength() {
        return headerLength() - HEADER_LEN;
    }

    /** Absolute index of the payload in the buffer. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    public void setSourcePort(int port) {
        NetworkBytes.setU16(buf, off, port);
    }

    public void setDestinationPort(int port) {
        NetworkBytes.setU16(buf, off + 2, port);
    }

    public void setSequenceNumber(int seq) {
        NetworkBytes.setU32(buf, off + 4, seq);
    }

    public void setAckNumber(int ack) {
        NetworkBytes.setU32(buf, off + 8, ack);
    }

    /**
     * Writes the data offset ({@code headerLength} bytes, a multiple of 4 from 20 to 60) and the
     * flags, clearing the reserved bits.
     */
    public void setHeaderLengthAndFlags(int headerLength, int flags) {
        if (headerLength < HEADER_LEN || headerLength > MAX_HEADER_LEN || (headerLength & 3) != 0) {
            throw new IllegalArgumentException("TCP header length must be a multiple of 4 from 20 to 60, got " + headerLength);
        }
        NetworkBytes.setU8(buf, off + 12, headerLength / 4 << 4);
        NetworkBytes.setU8(buf, off + 13, flags & ALL_FLAGS);
    }

    public void setWindow(int window) {
        NetworkBytes.setU16(buf, off + 14, window);
    }

    public void setChecksum(int checksum) {
        NetworkBytes.setU16(buf, off + 16, checksum);
    }

    public void setUrgentPointer(int pointer) {
        NetworkBytes.setU16(buf, off + 18, pointer);
    }

    /** True when the checksum verifies over the segment and the IPv4 pseudo-header. */
    public boolean verifyChecksumIpv4(int source, int destination) {
        return TransportChecksum.verifiesIpv4(buf, off, len, IpProtocol.TCP, source, destination);
    }

    /** True when the checksum verifies over the segment and the IPv6 pseudo-header. */
    public boolean verifyChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        return TransportChecksum.verifiesIpv6(buf, off, len, IpProtocol.TCP, sourceHigh, sourceLow, destinationHigh, destinationLow);
    }

    /**
     * Computes and writes the checksum over the whole view with the IPv4 pseudo-header (whose
     * length is the view's length); call it once the payload is in place.
     */
    public void fillChecksumIpv4(int source, int destination) {
        setChecksum(0);
        setChecksum(TransportChecksum.computeIpv4(buf, off, len, IpProtocol.TCP, source, destination));
    }

    /** As {@link #fillChecksumIpv4}, with the IPv6 pseudo-header. */
    public void fillChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        setChecksum(0);
        setChecksum(TransportChecksum.computeIpv6(buf, off, len, IpProtocol.TCP, sourceHigh, sourceLow, destinationHigh,
                destinationLow));
    }
}
