package org.smoltcp4j.socket;

/**
 * How a socket sends: it asks for a buffer for one IP payload, writes its header and data there,
 * and commits. The interface behind it lends the device's own transmit buffer when it can (no copy),
 * or a staging buffer when the packet must wait for a neighbour or be fragmented; the socket does
 * not see the difference.
 *
 * <p>A socket whose {@code begin} is refused keeps its packet and tries again on a later poll:
 * nothing is lost.
 */
public interface PacketEmitter {

    /** The buffer is lent: write the payload at {@link #payloadOffset()}, then commit or abort. */
    int OK = 0;
    /** No interface address or route reaches the destination: the packet cannot be sent (drop it). */
    int NO_ROUTE = -1;
    /** The destination's link address is being resolved and no staging slot is free: retry later. */
    int NEIGHBOR_PENDING = -2;
    /** The device has no room now: retry later. */
    int DEVICE_BUSY = -3;
    /** Larger than the interface can ever send (over the MTU with fragmentation off or too small a buffer): drop it. */
    int TOO_LARGE = -4;

    /**
     * Lends a buffer for an IPv4 payload of exactly {@code payloadLength} bytes.
     *
     * @param source      the source address (one of the interface's, or unspecified to let the
     *                    interface choose with {@link SocketContext#ipv4SourceFor})
     * @param destination unicast, broadcast or multicast destination
     * @param protocol    the IP protocol number of the payload
     * @param ttl         time to live, 1..255
     * @return {@link #OK} or one of the refusals above
     */
    int beginIpv4(int source, int destination, int protocol, int ttl, int payloadLength);

    /**
     * Lends a buffer for a whole IPv4 packet of {@code packetLength} bytes that the socket writes
     * itself, header included (raw sockets); {@code destination} is the address that header
     * carries. On commit the interface fills the header checksum unless the device does.
     */
    int beginIpv4Packet(int destination, int packetLength);

    /**
     * Lends a buffer for an IPv6 payload of exactly {@code payloadLength} bytes, written after a
     * 40-byte IPv6 header (no extension headers on output).
     *
     * @param sourceHigh      the source address, one of the interface's, or (0, 0) to let the
     *                        interface choose (see {@link SocketContext#ipv6SourceHighFor})
     * @param destinationHigh unicast or multicast destination
     * @param nextHeader      the upper-layer protocol number (UDP, TCP, ICMPv6)
     * @param hopLimit        1..255
     * @return {@link #OK} or one of the refusals above, as {@link #beginIpv4}
     */
    int beginIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader, int hopLimit,
            int payloadLength);

    /** The buffer lent by the last successful begin. */
    byte[] buffer();

    /** Where the payload (or, after {@link #beginIpv4Packet}, the IP header) starts in {@link #buffer()}. */
    int payloadOffset();

    /** The source address the packet will carry (chosen by the interface when the socket left it unspecified). */
    int source();

    /**
     * The high half of the source address the lent packet carries in the IPv6 form: after
     * {@link #beginIpv6} its IPv6 source, after {@link #beginIpv4} 0 (the IPv4-mapped source).
     */
    long sourceHigh();

    /** The low half of the source of {@link #sourceHigh()}: after {@link #beginIpv4} the IPv4-mapped source. */
    long sourceLow();

    /**
     * True when software must fill the transport checksum of this packet: false when the device
     * computes it ({@code protocol} is an IP protocol number: UDP, TCP, ICMP, ICMPv6).
     */
    boolean checksumBySoftware(int protocol);

    /** Sends what was written. */
    void commit();

    /** Gives the buffer back without sending. */
    void abort();
}
