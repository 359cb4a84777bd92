package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Packet;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.SixlowpanContexts;
import org.smoltcp4j.wire.SixlowpanDispatch;
import org.smoltcp4j.wire.SixlowpanIphcPacket;
import org.smoltcp4j.wire.SixlowpanIphcRepr;
import org.smoltcp4j.wire.SixlowpanNhcExtPacket;
import org.smoltcp4j.wire.SixlowpanNhcExtRepr;
import org.smoltcp4j.wire.SixlowpanNhcUdpPacket;
import org.smoltcp4j.wire.UdpPacket;
import org.smoltcp4j.wire.WireStatus;

/**
 * Turns the 6LoWPAN payload of one 802.15.4 frame (LOWPAN_IPHC with LOWPAN_NHC UDP and extension
 * headers, RFC 6282, or the uncompressed IPv6 dispatch 0x41, RFC 4944) back into the IPv6 packet it
 * stands for, written into the caller's buffer.
 *
 * <p>Lengths are never carried: the IPv6 payload length and the UDP length come from the frame's
 * end, or from the datagram size of the fragment header the payload followed. A UDP checksum
 * the sender elided is recomputed (RFC 6282 section 4.3.2: the decompressor must supply it);
 * for a first fragment it can only be computed once the datagram is whole, so {@link #udpOffset()}
 * and {@link #udpChecksumElided()} tell the reassembler to call {@link #fillUdpChecksum} then.
 * Bad input yields a negative status, never an exception.
 */
public final class SixlowpanDecompressor {

    /** Status: the decompressed packet does not fit the output buffer. */
    public static final int TOO_LARGE = -16;
    /**
     * Octets a frame's headers may grow by when decompressed, for sizing output buffers: IPHC 38,
     * NHC UDP 6, and the padding of a dozen NHC extension headers. Input that grows more (only
     * contrived chains of empty extension headers do) is refused as {@link #TOO_LARGE}.
     */
    public static final int MAX_GROWTH = 128;
    /** Unknown datagram size: the frame holds the whole packet. */
    public static final int WHOLE_FRAME = -1;

    private static final int PAD1 = 0;
    private static final int PADN = 1;

    private final SixlowpanIphcPacket iphcView = new SixlowpanIphcPacket();
    private final SixlowpanIphcRepr iphc;
    private final SixlowpanNhcUdpPacket udpView = new SixlowpanNhcUdpPacket();
    private final SixlowpanNhcExtPacket extView = new SixlowpanNhcExtPacket();
    private final SixlowpanNhcExtRepr ext = new SixlowpanNhcExtRepr();
    private final UdpPacket udpPacket = new UdpPacket();

    private int udpOffset = -1;
    private boolean udpChecksumElided;

    /** A decompressor that resolves context-based addresses with {@code contexts} (shared). */
    public SixlowpanDecompressor(SixlowpanContexts contexts) {
        iphc = new SixlowpanIphcRepr(contexts);
    }

    /**
     * Decompresses {@code in[off, off+len)}, a 6LoWPAN payload starting with an IPHC or IPv6
     * dispatch, into {@code out[outOff, outOff+outCapacity)}, and returns the bytes written: the
     * uncompressed headers and the rest of the payload copied after them. The IPv6 header's payload
     * length (and a UDP header's length) describe a packet of {@code datagramSize} bytes, or of the
     * bytes written with {@link #WHOLE_FRAME}.
     *
     * @param llSrcMode    the frame's source addressing mode, {@code llSrc} its address (for elided IIDs)
     * @param llDstMode    the frame's destination addressing mode, {@code llDst} its address
     * @param datagramSize the uncompressed size from a FRAG1 header, or {@link #WHOLE_FRAME}
     * @return the bytes written, or a negative status: a {@link WireStatus} for bad input,
     *         {@link #TOO_LARGE} when the output does not fit {@code outCapacity} bytes or the
     *         datagram size is smaller than what the frame already holds ({@link WireStatus#MALFORMED})
     */
    public int decompress(byte[] in, int off, int len, int llSrcMode, long llSrc, int llDstMode, long llDst,
            int datagramSize, byte[] out, int outOff, int outCapacity) {
        udpOffset = -1;
        udpChecksumElided = false;
        if (len < 1) {
            return WireStatus.TRUNCATED;
        }
        int kind = SixlowpanDispatch.classify(in[off]);
        if (kind == SixlowpanDispatch.IPV6) {
            return copyUncompressed(in, off + 1, len - 1, datagramSize, out, outOff, outCapacity);
        }
        if (kind != SixlowpanDispatch.IPHC) {
            return WireStatus.UNSUPPORTED;
        }
        int status = iphc.parse(iphcView.wrap(in, off, len), llSrcMode, llSrc, llDstMode, llDst);
        if (status != WireStatus.OK) {
            return status;
        }
        int end = off + len;
        int at = iphcView.payloadOffset();
        int w = outOff + Ipv6Packet.HEADER_LEN;
        int limit = outOff + outCapacity;
        if (w > limit) {
            return TOO_LARGE;
        }
        boolean compressed = iphc.nextHeaderCompressed();
        while (compressed) {
            if (SixlowpanDispatch.classifyNhc(in[at]) == SixlowpanDispatch.NHC_UDP) {
                status = udpView.wrap(in, at, end - at).check();
                if (status != WireStatus.OK) {
                    return status;
                }
                if (w + UdpPacket.HEADER_LEN > limit) {
                    return TOO_LARGE;
                }
                NetworkBytes.setU16(out, w, udpView.srcPort());
                NetworkBytes.setU16(out, w + 2, udpView.dstPort());
                NetworkBytes.setU16(out, w + 6, udpView.checksumElided() ? 0 : udpView.checksum());
                udpOffset = w - outOff;
                udpChecksumElided = udpView.checksumElided();
                at += udpView.headerLength();
                w += UdpPacket.HEADER_LEN;
                break;
            }
            status = ext.parse(extView.wrap(in, at, end - at));
            if (status != WireStatus.OK) {
                return status;
            }
            w = writeExtensionHeader(in, out, w, limit);
            if (w < 0) {
                return w;
            }
            at = extView.nextOffset();
            compressed = ext.nextHeaderCompressed();
            if (compressed && at >= end) {
                return WireStatus.TRUNCATED;
            }
        }
        int rest = end - at;
        if (w + rest > limit) {
            return TOO_LARGE;
        }
        System.arraycopy(in, at, out, w, rest);
        int written = w + rest - outOff;
        int total = datagramSize == WHOLE_FRAME ? written : datagramSize;
        if (total < written) {
            return WireStatus.MALFORMED;
        }
        writeIpv6Header(out, outOff, total);
        if (udpOffset >= 0) {
            NetworkBytes.setU16(out, outOff + udpOffset + 4, total - udpOffset);
            if (udpChecksumElided && datagramSize == WHOLE_FRAME) {
                fillUdpChecksum(out, outOff, total, udpOffset);
            }
        }
        return written;
    }

    private int copyUncompressed(byte[] in, int at, int length, int datagramSize, byte[] out, int outOff, int outCapacity) {
        if (length < Ipv6Packet.HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        if ((in[at] & 0xf0) != 0x60) {
            return WireStatus.MALFORMED;
        }
        if (length > outCapacity) {
            return TOO_LARGE;
        }
        if (datagramSize != WHOLE_FRAME && length > datagramSize) {
            return WireStatus.MALFORMED;
        }
        System.arraycopy(in, at, out, outOff, length);
        return length;
    }

    /**
     * Writes the extension header {@link #ext} describes (its body at {@link #extView}'s payload)
     * at {@code w}, padded to a multiple of 8 octets as RFC 6282 section 4.2 asks of the
     * decompressor; returns where the next header goes, or a negative status.
     */
    private int writeExtensionHeader(byte[] in, byte[] out, int w, int limit) {
        int body = ext.length();
        int size = (2 + body + 7) & ~7;
        int padding = size - 2 - body;
        int header = ext.header();
        boolean options = header == IpProtocol.HOP_BY_HOP || header == IpProtocol.IPV6_DESTINATION_OPTIONS;
        if (padding != 0 && !options || header == IpProtocol.IPV6_FRAGMENT && size != 8) {
            return WireStatus.MALFORMED;
        }
        if (w + size > limit) {
            return TOO_LARGE;
        }
        out[w] = (byte) ext.nextHeader();
        out[w + 1] = (byte) (header == IpProtocol.IPV6_FRAGMENT ? 0 : size / 8 - 1);
        System.arraycopy(in, extView.payloadOffset(), out, w + 2, body);
        int pad = w + 2 + body;
        if (padding == 1) {
            out[pad] = PAD1;
        } else if (padding > 1) {
            out[pad] = PADN;
            out[pad + 1] = (byte) (padding - 2);
            for (int i = 2; i < padding; i++) {
                out[pad + i] = 0;
            }
        }
        return w + size;
    }

    private void writeIpv6Header(byte[] out, int at, int total) {
        int trafficClass = iphc.dscp() << 2 | iphc.ecn();
        NetworkBytes.setU32(out, at, 6 << 28 | trafficClass << 20 | iphc.flowLabel());
        NetworkBytes.setU16(out, at + 4, total - Ipv6Packet.HEADER_LEN);
        out[at + 6] = (byte) iphc.nextHeader();
        out[at + 7] = (byte) iphc.hopLimit();
        Ipv6Address.write(out, at + 8, iphc.srcHigh(), iphc.srcLow());
        Ipv6Address.write(out, at + 24, iphc.dstHigh(), iphc.dstLow());
    }

    /**
     * Computes the UDP checksum of the whole IPv6 packet {@code packet[off, off+len)} whose UDP
     * header is {@code udpOffset} bytes in, with the pseudo-header of the packet's addresses.
     */
    public void fillUdpChecksum(byte[] packet, int off, int len, int udpOffset) {
        udpPacket.wrap(packet, off + udpOffset, len - udpOffset).fillChecksumIpv6(Ipv6Address.readHigh(packet, off + 8),
                Ipv6Address.readLow(packet, off + 8), Ipv6Address.readHigh(packet, off + 24), Ipv6Address.readLow(packet, off + 24));
    }

    /** Where the last decompressed packet's UDP header starts (from its first byte), -1 without NHC UDP. */
    public int udpOffset() {
        return udpOffset;
    }

    /** True when the last decompressed packet's sender elided the UDP checksum. */
    public boolean udpChecksumElided() {
        return udpChecksumElided;
    }
}
