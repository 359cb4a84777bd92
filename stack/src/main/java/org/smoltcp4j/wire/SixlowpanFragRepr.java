package org.smoltcp4j.wire;

/**
 * The meaning of a 6LoWPAN fragment header: first fragment or not, datagram size, tag and (for
 * FRAGN) offset in 8-octet units. A reusable holder; setters reject values the fields cannot hold.
 */
public final class SixlowpanFragRepr {

    private boolean first = true;
    private int datagramSize = 1;
    private int datagramTag;
    private int datagramOffset;

    /**
     * Fills this holder from {@code packet}. Returns the status of {@link SixlowpanFragPacket#check},
     * or {@link WireStatus#MALFORMED} for a zero datagram size or a FRAGN fragment whose offset
     * and length reach past the datagram size.
     */
    public int parse(SixlowpanFragPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        int size = packet.datagramSize();
        int units = packet.datagramOffset();
        if (size == 0 || !packet.isFirstFragment() && units * 8 + packet.payloadLength() > size) {
            return WireStatus.MALFORMED;
        }
        first = packet.isFirstFragment();
        datagramSize = size;
        datagramTag = packet.datagramTag();
        datagramOffset = units;
        return WireStatus.OK;
    }

    /** Header bytes {@link #emit} writes: 4 for FRAG1, 5 for FRAGN. */
    public int bufferLen() {
        return first ? SixlowpanFragPacket.FIRST_HEADER_LEN : SixlowpanFragPacket.NEXT_HEADER_LEN;
    }

    /** Writes the header into {@code packet}, which must be at least {@link #bufferLen()} long. */
    public void emit(SixlowpanFragPacket packet) {
        if (packet.length() < bufferLen()) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes cannot hold the "
                    + bufferLen() + "-byte fragment header");
        }
        packet.setDispatchAndSize(first, datagramSize);
        packet.setDatagramTag(datagramTag);
        if (!first) {
            packet.setDatagramOffset(datagramOffset);
        }
    }

    public boolean isFirstFragment() {
        return first;
    }

    public int datagramSize() {
        return datagramSize;
    }

    public int datagramTag() {
        return datagramTag;
    }

    /** Offset in 8-octet units (0 for the first fragment). */
    public int datagramOffset() {
        return datagramOffset;
    }

    /** Makes this a FRAG1 header: datagram size 1..2047, tag 0..65535. */
    public SixlowpanFragRepr setFirstFragment(int size, int tag) {
        set(true, size, tag, 0);
        return this;
    }

    /** Makes this a FRAGN header: datagram size 1..2047, tag 0..65535, offset 0..255 units of 8 octets. */
    public SixlowpanFragRepr setNextFragment(int size, int tag, int offsetUnits) {
        if (offsetUnits < 0 || offsetUnits > 0xff) {
            throw new IllegalArgumentException("fragment offset must be 0..255 (8-octet units), got " + offsetUnits);
        }
        set(false, size, tag, offsetUnits);
        return this;
    }

    private void set(boolean isFirst, int size, int tag, int units) {
        if (size < 1 || size > SixlowpanFragPacket.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("datagram size must be 1..2047, got " + size);
        }
        if (tag < 0 || tag > 0xffff) {
            throw new IllegalArgumentException("datagram tag must be 0..65535, got " + tag);
        }
        first = isFirst;
        datagramSize = size;
        datagramTag = tag;
        datagramOffset = units;
    }

    /** tcpdump-style: {@code FRAG1 size=307 tag=63} or {@code FRAGN size=307 tag=63 offset=17}. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append(first ? "FRAG1" : "FRAGN").append(" size=").append(datagramSize).append(" tag=").append(datagramTag);
        if (!first) {
            out.append(" offset=").append(datagramOffset);
        }
        return out;
    }
}
