package org.smoltcp4j.wire;

/**
 * The meaning of a UDP datagram: ports and payload length (the payload stays in the caller's
 * buffer). Parsing follows smoltcp: destination port 0 is MALFORMED (the source port may be 0,
 * "unused"), a checksum of 0 means "none" over IPv4. Over IPv6 a zero checksum is BAD_CHECKSUM
 * whether or not checksums are verified (RFC 8200 section 8.1 makes the checksum mandatory);
 * smoltcp returns its checksum error there too in the versions whose {@code verify_checksum}
 * does not already accept zero.
 */
public final class UdpRepr {

    /** Largest payload whose length still fits the 16-bit length field. */
    public static final int MAX_PAYLOAD_LEN = 0xffff - UdpPacket.HEADER_LEN;

    private int sourcePort;
    private int destinationPort = 1;
    private int payloadLength;

    /** Fills this holder from a datagram carried over IPv4 between {@code source} and {@code destination}. */
    public int parseIpv4(UdpPacket packet, int source, int destination, boolean verifyChecksum) {
        int status = checkStructure(packet);
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && packet.checksum() != UdpPacket.NO_CHECKSUM
                && !packet.verifyChecksumIpv4(source, destination)) {
            return WireStatus.BAD_CHECKSUM;
        }
        return fill(packet);
    }

    /** Fills this holder from a datagram carried over IPv6 between the given addresses. */
    public int parseIpv6(UdpPacket packet, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
            boolean verifyChecksum) {
        int status = checkStructure(packet);
        if (status != WireStatus.OK) {
            return status;
        }
        if (packet.checksum() == UdpPacket.NO_CHECKSUM || verifyChecksum
                && !packet.verifyChecksumIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow)) {
            return WireStatus.BAD_CHECKSUM;
        }
        return fill(packet);
    }

    private static int checkStructure(UdpPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        return packet.destinationPort() == 0 ? WireStatus.MALFORMED : WireStatus.OK;
    }

    private int fill(UdpPacket packet) {
        sourcePort = packet.sourcePort();
        destinationPort = packet.destinationPort();
        payloadLength = packet.payloadLength();
        return WireStatus.OK;
    }

    /** Header bytes {@link #emit} writes (the payload follows them). */
    public int bufferLen() {
        return UdpPacket.HEADER_LEN;
    }

    /** Header plus payload: the value of the length field. */
    public int datagramLength() {
        return UdpPacket.HEADER_LEN + payloadLength;
    }

    /**
     * Writes the header with a zero checksum into {@code packet}, which must hold the whole
     * datagram. Put the payload at {@link UdpPacket#payloadOffset()}, then call
     * {@link UdpPacket#fillChecksumIpv4} / {@code fillChecksumIpv6}, or leave the zero for
     * checksum offload.
     */
    public void emit(UdpPacket packet) {
        if (packet.length() < datagramLength()) {
            throw new IllegalArgumentException("UDP packet of " + packet.length() + " bytes cannot hold a "
                    + datagramLength() + "-byte datagram");
        }
        packet.setSourcePort(sourcePort);
        packet.setDestinationPort(destinationPort);
        packet.setDatagramLength(datagramLength());
        packet.setChecksum(UdpPacket.NO_CHECKSUM);
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Source port 0..65535 (0 means "no reply port"). */
    public UdpRepr setSourcePort(int port) {
        sourcePort = requirePort("UDP source port", port, 0);
        return this;
    }

    /** Destination port 1..65535. */
    public UdpRepr setDestinationPort(int port) {
        destinationPort = requirePort("UDP destination port", port, 1);
        return this;
    }

    /** Payload length 0..{@link #MAX_PAYLOAD_LEN}. */
    public UdpRepr setPayloadLength(int length) {
        if (length < 0 || length > MAX_PAYLOAD_LEN) {
            throw new IllegalArgumentException("UDP payload length must be 0.." + MAX_PAYLOAD_LEN + ", got " + length);
        }
        payloadLength = length;
        return this;
    }

    /** tcpdump-style, as smoltcp prints it: {@code UDP src=68 dst=67 len=300}. */
    public StringBuilder appendTo(StringBuilder out) {
        return out.append("UDP src=").append(sourcePort).append(" dst=").append(destinationPort)
                .append(" len=").append(payloadLength);
    }

    static int requirePort(String what, int port, int lowest) {
        if (port < lowest || port > 0xffff) {
            throw new IllegalArgumentException(what + " must be " + lowest + "..65535, got " + port);
        }
        return port;
    }
}
