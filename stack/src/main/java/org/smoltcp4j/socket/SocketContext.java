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

    /** The largest IP packet the interface sends without fragmenting (for the TCP MSS). */
    int ipMtu();

    /**
     * The largest TCP/IPv4 packet the interface takes: {@link #ipMtu()}, or more when the device
     * cuts TCP packets into MTU-sized segments itself (TCP segmentation offload, see
     * {@link org.smoltcp4j.phy.DeviceCapabilities#setTcpSegmentationLimit}).
     */
    int tcpSegmentationLimit();
}
