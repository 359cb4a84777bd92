package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.SixlowpanFragPacket;
import org.smoltcp4j.wire.SixlowpanFragRepr;
import org.smoltcp4j.wire.WireStatus;

/**
 * Sends one IPv6 packet over 802.15.4: the packet is staged whole in a preallocated buffer, its
 * headers compressed once ({@link SixlowpanCompressor}), then it goes out as one frame when it fits,
 * else as a FRAG1 frame (compressed headers and the first data) and FRAGN frames (RFC 4944 section
 * 5.3), every fragment but the last carrying a multiple of 8 octets of the uncompressed datagram,
 * all with one datagram tag. Frames go out as the device has room, over as many polls as it takes
 * (as {@code iface.Fragmenter} does for IPv4).
 */
public final class SixlowpanFragmenter {

    /**
     * The smallest device frame that leaves room for 8 octets of data in a FRAG1 after the longest
     * MAC header (21), fragment header (4) and compressed headers (48).
     */
    public static final int MIN_FRAME_LENGTH = 81;

    private final SixlowpanCompressor compressor;
    private final Ieee802154Framer framer;
    private final SixlowpanFragRepr frag = new SixlowpanFragRepr();
    private final SixlowpanFragPacket fragView = new SixlowpanFragPacket();
    private final byte[] packet;
    private final byte[] header = new byte[SixlowpanCompressor.MAX_HEADER_LENGTH];
    private final int maxFrameLength;
    private final CounterSink counters;
    private int length;
    private long linkSource;
    private long linkDestination;
    private int headerLength;
    private int consumed;
    private int sent;
    private boolean fragmented;
    private boolean firstSent;
    private boolean active;
    private int tag;
    private int nextTag;

    /**
     * @param capacity       the largest IPv6 packet staged (the interface's IP MTU, 1280 on 6LoWPAN)
     * @param maxFrameLength the largest MAC frame the device sends (its MTU, 125 bytes without FCS)
     * @param counters       where frames ({@link Counters#TX_FRAMES}) and fragments ({@link Counters#TX_FRAGMENTS}) are counted
     * @param firstTag       the datagram tag of the first fragmented datagram (low 16 bits), random at
     *                       boot: a receiver still holding fragments a node sent before it rebooted
     *                       must not merge them with the fragments of its first datagrams after
     */
    public SixlowpanFragmenter(SixlowpanCompressor compressor, Ieee802154Framer framer, int capacity, int maxFrameLength,
            CounterSink counters, int firstTag) {
        if (capacity < 40 || capacity > SixlowpanFragPacket.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("6LoWPAN staging capacity must be 40..2047 bytes, got " + capacity);
        }
        if (maxFrameLength < MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("802.15.4 frame length must be at least " + MIN_FRAME_LENGTH + ", got " + maxFrameLength);
        }
        this.compressor = compressor;
        this.framer = framer;
        this.packet = new byte[capacity];
        this.maxFrameLength = maxFrameLength;
        this.counters = counters;
        this.nextTag = firstTag & 0xffff;
    }

    /** Where the packet to send is staged (write it, then call {@link #start}). */
    public byte[] buffer() {
        return packet;
    }

    public int capacity() {
        return packet.length;
    }

    /** True while frames of the staged packet remain to be sent. */
    public boolean isActive() {
        return active;
    }

    /**
     * Starts sending the {@code length}-byte IPv6 packet now in {@link #buffer()} to
     * {@code linkDestination} ({@link LinkAddress} form). Returns {@link WireStatus#OK}, or the
     * compressor's status for a packet that is no whole IPv6 packet (nothing is sent then).
     */
    public int start(int length, long linkDestination) {
        if (active) {
            throw new IllegalStateException("a packet is still being sent; wait until isActive() is false");
        }
        if (length < 0 || length > packet.length) {
            throw new IllegalArgumentException("packet length must be 0.." + packet.length + ", got " + length);
        }
        long source = framer.sourceFor(Ipv6Address.readLow(packet, 8));
        int compressedLength = compressor.compress(packet, 0, length, source, linkDestination, header, 0);
        if (compressedLength < 0) {
            return compressedLength;
        }
        this.length = length;
        this.linkSource = source;
        this.linkDestination = linkDestination;
        this.headerLength = compressedLength;
        this.consumed = compressor.consumed();
        this.sent = consumed;
        this.firstSent = false;
        int whole = framer.headerLength(source, linkDestination) + compressedLength + length - consumed;
        this.fragmented = whole > maxFrameLength;
        if (fragmented) {
            tag = nextTag;
            nextTag = (nextTag + 1) & 0xffff;
        }
        this.active = true;
        return WireStatus.OK;
    }

    /** The length of the next frame, at most the device's frame length (for {@code prepareTransmit}). */
    public int nextFrameLength() {
        int mac = framer.headerLength(linkSource, linkDestination);
        if (!fragmented) {
            return mac + headerLength + length - consumed;
        }
        int fragmentHeader = firstSent ? SixlowpanFragPacket.NEXT_HEADER_LEN : SixlowpanFragPacket.FIRST_HEADER_LEN;
        return Math.min(maxFrameLength, mac + fragmentHeader + (firstSent ? 0 : headerLength) + length - sent);
    }

    /**
     * Writes the next frame at {@code out[at..]} (room for {@link #nextFrameLength()} bytes),
     * advances, and returns its length; {@link #isActive()} turns false after the last.
     */
    public int writeNextFrame(byte[] out, int at) {
        if (!active) {
            throw new IllegalStateException("no packet is being sent");
        }
        int w = at + framer.emit(out, at, linkSource, linkDestination);
        boolean first = !firstSent;
        if (fragmented) {
            if (first) {
                frag.setFirstFragment(length, tag);
            } else {
                frag.setNextFragment(length, tag, sent / 8);
            }
            frag.emit(fragView.wrap(out, w, frag.bufferLen()));
            w += frag.bufferLen();
        }
        if (first) {
            System.arraycopy(header, 0, out, w, headerLength);
            w += headerLength;
        }
        int data = dataLength(at + maxFrameLength - w);
        System.arraycopy(packet, sent, out, w, data);
        sent += data;
        firstSent = true;
        active = sent < length;
        counters.increment(Counters.TX_FRAMES);
        if (fragmented) {
            counters.increment(Counters.TX_FRAGMENTS);
        }
        return w + data - at;
    }

    /** Octets of the datagram the next frame carries when {@code room} octets are left in it. */
    private int dataLength(int room) {
        int remaining = length - sent;
        if (!fragmented || remaining <= room) {
            return remaining;
        }
        // Every fragment but the last ends on an 8-octet boundary of the uncompressed datagram.
        int end = (sent + room) & ~7;
        return end - sent;
    }
}
