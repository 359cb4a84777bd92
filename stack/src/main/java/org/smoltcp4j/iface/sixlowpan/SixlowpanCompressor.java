package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.SixlowpanIphcPacket;
import org.smoltcp4j.wire.SixlowpanIphcRepr;
import org.smoltcp4j.wire.SixlowpanNhcUdpPacket;
import org.smoltcp4j.wire.SixlowpanNhcUdpRepr;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.WireStatus;

/**
 * Compresses the headers of a full IPv6 packet for one 802.15.4 hop: LOWPAN_IPHC (RFC 6282) with
 * the smallest address encoding the link-layer addresses and contexts allow (an interface
 * identifier the frame's address gives is elided, ff02::1 shrinks to one octet), traffic class and
 * flow label elided when zero, hop limits 1, 64 and 255 coded in two bits; then, for UDP,
 * LOWPAN_NHC UDP with the checksum carried (never elided: RFC 6282 section 4.3.2 requires an
 * upper layer's authorization this stack never has). Other next headers follow in-line.
 *
 * <p>Only the headers are written: {@link #consumed()} tells how many bytes of the packet they
 * replace, so the caller copies (or fragments) the rest.
 */
public final class SixlowpanCompressor {

    /** The most bytes {@link #compress} writes: IPHC (2 + 1 + 4 + 1 + 1 + 16 + 16) and NHC UDP (1 + 4 + 2). */
    public static final int MAX_HEADER_LENGTH = 48;

    private final Ipv6Packet ipv6 = new Ipv6Packet();
    private final UdpPacket udp = new UdpPacket();
    private final SixlowpanIphcRepr iphc;
    private final SixlowpanIphcPacket iphcView = new SixlowpanIphcPacket();
    private final SixlowpanNhcUdpRepr nhcUdp = new SixlowpanNhcUdpRepr();
    private final SixlowpanNhcUdpPacket nhcUdpView = new SixlowpanNhcUdpPacket();
    private int consumed;

    /** A compressor that may use the address contexts in {@code contexts} (shared). */
    public SixlowpanCompressor(SixlowpanContexts contexts) {
        iphc = new SixlowpanIphcRepr(contexts);
    }

    /**
     * Writes the compressed headers of the IPv6 packet {@code packet[off, off+len)}, sent from link
     * address {@code linkSource} to {@code linkDestination} ({@link LinkAddress} form), at
     * {@code out[outOff..]} (at least {@link #MAX_HEADER_LENGTH} bytes of room). Returns the bytes
     * written, or {@link WireStatus#MALFORMED} / {@link WireStatus#TRUNCATED} when the packet is
     * not a whole IPv6 packet.
     */
    public int compress(byte[] packet, int off, int len, long linkSource, long linkDestination, byte[] out, int outOff) {
        int status = ipv6.wrap(packet, off, len).check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (ipv6.totalLength() != len) {
            return WireStatus.MALFORMED;
        }
        int nextHeader = ipv6.nextHeader();
        boolean udpCompressed = nextHeader == IpProtocol.UDP && udp.wrap(packet, ipv6.payloadOffset(), ipv6.payloadLength()).check() == WireStatus.OK
                && udp.datagramLength() == ipv6.payloadLength();
        int trafficClass = ipv6.trafficClass();
        iphc.setSource(ipv6.sourceHigh(), ipv6.sourceLow()).setDestination(ipv6.destinationHigh(), ipv6.destinationLow())
                .setLinkLayerSource(LinkAddress.mode(linkSource), LinkAddress.value(linkSource))
                .setLinkLayerDestination(LinkAddress.mode(linkDestination), LinkAddress.value(linkDestination))
                .setNextHeader(nextHeader, udpCompressed).setHopLimit(ipv6.hopLimit())
                .setTrafficClass(trafficClass & 3, trafficClass >>> 2, ipv6.flowLabel());
        int headerLength = iphc.bufferLen();
        iphc.emit(iphcView.wrap(out, outOff, headerLength));
        consumed = Ipv6Packet.HEADER_LEN;
        if (!udpCompressed) {
            return headerLength;
        }
        nhcUdp.setSrcPort(udp.sourcePort()).setDstPort(udp.destinationPort());
        int udpLength = nhcUdp.bufferLen();
        nhcUdp.emit(nhcUdpView.wrap(out, outOff + headerLength, udpLength));
        nhcUdpView.setChecksum(udp.checksum());
        consumed += UdpPacket.HEADER_LEN;
        return headerLength + udpLength;
    }

    /** Bytes of the last compressed packet its headers replace (40, or 48 with NHC UDP). */
    public int consumed() {
        return consumed;
    }
}
