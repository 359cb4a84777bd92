package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * How sockets hold addresses of both families in one form: two {@code long}s, IPv6 as it is, IPv4
 * as the IPv4-mapped address ::ffff:a.b.c.d, and "any address" as (0, 0), which matches both
 * families (Linux's dual-stack sockets, bindv6only=0). The int-based IPv4 calls convert here.
 */
final class DualStack {

    /** The low half of ::ffff:0.0.0.0. */
    private static final long IPV4_ANY_LOW = Ipv6Address.ipv4MappedLow(Ipv4Address.UNSPECIFIED);

    private DualStack() {
    }

    /** The low half of {@code ipv4} in the IPv6 form: 0 (any) for 0.0.0.0, else IPv4-mapped. */
    static long lowOf(int ipv4) {
        return ipv4 == Ipv4Address.UNSPECIFIED ? 0 : Ipv6Address.ipv4MappedLow(ipv4);
    }

    /** True for an IPv4-mapped address (an IPv4 endpoint); false for IPv6 ones and for any. */
    static boolean isIpv4(long high, long low) {
        return Ipv6Address.isIpv4Mapped(high, low);
    }

    /** The IPv4 address of a mapped address; 0.0.0.0 for any and for an IPv6 address. */
    static int ipv4Of(long high, long low) {
        return isIpv4(high, low) ? Ipv6Address.ipv4OfMapped(low) : Ipv4Address.UNSPECIFIED;
    }

    /** True for (0, 0) and for the mapped 0.0.0.0: no address a packet can be sent to. */
    static boolean isUnspecified(long high, long low) {
        return Ipv6Address.isUnspecified(high, low) || isIpv4(high, low) && Ipv6Address.ipv4OfMapped(low) == 0;
    }

    /**
     * True when a socket bound to {@code boundHigh:boundLow} takes {@code high:low}: (0, 0) takes
     * every address; the mapped 0.0.0.0 every IPv4 address (Linux's IPv4 any on a dual-stack
     * socket); any other address only itself.
     */
    static boolean matches(long boundHigh, long boundLow, long high, long low) {
        if (Ipv6Address.isUnspecified(boundHigh, boundLow) || boundHigh == high && boundLow == low) {
            return true;
        }
        return boundHigh == 0 && boundLow == IPV4_ANY_LOW && isIpv4(high, low);
    }

    /** True when {@code high:low} is one of the interface's unicast addresses, in its family. */
    static boolean isLocal(SocketContext context, long high, long low) {
        return isIpv4(high, low) ? context.hasIpv4Address(Ipv6Address.ipv4OfMapped(low)) : context.hasIpv6Address(high, low);
    }

    /**
     * Asks {@code emitter} for a buffer in the destination's family: {@code beginIpv4} for a mapped
     * destination, {@code beginIpv6} otherwise; a source of any lets the interface choose.
     */
    static int begin(PacketEmitter emitter, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
            int protocol, int hopLimit, int payloadLength) {
        if (isIpv4(destinationHigh, destinationLow)) {
            return emitter.beginIpv4(ipv4Of(sourceHigh, sourceLow), Ipv6Address.ipv4OfMapped(destinationLow), protocol,
                    hopLimit, payloadLength);
        }
        return emitter.beginIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow, protocol, hopLimit, payloadLength);
    }

    /** Appends an address in its family's text form; any is "::", the address of both families. */
    static StringBuilder append(StringBuilder out, long high, long low) {
        return isIpv4(high, low) ? Ipv4Address.append(out, Ipv6Address.ipv4OfMapped(low)) : Ipv6Address.append(out, high, low);
    }
}
