package org.smoltcp4j.phy;

import org.smoltcp4j.wire.NetworkBytes;

/**
 * The libpcap file format (the "classic" format Wireshark, tcpdump and tshark read): a 24-byte
 * global header, then a 16-byte record header before each frame. Written big-endian with
 * microsecond timestamps (magic {@code a1b2c3d4}); readers detect the byte order from the magic.
 */
public final class PcapFormat {

    public static final int GLOBAL_HEADER_LEN = 24;
    public static final int RECORD_HEADER_LEN = 16;
    public static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;

    /** LINKTYPE_ETHERNET: Ethernet II frames without FCS. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** LINKTYPE_RAW: raw IPv4 or IPv6 packets (TUN). */
    public static final int LINKTYPE_RAW = 101;
    /** LINKTYPE_IEEE802_15_4_NOFCS: IEEE 802.15.4 MAC frames without FCS. */
    public static final int LINKTYPE_IEEE802_15_4_NOFCS = 230;

    private PcapFormat() {
    }

    /** Writes the global header: version 2.4, zone 0, accuracy 0, {@code snapLength}, link type. */
    public static void writeGlobalHeader(byte[] out, int at, int linkType, int snapLength) {
        NetworkBytes.setU32(out, at, MAGIC_MICROSECONDS);
        NetworkBytes.setU16(out, at + 4, 2);
        NetworkBytes.setU16(out, at + 6, 4);
        NetworkBytes.setU32(out, at + 8, 0);
        NetworkBytes.setU32(out, at + 12, 0);
        NetworkBytes.setU32(out, at + 16, snapLength);
        NetworkBytes.setU32(out, at + 20, linkType);
    }

    /**
     * Writes a record header for a frame of {@code originalLength} bytes of which
     * {@code capturedLength} follow, at {@code timestampMicros} since the Unix epoch (negative
     * times are written as 0).
     */
    public static void writeRecordHeader(byte[] out, int at, long timestampMicros, int capturedLength, int originalLength) {
        long micros = Math.max(0L, timestampMicros);
        NetworkBytes.setU32(out, at, (int) (micros / 1_000_000L));
        NetworkBytes.setU32(out, at + 4, (int) (micros % 1_000_000L));
        NetworkBytes.setU32(out, at + 8, capturedLength);
        NetworkBytes.setU32(out, at + 12, originalLength);
    }
}
