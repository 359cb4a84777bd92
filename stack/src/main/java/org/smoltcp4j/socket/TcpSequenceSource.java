package org.smoltcp4j.socket;

/**
 * Where a TCP socket gets its initial sequence numbers, ephemeral ports and TSval offsets. The
 * default, {@link SeededTcpSequenceSource}, follows RFC 6528 (ISN = 4 us clock + keyed hash of the
 * 4-tuple), RFC 6056 and RFC 7323, which is why the calls receive the connection's endpoints and
 * the time. Addresses are in the IPv6 form (high and low halves; IPv4 addresses IPv4-mapped).
 */
public interface TcpSequenceSource {

    /** The initial sequence number of the connection {@code local:localPort -> remote:remotePort}. */
    int initialSequenceNumber(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort,
            long now);

    /**
     * An ephemeral local port (49152..65535, RFC 6335) for a connection to {@code remote:remotePort}
     * from {@code local}.
     */
    int ephemeralPort(long localHigh, long localLow, long remoteHigh, long remoteLow, int remotePort);

    /**
     * The offset added to the millisecond clock for the TSval of the connection
     * {@code local:localPort -> remote:remotePort} (RFC 7323 section 5.4: random per connection,
     * so TSvals reveal neither uptime nor the values of other connections).
     */
    int timestampOffset(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort);
}
