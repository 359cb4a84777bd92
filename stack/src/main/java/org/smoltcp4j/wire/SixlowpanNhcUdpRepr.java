package org.smoltcp4j.wire;

/**
 * The meaning of a LOWPAN_NHC UDP header: the two ports. {@link #emit} picks the smallest port
 * encoding (0xF0Bx pairs in one octet, then 0xF0xx on either side) and always carries the
 * checksum in-line, as smoltcp does: RFC 6282 section 4.3.2 allows eliding it only when an upper
 * layer protects the datagram, which this stack never assumes. {@link #parse} accepts a header that
 * elides it (smoltcp does too; {@link SixlowpanNhcUdpPacket#checksumElided} tells the caller).
 *
 * <p>The checksum covers the uncompressed UDP header and payload and the IPv6 pseudo-header of the
 * uncompressed addresses, so the view must end where the datagram ends: check reassembled
 * datagrams, not single fragments.
 */
public final class SixlowpanNhcUdpRepr {

    private int srcPort;
    private int dstPort;

    /**
     * Fills this holder from {@code packet}. Returns the status of {@link SixlowpanNhcUdpPacket#check},
     * or {@link WireStatus#BAD_CHECKSUM} when {@code verifyChecksum} and an in-line checksum does not
     * verify over the pseudo-header of the given addresses (a zero checksum never verifies for IPv6).
     */
    public int parse(SixlowpanNhcUdpPacket packet, boolean verifyChecksum, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.checksumElided()) {
            long sum = Checksum.addWord(sum(packet, srcHigh, srcLow, dstHigh, dstLow), packet.checksum());
            if (packet.checksum() == 0 || !Checksum.verifies(sum)) {
                return WireStatus.BAD_CHECKSUM;
            }
        }
        srcPort = packet.srcPort();
        dstPort = packet.dstPort();
        return WireStatus.OK;
    }

    /** Running sum of pseudo-header, uncompressed UDP header without checksum, and payload. */
    private static long sum(SixlowpanNhcUdpPacket packet, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int udpLength = 8 + packet.payloadLength();
        long sum = Checksum.ipv6PseudoHeader(srcHigh, srcLow, dstHigh, dstLow, IpProtocol.UDP, udpLength);
        sum = Checksum.addWord(Checksum.addWord(Checksum.addWord(sum, packet.srcPort()), packet.dstPort()), udpLength);
        return Checksum.accumulate(sum, packet.buffer(), packet.payloadOffset(), packet.payloadLength());
    }

    private int portsMode() {
        if ((srcPort & 0xfff0) == 0xf0b0 && (dstPort & 0xfff0) == 0xf0b0) {
            return SixlowpanNhcUdpPacket.PORTS_4_4;
        }
        if ((srcPort & 0xff00) == 0xf000) {
            return SixlowpanNhcUdpPacket.PORTS_SRC_8;
        }
        return (dstPort & 0xff00) == 0xf000 ? SixlowpanNhcUdpPacket.PORTS_DST_8 : SixlowpanNhcUdpPacket.PORTS_INLINE;
    }

    /** Header bytes {@link #emit} writes: NHC octet, ports, checksum. */
    public int bufferLen() {
        return 1 + SixlowpanNhcUdpPacket.portsSize(portsMode()) + 2;
    }

    /**
     * Writes the header with a zero checksum into {@code packet}, which must be at least
     * {@link #bufferLen()} long; call {@link #fillChecksum} once the payload is in place, or leave
     * it for offload.
     */
    public void emit(SixlowpanNhcUdpPacket packet) {
        if (packet.length() < bufferLen()) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes cannot hold the "
                    + bufferLen() + "-byte UDP NHC header");
        }
        packet.setHeader(portsMode(), false);
        packet.setPorts(srcPort, dstPort);
        packet.setChecksum(0);
    }

    /** Computes the checksum of the emitted header and the payload that ends the view, and writes it. */
    public static void fillChecksum(SixlowpanNhcUdpPacket packet, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int checksum = Checksum.finish(sum(packet, srcHigh, srcLow, dstHigh, dstLow));
        packet.setChecksum(checksum == 0 ? 0xffff : checksum);
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public SixlowpanNhcUdpRepr setSrcPort(int port) {
        srcPort = requirePort("source", port);
        return this;
    }

    public SixlowpanNhcUdpRepr setDstPort(int port) {
        dstPort = requirePort("destination", port);
        return this;
    }

    private static int requirePort(String what, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException(what + " port must be 0..65535, got " + port);
        }
        return port;
    }

    /** tcpdump-style: {@code NHC-UDP src=61617 dst=61441}. */
    public StringBuilder appendTo(StringBuilder out) {
        return out.append("NHC-UDP src=").append(srcPort).append(" dst=").append(dstPort);
    }
}
