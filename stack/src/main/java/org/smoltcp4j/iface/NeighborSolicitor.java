package org.smoltcp4j.iface;

/** Sends the Neighbor Solicitation that resolves an IPv6 next hop (implemented by {@link NdiscHandler}). */
interface NeighborSolicitor {

    /** Asks the solicited-node group of {@code (high, low)} for its link-layer address. */
    void solicit(long high, long low);
}
