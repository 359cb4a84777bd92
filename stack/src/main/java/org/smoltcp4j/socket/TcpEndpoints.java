package org.smoltcp4j.socket;

import org.smoltcp4j.wire.IpRepr;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.TcpRepr;

/**
 * The addresses of a {@link TcpSocket}: the endpoint it listens on and, once a connection exists,
 * its 4-tuple; and which segments and ICMP errors they make the socket's. Addresses are in the
 * IPv6 form (IPv4 mapped); a listening address of (0, 0) takes both IP versions.
 */
final class TcpEndpoints {

    private long listenHigh;
    private long listenLow;
    private int listenPort;
    private boolean hasTuple;
    private long localHigh;
    private long localLow;
    private int localPort;
    private long remoteHigh;
    private long remoteLow;
    private int remotePort;

    /** Neither listening nor connected. */
    void clear() {
        listenHigh = 0;
        listenLow = 0;
        listenPort = 0;
        hasTuple = false;
    }

    void listen(long high, long low, int port) {
        listenHigh = high;
        listenLow = low;
        listenPort = port;
    }

    boolean listensOn(long high, long low, int port) {
        return listenHigh == high && listenLow == low && listenPort == port;
    }

    /** Whether the socket was listening before its connection (an RST in SYN-RECEIVED returns it to LISTEN). */
    boolean hasListenPort() {
        return listenPort != 0;
    }

    void connect(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort) {
        hasTuple = true;
        this.localHigh = localHigh;
        this.localLow = localLow;
        this.localPort = localPort;
        this.remoteHigh = remoteHigh;
        this.remoteLow = remoteLow;
        this.remotePort = remotePort;
    }

    /** The connection is over: its 4-tuple no longer names the socket. */
    void forget() {
        hasTuple = false;
    }

    boolean connected() {
        return hasTuple;
    }

    /** True when the connection runs over IPv6 (false without one). */
    boolean isIpv6() {
        return hasTuple && !DualStack.isIpv4(localHigh, localLow);
    }

    long localHigh() {
        return hasTuple ? localHigh : listenHigh;
    }

    long localLow() {
        return hasTuple ? localLow : listenLow;
    }

    int localPort() {
        return hasTuple ? localPort : listenPort;
    }

    long remoteHigh() {
        return hasTuple ? remoteHigh : 0;
    }

    long remoteLow() {
        return hasTuple ? remoteLow : 0;
    }

    int remotePort() {
        return hasTuple ? remotePort : 0;
    }

    /** A connection's segment, or (without a connection) one for the listening endpoint. */
    boolean matches(IpRepr ip, TcpRepr tcp) {
        if (hasTuple) {
            return ip.destinationHigh() == localHigh && ip.destinationLow() == localLow && tcp.destinationPort() == localPort
                    && ip.sourceHigh() == remoteHigh && ip.sourceLow() == remoteLow && tcp.sourcePort() == remotePort;
        }
        return DualStack.matches(listenHigh, listenLow, ip.destinationHigh(), ip.destinationLow())
                && tcp.destinationPort() == listenPort;
    }

    /**
     * The segment an ICMP error quotes, from {@code quotedSource}:{@code quotedSourcePort} to
     * {@code quotedDestination}:{@code quotedDestinationPort} (IPv6 form, IPv4 mapped), was the connection's.
     */
    boolean matchesQuoted(long quotedSourceHigh, long quotedSourceLow, int quotedSourcePort, long quotedDestinationHigh,
            long quotedDestinationLow, int quotedDestinationPort) {
        return hasTuple && localHigh == quotedSourceHigh && localLow == quotedSourceLow && quotedSourcePort == localPort
                && remoteHigh == quotedDestinationHigh && remoteLow == quotedDestinationLow && quotedDestinationPort == remotePort;
    }
}
