package org.smoltcp4j.wire;

/**
 * The meaning of an IPv4 header, as smoltcp's {@code Ipv4Repr}: addresses, protocol, payload
 * length, TTL, plus DSCP/ECN, identification and the don't-fragment flag. It describes an
 * unfragmented packet and emits a 20-byte header without options; the fragmentation fields of a
 * received packet are read on the {@link Ipv4Packet} view.
 *
 * <p>Like smoltcp's wire layer, parsing does not judge addresses: dropping packets from multicast
 * or broadcast sources is the interface's decision (smoltcp's interface drops non-unicast sources
 * but lets the unspecified address through, for DHCP).
 */
public final class Ipv4Repr {

    /** Largest payload a 20-byte header can announce. */
    public static final int MAX_PAYLOAD_LEN = Ipv4Packet.MAX_TOTAL_LEN - Ipv4Packet.HEADER_LEN;
    /** TTL a fresh holder has, as Linux's default {@code ip_default_ttl}. */
    public static final int DEFAULT_TTL = 64;

    private int source;
    private int destination;
    private int protocol;
    private int payloadLength;
    private int ttl = DEFAULT_TTL;
    private int dscp;
    private int ecn;
    private int identification;
    private boolean dontFragment = true;

    /**
     * Fills this holder from {@code packet}: whatever {@link Ipv4Packet#check} returns, then
     * BAD_CHECKSUM when {@code verifyChecksum} is set and the header checksum fails. Options are
     * skipped. Fragments parse (the payload length is this fragment's); the interface must test
     * {@link Ipv4Packet#isFragment} and reassemble before handing the payload on.
     */
    public int parse(Ipv4Packet packet, boolean verifyChecksum) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (verifyChecksum && !packet.verifyChecksum()) {
            return WireStatus.BAD_CHECKSUM;
        }
        fillFrom(packet);
        return WireStatus.OK;
    }

    /** Copies the header fields of a packet whose {@link Ipv4Packet#checkHeader} returned OK. */
    void fillFrom(Ipv4Packet packet) {
        source = packet.source();
        destination = packet.destination();
        protocol = packet.protocol();
        payloadLength = packet.payloadLength();
        ttl = packet.ttl();
        dscp = packet.dscp();
        ecn = packet.ecn();
        identification = packet.identification();
        dontFragment = packet.dontFragment();
    }

    /** Header bytes {@link #emit} writes: always 20, options are never emitted. */
    public int bufferLen() {
        return Ipv4Packet.HEADER_LEN;
    }

    /**
     * Writes the header into {@code packet} (at least {@link #bufferLen()} long), with total length
     * header + {@link #payloadLength()}, no fragmentation, and the checksum computed when
     * {@code fillChecksum} is set or left 0 for a device that inserts it (checksum offload).
     */
    public void emit(Ipv4Packet packet, boolean fillChecksum) {
        if (packet.length() < Ipv4Packet.HEADER_LEN) {
            throw new IllegalArgumentException("IPv4 packet of " + packet.length() + " bytes cannot hold the "
                    + Ipv4Packet.HEADER_LEN + "-byte header");
        }
        packet.setVersion(4);
        packet.setHeaderLength(Ipv4Packet.HEADER_LEN);
        packet.setDscp(dscp);
        packet.setEcn(ecn);
        packet.setTotalLength(Ipv4Packet.HEADER_LEN + payloadLength);
        packet.setIdentification(identification);
        packet.setFlagsAndFragmentOffset(dontFragment, false, 0);
        packet.setTtl(ttl);
        packet.setProtocol(protocol);
        packet.setSource(source);
        packet.setDestination(destination);
        if (fillChecksum) {
            packet.fillChecksum();
        } else {
            // A known value, not whatever was in the buffer, for devices that only add to it.
            packet.setChecksum(0);
        }
    }

    /**
     * Sets the fields smoltcp's repr has; {@code protocol} and {@code ttl} are 0..255,
     * {@code payloadLength} 0..{@link #MAX_PAYLOAD_LEN}.
     */
    public Ipv4Repr set(int source, int destination, int protocol, int payloadLength, int ttl) {
        requireRange("protocol", protocol, 0xff);
        requireRange("payload length", payloadLength, MAX_PAYLOAD_LEN);
        requireRange("TTL", ttl, 0xff);
        this.source = source;
        this.destination = destination;
        this.protocol = protocol;
        this.payloadLength = payloadLength;
        this.ttl = ttl;
        return this;
    }

    public Ipv4Repr setPayloadLength(int payloadLength) {
        this.payloadLength = requireRange("payload length", payloadLength, MAX_PAYLOAD_LEN);
        return this;
    }

    /** DSCP 0..63 and ECN 0..3 (the former TOS byte). */
    public Ipv4Repr setTrafficClass(int dscp, int ecn) {
        requireRange("DSCP", dscp, 63);
        requireRange("ECN", ecn, 3);
        this.dscp = dscp;
        this.ecn = ecn;
        return this;
    }

    /** Identification 0..65535 and the don't-fragment flag (emitted as 0 and set by default). */
    public Ipv4Repr setFragmentation(int identification, boolean dontFragment) {
        this.identification = requireRange("identification", identification, 0xffff);
        this.dontFragment = dontFragment;
        return this;
    }

    /** Makes this holder a copy of {@code other}. */
    public Ipv4Repr copyFrom(Ipv4Repr other) {
        source = other.source;
        destination = other.destination;
        protocol = other.protocol;
        payloadLength = other.payloadLength;
        ttl = other.ttl;
        dscp = other.dscp;
        ecn = other.ecn;
        identification = other.identification;
        dontFragment = other.dontFragment;
        return this;
    }

    public int source() {
        return source;
    }

    public int destination() {
        return destination;
    }

    public int protocol() {
        return protocol;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int ttl() {
        return ttl;
    }

    public int dscp() {
        return dscp;
    }

    public int ecn() {
        return ecn;
    }

    public int identification() {
        return identification;
    }

    public boolean dontFragment() {
        return dontFragment;
    }

    /** True when every field equals {@code other}'s. */
    public boolean sameAs(Ipv4Repr other) {
        return source == other.source && destination == other.destination && protocol == other.protocol
                && payloadLength == other.payloadLength && ttl == other.ttl && dscp == other.dscp && ecn == other.ecn
                && identification == other.identification && dontFragment == other.dontFragment;
    }

    /** tcpdump-style: {@code IPv4 10.0.0.1 > 10.0.0.2 ICMP ttl 64 id 0 DF len 4}. */
    public StringBuilder appendTo(StringBuilder out) {
        Ipv4Address.append(out.append("IPv4 "), source);
        Ipv4Address.append(out.append(" > "), destination);
        IpProtocol.append(out.append(' '), protocol);
        out.append(" ttl ").append(ttl).append(" id ").append(identification);
        if (dscp != 0 || ecn != 0) {
            out.append(" dscp ").append(dscp).append(" ecn ").append(ecn);
        }
        if (dontFragment) {
            out.append(" DF");
        }
        return out.append(" len ").append(payloadLength);
    }

    static int requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + value);
        }
        return value;
    }
}
