package org.smoltcp4j.wire;

/**
 * The IP header of a packet handed to a socket, whatever its version (smoltcp's {@code IpRepr}):
 * addresses in the IPv6 form (two {@code long}s each; an IPv4 address is IPv4-mapped, see
 * {@link Ipv6Address#ipv4MappedLow}), the payload's protocol, the hop limit (TTL) and the payload
 * length. The interface fills one reusable holder per packet from an {@link Ipv4Repr} or an
 * {@link Ipv6Repr}; sockets match endpoints on it without caring which family it came in.
 */
public final class IpRepr {

    private static final long IPV4_UNSPECIFIED_LOW = Ipv6Address.ipv4MappedLow(Ipv4Address.UNSPECIFIED);

    private boolean ipv6;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int protocol;
    private int hopLimit;
    private int payloadLength;

    /** Describes an IPv4 packet. */
    public IpRepr setIpv4(int source, int destination, int protocol, int ttl, int payloadLength) {
        return set(false, 0, Ipv6Address.ipv4MappedLow(source), 0, Ipv6Address.ipv4MappedLow(destination), protocol, ttl,
                payloadLength);
    }

    /** Describes the IPv4 packet {@code header} stands for. */
    public IpRepr setIpv4(Ipv4Repr header) {
        return setIpv4(header.source(), header.destination(), header.protocol(), header.ttl(), header.payloadLength());
    }

    /**
     * Describes an IPv6 packet whose upper-layer protocol is {@code protocol} (the last next-header
     * value, after any extension headers) and whose upper-layer payload is {@code payloadLength}.
     */
    public IpRepr setIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int protocol,
            int hopLimit, int payloadLength) {
        return set(true, sourceHigh, sourceLow, destinationHigh, destinationLow, protocol, hopLimit, payloadLength);
    }

    private IpRepr set(boolean version6, long sh, long sl, long dh, long dl, int protocol, int hopLimit, int payloadLength) {
        if (protocol < 0 || protocol > 255 || hopLimit < 0 || hopLimit > 255 || payloadLength < 0) {
            throw new IllegalArgumentException("protocol and hop limit must be 0..255 and payload length >= 0, got "
                    + protocol + ", " + hopLimit + ", " + payloadLength);
        }
        this.ipv6 = version6;
        this.sourceHigh = sh;
        this.sourceLow = sl;
        this.destinationHigh = dh;
        this.destinationLow = dl;
        this.protocol = protocol;
        this.hopLimit = hopLimit;
        this.payloadLength = payloadLength;
        return this;
    }

    /** True for an IPv6 packet, false for IPv4 (whose addresses are IPv4-mapped here). */
    public boolean isIpv6() {
        return ipv6;
    }

    /**
     * True for a source of 0.0.0.0 or ::, which names no node: only a host still learning its
     * address sends from it (DHCP, duplicate address detection), and nothing can answer it.
     */
    public boolean hasUnspecifiedSource() {
        return sourceHigh == 0 && (sourceLow == 0 || !ipv6 && sourceLow == IPV4_UNSPECIFIED_LOW);
    }

    public long sourceHigh() {
        return sourceHigh;
    }

    public long sourceLow() {
        return sourceLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }

    /** The IPv4 source address; only meaningful when {@link #isIpv6()} is false. */
    public int ipv4Source() {
        return Ipv6Address.ipv4OfMapped(sourceLow);
    }

    /** The IPv4 destination address; only meaningful when {@link #isIpv6()} is false. */
    public int ipv4Destination() {
        return Ipv6Address.ipv4OfMapped(destinationLow);
    }

    public int protocol() {
        return protocol;
    }

    /** The TTL of an IPv4 packet or the hop limit of an IPv6 one. */
    public int hopLimit() {
        return hopLimit;
    }

    /** The length of the upper-layer payload. */
    public int payloadLength() {
        return payloadLength;
    }

    /** tcpdump-style "source > destination", each address in its own family's text form. */
    public StringBuilder appendTo(StringBuilder out) {
        appendAddress(out, sourceHigh, sourceLow).append(" > ");
        return appendAddress(out, destinationHigh, destinationLow);
    }

    private StringBuilder appendAddress(StringBuilder out, long high, long low) {
        return ipv6 ? Ipv6Address.append(out, high, low) : Ipv4Address.append(out, Ipv6Address.ipv4OfMapped(low));
    }
}
