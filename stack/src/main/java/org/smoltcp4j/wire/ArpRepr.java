package org.smoltcp4j.wire;

/**
 * The meaning of an ARP packet for Ethernet and IPv4, the only combination the stack uses.
 * Requests and replies only; gratuitous ARP is a request or reply whose sender and target
 * protocol addresses are equal ({@link #isGratuitous}).
 */
public final class ArpRepr {

    private int operation = ArpPacket.OPERATION_REQUEST;
    private long senderHardwareAddress;
    private int senderProtocolAddress;
    private long targetHardwareAddress;
    private int targetProtocolAddress;

    /**
     * Fills this holder from {@code packet}. TRUNCATED for short packets; UNSUPPORTED for hardware
     * other than Ethernet, protocols other than IPv4, address lengths other than 6/4, or
     * operations other than request and reply (RARP, InARP).
     */
    public int parse(ArpPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (packet.hardwareType() != ArpPacket.HARDWARE_ETHERNET || packet.protocolType() != EtherType.IPV4
                || packet.hardwareLength() != 6 || packet.protocolLength() != 4) {
            return WireStatus.UNSUPPORTED;
        }
        int op = packet.operation();
        if (op != ArpPacket.OPERATION_REQUEST && op != ArpPacket.OPERATION_REPLY) {
            return WireStatus.UNSUPPORTED;
        }
        operation = op;
        senderHardwareAddress = packet.senderHardwareAddress();
        senderProtocolAddress = packet.senderProtocolAddress();
        targetHardwareAddress = packet.targetHardwareAddress();
        targetProtocolAddress = packet.targetProtocolAddress();
        return WireStatus.OK;
    }

    public int bufferLen() {
        return ArpPacket.ETHERNET_IPV4_LEN;
    }

    /** Writes the packet into {@code packet}, which must be at least {@link #bufferLen()} long. */
    public void emit(ArpPacket packet) {
        if (packet.length() < ArpPacket.ETHERNET_IPV4_LEN) {
            throw new IllegalArgumentException("ARP packet of " + packet.length() + " bytes is shorter than "
                    + ArpPacket.ETHERNET_IPV4_LEN);
        }
        packet.setEthernetIpv4Header(operation);
        packet.setSenderHardwareAddress(senderHardwareAddress);
        packet.setSenderProtocolAddress(senderProtocolAddress);
        packet.setTargetHardwareAddress(targetHardwareAddress);
        packet.setTargetProtocolAddress(targetProtocolAddress);
    }

    /** Sets every field; {@code operation} is {@link ArpPacket#OPERATION_REQUEST} or {@code _REPLY}. */
    public ArpRepr set(int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        if (operation != ArpPacket.OPERATION_REQUEST && operation != ArpPacket.OPERATION_REPLY) {
            throw new IllegalArgumentException("ARP operation must be request (1) or reply (2), got " + operation);
        }
        this.senderHardwareAddress = EthernetRepr.requireMac("sender", senderMac);
        this.targetHardwareAddress = EthernetRepr.requireMac("target", targetMac);
        this.operation = operation;
        this.senderProtocolAddress = senderIp;
        this.targetProtocolAddress = targetIp;
        return this;
    }

    public int operation() {
        return operation;
    }

    public long senderHardwareAddress() {
        return senderHardwareAddress;
    }

    public int senderProtocolAddress() {
        return senderProtocolAddress;
    }

    public long targetHardwareAddress() {
        return targetHardwareAddress;
    }

    public int targetProtocolAddress() {
        return targetProtocolAddress;
    }

    public boolean isGratuitous() {
        return senderProtocolAddress == targetProtocolAddress;
    }

    /** tcpdump-style: {@code ARP request who-has 10.0.0.2 tell 10.0.0.1 (aa:..)} / {@code ARP reply ..}. */
    public StringBuilder appendTo(StringBuilder out) {
        if (operation == ArpPacket.OPERATION_REQUEST) {
            Ipv4Address.append(out.append("ARP request who-has "), targetProtocolAddress);
            Ipv4Address.append(out.append(" tell "), senderProtocolAddress);
        } else {
            Ipv4Address.append(out.append("ARP reply "), senderProtocolAddress);
            MacAddress.append(out.append(" is-at "), senderHardwareAddress);
            Ipv4Address.append(out.append(" to "), targetProtocolAddress);
            return MacAddress.append(out.append(" ("), targetHardwareAddress).append(')');
        }
        return MacAddress.append(out.append(" ("), senderHardwareAddress).append(')');
    }
}
