package org.smoltcp4j.wire;

/**
 * The meaning of a LOWPAN_NHC extension header: which header (as an IP protocol number), its
 * next header (an IP protocol, also when NHC compressed) and the length of its body. The body is
 * the caller's (hop-by-hop or destination options, a routing header, ...): {@link #emit} writes the
 * 2 or 3 octets before it.
 *
 * <p>Every header, the fragment header included, carries the length octet, as smoltcp encodes it.
 */
public final class SixlowpanNhcExtRepr {

    /** Mobility header protocol (RFC 6275). */
    public static final int MOBILITY = 135;

    /** The extension header protocol of EIDs 0 to 4 (hop-by-hop, routing, fragment, destination options, mobility). */
    private static final int[] PROTOCOL_OF_EID = {
        IpProtocol.HOP_BY_HOP, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_FRAGMENT, IpProtocol.IPV6_DESTINATION_OPTIONS, MOBILITY,
    };

    private int header = IpProtocol.HOP_BY_HOP;
    private int nextHeader = IpProtocol.UDP;
    private boolean nextHeaderCompressed;
    private int length;

    /**
     * Fills this holder from {@code packet}. Returns the status of {@link SixlowpanNhcExtPacket#check};
     * when the next header is compressed, {@link WireStatus#TRUNCATED} if no octet follows the body
     * and the status of {@link #protocolOfNhc} for an octet that is no valid NHC.
     */
    public int parse(SixlowpanNhcExtPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        int next = packet.nextHeader();
        if (packet.nextHeaderCompressed()) {
            if (packet.nextOffset() >= packet.offset() + packet.length()) {
                return WireStatus.TRUNCATED;
            }
            next = protocolOfNhc(packet.buffer()[packet.nextOffset()]);
            if (next < 0) {
                return next;
            }
        }
        header = PROTOCOL_OF_EID[packet.eid()];
        nextHeader = next;
        nextHeaderCompressed = packet.nextHeaderCompressed();
        length = packet.bodyLength();
        return WireStatus.OK;
    }

    /** Header bytes {@link #emit} writes (not the body). */
    public int bufferLen() {
        return nextHeaderCompressed ? 2 : 3;
    }

    /** Writes the NHC octet, next header and length into {@code packet} (at least {@link #bufferLen()} long). */
    public void emit(SixlowpanNhcExtPacket packet) {
        if (packet.length() < bufferLen()) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes cannot hold the "
                    + bufferLen() + "-byte extension header NHC");
        }
        packet.setHeader(eidOf(header), nextHeaderCompressed);
        if (!nextHeaderCompressed) {
            packet.setNextHeader(nextHeader);
        }
        packet.setBodyLength(length);
    }

    /** The EID for an extension header protocol, or -1 when NHC has none. */
    public static int eidOf(int protocol) {
        for (int eid = 0; eid < PROTOCOL_OF_EID.length; eid++) {
            if (PROTOCOL_OF_EID[eid] == protocol) {
                return eid;
            }
        }
        return -1;
    }

    /** Fails unless {@code protocol} is 0..255 and, when {@code compressed}, has an NHC encoding. */
    static void requireNextHeader(int protocol, boolean compressed) {
        if (protocol < 0 || protocol > 0xff) {
            throw new IllegalArgumentException("next header must be 0..255, got " + protocol);
        }
        if (compressed && protocol != IpProtocol.UDP && eidOf(protocol) < 0) {
            throw new IllegalArgumentException("next header " + protocol + " has no LOWPAN_NHC encoding");
        }
    }

    /**
     * The IP protocol an NHC octet encodes (UDP, or an extension header), or a negative status:
     * {@link WireStatus#MALFORMED} for no NHC or a reserved EID, {@link WireStatus#UNSUPPORTED} for
     * an IPv6 header (EID 7).
     */
    public static int protocolOfNhc(byte first) {
        int kind = SixlowpanDispatch.classifyNhc(first);
        if (kind == SixlowpanDispatch.NHC_UDP) {
            return IpProtocol.UDP;
        }
        if (kind != SixlowpanDispatch.NHC_EXTENSION) {
            return WireStatus.MALFORMED;
        }
        int eid = (first >>> 1) & 7;
        if (eid == SixlowpanNhcExtPacket.EID_IPV6) {
            return WireStatus.UNSUPPORTED;
        }
        return eid > SixlowpanNhcExtPacket.EID_MOBILITY ? WireStatus.MALFORMED : PROTOCOL_OF_EID[eid];
    }

    /** The extension header's protocol (hop-by-hop 0, routing 43, fragment 44, destination options 60, mobility 135). */
    public int header() {
        return header;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public boolean nextHeaderCompressed() {
        return nextHeaderCompressed;
    }

    /** Octets of body after the NHC header. */
    public int length() {
        return length;
    }

    /** Sets which extension header this is; it must have an NHC EID (see {@link #eidOf}). */
    public SixlowpanNhcExtRepr setHeader(int protocol) {
        if (eidOf(protocol) < 0) {
            throw new IllegalArgumentException("protocol " + protocol + " is no extension header LOWPAN_NHC encodes");
        }
        header = protocol;
        return this;
    }

    /** Sets the next header (0..255) and whether it is NHC encoded (only UDP and NHC extension headers can be). */
    public SixlowpanNhcExtRepr setNextHeader(int protocol, boolean compressed) {
        requireNextHeader(protocol, compressed);
        nextHeader = protocol;
        nextHeaderCompressed = compressed;
        return this;
    }

    public SixlowpanNhcExtRepr setLength(int octets) {
        if (octets < 0 || octets > 0xff) {
            throw new IllegalArgumentException("extension header length must be 0..255, got " + octets);
        }
        length = octets;
        return this;
    }

    /** tcpdump-style: {@code NHC-EXT hdr=IPv6-Route nxt=ICMPv6 len=6}. */
    public StringBuilder appendTo(StringBuilder out) {
        IpProtocol.append(out.append("NHC-EXT hdr="), header);
        IpProtocol.append(out.append(" nxt="), nextHeader);
        if (nextHeaderCompressed) {
            out.append("(NHC)");
        }
        return out.append(" len=").append(length);
    }
}
