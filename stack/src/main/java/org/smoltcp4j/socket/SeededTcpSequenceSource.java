package org.smoltcp4j.socket;

/**
 * The {@link TcpSequenceSource} of RFC 6528, RFC 6056 and RFC 7323: everything is a keyed hash
 * ({@link SipHash}, 128-bit secret key) of the connection's endpoints, so nobody without the key can
 * predict another connection's numbers from the ones they see.
 * <ul>
 * <li>Initial sequence number (RFC 6528 section 3): {@code ISN = M + F(localip, localport, remoteip,
 * remoteport, key)}, M a timer that ticks every 4 microseconds (250,000 per second, from
 * {@code now}). Successive connections of one 4-tuple get increasing ISNs, so segments of an old
 * incarnation fall outside the new one's window (RFC 9293 3.4.1), while different 4-tuples get
 * unrelated ones.</li>
 * <li>Ephemeral port (RFC 6056 section 3.3.3, algorithm 3 "simple hash-based"): a keyed hash of
 * (localip, remoteip, remoteport) picks where the search starts, and a counter moves it on with
 * every connection, so ports to one peer are not reused quickly. The port is not checked against
 * ports in use here (the socket does not see the socket set); the counter makes a collision rare.</li>
 * <li>TSval offset (RFC 7323 section 5.4): a keyed hash of the 4-tuple, so TSvals reveal neither
 * uptime nor the clock of other connections.</li>
 * </ul>
 * The three uses hash different messages (a tag in the message), so one value says nothing about
 * the others. IPv6 connections hash their full 128-bit addresses.
 *
 * <p>The key must be secret and differ from boot to boot: the firmware passes the output of the
 * board's hardware random number generator (read by the HAL at boot) to the constructor, and
 * shares one source among all TCP sockets, so that one 4-tuple's ISNs increase whichever socket
 * serves it. A fixed seed (as in tests and simulations) gives repeatable runs and no protection.
 */
public final class SeededTcpSequenceSource implements TcpSequenceSource {

    /** First port of the IANA dynamic range (RFC 6335). */
    public static final int EPHEMERAL_MIN = 49152;
    /** Ports in the dynamic range 49152..65535 (a power of two). */
    public static final int EPHEMERAL_COUNT = 16384;

    /** Message tags: which of the three numbers a hash is for. */
    private static final long TAG_ISN = 1;
    private static final long TAG_PORT = 2;
    private static final long TAG_TIMESTAMP = 3;

    private final SipHash hash;
    private int nextEphemeral;

    /**
     * A source keyed with 128 bits of seed: {@code seedHigh} and {@code seedLow} straight from the
     * hardware random number generator.
     */
    public SeededTcpSequenceSource(long seedHigh, long seedLow) {
        hash = new SipHash(seedHigh, seedLow);
    }

    /**
     * A source keyed with a 64-bit seed, spread into the 128-bit key with SplitMix64 (which adds
     * no secrecy: the seed's 64 bits are all there is).
     */
    public SeededTcpSequenceSource(long seed) {
        this(mix(seed), mix(seed + 0x9e3779b97f4a7c15L));
    }

    @Override
    public int initialSequenceNumber(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
            int remotePort, long now) {
        int m = (int) (now >> 2); // the 4 us clock, modulo 2^32 as sequence numbers are
        return m + (int) connectionHash(TAG_ISN, localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort);
    }

    @Override
    public int timestampOffset(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort) {
        return (int) connectionHash(TAG_TIMESTAMP, localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort);
    }

    @Override
    public int ephemeralPort(long localHigh, long localLow, long remoteHigh, long remoteLow, int remotePort) {
        long offset = connectionHash(TAG_PORT, localHigh, localLow, 0, remoteHigh, remoteLow, remotePort);
        int port = EPHEMERAL_MIN + ((int) offset + nextEphemeral & EPHEMERAL_COUNT - 1);
        nextEphemeral++;
        return port;
    }

    /**
     * F: the keyed hash of a tag and the endpoints (the port pair and tag share one word). Two IPv4
     * addresses fit one word, so an IPv4 connection hashes a 16-byte message; an IPv6 one hashes
     * both full addresses, 40 bytes.
     */
    private long connectionHash(long tag, long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
            int remotePort) {
        long portsAndTag = (long) (localPort & 0xffff) << 48 | (long) (remotePort & 0xffff) << 32 | tag;
        if (DualStack.isIpv4(localHigh, localLow) && DualStack.isIpv4(remoteHigh, remoteLow)) {
            long addresses = (localLow & 0xffffffffL) << 32 | remoteLow & 0xffffffffL;
            return hash.hash(addresses, portsAndTag);
        }
        return hash.hash(localHigh, localLow, remoteHigh, remoteLow, portsAndTag);
    }

    /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
