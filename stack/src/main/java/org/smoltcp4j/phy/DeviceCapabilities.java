package org.smoltcp4j.phy;

/**
 * What a device can do, fixed when it is built: its medium, the largest frame it carries, how many
 * frames it takes in one burst, and which checksums the stack must compute and verify in software.
 *
 * <p>Checksum offload follows smoltcp: per protocol, a mode says in which directions the software
 * does the work; where it does not, the hardware does (it fills checksums on transmit, or has
 * verified them on receive).
 */
public final class DeviceCapabilities {

    /** Software computes checksums on transmit and verifies them on receive (no offload). */
    public static final int CHECKSUM_BOTH = 0;
    /** Software verifies on receive only; the hardware fills them on transmit. */
    public static final int CHECKSUM_RX = 1;
    /** Software computes on transmit only; the hardware has verified them on receive. */
    public static final int CHECKSUM_TX = 2;
    /** The hardware does both. */
    public static final int CHECKSUM_NONE = 3;

    /** Protocols whose checksums can be offloaded, indexes for {@link #setChecksum}. */
    public static final int PROTOCOL_IPV4 = 0;
    public static final int PROTOCOL_UDP = 1;
    public static final int PROTOCOL_TCP = 2;
    public static final int PROTOCOL_ICMPV4 = 3;
    public static final int PROTOCOL_ICMPV6 = 4;
    private static final int PROTOCOLS = 5;

    private final int medium;
    private final int mtu;
    private final int maxBurstSize;
    private final int[] checksums = new int[PROTOCOLS];
    private int tcpSegmentationLimit;

    /**
     * @param medium       one of {@link Medium}
     * @param mtu          the largest frame in bytes, link header included for Ethernet and
     *                     802.15.4 (as smoltcp counts it), at least 1
     * @param maxBurstSize how many frames the device accepts back to back, or 0 for no limit
     */
    public DeviceCapabilities(int medium, int mtu, int maxBurstSize) {
        if (!Medium.isValid(medium)) {
            throw new IllegalArgumentException("medium must be Medium.ETHERNET, IP or IEEE802154, got " + medium);
        }
        if (mtu < 1) {
            throw new IllegalArgumentException("MTU must be at least 1 byte, got " + mtu);
        }
        if (maxBurstSize < 0) {
            throw new IllegalArgumentException("max burst size must be 0 (no limit) or more, got " + maxBurstSize);
        }
        this.medium = medium;
        this.mtu = mtu;
        this.maxBurstSize = maxBurstSize;
    }

    public int medium() {
        return medium;
    }

    public int mtu() {
        return mtu;
    }

    /** Frames the device accepts back to back; 0 means no limit. */
    public int maxBurstSize() {
        return maxBurstSize;
    }

    /** Sets the offload mode of one protocol; returns this for chaining at construction. */
    public DeviceCapabilities setChecksum(int protocol, int mode) {
        if (protocol < 0 || protocol >= PROTOCOLS) {
            throw new IllegalArgumentException("checksum protocol must be 0.." + (PROTOCOLS - 1) + ", got " + protocol);
        }
        if (mode < CHECKSUM_BOTH || mode > CHECKSUM_NONE) {
            throw new IllegalArgumentException("checksum mode must be CHECKSUM_BOTH, _RX, _TX or _NONE, got " + mode);
        }
        checksums[protocol] = mode;
        return this;
    }

    public int checksum(int protocol) {
        return checksums[protocol];
    }

    /** True when the stack must verify this protocol's checksum on received packets. */
    public boolean verifyOnReceive(int protocol) {
        int mode = checksums[protocol];
        return mode == CHECKSUM_BOTH || mode == CHECKSUM_RX;
    }

    /** True when the stack must fill this protocol's checksum in packets it sends. */
    public boolean computeOnTransmit(int protocol) {
        int mode = checksums[protocol];
        return mode == CHECKSUM_BOTH || mode == CHECKSUM_TX;
    }

    /** The largest IP packet: the MTU less the Ethernet header on Ethernet (802.15.4 needs 6LoWPAN). */
    public int ipMtu() {
        return medium == Medium.ETHERNET ? mtu - 14 : mtu;
    }

    /**
     * Declares TCP segmentation offload (TSO): the device takes TCP/IPv4 packets of up to
     * {@code maxIpLength} bytes and sends each as segments that fill the MTU, every one with the
     * packet's TCP options and payload of {@code ipMtu() - IP header - TCP header} bytes, the last
     * one shorter. The stack then hands it such packets when the peer's MSS allows full segments.
     * 0 (the default) or {@link #ipMtu()} means no offload. Returns this for chaining.
     */
    public DeviceCapabilities setTcpSegmentationLimit(int maxIpLength) {
        if (maxIpLength != 0 && (maxIpLength < ipMtu() || maxIpLength > 0xffff)) {
            throw new IllegalArgumentException("TCP segmentation limit must be 0 (none) or " + ipMtu() + "..65535 bytes, got " + maxIpLength);
        }
        this.tcpSegmentationLimit = maxIpLength;
        return this;
    }

    /** The largest TCP/IPv4 packet the device takes: {@link #ipMtu()} unless it segments larger ones. */
    public int tcpSegmentationLimit() {
        return Math.max(tcpSegmentationLimit, ipMtu());
    }

    /** The longest frame the stack may hand the device: the MTU, or a TSO packet with its link header. */
    public int maxTransmitLength() {
        return mtu + tcpSegmentationLimit() - ipMtu();
    }
}
