package org.smoltcp4j.socket;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed 64-bit
 * hash that nobody without the 128-bit key can predict or steer, cheap on short inputs such as a
 * connection's 4-tuple. It is the keyed function F of RFC 6528 (initial sequence numbers), RFC 6056
 * (ephemeral ports) and RFC 7323 section 5.4 (timestamp offsets) here.
 *
 * <p>Allocation-free: the four state words are fields of this object, reused by every call, so
 * one instance must not be used by two threads at once (the stack is single-threaded).
 */
public final class SipHash {

    private final long k0;
    private final long k1;
    private long v0;
    private long v1;
    private long v2;
    private long v3;

    /**
     * A hash with the key {@code k0, k1}: the key's bytes 0..7 and 8..15 read little-endian, as
     * the reference implementation reads a 16-byte key.
     */
    public SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /**
     * SipHash-2-4 of the bytes {@code data[off, off + len)}.
     *
     * @throws NullPointerException      if {@code data} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code data}
     */
    public long hash(byte[] data, int off, int len) {
        if (data == null) {
            throw new NullPointerException("data must not be null");
        }
        if (off < 0 || len < 0 || len > data.length - off) {
            throw new IndexOutOfBoundsException("data range off=" + off + " len=" + len
                    + " is outside an array of length " + data.length);
        }
        start();
        int wholeWordsEnd = off + (len & ~7);
        for (int i = off; i < wholeWordsEnd; i += 8) {
            compress(littleEndian(data, i, 8));
        }
        return finish(len, littleEndian(data, wholeWordsEnd, len & 7));
    }

    /**
     * SipHash-2-4 of the 16-byte message made of {@code word0} then {@code word1}, each in
     * little-endian byte order: equal to {@link #hash(byte[], int, int)} of those 16 bytes, without
     * an array.
     */
    public long hash(long word0, long word1) {
        start();
        compress(word0);
        compress(word1);
        return finish(16, 0);
    }

    /**
     * SipHash-2-4 of the 40-byte message of the five words in order, each little-endian: equal to
     * {@link #hash(byte[], int, int)} of those 40 bytes, without an array.
     */
    public long hash(long word0, long word1, long word2, long word3, long word4) {
        start();
        compress(word0);
        compress(word1);
        compress(word2);
        compress(word3);
        compress(word4);
        return finish(40, 0);
    }

    private void start() {
        v0 = k0 ^ 0x736f6d6570736575L; // "somepseudorandomlygeneratedbytes"
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
    }

    /** One message word through c = 2 rounds. */
    private void compress(long m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }

    /** The last block (the length's low byte on top of the {@code tail} bytes), then d = 4 rounds. */
    private long finish(int length, long tail) {
        compress((long) length << 56 | tail);
        v2 ^= 0xff;
        round();
        round();
        round();
        round();
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round() {
        v0 += v1;
        v1 = rotateLeft(v1, 13) ^ v0;
        v0 = rotateLeft(v0, 32);
        v2 += v3;
        v3 = rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = rotateLeft(v1, 17) ^ v2;
        v2 = rotateLeft(v2, 32);
    }

    /** Long.rotateLeft is not in the device profile's class library. */
    private static long rotateLeft(long x, int n) {
        return x << n | x >>> (64 - n);
    }

    /** The {@code count} (0..8) bytes at {@code data[at]} as a little-endian number. */
    private static long littleEndian(byte[] data, int at, int count) {
        long word = 0;
        for (int i = count - 1; i >= 0; i--) {
            word = word << 8 | (data[at + i] & 0xffL);
        }
        return word;
    }
}
