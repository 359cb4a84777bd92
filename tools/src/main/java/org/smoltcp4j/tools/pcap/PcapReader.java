package org.smoltcp4j.tools.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads captures in the classic libpcap format (microsecond and nanosecond variants, either byte
 * order) and in pcapng (section, interface description, enhanced and simple packet blocks; other
 * blocks are skipped), the formats tcpdump, tshark and Wireshark write.
 *
 * <p>Use: {@code while (reader.next()) { reader.linkType(); reader.data(); ... }}.
 */
public final class PcapReader implements Closeable {

    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION = 0x0a0d0d0a;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int BLOCK_INTERFACE = 1;
    private static final int BLOCK_SIMPLE_PACKET = 3;
    private static final int BLOCK_ENHANCED_PACKET = 6;
    /** Larger records than this are damage, not packets (pcapng's recommended limit is similar). */
    private static final int MAX_RECORD = 256 * 1024;

    private final InputStream in;
    private final String name;
    private final boolean pcapng;
    private ByteOrder order;
    private boolean nanoseconds;
    private int classicLinkType;
    private final List<Integer> interfaceLinkTypes = new ArrayList<>();
    private final List<Integer> interfaceSnapLengths = new ArrayList<>();

    private int linkType;
    private long timestampMicros;
    private byte[] data = new byte[0];
    private int originalLength;
    private long recordNumber;

    private PcapReader(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        byte[] magic = readFully(4, "the file is empty or shorter than a capture header");
        int big = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
        int little = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (big == PCAPNG_SECTION) {
            pcapng = true;
            readSectionHeader();
        } else if (big == PCAP_MICROS || big == PCAP_NANOS || little == PCAP_MICROS || little == PCAP_NANOS) {
            pcapng = false;
            order = (big == PCAP_MICROS || big == PCAP_NANOS) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            nanoseconds = big == PCAP_NANOS || little == PCAP_NANOS;
            ByteBuffer header = ByteBuffer.wrap(readFully(20, "the pcap header is truncated")).order(order);
            header.position(16);
            classicLinkType = header.getInt() & 0x0fff_ffff;
        } else {
            throw new PcapFormatException(name + ": not a pcap or pcapng file (starts with "
                    + String.format("%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3]) + ")");
        }
    }

    /** Opens {@code file}; fails with a clear message when it is missing or not a capture. */
    public static PcapReader open(Path file) throws IOException {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new PcapFormatException(file + ": no such file");
        }
        try {
            return new PcapReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the next packet; false at the end of the file. */
    public boolean next() throws IOException {
        return pcapng ? nextPcapngPacket() : nextClassicRecord();
    }

    /** LINKTYPE_* of the current packet (per interface in pcapng). */
    public int linkType() {
        return linkType;
    }

    /** Capture time of the current packet, microseconds since the Unix epoch. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** Captured bytes of the current packet (a fresh array per packet). */
    public byte[] data() {
        return data;
    }

    /** Length of the packet on the wire, which may exceed {@code data().length} (snap length). */
    public int originalLength() {
        return originalLength;
    }

    /** 1-based number of the current packet. */
    public long packetNumber() {
        return recordNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean nextClassicRecord() throws IOException {
        byte[] headerBytes = readUpTo(16);
        if (headerBytes == null) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(headerBytes).order(order);
        long seconds = header.getInt() & 0xffff_ffffL;
        long fraction = header.getInt() & 0xffff_ffffL;
        int captured = header.getInt();
        originalLength = header.getInt();
        recordNumber++;
        if (captured < 0 || captured > MAX_RECORD) {
            throw new PcapFormatException(name + ": record " + recordNumber + " claims " + (captured & 0xffff_ffffL)
                    + " captured bytes; the file is damaged");
        }
        data = readFully(captured, "record " + recordNumber + " is cut short");
        linkType = classicLinkType;
        timestampMicros = seconds * 1_000_000L + (nanoseconds ? fraction / 1000 : fraction);
        return true;
    }

    private boolean nextPcapngPacket() throws IOException {
        while (true) {
            byte[] head = readUpTo(8);
            if (head == null) {
                return false;
            }
            int type = ByteBuffer.wrap(head, 0, 4).order(order).getInt();
            if (type == PCAPNG_SECTION) {
                // A new section may change the byte order: its length field is read after the magic.
                readSectionHeaderAfterType(head);
                continue;
            }
            int total = ByteBuffer.wrap(head, 4, 4).order(order).getInt();
            if (total < 12 || total > MAX_RECORD + 64 || total % 4 != 0) {
                throw new PcapFormatException(name + ": pcapng block of type " + type + " has a bad length " + total);
            }
            ByteBuffer body = ByteBuffer.wrap(readFully(total - 8, "a pcapng block is cut short")).order(order);
            if (type == BLOCK_INTERFACE) {
                interfaceLinkTypes.add(body.getShort() & 0xffff);
                body.getShort();
                interfaceSnapLengths.add(body.getInt());
            } else if (type == BLOCK_ENHANCED_PACKET) {
                int interfaceId = body.getInt();
                long high = body.getInt() & 0xffff_ffffL;
                long low = body.getInt() & 0xffff_ffffL;
                int captured = body.getInt();
                originalLength = body.getInt();
                linkType = interfaceLinkType(interfaceId);
                timestampMicros = (high << 32) | low; // default if_tsresol is microseconds
                return readPacketData(body, captured, total);
            } else if (type == BLOCK_SIMPLE_PACKET) {
                originalLength = body.getInt();
                linkType = interfaceLinkType(0);
                timestampMicros = 0;
                int snap = interfaceSnapLengths.get(0);
                int captured = Math.min(originalLength, snap == 0 ? Integer.MAX_VALUE : snap);
                return readPacketData(body, captured, total);
            }
        }
    }

    private boolean readPacketData(ByteBuffer body, int captured, int total) throws IOException {
        recordNumber++;
        if (captured < 0 || captured > body.remaining() - 4) {
            throw new PcapFormatException(name + ": packet " + recordNumber + " claims " + captured
                    + " bytes in a block of " + total);
        }
        data = new byte[captured];
        body.get(data);
        return true;
    }

    private int interfaceLinkType(int interfaceId) throws PcapFormatException {
        if (interfaceId < 0 || interfaceId >= interfaceLinkTypes.size()) {
            throw new PcapFormatException(name + ": a packet names interface " + interfaceId + ", which the file does not describe");
        }
        return interfaceLinkTypes.get(interfaceId);
    }

    private void readSectionHeader() throws IOException {
        readSectionHeaderAfterType(null);
    }

    /** Reads the rest of a section header block; {@code head} holds its first 8 bytes when already read. */
    private void readSectionHeaderAfterType(byte[] head) throws IOException {
        byte[] lengthBytes = head == null ? readFully(4, "the pcapng section header is truncated") : java.util.Arrays.copyOfRange(head, 4, 8);
        byte[] magicBytes = readFully(4, "the pcapng section header is truncated");
        int magic = ByteBuffer.wrap(magicBytes).order(ByteOrder.BIG_ENDIAN).getInt();
        if (magic == PCAPNG_BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == PCAPNG_BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new PcapFormatException(name + ": pcapng section header has no valid byte-order magic");
        }
        int total = ByteBuffer.wrap(lengthBytes).order(order).getInt();
        if (total < 28 || total % 4 != 0) {
            throw new PcapFormatException(name + ": pcapng section header has a bad length " + total);
        }
        readFully(total - 12, "the pcapng section header is truncated");
        interfaceLinkTypes.clear();
        interfaceSnapLengths.clear();
    }

    /** Reads exactly {@code n} bytes, or returns null at a clean end of file (no byte available). */
    private byte[] readUpTo(int n) throws IOException {
        byte[] bytes = new byte[n];
        int first = in.read(bytes, 0, n);
        if (first < 0) {
            return null;
        }
        int got = first;
        while (got < n) {
            int r = in.read(bytes, got, n - got);
            if (r < 0) {
                throw new PcapFormatException(name + ": the file ends inside a record header (after " + recordNumber + " packets)");
            }
            got += r;
        }
        return bytes;
    }

    private byte[] readFully(int n, String whatIfShort) throws IOException {
        byte[] bytes = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(bytes, got, n - got);
            if (r < 0) {
                throw new PcapFormatException(name + ": " + whatIfShort);
            }
            got += r;
        }
        return bytes;
    }

}
