package org.smoltcp4j.wire;

/** Prints UDP and TCP over either IP version, and DHCP and DNS by their well-known ports. */
final class TransportPrinter {

    private final PseudoHeader ip;
    private final UdpPacket udpPacket = new UdpPacket();
    private final UdpRepr udp = new UdpRepr();
    private final TcpPacket tcpPacket = new TcpPacket();
    private final TcpRepr tcp = new TcpRepr();
    private final DhcpPacket dhcpPacket = new DhcpPacket();
    private final DhcpRepr dhcp = new DhcpRepr();
    private final DnsPacket dnsPacket = new DnsPacket();
    private final DnsRepr dns = new DnsRepr();

    TransportPrinter(PseudoHeader ip) {
        this.ip = ip;
    }

    /** UDP and TCP; other protocols are named with their payload size. */
    StringBuilder append(int protocol, byte[] buf, int off, int len, StringBuilder out) {
        switch (protocol) {
            case IpProtocol.UDP:
                return appendUdp(buf, off, len, out);
            case IpProtocol.TCP:
                return appendTcp(buf, off, len, out);
            default:
                return IpProtocol.append(out, protocol).append(" payload ").append(len).append(" bytes");
        }
    }

    private StringBuilder appendUdp(byte[] buf, int off, int len, StringBuilder out) {
        udpPacket.wrap(buf, off, len);
        int status = ip.ipv6
                ? udp.parseIpv6(udpPacket, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow, false)
                : udp.parseIpv4(udpPacket, ip.ipv4Source(), ip.ipv4Destination(), false);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "UDP", status);
        }
        udp.appendTo(out);
        boolean checksumOk = ip.ipv6
                ? udpPacket.verifyChecksumIpv6(ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow)
                : udpPacket.verifyChecksumIpv4(ip.ipv4Source(), ip.ipv4Destination());
        if (!checksumOk) {
            out.append(FramePrinter.BAD_CHECKSUM);
        }
        int sourcePort = udpPacket.sourcePort();
        int destinationPort = udpPacket.destinationPort();
        int payload = udpPacket.payloadOffset();
        int payloadLength = udpPacket.payloadLength();
        if (isEither(DhcpPacket.SERVER_PORT, sourcePort, destinationPort) || isEither(DhcpPacket.CLIENT_PORT, sourcePort, destinationPort)) {
            return appendDhcp(buf, payload, payloadLength, out.append(FramePrinter.SEPARATOR));
        }
        if (isEither(DnsPacket.PORT, sourcePort, destinationPort) || isEither(DnsPacket.MDNS_PORT, sourcePort, destinationPort)) {
            return appendDns(buf, payload, payloadLength, out.append(FramePrinter.SEPARATOR));
        }
        return out;
    }

    private StringBuilder appendTcp(byte[] buf, int off, int len, StringBuilder out) {
        tcpPacket.wrap(buf, off, len);
        int status = ip.ipv6
                ? tcp.parseIpv6(tcpPacket, ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow, false)
                : tcp.parseIpv4(tcpPacket, ip.ipv4Source(), ip.ipv4Destination(), false);
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "TCP", status);
        }
        tcp.appendTo(out);
        boolean checksumOk = ip.ipv6
                ? tcpPacket.verifyChecksumIpv6(ip.sourceHigh, ip.sourceLow, ip.destinationHigh, ip.destinationLow)
                : tcpPacket.verifyChecksumIpv4(ip.ipv4Source(), ip.ipv4Destination());
        return checksumOk ? out : out.append(FramePrinter.BAD_CHECKSUM);
    }

    private StringBuilder appendDhcp(byte[] buf, int off, int len, StringBuilder out) {
        int status = dhcp.parse(dhcpPacket.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "DHCP", status);
        }
        return dhcp.appendTo(out);
    }

    private StringBuilder appendDns(byte[] buf, int off, int len, StringBuilder out) {
        int status = dns.parse(dnsPacket.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            return FramePrinter.appendFailure(out, "DNS", status);
        }
        return dns.appendTo(out);
    }

    private static boolean isEither(int port, int sourcePort, int destinationPort) {
        return sourcePort == port || destinationPort == port;
    }
}
