package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.wire.Ipv6Packet;

/**
 * The 6LoWPAN settings of an interface on an IEEE 802.15.4 medium: the node's PAN and short
 * address, and the sizes and timing of fragment reassembly (the extended address is the
 * interface's hardware address, {@code InterfaceConfig.extendedAddress}). Setters validate and say what is wrong; the
 * adapter allocates its buffers from these numbers once.
 */
public final class SixlowpanConfig {

    /** The short address that means "this node has none" (IEEE 802.15.4 macShortAddress 0xfffe). */
    public static final int NO_SHORT_ADDRESS = 0xfffe;
    /** RFC 4944 section 5.3: a reassembly may wait at most 60 seconds. */
    public static final long MAX_REASSEMBLY_TIMEOUT_MICROS = 60_000_000L;
    /** The largest datagram a fragment header can describe (11-bit datagram_size). */
    public static final int MAX_DATAGRAM_SIZE = 2047;
    /** IPv6's minimum link MTU, which 6LoWPAN provides (RFC 4944 section 4) and the interface uses as its IP MTU. */
    public static final int IPV6_MTU = Ipv6Packet.MIN_MTU;

    private int panId = 0xabcd;
    private int shortAddress = NO_SHORT_ADDRESS;
    private int reassemblyBufferCount = 2;
    private int reassemblyBufferSize = IPV6_MTU;
    private long reassemblyTimeoutMicros = 15_000_000L;

    /** The PAN the node belongs to, 0..0xfffe; default 0xabcd (smoltcp's examples use it too). */
    public SixlowpanConfig panId(int pan) {
        if (pan < 0 || pan > 0xfffe) {
            throw new IllegalArgumentException("PAN ID must be 0..0xfffe (0xffff is the broadcast PAN), got " + pan);
        }
        panId = pan;
        return this;
    }

    /** The node's short address 0..0xfffd, or {@link #NO_SHORT_ADDRESS} (the default) for none. */
    public SixlowpanConfig shortAddress(int address) {
        if (address < 0 || address > NO_SHORT_ADDRESS) {
            throw new IllegalArgumentException("short address must be 0..0xfffd, or 0xfffe for none, got " + address);
        }
        shortAddress = address;
        return this;
    }

    /** Datagrams reassembled from fragments at once; default 2 (0 turns reassembly off). */
    public SixlowpanConfig reassemblyBufferCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("6LoWPAN reassembly buffer count must be at least 0, got " + count);
        }
        reassemblyBufferCount = count;
        return this;
    }

    /** Largest datagram reassembled, 1280..2047 bytes; default 1280 (the IPv6 MTU). */
    public SixlowpanConfig reassemblyBufferSize(int bytes) {
        if (bytes < IPV6_MTU || bytes > MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("6LoWPAN reassembly buffer size must be " + IPV6_MTU + ".." + MAX_DATAGRAM_SIZE
                    + ", got " + bytes);
        }
        reassemblyBufferSize = bytes;
        return this;
    }

    /**
     * How long an incomplete datagram waits for its fragments: up to 60 s (RFC 4944); default 15 s.
     * The fragments of one datagram follow each other within milliseconds on one radio hop, so a
     * datagram missing one after seconds will not complete, and a constrained node should not hold
     * one of its few 1280-byte buffers for the full minute.
     */
    public SixlowpanConfig reassemblyTimeoutMicros(long micros) {
        if (micros <= 0 || micros > MAX_REASSEMBLY_TIMEOUT_MICROS) {
            throw new IllegalArgumentException("6LoWPAN reassembly timeout must be 1..60000000 microseconds (RFC 4944), got "
                    + micros);
        }
        reassemblyTimeoutMicros = micros;
        return this;
    }

    public int panId() {
        return panId;
    }

    public int shortAddress() {
        return shortAddress;
    }

    /** True when a short address is configured. */
    public boolean hasShortAddress() {
        return shortAddress != NO_SHORT_ADDRESS;
    }

    public int reassemblyBufferCount() {
        return reassemblyBufferCount;
    }

    public int reassemblyBufferSize() {
        return reassemblyBufferSize;
    }

    public long reassemblyTimeoutMicros() {
        return reassemblyTimeoutMicros;
    }
}
