package org.smoltcp4j.socket;

/**
 * Where a TCP socket gets its initial sequence numbers and ephemeral ports. The default,
 * {@link SeededTcpSequenceSource}, draws them from a PRNG seeded at construction; an RFC 6528
 * implementation (ISN = clock + keyed hash of the 4-tuple) fits the same calls, which is why they
 * receive the connection's endpoints and the time.
 */
public interface TcpSequenceSource {

    /** The initial sequence number of the connection {@code local:localPort -> remote:remotePort}. */
    int initialSequenceNumber(int localAddress, int localPort, int remoteAddress, int remotePort, long now);

    /**
     * An ephemeral local port (49152..65535, RFC 6335) for a connection to {@code remote:remotePort}
     * from {@code localAddress} (unspecified when not chosen yet).
     */
    int ephemeralPort(int localAddress, int remoteAddress, int remotePort);

    /**
     * The offset added to the millisecond clock for the TSval of the connection
     * {@code local:localPort -> remote:remotePort} (RFC 7323 section 5.4: random per connection,
     * so TSvals reveal neither uptime nor the values of other connections).
     */
    int timestampOffset(int localAddress, int localPort, int remoteAddress, int remotePort);
}
