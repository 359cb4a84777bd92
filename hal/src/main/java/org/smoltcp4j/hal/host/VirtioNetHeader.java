package org.smoltcp4j.hal.host;

import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * The {@code struct virtio_net_hdr} (10 bytes, little-endian) that a TAP opened with IFF_VNET_HDR
 * puts in front of every frame, and the checksum work it lets the kernel and us skip.
 *
 * <p>Layout: flags (u8), gso_type (u8), hdr_len, gso_size, csum_start, csum_offset (le16 each).
 * Frames from Linux flagged {@link #NEEDS_CSUM} carry a partial TCP/UDP checksum (the kernel's own
 * packets, never damaged on this virtual link) or {@link #DATA_VALID}; any other frame is checked
 * here as a NIC with receive checksum offload would, and dropped when its checksum is wrong. Our
 * TCP frames go out with {@link #NEEDS_CSUM} and the pseudo-header sum in the checksum field, as
 * Linux's own transmit offload does, so neither side sums the payload; a TCP packet over the MTU
 * goes as one GSO frame ({@link #GSO_TCPV4}) whose segments fill the MTU, which Linux delivers
 * locally without cutting it.
 */
final class VirtioNetHeader {

    static final int LENGTH = 10;
    static final int NEEDS_CSUM = 1;
    static final int DATA_VALID = 2;
    static final int GSO_TCPV4 = 1;

    private static final int ETHERNET_HEADER = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int TCP_CHECKSUM_OFFSET = 16;
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private VirtioNetHeader() {
    }

    /**
     * Whether the received Ethernet frame at {@code buf[LENGTH ..]} of {@code frameLength} bytes
     * may go to a stack that does not verify TCP and UDP checksums: true when the header vouches for
     * it, when it is not TCP or UDP over IPv4, or when its checksum verifies.
     */
    static boolean acceptReceived(byte[] buf, int frameLength) {
        if ((buf[0] & (NEEDS_CSUM | DATA_VALID)) != 0) {
            return true;
        }
        int ip = LENGTH + ETHERNET_HEADER;
        int protocol = transportOf(buf, frameLength);
        if (protocol != TCP && protocol != UDP) {
            return true;
        }
        int headerLength = (buf[ip] & 0x0f) * 4;
        int totalLength = Math.min(NetworkBytes.getU16(buf, ip + 2), frameLength - ETHERNET_HEADER);
        int segmentLength = totalLength - headerLength;
        if (segmentLength < (protocol == TCP ? 20 : 8)) {
            return true; // truncated: the stack's parser counts it as malformed
        }
        if (protocol == UDP && NetworkBytes.getU16(buf, ip + headerLength + UDP_CHECKSUM_OFFSET) == 0) {
            return true; // no UDP checksum was sent
        }
        long sum = Checksum.ipv4PseudoHeader(NetworkBytes.getU32(buf, ip + 12), NetworkBytes.getU32(buf, ip + 16), protocol, segmentLength);
        return Checksum.verifies(Checksum.accumulate(sum, buf, ip + headerLength, segmentLength));
    }

    /**
     * Writes the header for the frame at {@code buf[LENGTH ..]}: TCP over IPv4 gets
     * {@link #NEEDS_CSUM} with its checksum field set to the pseudo-header sum, so the kernel
     * (which trusts it for local delivery) and we skip the payload sum, and when longer than
     * {@code ipMtu} the GSO fields that cut it into segments filling the MTU; anything else gets an
     * empty header (its checksums are complete).
     */
    static void fillForTransmit(byte[] buf, int frameLength, int ipMtu) {
        NetworkBytes.fill(buf, 0, LENGTH, (byte) 0);
        if (transportOf(buf, frameLength) != TCP) {
            return;
        }
        int ip = LENGTH + ETHERNET_HEADER;
        int headerLength = (buf[ip] & 0x0f) * 4;
        int segmentLength = NetworkBytes.getU16(buf, ip + 2) - headerLength;
        int tcp = ip + headerLength;
        int partial = Checksum.fold(Checksum.ipv4PseudoHeader(NetworkBytes.getU32(buf, ip + 12), NetworkBytes.getU32(buf, ip + 16), TCP, segmentLength));
        buf[tcp + TCP_CHECKSUM_OFFSET] = (byte) (partial >>> 8);
        buf[tcp + TCP_CHECKSUM_OFFSET + 1] = (byte) partial;
        buf[0] = NEEDS_CSUM;
        putLe16(buf, 6, ETHERNET_HEADER + headerLength);
        putLe16(buf, 8, TCP_CHECKSUM_OFFSET);
        int headersLength = headerLength + ((buf[tcp + 12] & 0xf0) >>> 2);
        if (headerLength + segmentLength > ipMtu) {
            buf[1] = GSO_TCPV4;
            putLe16(buf, 2, ETHERNET_HEADER + headersLength);
            putLe16(buf, 4, ipMtu - headersLength);
        }
    }

    /** The IP protocol of an unfragmented IPv4 frame with a whole IP header, else -1. */
    private static int transportOf(byte[] buf, int frameLength) {
        int ip = LENGTH + ETHERNET_HEADER;
        if (frameLength < ETHERNET_HEADER + 20 || NetworkBytes.getU16(buf, LENGTH + 12) != ETHERTYPE_IPV4 || (buf[ip] & 0xf0) != 0x40) {
            return -1;
        }
        int headerLength = (buf[ip] & 0x0f) * 4;
        boolean fragment = (NetworkBytes.getU16(buf, ip + 6) & 0x3fff) != 0;
        if (headerLength < 20 || frameLength < ETHERNET_HEADER + headerLength || NetworkBytes.getU16(buf, ip + 2) < headerLength || fragment) {
            return -1;
        }
        return buf[ip + 9] & 0xff;
    }

    private static void putLe16(byte[] buf, int at, int value) {
        buf[at] = (byte) value;
        buf[at + 1] = (byte) (value >>> 8);
    }
}
