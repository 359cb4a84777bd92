package org.smoltcp4j.socket;

import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Repr;
import org.smoltcp4j.wire.TcpRepr;

/**
 * The addresses of a {@link TcpSocket}: the endpoint it listens on and, once a connection exists,
 * its 4-tuple; and which segments and ICMP errors they make the socket's.
 */
final class TcpEndpoints {

    private int listenAddress;
    private int listenPort;
    private boolean hasTuple;
    private int localAddress;
    private int localPort;
    private int remoteAddress;
    private int remotePort;

    /** Neither listening nor connected. */
    void clear() {
        listenAddress = Ipv4Address.UNSPECIFIED;
        listenPort = 0;
        hasTuple = false;
    }

    void listen(int address, int port) {
        listenAddress = address;
        listenPort = port;
    }

    boolean listensOn(int address, int port) {
        return listenAddress == address && listenPort == port;
    }

    /** Whether the socket was listening before its connection (an RST in SYN-RECEIVED returns it to LISTEN). */
    boolean hasListenPort() {
        return listenPort != 0;
    }

    void connect(int localAddress, int localPort, int remoteAddress, int remotePort) {
        hasTuple = true;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
    }

    /** The connection is over: its 4-tuple no longer names the socket. */
    void forget() {
        hasTuple = false;
    }

    boolean connected() {
        return hasTuple;
    }

    int localAddress() {
        return hasTuple ? localAddress : listenAddress;
    }

    int localPort() {
        return hasTuple ? localPort : listenPort;
    }

    int remoteAddress() {
        return hasTuple ? remoteAddress : Ipv4Address.UNSPECIFIED;
    }

    int remotePort() {
        return hasTuple ? remotePort : 0;
    }

    /** A connection's segment, or (without a connection) one for the listening endpoint. */
    boolean matches(Ipv4Repr ip, TcpRepr tcp) {
        if (hasTuple) {
            return ip.destination() == localAddress && tcp.destinationPort() == localPort
                    && ip.source() == remoteAddress && tcp.sourcePort() == remotePort;
        }
        return (listenAddress == Ipv4Address.UNSPECIFIED || listenAddress == ip.destination())
                && tcp.destinationPort() == listenPort;
    }

    /** The segment an ICMP error quotes was the connection's. */
    boolean matchesQuoted(int quotedSource, int quotedSourcePort, int quotedDestination, int quotedDestinationPort) {
        return hasTuple && quotedSource == localAddress && quotedSourcePort == localPort
                && quotedDestination == remoteAddress && quotedDestinationPort == remotePort;
    }
}
