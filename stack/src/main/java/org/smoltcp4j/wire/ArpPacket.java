package org.smoltcp4j.wire;

/**
 * A view of an ARP packet (RFC 826) over {@code buf[off, off+len)}. {@link #check} validates the
 * lengths implied by the hardware and protocol address sizes; after it returns OK no accessor
 * fails. The address accessors assume Ethernet/IPv4 sizes, which {@link ArpRepr#parse} checks.
 */
public final class ArpPacket extends PacketView {

    /** Fixed part: hardware type, protocol type, the two address lengths, operation. */
    public static final int FIXED_LEN = 8;
    /** Whole packet for Ethernet hardware and IPv4 protocol addresses. */
    public static final int ETHERNET_IPV4_LEN = FIXED_LEN + 2 * (6 + 4);
    public static final int HARDWARE_ETHERNET = 1;
    public static final int OPERATION_REQUEST = 1;
    public static final int OPERATION_REPLY = 2;

    public ArpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when shorter than the fixed part plus both pairs of addresses it announces. */
    @Override
    public int check() {
        if (len < FIXED_LEN || len < FIXED_LEN + 2 * (hardwareLength() + protocolLength())) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    public int hardwareType() {
        return NetworkBytes.getU16(buf, off);
    }

    public int protocolType() {
        return NetworkBytes.getU16(buf, off + 2);
    }

    public int hardwareLength() {
        return NetworkBytes.getU8(buf, off + 4);
    }

    public int protocolLength() {
        return NetworkBytes.getU8(buf, off + 5);
    }

    public int operation() {
        return NetworkBytes.getU16(buf, off + 6);
    }

    public long senderHardwareAddress() {
        return NetworkBytes.getU48(buf, off + 8);
    }

    public int senderProtocolAddress() {
        return NetworkBytes.getU32(buf, off + 14);
    }

    public long targetHardwareAddress() {
        return NetworkBytes.getU48(buf, off + 18);
    }

    public int targetProtocolAddress() {
        return NetworkBytes.getU32(buf, off + 24);
    }

    /** Writes the fixed part for Ethernet/IPv4 with the given operation. */
    public void setEthernetIpv4Header(int operation) {
        NetworkBytes.setU16(buf, off, HARDWARE_ETHERNET);
        NetworkBytes.setU16(buf, off + 2, EtherType.IPV4);
        NetworkBytes.setU8(buf, off + 4, 6);
        NetworkBytes.setU8(buf, off + 5, 4);
        NetworkBytes.setU16(buf, off + 6, operation);
    }

    public void setSenderHardwareAddress(long mac) {
        NetworkBytes.setU48(buf, off + 8, mac);
    }

    public void setSenderProtocolAddress(int address) {
        NetworkBytes.setU32(buf, off + 14, address);
    }

    public void setTargetHardwareAddress(long mac) {
        NetworkBytes.setU48(buf, off + 18, mac);
    }

    public void setTargetProtocolAddress(int address) {
        NetworkBytes.setU32(buf, off + 24, address);
    }
}
