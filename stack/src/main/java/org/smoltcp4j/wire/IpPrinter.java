package org.smoltcp4j.wire;

/** Prints IPv4 with ICMPv4 and IGMP, and IPv6 with its extension headers and ICMPv6, NDISC and MLD. */
final class IpPrinter {

    private final PseudoHeader ip;
    private final TransportPrinter transport;
    private final Ipv4Packet ipv4Packet = new Ipv4Packet();
    private final Ipv4Repr ipv4 = new Ipv4Repr();
    private final Icmpv4Packet icmpv4Packet = new Icmpv4Packet();
    private final Icmpv4Repr icmpv4 = new Icmpv4Repr();
    private final IgmpPacket igmpPacket = new IgmpPacket();
    private final IgmpRepr igmp = new IgmpRepr();
    private final Ipv6Packet ipv6Packet = new Ipv6Packet();
    private final Ipv6Repr ipv6 = new Ipv6Repr();
    private final Ipv6OptionsHeader ipv6OptionsHeader = new Ipv6OptionsHeader();
    private final Ipv6OptionsRepr ipv6Options = new Ipv6OptionsRepr();
    private final Ipv6RoutingHeader ipv6RoutingHeader = new Ipv6RoutingHeader();
    private final Ipv6RoutingRepr ipv6Routing = new Ipv6RoutingRepr();
    private final Ipv6FragmentHeader ipv6FragmentHeader = new Ipv6FragmentHeader();
    private final Ipv6FragmentRepr ipv6Fragment = new Ipv6FragmentRepr();
    private final Icmpv6Packet icmpv6Packet = new Icmpv6Packet();
    private final Icmpv6Repr icmpv6 = new Icmpv6Repr();
    private final NdiscRepr ndisc = new NdiscRepr();
    private final MldRepr mld = new MldRepr();

    IpPrinter(PseudoHeader ip, TransportPrinter transport) {
        this.ip = ip;
        this.transport = transport;
    }

    /** A raw IP packet: the version nibble picks IPv4 or IPv6. */
    StringBuilder append(byte[] buf, int off, int len, StringBuilder out) {
        if (len < 1) {
            return FramePrinter.appendFailure(out, "IP", WireStatus.TRUNCATED);
        }
        int version = (buf[off] & 0xff) >>> 4;
        if (version == 4) {
            return appendIpv4(buf, off, len, out);
        }
        if (version == 6) {
            return appendIpv6(buf, off, len, out);
        }
        return out.append("IP version ").append(version).append(" (unsupported)");
    }

    private StringBuilder appendIpv4(byte[] buf, int off, int len, StringBuilder out) {
        int status = ipv4.parse(ipv4Packet.wrap(buf, off, len), false);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "IPv4", status);
        }
        ipv4.appendTo(out);
        if (!ipv4Packet.verifyChecksum()) {
            out.append(FramePrinter.BAD_CHECKSUM);
        }
        if (ipv4Packet.isFragment()) {
            out.append(FramePrinter.SEPARATOR).append("fragment id=").append(ipv4Packet.identification())
                    .append(" offset=").append(ipv4Packet.fragmentOffsetBytes())
                    .append(ipv4Packet.moreFragments() ? " more" : " last");
            return out;
        }
        ip.setIpv4(ipv4.source(), ipv4.destination());
        int payload = ipv4Packet.payloadOffset();
        int payloadLength = ipv4Packet.payloadLength();
        out.append(FramePrinter.SEPARATOR);
        switch (ipv4.protocol()) {
            case IpProtocol.ICMP:
                return appendIcmpv4(buf, payload, payloadLength, out);
            case IpProtocol.IGMP:
                return appendIgmp(buf, payload, payloadLength, out);
            default:
                return transport.append(ipv4.protocol(), buf, payload, payloadLength, out);
        }
    }

    private StringBuilder appendIcmpv4(byte[] buf, int off, int len, StringBuilder out) {
        int status = icmpv4.parse(icmpv4Packet.wrap(buf, off, len), false);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "ICMPv4", status);
        }
        icmpv4.appendTo(out);
        return icmpv4Packet.verifyChecksum() ? out : out.append(FramePrinter.BAD_CHECKSUM);
    }

    private StringBuilder appendIgmp(byte[] buf, int off, int len, StringBuilder out) {
        int status = igmp.parse(igmpPacket.wrap(buf, off, len), false);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "IGMP", status);
        }
        igmp.appendTo(out);
        return igmpPacket.verifyChecksum() ? out : out.append(FramePrinter.BAD_CHECKSUM);
    }

    private StringBuilder appendIpv6(byte[] buf, int off, int len, StringBuilder out) {
        int status = ipv6.parse(ipv6Packet.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "IPv6", status);
        }
        ipv6.appendTo(out);
        ip.setIpv6(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(), ipv6.destinationLow());
        int at = ipv6Packet.payloadOffset();
        int end = at + ipv6Packet.payloadLength();
        int nextHeader = ipv6.nextHeader();
        // Extension headers, each printed as a layer; every step moves forward through a packet of
        // bounded length, so the chain ends.
        while (true) {
            out.append(FramePrinter.SEPARATOR);
            switch (nextHeader) {
                case IpProtocol.HOP_BY_HOP:
                case IpProtocol.IPV6_DESTINATION_OPTIONS:
                    status = ipv6Options.parse(ipv6OptionsHeader.wrap(buf, at, end - at));
                    if (status != WireStatus.OK) {
                        return FramePrinter.appendFailure(out, nextHeader == IpProtocol.HOP_BY_HOP ? "HopByHop" : "DestinationOptions", status);
                    }
                    ipv6Options.appendTo(out);
                    nextHeader = ipv6Options.nextHeader();
                    at = ipv6OptionsHeader.payloadOffset();
                    break;
                case IpProtocol.IPV6_ROUTE:
                    status = ipv6Routing.parse(ipv6RoutingHeader.wrap(buf, at, end - at));
                    if (status != WireStatus.OK) {
                        return FramePrinter.appendFailure(out, "Routing", status);
                    }
                    ipv6Routing.appendTo(out);
                    nextHeader = ipv6Routing.nextHeader();
                    at = ipv6RoutingHeader.payloadOffset();
                    break;
                case IpProtocol.IPV6_FRAGMENT:
                    status = ipv6Fragment.parse(ipv6FragmentHeader.wrap(buf, at, end - at));
                    if (status != WireStatus.OK) {
                        return FramePrinter.appendFailure(out, "Fragment", status);
                    }
                    ipv6Fragment.appendTo(out);
                    if (ipv6Fragment.fragmentOffset() != 0 || ipv6Fragment.moreFragments()) {
                        return out.append(FramePrinter.SEPARATOR).append("fragment (not reassembled)");
                    }
                    nextHeader = ipv6Fragment.nextHeader();
                    at = ipv6FragmentHeader.payloadOffset();
                    break;
                case IpProtocol.ICMPV6:
                    return appendIcmpv6(buf, at, end - at, out);
                case IpProtocol.IPV6_NO_NEXT_HEADER:
                    return out.append("no next header");
                default:
                    return transport.append(nextHeader, buf, at, end - at, out);
            }
        }
    }

    /** ICMPv6 (errors, echo), NDISC or MLD; the pseudo-header must already be set. */
    StringBuilder appendIcmpv6(byte[] buf, int off, int len, StringBuilder out) {
        icmpv6Packet.wrap(buf, off, len);
        int status = icmpv6Packet.check();
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "ICMPv6", status);
        }
        int type = icmpv6Packet.type();
        if (Icmpv6Packet.isNdisc(type)) {
            status = ndisc.parse(icmpv6Packet, false, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow);
            if (status != WireStatus.OK) {
                return FramePrinter.appendFailure(out, "NDISC", status);
            }
            ndisc.appendTo(out);
        } else if (Icmpv6Packet.isMld(type)) {
            status = mld.parse(icmpv6Packet, false, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow);
            if (status != WireStatus.OK) {
                return FramePrinter.appendFailure(out, "MLD", status);
            }
            mld.appendTo(out);
        } else {
            status = icmpv6.parse(icmpv6Packet, false, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow);
            if (status != WireStatus.OK) {
                return FramePrinter.appendFailure(out, "ICMPv6", status);
            }
            icmpv6.appendTo(out);
        }
        boolean checksumOk = icmpv6Packet.verifyChecksum(ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow);
        return checksumOk ? out : out.append(FramePrinter.BAD_CHECKSUM);
    }
}
