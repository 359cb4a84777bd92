package org.smoltcp4j.wire;

/**
 * Prints IEEE 802.15.4 frames and the 6LoWPAN packets data frames carry: fragments, IPHC and
 * NHC, then the upper layers through the IP and transport printers.
 */
final class SixlowpanPrinter {

    private final PseudoHeader ip;
    private final IpPrinter ipPrinter;
    private final TransportPrinter transport;
    private final Ieee802154Frame ieee802154Frame = new Ieee802154Frame();
    private final Ieee802154Repr ieee802154 = new Ieee802154Repr();
    private final SixlowpanFragPacket fragPacket = new SixlowpanFragPacket();
    private final SixlowpanFragRepr frag = new SixlowpanFragRepr();
    private final SixlowpanIphcPacket iphcPacket = new SixlowpanIphcPacket();
    private final SixlowpanIphcRepr iphc = new SixlowpanIphcRepr();
    private final SixlowpanNhcUdpPacket nhcUdpPacket = new SixlowpanNhcUdpPacket();
    private final SixlowpanNhcUdpRepr nhcUdp = new SixlowpanNhcUdpRepr();
    private final SixlowpanNhcExtPacket nhcExtPacket = new SixlowpanNhcExtPacket();
    private final SixlowpanNhcExtRepr nhcExt = new SixlowpanNhcExtRepr();

    SixlowpanPrinter(PseudoHeader ip, IpPrinter ipPrinter, TransportPrinter transport) {
        this.ip = ip;
        this.ipPrinter = ipPrinter;
        this.transport = transport;
    }

    /** An IEEE 802.15.4 frame without FCS. */
    StringBuilder appendFrame(byte[] buf, int off, int len, StringBuilder out) {
        int status = ieee802154.parse(ieee802154Frame.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "IEEE802.15.4", status);
        }
        ieee802154.appendTo(out);
        if (ieee802154.frameType() != Ieee802154Frame.TYPE_DATA || ieee802154Frame.payloadLength() == 0) {
            return out;
        }
        if (ieee802154.payloadStatus() != WireStatus.OK) {
            return out.append(FramePrinter.SEPARATOR).append("secured payload (not decoded)");
        }
        return appendSixlowpan(buf, ieee802154Frame.payloadOffset(), ieee802154Frame.payloadLength(), out.append(FramePrinter.SEPARATOR));
    }

    private StringBuilder appendSixlowpan(byte[] buf, int off, int len, StringBuilder out) {
        if (len < 1) {
            return FramePrinter.appendFailure(out, "6LoWPAN", WireStatus.TRUNCATED);
        }
        int dispatch = SixlowpanDispatch.classify(buf[off] & 0xff);
        switch (dispatch) {
            case SixlowpanDispatch.IPV6:
                return ipPrinter.append(buf, off + 1, len - 1, out.append("6LoWPAN uncompressed").append(FramePrinter.SEPARATOR));
            case SixlowpanDispatch.IPHC:
                return appendIphc(buf, off, len, true, out);
            case SixlowpanDispatch.FRAG1:
            case SixlowpanDispatch.FRAGN:
                int status = frag.parse(fragPacket.wrap(buf, off, len));
                if (status != WireStatus.OK) {
                    return FramePrinter.appendFailure(out, "6LoWPAN fragment", status);
                }
                frag.appendTo(out).append(FramePrinter.SEPARATOR);
                int payload = fragPacket.payloadOffset();
                if (dispatch == SixlowpanDispatch.FRAG1 && fragPacket.payloadLength() > 0
                        && SixlowpanDispatch.classify(buf[payload] & 0xff) == SixlowpanDispatch.IPHC) {
                    appendIphc(buf, payload, fragPacket.payloadLength(), false, out).append(FramePrinter.SEPARATOR);
                }
                return out.append("fragment (not reassembled)");
            default:
                out.append("6LoWPAN dispatch 0x");
                return Hex.append(out, buf[off], 2).append(" (unsupported)");
        }
    }

    /**
     * IPHC and what follows it. {@code wholeDatagram} is false inside a first fragment, where the
     * upper layers are incomplete: only the compressed headers are printed then. Addresses
     * compressed against a context show as unsupported: the printer knows no contexts.
     */
    private StringBuilder appendIphc(byte[] buf, int off, int len, boolean wholeDatagram, StringBuilder out) {
        int status = iphc.parse(iphcPacket.wrap(buf, off, len), ieee802154);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "6LoWPAN IPHC", status);
        }
        iphc.appendTo(out);
        ip.setIpv6(iphc.srcHigh(), iphc.srcLow(), iphc.dstHigh(), iphc.dstLow());
        int payload = iphcPacket.payloadOffset();
        int payloadLength = iphcPacket.payloadLength();
        out.append(FramePrinter.SEPARATOR);
        if (!iphc.nextHeaderCompressed()) {
            if (!wholeDatagram) {
                return IpProtocol.append(out, iphc.nextHeader()).append(" (partial)");
            }
            return iphc.nextHeader() == IpProtocol.ICMPV6
                    ? ipPrinter.appendIcmpv6(buf, payload, payloadLength, out)
                    : transport.append(iphc.nextHeader(), buf, payload, payloadLength, out);
        }
        if (payloadLength < 1) {
            return FramePrinter.appendFailure(out, "6LoWPAN NHC", WireStatus.TRUNCATED);
        }
        switch (SixlowpanDispatch.classifyNhc(buf[payload] & 0xff)) {
            case SixlowpanDispatch.NHC_UDP:
                return appendNhcUdp(buf, payload, payloadLength, wholeDatagram, out);
            case SixlowpanDispatch.NHC_EXTENSION:
                status = nhcExt.parse(nhcExtPacket.wrap(buf, payload, payloadLength));
                return status != WireStatus.OK ? FramePrinter.appendFailure(out, "6LoWPAN NHC extension", status) : nhcExt.appendTo(out);
            default:
                out.append("6LoWPAN NHC 0x");
                return Hex.append(out, buf[payload], 2).append(" (unsupported)");
        }
    }

    private StringBuilder appendNhcUdp(byte[] buf, int off, int len, boolean wholeDatagram, StringBuilder out) {
        nhcUdpPacket.wrap(buf, off, len);
        int status = nhcUdp.parse(nhcUdpPacket, false, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "6LoWPAN UDP", status);
        }
        nhcUdp.appendTo(out);
        // The checksum covers the whole datagram, which a first fragment does not hold.
        if (wholeDatagram && nhcUdp.parse(nhcUdpPacket, true, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow)
                == WireStatus.BAD_CHECKSUM) {
            out.append(FramePrinter.BAD_CHECKSUM);
        }
        return out;
    }
}
