package org.smoltcp4j.wire;

/**
 * Prints every layer of a frame we can parse on one line, tcpdump-style, layers separated by
 * {@code " | "}. A layer that does not parse is printed with the reason and ends the line; a
 * checksum that does not verify is shown as {@code [bad checksum]} and decoding goes on, since the
 * reader wants to see what the damaged packet carried. Used by the tracer and by
 * {@code smoltcp4j decode}.
 *
 * <p>Each layer's printer owns one view and one representation per protocol, so printing
 * allocates nothing; they are separate classes so that none exceeds MicroEJ's 31 reference fields.
 */
public final class FramePrinter {

    static final String SEPARATOR = " | ";
    static final String BAD_CHECKSUM = " [bad checksum]";

    private final EthernetFrame ethernetFrame = new EthernetFrame();
    private final EthernetRepr ethernet = new EthernetRepr();
    private final ArpPacket arpPacket = new ArpPacket();
    private final ArpRepr arp = new ArpRepr();
    private final IpPrinter ipPrinter;
    private final SixlowpanPrinter sixlowpanPrinter;

    public FramePrinter() {
        PseudoHeader pseudoHeader = new PseudoHeader();
        TransportPrinter transport = new TransportPrinter(pseudoHeader);
        ipPrinter = new IpPrinter(pseudoHeader, transport);
        sixlowpanPrinter = new SixlowpanPrinter(pseudoHeader, ipPrinter, transport);
    }

    /** Appends the layers of an Ethernet II frame. */
    public StringBuilder appendEthernet(byte[] buf, int off, int len, StringBuilder out) {
        ethernetFrame.wrap(buf, off, len);
        int status = ethernet.parse(ethernetFrame);
        if (status != WireStatus.OK) {
            return appendFailure(out, "EthernetII", status);
        }
        ethernet.appendTo(out);
        int payload = ethernetFrame.payloadOffset();
        int payloadLength = ethernetFrame.payloadLength();
        switch (ethernet.etherType()) {
            case EtherType.ARP:
                return appendArp(buf, payload, payloadLength, out.append(SEPARATOR));
            case EtherType.IPV4:
            case EtherType.IPV6:
                return ipPrinter.append(buf, payload, payloadLength, out.append(SEPARATOR));
            default:
                return out;
        }
    }

    /** Appends the layers of a raw IP packet (the version nibble picks IPv4 or IPv6). */
    public StringBuilder appendIp(byte[] buf, int off, int len, StringBuilder out) {
        return ipPrinter.append(buf, off, len, out);
    }

    /** Appends the layers of an IEEE 802.15.4 frame (without FCS) and the 6LoWPAN packet it carries. */
    public StringBuilder appendIeee802154(byte[] buf, int off, int len, StringBuilder out) {
        return sixlowpanPrinter.appendFrame(buf, off, len, out);
    }

    private StringBuilder appendArp(byte[] buf, int off, int len, StringBuilder out) {
        int status = arp.parse(arpPacket.wrap(buf, off, len));
        if (status != WireStatus.OK) {
            return appendFailure(out, "ARP", status);
        }
        return arp.appendTo(out);
    }

    /** Appends {@code "<protocol> (<reason>)"} for a layer that did not parse. */
    static StringBuilder appendFailure(StringBuilder out, String protocol, int status) {
        return out.append(protocol).append(" (").append(WireStatus.name(status)).append(')');
    }
}
