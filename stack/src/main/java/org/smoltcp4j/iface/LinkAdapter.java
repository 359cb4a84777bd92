package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Device;

/**
 * A link layer that takes whole IPv6 packets and makes its own frames of them: the seam for
 * 6LoWPAN on IEEE 802.15.4 (contract section 4), where one packet may become several compressed
 * fragments. {@link Egress} lends a staging buffer of the whole packet and, at commit, hands it to
 * {@link #send}; the adapter writes frames to the device as it has room, continuing in
 * {@link #flush} on later polls (as {@link Fragmenter} does for IPv4).
 */
public interface LinkAdapter {

    /** True while a packet given to {@link #send} has not gone out whole: no new one is taken. */
    boolean isSending();

    /**
     * Takes the IPv6 packet {@code packet[off, +len)} for the link address {@code linkDestination}
     * (copying what it needs: the buffer is reused after this returns).
     */
    void send(byte[] packet, int off, int len, long linkDestination);

    /** Writes what it can of the packet being sent to {@code device}; true when a frame went out. */
    boolean flush(Device device, long now);

    /**
     * The link address of an IPv6 next hop the neighbour cache does not know: derived from the
     * address itself (on 6LoWPAN from its interface identifier; multicast to the broadcast address).
     */
    long linkDestinationFor(long high, long low);
}
