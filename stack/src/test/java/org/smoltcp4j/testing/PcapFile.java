package org.smoltcp4j.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.smoltcp4j.phy.PcapFormat;

/**
 * Reads the frames of a classic libpcap file (what {@code tcpdump -w} writes), in either byte order
 * and with micro- or nanosecond timestamps. pcapng is not read: tcpdump does not write it.
 */
public final class PcapFile {

    private static final int MAGIC_MICROS = PcapFormat.MAGIC_MICROSECONDS;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int GLOBAL_HEADER_LEN = PcapFormat.GLOBAL_HEADER_LEN;
    private static final int RECORD_HEADER_LEN = PcapFormat.RECORD_HEADER_LEN;

    private PcapFile() {
    }

    /** The frames of {@code pcap}, which must be an Ethernet capture with no frame cut by the snapshot length. */
    public static List<byte[]> readEthernet(Path pcap) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap));
        if (in.remaining() < GLOBAL_HEADER_LEN) {
            throw new IOException(pcap + " is too short for a pcap header: " + in.remaining() + " bytes");
        }
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IOException(pcap + " is not a classic pcap file (magic 0x" + Integer.toHexString(magic) + ")");
            }
        }
        int linkType = in.getInt(20);
        if (linkType != PcapFormat.LINKTYPE_ETHERNET) {
            throw new IOException(pcap + " has link type " + linkType + ", not Ethernet");
        }
        in.position(GLOBAL_HEADER_LEN);
        List<byte[]> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < RECORD_HEADER_LEN) {
                throw new IOException(pcap + ": record header of frame " + (frames.size() + 1) + " is cut off");
            }
            in.position(in.position() + 8);
            int captured = in.getInt();
            int original = in.getInt();
            if (captured != original) {
                throw new IOException(pcap + ": frame " + (frames.size() + 1) + " was cut to " + captured + " of " + original + " bytes");
            }
            if (captured < 0 || captured > in.remaining()) {
                throw new IOException(pcap + ": frame " + (frames.size() + 1) + " claims " + captured + " bytes, file has " + in.remaining());
            }
            byte[] frame = new byte[captured];
            in.get(frame);
            frames.add(frame);
        }
        return frames;
    }
}
