package org.smoltcp4j.hal.host;

import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * The {@code struct virtio_net_hdr} (10 bytes, little-endian) that a TAP opened with IFF_VNET_HDR
 * puts in front of every frame, and the checksum work it lets the kernel and us skip.
 *
 * <p>Layout: flags (u8), gso_type (u8), hdr_len, gso_size, csum_start, csum_offset (le16 each).
 * Frames from Linux flagged {@link #NEEDS_CSUM} carry a partial TCP/UDP checksum (the kernel's own
 * packets, never damaged on this virtual link) or {@link #DATA_VALID}; any other TCP or UDP frame,
 * over IPv4 or IPv6, is checked here as a NIC with receive checksum offload would, and dropped
 * when its checksum is wrong. Our TCP frames, over either IP version, go out with
 * {@link #NEEDS_CSUM} and the pseudo-header sum in the checksum field, as Linux's own transmit
 * offload does, so neither side sums the payload; a TCP packet over the MTU goes as one GSO frame
 * ({@link #GSO_TCPV4} or {@link #GSO_TCPV6}) whose segments fill the MTU, which Linux delivers
 * locally without cutting it.
 */
final class VirtioNetHeader {

    static final int LENGTH = 10;
    static final int NEEDS_CSUM = 1;
    static final int DATA_VALID = 2;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;

    private static final int ETHERNET_HEADER = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int IPV6_HEADER = 40;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int TCP_CHECKSUM_OFFSET = 16;
    private static final int UDP_CHECKSUM_OFFSET = 6;
    /** Where the IP header starts in the buffer: after this header and the Ethernet header. */
    private static final int IP = LENGTH + ETHERNET_HEADER;

    private VirtioNetHeader() {
    }

    /**
     * Whether the received Ethernet frame at {@code buf[LENGTH ..]} of {@code frameLength} bytes
     * may go to a stack that does not verify TCP and UDP checksums: true when the header vouches for
     * it, when it is not TCP or UDP over IPv4 or IPv6, or when its checksum verifies. A UDP datagram
     * over IPv6 without a checksum is dropped (RFC 8200 8.1 forbids it); over IPv4 it has none to check.
     */
    static boolean acceptReceived(byte[] buf, int frameLength) {
        if ((buf[0] & (NEEDS_CSUM | DATA_VALID)) != 0) {
            return true;
        }
        int layout = transportLayout(buf, frameLength);
        int protocol = layout & 0xff;
        if (layout < 0 || protocol != TCP && protocol != UDP) {
            return true;
        }
        int transport = layout >>> 8;
        int segmentLength = Math.min(ipEnd(buf), LENGTH + frameLength) - transport;
        if (segmentLength < (protocol == TCP ? 20 : 8)) {
            return true; // truncated: the stack's parser counts it as malformed
        }
        if (protocol == UDP && NetworkBytes.getU16(buf, transport + UDP_CHECKSUM_OFFSET) == 0) {
            return !isIpv6(buf); // no UDP checksum was sent
        }
        long sum = pseudoHeader(buf, protocol, segmentLength);
        return Checksum.verifies(Checksum.accumulate(sum, buf, transport, segmentLength));
    }

    /**
     * Writes the header for the frame at {@code buf[LENGTH ..]}: TCP over IPv4 or IPv6 gets
     * {@link #NEEDS_CSUM} with its checksum field set to the pseudo-header sum, so the kernel
     * (which trusts it for local delivery) and we skip the payload sum, and when longer than
     * {@code ipMtu} the GSO fields that cut it into segments filling the MTU; anything else gets an
     * empty header (its checksums are complete).
     */
    static void fillForTransmit(byte[] buf, int frameLength, int ipMtu) {
        NetworkBytes.fill(buf, 0, LENGTH, (byte) 0);
        int layout = transportLayout(buf, frameLength);
        if (layout < 0 || (layout & 0xff) != TCP) {
            return;
        }
        int tcp = layout >>> 8;
        int segmentLength = ipEnd(buf) - tcp;
        int partial = Checksum.fold(pseudoHeader(buf, TCP, segmentLength));
        buf[tcp + TCP_CHECKSUM_OFFSET] = (byte) (partial >>> 8);
        buf[tcp + TCP_CHECKSUM_OFFSET + 1] = (byte) partial;
        buf[0] = NEEDS_CSUM;
        putLe16(buf, 6, tcp - LENGTH);
        putLe16(buf, 8, TCP_CHECKSUM_OFFSET);
        int ipHeaders = tcp - IP;
        int headersLength = ipHeaders + ((buf[tcp + 12] & 0xf0) >>> 2);
        if (ipHeaders + segmentLength > ipMtu) {
            buf[1] = (byte) (isIpv6(buf) ? GSO_TCPV6 : GSO_TCPV4);
            putLe16(buf, 2, ETHERNET_HEADER + headersLength);
            putLe16(buf, 4, ipMtu - headersLength);
        }
    }

    /**
     * Where the transport header of a whole, unfragmented IPv4 or IPv6 packet starts in
     * {@code buf} (after IPv6's hop-by-hop, routing and destination options headers), shifted left
     * by 8 and or-ed with its protocol; -1 for any other frame.
     */
    private static int transportLayout(byte[] buf, int frameLength) {
        int end = LENGTH + frameLength;
        if (frameLength < ETHERNET_HEADER + 20) {
            return -1;
        }
        int etherType = NetworkBytes.getU16(buf, LENGTH + 12);
        if (etherType == ETHERTYPE_IPV4 && (buf[IP] & 0xf0) == 0x40) {
            int headerLength = (buf[IP] & 0x0f) * 4;
            boolean fragment = (NetworkBytes.getU16(buf, IP + 6) & 0x3fff) != 0;
            if (headerLength < 20 || IP + headerLength > end || NetworkBytes.getU16(buf, IP + 2) < headerLength || fragment) {
                return -1;
            }
            return (IP + headerLength) << 8 | (buf[IP + 9] & 0xff);
        }
        if (etherType != ETHERTYPE_IPV6 || !isIpv6(buf) || IP + IPV6_HEADER > end) {
            return -1;
        }
        int next = buf[IP + 6] & 0xff;
        int at = IP + IPV6_HEADER;
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS) {
            if (at + 2 > end) {
                return -1;
            }
            next = buf[at] & 0xff;
            at += ((buf[at + 1] & 0xff) + 1) * 8;
        }
        // A fragment header (44) is no transport: only the whole datagram has a checksum to check.
        return at > Math.min(ipEnd(buf), end) ? -1 : at << 8 | next;
    }

    private static boolean isIpv6(byte[] buf) {
        return (buf[IP] & 0xf0) == 0x60;
    }

    /** Where the IP packet ends in {@code buf}, as its header says (the frame may be padded). */
    private static int ipEnd(byte[] buf) {
        return isIpv6(buf) ? IP + IPV6_HEADER + NetworkBytes.getU16(buf, IP + 4) : IP + NetworkBytes.getU16(buf, IP + 2);
    }

    private static long pseudoHeader(byte[] buf, int protocol, int segmentLength) {
        if (isIpv6(buf)) {
            return Checksum.ipv6PseudoHeader(NetworkBytes.getU64(buf, IP + 8), NetworkBytes.getU64(buf, IP + 16),
                    NetworkBytes.getU64(buf, IP + 24), NetworkBytes.getU64(buf, IP + 32), protocol, segmentLength);
        }
        return Checksum.ipv4PseudoHeader(NetworkBytes.getU32(buf, IP + 12), NetworkBytes.getU32(buf, IP + 16), protocol, segmentLength);
    }

    private static void putLe16(byte[] buf, int at, int value) {
        buf[at] = (byte) value;
        buf[at + 1] = (byte) (value >>> 8);
    }
}
