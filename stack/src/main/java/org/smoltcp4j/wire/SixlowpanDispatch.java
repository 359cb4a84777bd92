package org.smoltcp4j.wire;

/**
 * Classifies the first byte of a 6LoWPAN header (RFC 4944 section 5.1, RFC 6282) and of a
 * LOWPAN_NHC next header (RFC 6282 section 4.1).
 */
public final class SixlowpanDispatch {

    /** 00xxxxxx: not a LoWPAN frame. */
    public static final int NALP = 0;
    /** 01000001: an uncompressed IPv6 header follows. */
    public static final int IPV6 = 1;
    /** 011xxxxx: LOWPAN_IPHC compressed IPv6 header. */
    public static final int IPHC = 2;
    /** 10xxxxxx: mesh addressing header. */
    public static final int MESH = 3;
    /** 11000xxx: first fragment header. */
    public static final int FRAG1 = 4;
    /** 11100xxx: subsequent fragment header. */
    public static final int FRAGN = 5;
    /** Any other (reserved or obsolete, e.g. HC1, BC0, ESC) dispatch. */
    public static final int OTHER = 6;

    /** 1110xxxx: LOWPAN_NHC IPv6 extension header. */
    public static final int NHC_EXTENSION = 7;
    /** 11110xxx: LOWPAN_NHC UDP header. */
    public static final int NHC_UDP = 8;
    /** Any other NHC byte (reserved). */
    public static final int NHC_OTHER = 9;

    private SixlowpanDispatch() {
    }

    /** The kind of 6LoWPAN header whose dispatch byte is {@code first} (0..255). */
    public static int classify(int first) {
        int b = first & 0xff;
        if ((b & 0xc0) == 0) {
            return NALP;
        }
        if (b == 0x41) {
            return IPV6;
        }
        if ((b & 0xe0) == 0x60) {
            return IPHC;
        }
        if ((b & 0xc0) == 0x80) {
            return MESH;
        }
        if ((b & 0xf8) == 0xc0) {
            return FRAG1;
        }
        if ((b & 0xf8) == 0xe0) {
            return FRAGN;
        }
        return OTHER;
    }

    /** The kind of LOWPAN_NHC header whose first byte is {@code first} (0..255). */
    public static int classifyNhc(int first) {
        int b = first & 0xff;
        if ((b & 0xf0) == 0xe0) {
            return NHC_EXTENSION;
        }
        if ((b & 0xf8) == 0xf0) {
            return NHC_UDP;
        }
        return NHC_OTHER;
    }
}
