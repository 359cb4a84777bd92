package org.smoltcp4j.socket;

/**
 * A {@link TcpSequenceSource} from a seed (which the HAL should draw from a hardware source).
 * Initial sequence numbers and TSval offsets are PRNG output (xorshift64*; an RFC 6528 keyed hash of the 4-tuple
 * plus a clock is a later refinement). Ephemeral ports follow RFC 6056 algorithm 3 ("simple
 * hash-based"): a keyed hash of the remote endpoint picks where the search starts, and a counter
 * moves it on with every connection, so ports to one peer are not reused quickly and ports are
 * hard to guess for anyone without the key. The port is not checked against ports in use here
 * (the socket does not see the socket set); the counter makes a collision rare.
 */
public final class SeededTcpSequenceSource implements TcpSequenceSource {

    /** First port of the IANA dynamic range (RFC 6335). */
    public static final int EPHEMERAL_MIN = 49152;
    /** Ports in the dynamic range 49152..65535. */
    public static final int EPHEMERAL_COUNT = 16384;

    private final long key;
    private long state;
    private int nextEphemeral;

    public SeededTcpSequenceSource(long seed) {
        key = mix(seed ^ 0x5deece66dL);
        state = mix(seed) | 1;
    }

    @Override
    public int initialSequenceNumber(int localAddress, int localPort, int remoteAddress, int remotePort, long now) {
        return next();
    }

    @Override
    public int timestampOffset(int localAddress, int localPort, int remoteAddress, int remotePort) {
        return next();
    }

    /** The next xorshift64* output, upper 32 bits. */
    private int next() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return (int) ((state * 0x2545f4914f6cdd1dL) >>> 32);
    }

    @Override
    public int ephemeralPort(int localAddress, int remoteAddress, int remotePort) {
        long offset = mix(key ^ ((localAddress & 0xffffffffL) << 32 | (remoteAddress & 0xffffffffL)) ^ (long) remotePort << 17);
        int port = EPHEMERAL_MIN + (int) (((offset >>> 1) + nextEphemeral) % EPHEMERAL_COUNT);
        nextEphemeral++;
        return port;
    }

    /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
