package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.LinkAdapter;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.Pcg32;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.SixlowpanDispatch;
import org.smoltcp4j.wire.WireStatus;

/**
 * The IPv6-over-802.15.4 link of an interface (contract section 4): on the way in, an 802.15.4
 * data frame addressed to this node becomes a full IPv6 packet (decompressed, reassembled from
 * fragments when it came in pieces) handed to the interface's IPv6 ingress; on the way out, the
 * IPv6 packet staged in {@link #stagingBuffer()} is compressed, fragmented when it does not fit
 * one frame, and sent as the device has room.
 *
 * <p>The radio filters frames by PAN and address in hardware where it can; this adapter checks
 * again (a simulated medium or a promiscuous radio delivers everything) and ignores frames that
 * are not data frames for this node. Secured frames are not decrypted: dropped, counted. Every
 * drop is counted in the interface's {@link Counters} through a {@link CounterSink}. Acks are
 * the radio's job. There is no neighbour discovery on 6LoWPAN here (RFC 6775 registration is out
 * of scope): link destinations come from the interface identifier or from frames received
 * ({@link LinkAddress}).
 */
public final class SixlowpanAdapter implements LinkAdapter {

    /** The IPv6 ingress the adapter hands reassembled, decompressed packets to. */
    public interface Ipv6Receiver {
        /**
         * A full IPv6 packet {@code buf[off, off+len)} arrived from 802.15.4 address
         * {@code linkSource} ({@link LinkAddress} form); {@code linkBroadcast} when its frame went to
         * the broadcast address (no ICMP errors about it, RFC 4443 section 2.4).
         */
        void receiveIpv6(byte[] buf, int off, int len, long linkSource, boolean linkBroadcast);
    }

    /** {@link #receive} status: a packet went to the receiver. */
    public static final int DELIVERED = 1;
    /** Status: the frame was taken but completed nothing yet (a fragment), or was a duplicate fragment. */
    public static final int PENDING = 0;
    /** Status: the frame is not a data frame for this node. */
    public static final int NOT_FOR_US = -20;

    private final Ieee802154Frame frame = new Ieee802154Frame();
    private final Ieee802154Repr link = new Ieee802154Repr();
    private final Ieee802154Framer framer;
    private final SixlowpanDecompressor decompressor;
    private final SixlowpanReassembler reassembler;
    private final SixlowpanFragmenter fragmenter;
    private final byte[] packet;
    private final CounterSink counters;
    private final SixlowpanContexts contexts;

    /**
     * @param extendedAddress the node's EUI-64 (the interface's hardware address)
     * @param maxFrameLength the device's largest frame (its MTU: 125 octets, a 127-octet PSDU
     *                       without the FCS the radio appends)
     * @param counters       where frames sent and every drop are counted ({@link Counters} indexes)
     * @param randomSeed     picks the first MAC sequence number and the first datagram tag (random
     *                       at boot, as 802.15.4 wants macDSN; the same seed gives the same values)
     */
    public SixlowpanAdapter(SixlowpanConfig config, long extendedAddress, SixlowpanContexts contexts, int maxFrameLength,
            CounterSink counters, long randomSeed) {
        if (counters == null) {
            throw new NullPointerException("counters is null");
        }
        this.counters = counters;
        this.contexts = contexts;
        Pcg32 random = new Pcg32(randomSeed);
        framer = new Ieee802154Framer(config, extendedAddress, random.nextInt());
        decompressor = new SixlowpanDecompressor(contexts);
        reassembler = new SixlowpanReassembler(decompressor, config.reassemblyBufferCount(), config.reassemblyBufferSize(),
                config.reassemblyTimeoutMicros(), counters);
        fragmenter = new SixlowpanFragmenter(new SixlowpanCompressor(contexts), framer, SixlowpanConfig.IPV6_MTU, maxFrameLength,
                counters, random.nextInt());
        packet = new byte[maxFrameLength + SixlowpanDecompressor.MAX_GROWTH];
    }

    /** Bytes this adapter preallocated for packets (staging, reassembly, decompression), for the RAM budget. */
    public int preallocatedBytes() {
        return fragmenter.capacity() + reassembler.bytes() + packet.length;
    }

    // --- ingress -----------------------------------------------------------------------------

    /**
     * Processes the received MAC frame {@code buf[off, off+len)} (no FCS) at {@code now}: returns
     * {@link #DELIVERED} when it completed an IPv6 packet, now given to {@code receiver};
     * {@link #PENDING}; {@link #NOT_FOR_US}; or a negative status for a frame that was dropped
     * (each kind counted in its {@link Counters} entry).
     */
    public int receive(byte[] buf, int off, int len, long now, Ipv6Receiver receiver) {
        int status = link.parse(frame.wrap(buf, off, len));
        if (status == WireStatus.OK && LinkAddress.of(link.srcAddressingMode(), link.srcAddress()) == LinkAddress.BROADCAST) {
            // No node sends from the broadcast address; learnt as a neighbour's, replies would go to all.
            status = WireStatus.MALFORMED;
        }
        if (status != WireStatus.OK) {
            counters.increment(Counters.RX_LINK_MALFORMED);
            return status;
        }
        if (link.frameType() != Ieee802154Frame.TYPE_DATA || !addressedToUs()) {
            counters.increment(Counters.RX_LINK_NOT_FOR_US);
            return NOT_FOR_US;
        }
        if (link.payloadStatus() != WireStatus.OK) {
            counters.increment(Counters.RX_LINK_SECURED);
            return link.payloadStatus();
        }
        long extendedAddress = framer.extendedAddress();
        long shortAddress = framer.shortAddress();
        long source = LinkAddress.of(link.srcAddressingMode(), link.srcAddress());
        long destination = LinkAddress.of(link.dstAddressingMode(), link.dstAddress());
        int at = frame.payloadOffset();
        int length = frame.payloadLength();
        if (length < 1) {
            counters.increment(Counters.RX_SIXLOWPAN_MALFORMED);
            return WireStatus.TRUNCATED;
        }
        int kind = SixlowpanDispatch.classify(buf[at]);
        if (kind == SixlowpanDispatch.FRAG1 || kind == SixlowpanDispatch.FRAGN) {
            int result = reassembler.accept(buf, at, length, source, destination, now);
            if (result == SixlowpanReassembler.INCOMPLETE || result == SixlowpanReassembler.DUPLICATE) {
                return PENDING;
            }
            if (result < 0) {
                return result;
            }
            return deliver(reassembler.completedBuffer(), result, source, destination, receiver);
        }
        if (kind != SixlowpanDispatch.IPHC && kind != SixlowpanDispatch.IPV6) {
            counters.increment(Counters.RX_SIXLOWPAN_UNSUPPORTED);
            return WireStatus.UNSUPPORTED;
        }
        int result = decompressor.decompress(buf, at, length, link.srcAddressingMode(), link.srcAddress(), link.dstAddressingMode(),
                link.dstAddress(), SixlowpanDecompressor.WHOLE_FRAME, packet, 0, packet.length);
        if (result < 0) {
            counters.increment(Counters.RX_SIXLOWPAN_MALFORMED);
            return result;
        }
        return deliver(packet, result, source, destination, receiver);
    }

    private int deliver(byte[] buf, int len, long source, long destination, Ipv6Receiver receiver) {
        receiver.receiveIpv6(buf, 0, len, source, destination == LinkAddress.BROADCAST);
        return DELIVERED;
    }

    /**
     * A data frame to our PAN (or the broadcast PAN) and our short, extended or the broadcast address;
     * not from ourselves. A frame without a destination address is for the PAN coordinator only
     * (IEEE 802.15.4-2006 7.5.6.2), which this node never is.
     */
    private boolean addressedToUs() {
        int pan = link.dstPan();
        if (pan >= 0 && pan != framer.panId() && pan != Ieee802154Frame.BROADCAST_PAN) {
            return false;
        }
        long extendedAddress = framer.extendedAddress();
        long shortAddress = framer.shortAddress();
        long source = LinkAddress.of(link.srcAddressingMode(), link.srcAddress());
        if (source != LinkAddress.NONE && (source == extendedAddress || source == shortAddress)) {
            return false;
        }
        long destination = LinkAddress.of(link.dstAddressingMode(), link.dstAddress());
        return destination == LinkAddress.BROADCAST || destination == extendedAddress
                || destination == shortAddress && shortAddress != LinkAddress.NONE;
    }

    /** Drops reassemblies older than the timeout at {@code now}. */
    public void expire(long now) {
        reassembler.expire(now);
    }

    // --- egress ------------------------------------------------------------------------------

    /** Where the interface writes the IPv6 packet to send (up to {@link SixlowpanConfig#IPV6_MTU} bytes). */
    public byte[] stagingBuffer() {
        return fragmenter.buffer();
    }

    /** True while a packet's frames are still going out: the staging buffer is not free. */
    @Override
    public boolean isSending() {
        return fragmenter.isActive();
    }

    /**
     * Queues the IPv6 packet {@code packet[off, off+len)} (copied unless it is already in
     * {@link #stagingBuffer()} at offset 0) for {@code linkDestination} ({@link LinkAddress} form);
     * {@link #flush} sends it. A packet that is no whole IPv6 packet, or one for
     * {@link LinkAddress#NONE}, is dropped and counted ({@link Counters#TX_SIXLOWPAN_DROPPED}). Throws while a packet is still being sent or when it is larger than
     * the staging buffer.
     */
    @Override
    public void send(byte[] packet, int off, int len, long linkDestination) {
        if (len < 0 || len > fragmenter.capacity()) {
            throw new IllegalArgumentException("6LoWPAN packet length must be 0.." + fragmenter.capacity() + ", got " + len);
        }
        if (fragmenter.isActive()) {
            throw new IllegalStateException("a packet is still being sent; call flush until isSending() is false");
        }
        if (linkDestination == LinkAddress.NONE) {
            counters.increment(Counters.TX_SIXLOWPAN_DROPPED);
            return;
        }
        if (packet != fragmenter.buffer() || off != 0) {
            System.arraycopy(packet, off, fragmenter.buffer(), 0, len);
        }
        if (fragmenter.start(len, linkDestination) != WireStatus.OK) {
            counters.increment(Counters.TX_SIXLOWPAN_DROPPED);
        }
    }

    /**
     * Sends frames of the queued packet while {@code device} has room; true when a frame went out.
     * The rest waits for the next call.
     */
    @Override
    public boolean flush(Device device, long now) {
        boolean sent = false;
        while (fragmenter.isActive() && device.prepareTransmit(now, fragmenter.nextFrameLength())) {
            int length = fragmenter.writeNextFrame(device.transmitBuffer(), device.transmitOffset());
            device.commitTransmit(length);
            sent = true;
        }
        return sent;
    }

    /** The link address of an IPv6 next hop no received frame has taught: see {@link LinkAddress#ofDestination}. */
    @Override
    public long linkDestinationFor(long high, long low) {
        return LinkAddress.ofDestination(high, low);
    }

    /**
     * The address contexts (RFC 6282 section 3.1.2) this link compresses and decompresses with, for
     * the application to set as its neighbours do, e.g. {@code contexts().set(0, prefixHigh, 0, 64)}
     * for the network's global prefix (RFC 6775 would distribute them; it is out of scope). Read on
     * every packet: a change applies from the next one.
     */
    public SixlowpanContexts contexts() {
        return contexts;
    }

    public Ieee802154Framer framer() {
        return framer;
    }

    public SixlowpanReassembler reassembler() {
        return reassembler;
    }

    public SixlowpanFragmenter fragmenter() {
        return fragmenter;
    }
}
