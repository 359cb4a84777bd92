package org.smoltcp4j.wire;

/**
 * The addresses of the IP packet being printed, shared by the printers of the layers above IP,
 * whose checksums cover them. IPv4 addresses sit in the low 32 bits of the low halves.
 */
final class PseudoHeader {

    boolean ipv6;
    long sourceHigh;
    long sourceLow;
    long destinationHigh;
    long destinationLow;

    void setIpv4(int source, int destination) {
        ipv6 = false;
        sourceHigh = 0;
        sourceLow = source & 0xffff_ffffL;
        destinationHigh = 0;
        destinationLow = destination & 0xffff_ffffL;
    }

    void setIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        ipv6 = true;
        this.sourceHigh = sourceHigh;
        this.sourceLow = sourceLow;
        this.destinationHigh = destinationHigh;
        this.destinationLow = destinationLow;
    }

    int ipv4Source() {
        return (int) sourceLow;
    }

    int ipv4Destination() {
        return (int) destinationLow;
    }
}
