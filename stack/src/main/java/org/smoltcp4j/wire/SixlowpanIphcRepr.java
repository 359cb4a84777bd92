package org.smoltcp4j.wire;

/**
 * The meaning of a LOWPAN_IPHC header: the IPv6 header fields it stands for (addresses,
 * next header, hop limit, ECN, DSCP, flow label) and the link-layer addresses it was resolved
 * against. A reusable holder bound to the interface's {@link SixlowpanContexts} table: {@link #parse}
 * decompresses with it, {@link #emit} picks the smallest encoding that it and the link-layer
 * addresses allow (stateless link-local first, then context 0, 1, ...).
 *
 * <p>Link-layer addresses are given as an IEEE 802.15.4 addressing mode and value (see
 * {@link Ieee802154Repr}); an interface identifier derived from one follows RFC 6282 section
 * 3.2.2: {@code 0000:00ff:fe00:XXXX} for a short address, the EUI-64 with the U/L bit inverted for
 * an extended one.
 *
 * <p>The next header is always an IP protocol number. When it is LOWPAN_NHC compressed, parse
 * infers it from the NHC octet that follows (UDP, or the extension header's EID).
 */
public final class SixlowpanIphcRepr {

    private static final long LINK_LOCAL_HIGH = Ipv6Address.LINK_LOCAL_PREFIX_HIGH;
    private static final long SHORT_IID = 0x0000_00ff_fe00_0000L;
    private static final long UL_BIT = 0x0200_0000_0000_0000L;
    /** Source/destination search: -1 = stateless (link-local prefix). */
    private static final int STATELESS = -1;

    private final SixlowpanContexts contexts;

    private long srcHigh;
    private long srcLow;
    private long dstHigh;
    private long dstLow;
    private int llSrcMode;
    private long llSrc;
    private int llDstMode;
    private long llDst;
    private int nextHeader = IpProtocol.UDP;
    private boolean nextHeaderCompressed;
    private int hopLimit = 64;
    private int ecn;
    private int dscp;
    private int flowLabel;

    // The encoding chosen by plan(): modes and contexts (STATELESS or an identifier).
    private int planSam;
    private int planSrcContext;
    private int planDam;
    private int planDstContext;
    private boolean planMulticast;

    /** A holder with no address contexts (stateless compression only). */
    public SixlowpanIphcRepr() {
        this(new SixlowpanContexts());
    }

    /** A holder that compresses and decompresses with {@code contexts} (shared, not copied). */
    public SixlowpanIphcRepr(SixlowpanContexts contexts) {
        if (contexts == null) {
            throw new NullPointerException("contexts is null");
        }
        this.contexts = contexts;
    }

    /**
     * Decompresses {@code packet}. Returns the status of {@link SixlowpanIphcPacket#check};
     * {@link WireStatus#MALFORMED} when an elided address needs a link-layer address that is
     * absent, or a compressed next header is followed by no valid NHC octet;
     * {@link WireStatus#TRUNCATED} when a compressed next header is followed by nothing;
     * {@link WireStatus#UNSUPPORTED} when a context identifier is not in the table (RFC 6282 asks to
     * drop such packets) or the next header is an NHC-encoded IPv6 header.
     */
    public int parse(SixlowpanIphcPacket packet, int llSrcMode, long llSrc, int llDstMode, long llDst) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        Ieee802154Repr.requireAddress("link-layer source", llSrcMode, llSrc);
        Ieee802154Repr.requireAddress("link-layer destination", llDstMode, llDst);
        int protocol = packet.nextHeader();
        if (packet.nextHeaderCompressed()) {
            if (packet.payloadLength() < 1) {
                return WireStatus.TRUNCATED;
            }
            protocol = SixlowpanNhcExtRepr.protocolOfNhc(packet.buffer()[packet.payloadOffset()]);
            if (protocol < 0) {
                return protocol;
            }
        }
        byte[] buf = packet.buffer();
        // Source.
        long sHigh;
        long sLow;
        int sam = packet.sam();
        if (packet.sac() && sam == 0) {
            sHigh = 0;
            sLow = 0;
        } else {
            int context = packet.sac() ? packet.srcContextId() : STATELESS;
            if (context != STATELESS && !contexts.isDefined(context)) {
                return WireStatus.UNSUPPORTED;
            }
            if (!packet.sac() && sam == 0) {
                sHigh = Ipv6Address.readHigh(buf, packet.srcInlineOffset());
                sLow = Ipv6Address.readLow(buf, packet.srcInlineOffset());
            } else {
                if (sam == 3 && llSrcMode == Ieee802154Frame.MODE_ABSENT) {
                    return WireStatus.MALFORMED;
                }
                long iid = interfaceId(sam, readInline(buf, packet.srcInlineOffset(), packet.srcInlineLength()), llSrcMode, llSrc);
                sHigh = prefixed(context, iid, true);
                sLow = prefixed(context, iid, false);
            }
        }
        // Destination.
        long dHigh;
        long dLow;
        int dam = packet.dam();
        int at = packet.dstInlineOffset();
        int inline = packet.dstInlineLength();
        if (packet.multicast()) {
            if (packet.dac()) {
                int context = packet.dstContextId();
                if (!contexts.isDefined(context) || contexts.prefixLength(context) > 64) {
                    return WireStatus.UNSUPPORTED;
                }
                // ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX (RFC 3306), P and L from the context.
                dHigh = 0xffL << 56 | (long) (buf[at] & 0xff) << 48 | (long) (buf[at + 1] & 0xff) << 40
                        | (long) contexts.prefixLength(context) << 32 | contexts.prefixHigh(context) >>> 32;
                dLow = contexts.prefixHigh(context) << 32 | NetworkBytes.getU32AsLong(buf, at + 2);
            } else if (dam == 0) {
                dHigh = Ipv6Address.readHigh(buf, at);
                dLow = Ipv6Address.readLow(buf, at);
            } else if (dam == 3) {
                dHigh = 0xff02L << 48;
                dLow = buf[at] & 0xff;
            } else {
                dHigh = 0xffL << 56 | (long) (buf[at] & 0xff) << 48;
                dLow = readInline(buf, at + 1, inline - 1);
            }
        } else if (!packet.dac() && dam == 0) {
            dHigh = Ipv6Address.readHigh(buf, at);
            dLow = Ipv6Address.readLow(buf, at);
        } else {
            int context = packet.dac() ? packet.dstContextId() : STATELESS;
            if (context != STATELESS && !contexts.isDefined(context)) {
                return WireStatus.UNSUPPORTED;
            }
            if (dam == 3 && llDstMode == Ieee802154Frame.MODE_ABSENT) {
                return WireStatus.MALFORMED;
            }
            long iid = interfaceId(dam, readInline(buf, at, inline), llDstMode, llDst);
            dHigh = prefixed(context, iid, true);
            dLow = prefixed(context, iid, false);
        }
        srcHigh = sHigh;
        srcLow = sLow;
        dstHigh = dHigh;
        dstLow = dLow;
        this.llSrcMode = llSrcMode;
        this.llSrc = llSrc;
        this.llDstMode = llDstMode;
        this.llDst = llDst;
        nextHeader = protocol;
        nextHeaderCompressed = packet.nextHeaderCompressed();
        hopLimit = packet.hopLimit();
        ecn = packet.ecn();
        dscp = packet.dscp();
        flowLabel = packet.flowLabel();
        return WireStatus.OK;
    }

    /** {@link #parse(SixlowpanIphcPacket, int, long, int, long)} with the addresses of an 802.15.4 header. */
    public int parse(SixlowpanIphcPacket packet, Ieee802154Repr link) {
        return parse(packet, link.srcAddressingMode(), link.srcAddress(), link.dstAddressingMode(), link.dstAddress());
    }

    /** The interface identifier an address mode stands for: in-line bits, or from the link layer. */
    private static long interfaceId(int mode, long inline, int llMode, long ll) {
        switch (mode) {
            case 1:
                return inline;
            case 2:
                return SHORT_IID | inline;
            default:
                return linkLayerInterfaceId(llMode, ll);
        }
    }

    /**
     * The interface identifier derived from an 802.15.4 address (RFC 6282 section 3.2.2, RFC 4944
     * section 6): {@code 0000:00ff:fe00:XXXX} for a short one, the EUI-64 with the U/L bit flipped for
     * an extended one. Meaningless for an absent address (returns 0).
     */
    public static long linkLayerInterfaceId(int mode, long address) {
        if (mode == Ieee802154Frame.MODE_SHORT) {
            return SHORT_IID | (address & 0xffff);
        }
        return mode == Ieee802154Frame.MODE_EXTENDED ? address ^ UL_BIT : 0;
    }

    /**
     * One half of the address made of {@code context}'s prefix (or fe80::/64) over the interface
     * identifier, other bits zero (RFC 6282 section 3.1.1: context bits win over in-line ones).
     */
    private long prefixed(int context, long iid, boolean wantHigh) {
        if (context == STATELESS) {
            return SixlowpanContexts.applyPrefix(LINK_LOCAL_HIGH, 0, 64, 0, iid, wantHigh);
        }
        return SixlowpanContexts.applyPrefix(contexts.prefixHigh(context), contexts.prefixLow(context),
                contexts.prefixLength(context), 0, iid, wantHigh);
    }

    private static long readInline(byte[] buf, int at, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | (buf[at + i] & 0xff);
        }
        return value;
    }

    /** Writes the last {@code length} octets of the address (high, low) at {@code at}. */
    private static int writeTail(byte[] buf, int at, long high, long low, int length) {
        for (int i = 16 - length; i < 16; i++) {
            long half = i < 8 ? high : low;
            buf[at++] = (byte) (half >>> (56 - 8 * (i & 7)));
        }
        return at;
    }

    // ---- Compression ----

    /** Chooses the encoding of both addresses; see the class comment for the order of preference. */
    private void plan() {
        planMulticast = Ipv6Address.isMulticast(dstHigh);
        if (Ipv6Address.isUnspecified(srcHigh, srcLow)) {
            planSam = 0;
            planSrcContext = 0;
        } else {
            planUnicast(true, srcHigh, srcLow, llSrcMode, llSrc);
        }
        if (planMulticast) {
            planMulticast();
        } else {
            planUnicast(false, dstHigh, dstLow, llDstMode, llDst);
        }
    }

    /** The best SAM/DAM and context for a unicast address; mode 0 stateless when nothing fits. */
    private void planUnicast(boolean source, long high, long low, int llMode, long ll) {
        for (int mode = 3; mode >= 1; mode--) {
            if (mode == 3 && llMode == Ieee802154Frame.MODE_ABSENT) {
                continue;
            }
            long iid = interfaceId(mode, mode == 2 ? low & 0xffff : low, llMode, ll);
            for (int context = STATELESS; context < SixlowpanContexts.CAPACITY; context++) {
                if (context != STATELESS && !contexts.isDefined(context)) {
                    continue;
                }
                if (prefixed(context, iid, true) == high && prefixed(context, iid, false) == low) {
                    setPlan(source, mode, context);
                    return;
                }
            }
        }
        setPlan(source, 0, STATELESS);
    }

    private void setPlan(boolean source, int mode, int context) {
        if (source) {
            planSam = mode;
            planSrcContext = context;
        } else {
            planDam = mode;
            planDstContext = context;
        }
    }

    /** The best DAM for a multicast destination; DAC with a context for RFC 3306 addresses. */
    private void planMulticast() {
        planDstContext = STATELESS;
        long scopeless = dstHigh & 0x0000_ffff_ffff_ffffL;
        if (dstHigh == 0xff02L << 48 && (dstLow & ~0xffL) == 0) {
            planDam = 3;
        } else if (scopeless == 0 && (dstLow & ~0xff_ffffL) == 0) {
            planDam = 2;
        } else if (scopeless == 0 && (dstLow & ~0xff_ffff_ffffL) == 0) {
            planDam = 1;
        } else {
            planDam = 0;
            for (int context = 0; context < SixlowpanContexts.CAPACITY; context++) {
                if (contexts.isDefined(context) && contexts.prefixLength(context) <= 64
                        && (dstHigh >>> 32 & 0xff) == contexts.prefixLength(context)
                        && (dstHigh << 32 | dstLow >>> 32) == contexts.prefixHigh(context)) {
                    planDstContext = context;
                    return;
                }
            }
        }
    }

    private boolean needsContextIds() {
        return planSrcContext > 0 || planDstContext > 0;
    }

    private int tfValue() {
        if (flowLabel == 0) {
            return ecn == 0 && dscp == 0 ? 3 : 2;
        }
        return dscp == 0 ? 1 : 0;
    }

    /** Header bytes {@link #emit} writes for the current fields, link-layer addresses and contexts. */
    public int bufferLen() {
        plan();
        int length = 2 + (needsContextIds() ? 1 : 0) + SixlowpanIphcPacket.TF_SIZE[tfValue()] + (nextHeaderCompressed ? 0 : 1)
                + (hopLimitCode() == 0 ? 1 : 0);
        length += Ipv6Address.isUnspecified(srcHigh, srcLow) ? 0 : SixlowpanIphcPacket.STATELESS_SIZE[planSam];
        if (planMulticast) {
            length += planDstContext != STATELESS ? 6 : SixlowpanIphcPacket.MULTICAST_SIZE[planDam];
        } else {
            length += SixlowpanIphcPacket.STATELESS_SIZE[planDam];
        }
        return length;
    }

    private int hopLimitCode() {
        return hopLimit == 1 ? 1 : hopLimit == 64 ? 2 : hopLimit == 255 ? 3 : 0;
    }

    /** Writes the compressed header into {@code packet}, which must be at least {@link #bufferLen()} long. */
    public void emit(SixlowpanIphcPacket packet) {
        int needed = bufferLen();
        if (packet.length() < needed) {
            throw new IllegalArgumentException("packet of " + packet.length() + " bytes cannot hold the "
                    + needed + "-byte IPHC header");
        }
        boolean unspecifiedSource = Ipv6Address.isUnspecified(srcHigh, srcLow);
        int tf = tfValue();
        int base = 0x6000 | tf << 11 | (nextHeaderCompressed ? 0x0400 : 0) | hopLimitCode() << 8
                | (needsContextIds() ? 0x80 : 0)
                | (unspecifiedSource || planSrcContext != STATELESS ? 0x40 : 0) | planSam << 4
                | (planMulticast ? 0x08 : 0) | (planDstContext != STATELESS ? 0x04 : 0) | planDam;
        packet.setBase(base);
        byte[] buf = packet.buffer();
        int at = packet.offset() + 2;
        if (needsContextIds()) {
            packet.setContextIds(Math.max(0, planSrcContext), Math.max(0, planDstContext));
            at++;
        }
        at = writeTrafficClass(buf, at, tf);
        if (!nextHeaderCompressed) {
            buf[at++] = (byte) nextHeader;
        }
        if (hopLimitCode() == 0) {
            buf[at++] = (byte) hopLimit;
        }
        if (!unspecifiedSource) {
            at = writeTail(buf, at, srcHigh, srcLow, SixlowpanIphcPacket.STATELESS_SIZE[planSam]);
        }
        if (!planMulticast) {
            writeTail(buf, at, dstHigh, dstLow, SixlowpanIphcPacket.STATELESS_SIZE[planDam]);
        } else if (planDstContext != STATELESS) {
            buf[at] = (byte) (dstHigh >>> 48);
            buf[at + 1] = (byte) (dstHigh >>> 40);
            NetworkBytes.setU32(buf, at + 2, (int) dstLow);
        } else if (planDam == 0 || planDam == 3) {
            writeTail(buf, at, dstHigh, dstLow, SixlowpanIphcPacket.MULTICAST_SIZE[planDam]);
        } else {
            buf[at] = (byte) (dstHigh >>> 48);
            writeTail(buf, at + 1, dstHigh, dstLow, SixlowpanIphcPacket.MULTICAST_SIZE[planDam] - 1);
        }
    }

    private int writeTrafficClass(byte[] buf, int at, int tf) {
        switch (tf) {
            case 0:
                buf[at] = (byte) (ecn << 6 | dscp);
                buf[at + 1] = (byte) (flowLabel >>> 16);
                NetworkBytes.setU16(buf, at + 2, flowLabel);
                return at + 4;
            case 1:
                buf[at] = (byte) (ecn << 6 | flowLabel >>> 16);
                NetworkBytes.setU16(buf, at + 1, flowLabel);
                return at + 3;
            case 2:
                buf[at] = (byte) (ecn << 6 | dscp);
                return at + 1;
            default:
                return at;
        }
    }

    // ---- Fields ----

    public long srcHigh() {
        return srcHigh;
    }

    public long srcLow() {
        return srcLow;
    }

    public long dstHigh() {
        return dstHigh;
    }

    public long dstLow() {
        return dstLow;
    }

    public int llSrcMode() {
        return llSrcMode;
    }

    public long llSrc() {
        return llSrc;
    }

    public int llDstMode() {
        return llDstMode;
    }

    public long llDst() {
        return llDst;
    }

    /** The IP protocol of the next header (also when it is NHC compressed). */
    public int nextHeader() {
        return nextHeader;
    }

    public boolean nextHeaderCompressed() {
        return nextHeaderCompressed;
    }

    public int hopLimit() {
        return hopLimit;
    }

    public int ecn() {
        return ecn;
    }

    public int dscp() {
        return dscp;
    }

    public int flowLabel() {
        return flowLabel;
    }

    public SixlowpanContexts contexts() {
        return contexts;
    }

    public SixlowpanIphcRepr setSource(long high, long low) {
        srcHigh = high;
        srcLow = low;
        return this;
    }

    public SixlowpanIphcRepr setDestination(long high, long low) {
        dstHigh = high;
        dstLow = low;
        return this;
    }

    /** The 802.15.4 source address the IPHC header is compressed against. */
    public SixlowpanIphcRepr setLinkLayerSource(int mode, long address) {
        Ieee802154Repr.requireAddress("link-layer source", mode, address);
        llSrcMode = mode;
        llSrc = address;
        return this;
    }

    /** The 802.15.4 destination address the IPHC header is compressed against. */
    public SixlowpanIphcRepr setLinkLayerDestination(int mode, long address) {
        Ieee802154Repr.requireAddress("link-layer destination", mode, address);
        llDstMode = mode;
        llDst = address;
        return this;
    }

    /**
     * Sets the next header (an IP protocol, 0..255) and whether an NHC header encodes it; only
     * UDP and the extension headers NHC knows (hop-by-hop, routing, fragment, destination options,
     * mobility) can be compressed.
     */
    public SixlowpanIphcRepr setNextHeader(int protocol, boolean compressed) {
        SixlowpanNhcExtRepr.requireNextHeader(protocol, compressed);
        nextHeader = protocol;
        nextHeaderCompressed = compressed;
        return this;
    }

    public SixlowpanIphcRepr setHopLimit(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("hop limit must be 0..255, got " + value);
        }
        hopLimit = value;
        return this;
    }

    /** Sets ECN (0..3), DSCP (0..63) and the flow label (0..0xfffff). */
    public SixlowpanIphcRepr setTrafficClass(int ecnBits, int dscpBits, int flow) {
        if (ecnBits < 0 || ecnBits > 3) {
            throw new IllegalArgumentException("ECN must be 0..3, got " + ecnBits);
        }
        if (dscpBits < 0 || dscpBits > 0x3f) {
            throw new IllegalArgumentException("DSCP must be 0..63, got " + dscpBits);
        }
        if (flow < 0 || flow > 0xfffff) {
            throw new IllegalArgumentException("flow label must be 0..0xfffff, got " + flow);
        }
        ecn = ecnBits;
        dscp = dscpBits;
        flowLabel = flow;
        return this;
    }

    /** tcpdump-style: {@code IPHC src=fe80::1 dst=ff02::1 nxt=UDP hlim=64}, NHC and traffic class when used. */
    public StringBuilder appendTo(StringBuilder out) {
        Ipv6Address.append(out.append("IPHC src="), srcHigh, srcLow);
        Ipv6Address.append(out.append(" dst="), dstHigh, dstLow);
        IpProtocol.append(out.append(" nxt="), nextHeader);
        if (nextHeaderCompressed) {
            out.append("(NHC)");
        }
        out.append(" hlim=").append(hopLimit);
        if (ecn != 0 || dscp != 0 || flowLabel != 0) {
            out.append(" ecn=").append(ecn).append(" dscp=").append(dscp).append(" flow=").append(flowLabel);
        }
        return out;
    }
}
