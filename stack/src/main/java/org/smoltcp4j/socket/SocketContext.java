package org.smoltcp4j.socket;

/**
 * What a socket may learn from the interface while it processes a packet or dispatches one
 * (design.md section 4: sockets never touch a device). The interface implements it.
 */
public interface SocketContext {

    /** The time of this poll, in microseconds. */
    long now();

    /** True when {@code address} is one of the interface's own IPv4 unicast addresses. */
    boolean hasIpv4Address(int address);

    /**
     * The interface address a packet to {@code destination} should come from, or
     * {@link org.smoltcp4j.wire.Ipv4Address#UNSPECIFIED} when the interface has none or no route.
     */
    int ipv4SourceFor(int destination);

    /** True when {@code high:low} is one of the interface's own IPv6 unicast addresses. */
    boolean hasIpv6Address(long high, long low);

    /**
     * The high half of the interface address a packet to {@code destinationHigh:destinationLow}
     * should come from: link-local for link-local and link-scope multicast destinations, otherwise
     * a global (or unique local) address on a matching prefix, or any that is not link-local;
     * (0, 0) when the interface has none.
     */
    long ipv6SourceHighFor(long destinationHigh, long destinationLow);

    /** The low half of the address {@link #ipv6SourceHighFor} chooses. */
    long ipv6SourceLowFor(long destinationHigh, long destinationLow);

    /** The largest IP packet the interface sends without fragmenting (for the TCP MSS: less 40 bytes of headers over IPv4, 60 over IPv6). */
    int ipMtu();

    /**
     * The largest TCP/IPv4 packet the interface takes: {@link #ipMtu()}, or more when the device
     * cuts TCP packets into MTU-sized segments itself (TCP segmentation offload, see
     * {@link org.smoltcp4j.phy.DeviceCapabilities#setTcpSegmentationLimit}).
     */
    int tcpSegmentationLimit();
}
