package org.smoltcp4j.wire;

/**
 * The meaning of an IPv6 fixed header: addresses (two {@code long}s each), next header, payload
 * length (extension headers included), hop limit, traffic class and flow label. A reusable holder;
 * setters reject values that do not fit their fields, so a holder can always be emitted.
 */
public final class Ipv6Repr {

    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int nextHeader = IpProtocol.IPV6_NO_NEXT_HEADER;
    private int payloadLength;
    private int hopLimit = 64;
    private int trafficClass;
    private int flowLabel;

    /** Fills this holder from {@code packet}: the status of {@link Ipv6Packet#check}. */
    public int parse(Ipv6Packet packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        return fill(packet);
    }

    /**
     * Fills this holder from the header alone, allowing the payload to be cut short: for the
     * invoking packet quoted in an ICMPv6 error. TRUNCATED below 40 bytes, MALFORMED unless version 6.
     */
    public int parseQuoted(Ipv6Packet packet) {
        if (packet.length() < Ipv6Packet.HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        if (packet.version() != 6) {
            return WireStatus.MALFORMED;
        }
        return fill(packet);
    }

    private int fill(Ipv6Packet packet) {
        sourceHigh = packet.sourceHigh();
        sourceLow = packet.sourceLow();
        destinationHigh = packet.destinationHigh();
        destinationLow = packet.destinationLow();
        nextHeader = packet.nextHeader();
        payloadLength = packet.payloadLength();
        hopLimit = packet.hopLimit();
        trafficClass = packet.trafficClass();
        flowLabel = packet.flowLabel();
        return WireStatus.OK;
    }

    public int bufferLen() {
        return Ipv6Packet.HEADER_LEN;
    }

    /** Writes the 40-byte header into {@code packet}; the payload is the caller's. */
    public void emit(Ipv6Packet packet) {
        if (packet.length() < Ipv6Packet.HEADER_LEN) {
            throw new IllegalArgumentException("IPv6 packet of " + packet.length() + " bytes cannot hold the 40-byte header");
        }
        packet.setVersionClassFlow(6, trafficClass, flowLabel);
        packet.setPayloadLength(payloadLength);
        packet.setNextHeader(nextHeader);
        packet.setHopLimit(hopLimit);
        packet.setSource(sourceHigh, sourceLow);
        packet.setDestination(destinationHigh, destinationLow);
    }

    /** Sets the fields every packet needs; traffic class and flow label are reset to 0. */
    public Ipv6Repr set(long srcHigh, long srcLow, long dstHigh, long dstLow, int nextHeader, int payloadLength, int hopLimit) {
        this.nextHeader = requireRange("next header", nextHeader, 0xff);
        this.payloadLength = requireRange("payload length", payloadLength, 0xffff);
        this.hopLimit = requireRange("hop limit", hopLimit, 0xff);
        this.sourceHigh = srcHigh;
        this.sourceLow = srcLow;
        this.destinationHigh = dstHigh;
        this.destinationLow = dstLow;
        this.trafficClass = 0;
        this.flowLabel = 0;
        return this;
    }

    public Ipv6Repr setTrafficClass(int value) {
        trafficClass = requireRange("traffic class", value, 0xff);
        return this;
    }

    public Ipv6Repr setFlowLabel(int value) {
        flowLabel = requireRange("flow label", value, 0xfffff);
        return this;
    }

    public Ipv6Repr setPayloadLength(int value) {
        payloadLength = requireRange("payload length", value, 0xffff);
        return this;
    }

    public long sourceHigh() {
        return sourceHigh;
    }

    public long sourceLow() {
        return sourceLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int hopLimit() {
        return hopLimit;
    }

    public int trafficClass() {
        return trafficClass;
    }

    public int flowLabel() {
        return flowLabel;
    }

    /** smoltcp-style: {@code IPv6 src=fe80::1 dst=ff02::1 nxt_hdr=UDP hop_limit=64}. */
    public StringBuilder appendTo(StringBuilder out) {
        Ipv6Address.append(out.append("IPv6 src="), sourceHigh, sourceLow);
        Ipv6Address.append(out.append(" dst="), destinationHigh, destinationLow);
        IpProtocol.append(out.append(" nxt_hdr="), nextHeader);
        return out.append(" hop_limit=").append(hopLimit);
    }

    /** Shared by the IPv6 family's setters: {@code value} must be in {@code [0, max]}. */
    static int requireRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + value);
        }
        return value;
    }
}
