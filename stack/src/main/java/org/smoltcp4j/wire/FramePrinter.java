package org.smoltcp4j.wire;

/**
 * Prints every layer of a frame we can parse on one line, tcpdump-style, layers separated by
 * {@code " | "}; a layer that does not parse is printed with the reason and ends the line. Used by
 * the tracer and by {@code smoltcp4j decode}. It owns one view and one representation per
 * protocol, so printing allocates nothing.
 */
public final class FramePrinter {

    static final String SEPARATOR = " | ";

    private final EthernetFrame ethernetFrame = new EthernetFrame();
    private final EthernetRepr ethernet = new EthernetRepr();
    private final ArpPacket arpPacket = new ArpPacket();
    private final ArpRepr arp = new ArpRepr();

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
            default:
                return out;
        }
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
