package org.smoltcp4j.wire;

/**
 * The checksum of a transport segment (UDP, TCP) over its bytes and an IPv4 or IPv6
 * pseudo-header whose length is the segment length. Shared by the UDP and TCP views.
 */
final class TransportChecksum {

    private TransportChecksum() {
    }

    static boolean verifiesIpv4(byte[] buf, int off, int len, int protocol, int source, int destination) {
        return Checksum.verifies(Checksum.accumulate(Checksum.ipv4PseudoHeader(source, destination, protocol, len), buf, off, len));
    }

    static boolean verifiesIpv6(byte[] buf, int off, int len, int protocol, long sourceHigh, long sourceLow,
            long destinationHigh, long destinationLow) {
        return Checksum.verifies(sumIpv6(buf, off, len, protocol, sourceHigh, sourceLow, destinationHigh, destinationLow));
    }

    /** The checksum field value; the field itself must hold zero. */
    static int computeIpv4(byte[] buf, int off, int len, int protocol, int source, int destination) {
        return Checksum.finish(Checksum.accumulate(Checksum.ipv4PseudoHeader(source, destination, protocol, len), buf, off, len));
    }

    /** The checksum field value; the field itself must hold zero. */
    static int computeIpv6(byte[] buf, int off, int len, int protocol, long sourceHigh, long sourceLow,
            long destinationHigh, long destinationLow) {
        return Checksum.finish(sumIpv6(buf, off, len, protocol, sourceHigh, sourceLow, destinationHigh, destinationLow));
    }

    private static long sumIpv6(byte[] buf, int off, int len, int protocol, long sourceHigh, long sourceLow,
            long destinationHigh, long destinationLow) {
        long pseudoHeader = Checksum.ipv6PseudoHeader(sourceHigh, sourceLow, destinationHigh, destinationLow, protocol, len);
        return Checksum.accumulate(pseudoHeader, buf, off, len);
    }
}
