package org.smoltcp4j.wire;

/**
 * The meaning of an NDISC message (RFC 4861): router solicitation/advertisement, neighbor
 * solicitation/advertisement, redirect, with the options the stack uses held in preallocated
 * slots: source and target link-layer address (Ethernet only; the 16-byte IEEE 802.15.4 form is
 * UNSUPPORTED), MTU, up to {@link #MAX_PREFIXES} prefix informations, RDNSS (RFC 8106) with up to
 * {@link #MAX_DNS_SERVERS} addresses over all RDNSS options (the last option's lifetime). A
 * redirect's Redirected Header option is located ({@link #redirectedOffset()}) but not emitted.
 * Unknown options are skipped. Emit writes the whole message with checksum 0; then call
 * {@link Icmpv6Packet#fillChecksum} or leave it to offload.
 */
public final class NdiscRepr {

    public static final int MAX_PREFIXES = 4;
    public static final int MAX_DNS_SERVERS = 3;
    /** Value of an absent link-layer address or MTU. */
    public static final long ABSENT = -1;

    public static final int ROUTER_FLAG_MANAGED = 0x80;
    public static final int ROUTER_FLAG_OTHER = 0x40;
    public static final int NEIGHBOR_FLAG_ROUTER = 0x80;
    public static final int NEIGHBOR_FLAG_SOLICITED = 0x40;
    public static final int NEIGHBOR_FLAG_OVERRIDE = 0x20;

    private final int[] prefixLengths = new int[MAX_PREFIXES];
    private final int[] prefixFlags = new int[MAX_PREFIXES];
    private final long[] validLifetimes = new long[MAX_PREFIXES];
    private final long[] preferredLifetimes = new long[MAX_PREFIXES];
    private final long[] prefixHighs = new long[MAX_PREFIXES];
    private final long[] prefixLows = new long[MAX_PREFIXES];
    private final long[] dnsHighs = new long[MAX_DNS_SERVERS];
    private final long[] dnsLows = new long[MAX_DNS_SERVERS];
    private final NdiscOption option = new NdiscOption();

    private int type = Icmpv6Packet.TYPE_ROUTER_SOLICITATION;
    private int hopLimit;
    private int flags;
    private int routerLifetime;
    private long reachableTime;
    private long retransTimer;
    private long targetHigh;
    private long targetLow;
    private long destinationHigh;
    private long destinationLow;
    private long sourceLinkLayer = ABSENT;
    private long targetLinkLayer = ABSENT;
    private long mtu = ABSENT;
    private int prefixCount;
    private long dnsLifetime;
    private int dnsCount;
    private int redirectedOffset;
    private int redirectedLength;

    /**
     * Fills this holder. TRUNCATED for a short message or option; BAD_CHECKSUM; MALFORMED for a
     * code other than 0, a zero-length option, or an option whose length does not fit its type;
     * UNSUPPORTED for non-NDISC types, 802.15.4 link-layer addresses and more prefixes or DNS
     * servers than the limits.
     */
    public int parse(Icmpv6Packet packet, boolean verifyChecksum, long srcHigh, long srcLow, long dstHigh, long dstLow) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (!Icmpv6Packet.isNdisc(packet.type())) {
            return WireStatus.UNSUPPORTED;
        }
        if (packet.code() != 0) {
            return WireStatus.MALFORMED;
        }
        if (verifyChecksum && !packet.verifyChecksum(srcHigh, srcLow, dstHigh, dstLow)) {
            return WireStatus.BAD_CHECKSUM;
        }
        // Validate every option first, so that a failure leaves the holder untouched.
        status = readOptions(packet, false);
        if (status != WireStatus.OK) {
            return status;
        }
        type = packet.type();
        boolean advert = type == Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT;
        hopLimit = advert ? packet.currentHopLimit() : 0;
        flags = advert ? packet.routerFlags() : type == Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT ? packet.neighborFlags() & 0xe0 : 0;
        routerLifetime = advert ? packet.routerLifetime() : 0;
        reachableTime = advert ? packet.reachableTime() : 0;
        retransTimer = advert ? packet.retransTimer() : 0;
        boolean targeted = type >= Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION;
        targetHigh = targeted ? packet.targetHigh() : 0;
        targetLow = targeted ? packet.targetLow() : 0;
        boolean redirect = type == Icmpv6Packet.TYPE_REDIRECT;
        destinationHigh = redirect ? packet.redirectDestinationHigh() : 0;
        destinationLow = redirect ? packet.redirectDestinationLow() : 0;
        clearOptions();
        return readOptions(packet, true);
    }

    private int readOptions(Icmpv6Packet packet, boolean fill) {
        option.reset(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        int prefixes = 0;
        int servers = 0;
        int status;
        while ((status = option.next()) == WireStatus.OK) {
            int length = option.optionLength();
            switch (option.type()) {
                case NdiscOption.TYPE_SOURCE_LINK_LAYER_ADDRESS:
                case NdiscOption.TYPE_TARGET_LINK_LAYER_ADDRESS:
                    if (length != NdiscOption.LINK_LAYER_LEN) {
                        return length == 16 ? WireStatus.UNSUPPORTED : WireStatus.MALFORMED;
                    }
                    if (fill && option.type() == NdiscOption.TYPE_SOURCE_LINK_LAYER_ADDRESS) {
                        sourceLinkLayer = option.linkLayerAddress();
                    } else if (fill) {
                        targetLinkLayer = option.linkLayerAddress();
                    }
                    break;
                case NdiscOption.TYPE_PREFIX_INFORMATION:
                    if (length != NdiscOption.PREFIX_INFORMATION_LEN || option.prefixLength() > 128) {
                        return WireStatus.MALFORMED;
                    }
                    if (prefixes == MAX_PREFIXES) {
                        return WireStatus.UNSUPPORTED;
                    }
                    if (fill) {
                        storePrefix(prefixes, option.prefixLength(), option.prefixFlags() & 0xc0, option.validLifetime(),
                                option.preferredLifetime(), option.prefixHigh(), option.prefixLow());
                        prefixCount = prefixes + 1;
                    }
                    prefixes++;
                    break;
                case NdiscOption.TYPE_MTU:
                    if (length != NdiscOption.MTU_LEN) {
                        return WireStatus.MALFORMED;
                    }
                    if (fill) {
                        mtu = option.mtu();
                    }
                    break;
                case NdiscOption.TYPE_RDNSS:
                    if (length < 24 || (length - 8) % 16 != 0) {
                        return WireStatus.MALFORMED;
                    }
                    int n = option.rdnssAddressCount();
                    if (servers + n > MAX_DNS_SERVERS) {
                        return WireStatus.UNSUPPORTED;
                    }
                    for (int i = 0; fill && i < n; i++) {
                        dnsHighs[servers + i] = option.rdnssAddressHigh(i);
                        dnsLows[servers + i] = option.rdnssAddressLow(i);
                    }
                    servers += n;
                    if (fill) {
                        dnsLifetime = option.rdnssLifetime();
                        dnsCount = servers;
                    }
                    break;
                case NdiscOption.TYPE_REDIRECTED_HEADER:
                    if (fill) {
                        redirectedOffset = option.optionOffset() + 8;
                        redirectedLength = length - 8;
                    }
                    break;
                default:
                    // RFC 4861 section 4.6: unrecognised options are skipped.
                    break;
            }
        }
        return status == NdiscOption.END ? WireStatus.OK : status;
    }

    /** Bytes {@link #emit} writes: the fixed part of the type and the options. */
    public int bufferLen() {
        int total;
        switch (type) {
            case Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT:
                total = 16;
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION:
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT:
                total = 24;
                break;
            case Icmpv6Packet.TYPE_REDIRECT:
                total = 40;
                break;
            default:
                total = 8;
        }
        total += (sourceLinkLayer != ABSENT ? NdiscOption.LINK_LAYER_LEN : 0) + (targetLinkLayer != ABSENT ? NdiscOption.LINK_LAYER_LEN : 0);
        total += (mtu != ABSENT ? NdiscOption.MTU_LEN : 0) + prefixCount * NdiscOption.PREFIX_INFORMATION_LEN;
        return total + (dnsCount > 0 ? 8 + 16 * dnsCount : 0);
    }

    /** Writes the whole message into {@code packet} (at least {@link #bufferLen()} long), checksum 0. */
    public void emit(Icmpv6Packet packet) {
        int total = bufferLen();
        if (packet.length() < total) {
            throw new IllegalArgumentException("NDISC message of " + packet.length() + " bytes cannot hold " + total);
        }
        packet.setTypeAndCode(type, 0);
        if (type == Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT) {
            packet.setRouterAdvertisement(hopLimit, flags, routerLifetime, reachableTime, retransTimer);
        } else if (type == Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT) {
            packet.setNeighborFlags(flags);
        }
        if (type >= Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION) {
            packet.setTarget(targetHigh, targetLow);
        }
        if (type == Icmpv6Packet.TYPE_REDIRECT) {
            packet.setRedirectDestination(destinationHigh, destinationLow);
        }
        byte[] out = packet.buffer();
        int at = packet.payloadOffset();
        if (sourceLinkLayer != ABSENT) {
            at = NdiscOption.writeLinkLayer(out, at, NdiscOption.TYPE_SOURCE_LINK_LAYER_ADDRESS, sourceLinkLayer);
        }
        if (targetLinkLayer != ABSENT) {
            at = NdiscOption.writeLinkLayer(out, at, NdiscOption.TYPE_TARGET_LINK_LAYER_ADDRESS, targetLinkLayer);
        }
        if (mtu != ABSENT) {
            at = NdiscOption.writeMtu(out, at, mtu);
        }
        for (int i = 0; i < prefixCount; i++) {
            at = NdiscOption.writePrefix(out, at, prefixLengths[i], prefixFlags[i], validLifetimes[i], preferredLifetimes[i],
                    prefixHighs[i], prefixLows[i]);
        }
        if (dnsCount > 0) {
            at = NdiscOption.writeRdnssHead(out, at, dnsLifetime, dnsCount);
            for (int i = 0; i < dnsCount; i++) {
                Ipv6Address.write(out, at + 16 * i, dnsHighs[i], dnsLows[i]);
            }
        }
    }

    public NdiscRepr setRouterSolicitation() {
        return setFixed(Icmpv6Packet.TYPE_ROUTER_SOLICITATION, 0, 0, 0, 0, 0);
    }

    /** Flags: {@link #ROUTER_FLAG_MANAGED}, {@link #ROUTER_FLAG_OTHER}; lifetime in s, times in ms. */
    public NdiscRepr setRouterAdvertisement(int hopLimit, int flags, int routerLifetime, long reachableTime, long retransTimer) {
        return setFixed(Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT, Ipv6Repr.requireRange("hop limit", hopLimit, 0xff),
                Ipv6Repr.requireRange("router flags", flags, 0xff), Ipv6Repr.requireRange("router lifetime", routerLifetime, 0xffff),
                requireU32("reachable time", reachableTime), requireU32("retrans timer", retransTimer));
    }

    public NdiscRepr setNeighborSolicitation(long targetHigh, long targetLow) {
        setFixed(Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION, 0, 0, 0, 0, 0);
        return setTarget(targetHigh, targetLow);
    }

    /** Flags: {@link #NEIGHBOR_FLAG_ROUTER}, {@code _SOLICITED}, {@code _OVERRIDE}. */
    public NdiscRepr setNeighborAdvertisement(int flags, long targetHigh, long targetLow) {
        if ((flags & ~0xe0) != 0) {
            throw new IllegalArgumentException("neighbor advertisement flags must be within 0xe0, got 0x" + Integer.toHexString(flags));
        }
        setFixed(Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT, 0, flags, 0, 0, 0);
        return setTarget(targetHigh, targetLow);
    }

    public NdiscRepr setRedirect(long targetHigh, long targetLow, long destinationHigh, long destinationLow) {
        setFixed(Icmpv6Packet.TYPE_REDIRECT, 0, 0, 0, 0, 0);
        this.destinationHigh = destinationHigh;
        this.destinationLow = destinationLow;
        return setTarget(targetHigh, targetLow);
    }

    private NdiscRepr setTarget(long high, long low) {
        targetHigh = high;
        targetLow = low;
        return this;
    }

    private NdiscRepr setFixed(int type, int hopLimit, int flags, int lifetime, long reachable, long retrans) {
        this.type = type;
        this.hopLimit = hopLimit;
        this.flags = flags;
        this.routerLifetime = lifetime;
        this.reachableTime = reachable;
        this.retransTimer = retrans;
        this.targetHigh = 0;
        this.targetLow = 0;
        this.destinationHigh = 0;
        this.destinationLow = 0;
        clearOptions();
        return this;
    }

    private void clearOptions() {
        sourceLinkLayer = ABSENT;
        targetLinkLayer = ABSENT;
        mtu = ABSENT;
        prefixCount = 0;
        dnsCount = 0;
        dnsLifetime = 0;
        redirectedOffset = 0;
        redirectedLength = 0;
    }

    /** Source link-layer address option; {@link #ABSENT} removes it. */
    public NdiscRepr setSourceLinkLayer(long mac) {
        sourceLinkLayer = mac == ABSENT ? ABSENT : EthernetRepr.requireMac("source link-layer", mac);
        return this;
    }

    public NdiscRepr setTargetLinkLayer(long mac) {
        targetLinkLayer = mac == ABSENT ? ABSENT : EthernetRepr.requireMac("target link-layer", mac);
        return this;
    }

    /** MTU option; {@link #ABSENT} removes it. */
    public NdiscRepr setMtu(long value) {
        mtu = value == ABSENT ? ABSENT : requireU32("MTU", value);
        return this;
    }

    /** Adds a prefix information option; false when {@link #MAX_PREFIXES} are set. Flags: L 0x80, A 0x40. */
    public boolean addPrefix(int prefixLength, int flags, long validLifetime, long preferredLifetime, long high, long low) {
        Ipv6Repr.requireRange("prefix length", prefixLength, 128);
        if ((flags & ~0xc0) != 0) {
            throw new IllegalArgumentException("prefix flags must be within 0xc0, got 0x" + Integer.toHexString(flags));
        }
        requireU32("valid lifetime", validLifetime);
        requireU32("preferred lifetime", preferredLifetime);
        if (prefixCount == MAX_PREFIXES) {
            return false;
        }
        storePrefix(prefixCount++, prefixLength, flags, validLifetime, preferredLifetime, high, low);
        return true;
    }

    private void storePrefix(int i, int length, int flags, long valid, long preferred, long high, long low) {
        prefixLengths[i] = length;
        prefixFlags[i] = flags;
        validLifetimes[i] = valid;
        preferredLifetimes[i] = preferred;
        prefixHighs[i] = high;
        prefixLows[i] = low;
    }

    /** Adds a DNS server to the RDNSS option (lifetime in seconds, shared); false when full. */
    public boolean addDnsServer(long lifetime, long high, long low) {
        requireU32("RDNSS lifetime", lifetime);
        if (dnsCount == MAX_DNS_SERVERS) {
            return false;
        }
        dnsLifetime = lifetime;
        dnsHighs[dnsCount] = high;
        dnsLows[dnsCount] = low;
        dnsCount++;
        return true;
    }

    private static long requireU32(String field, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(field + " must be 0..4294967295, got " + value);
        }
        return value;
    }

    public int type() {
        return type;
    }

    /** Router advertisement: current hop limit. */
    public int hopLimit() {
        return hopLimit;
    }

    /** Router advertisement M/O flags, or neighbor advertisement R/S/O flags. */
    public int flags() {
        return flags;
    }

    public int routerLifetime() {
        return routerLifetime;
    }

    public long reachableTime() {
        return reachableTime;
    }

    public long retransTimer() {
        return retransTimer;
    }

    public long targetHigh() {
        return targetHigh;
    }

    public long targetLow() {
        return targetLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }

    public long sourceLinkLayer() {
        return sourceLinkLayer;
    }

    public long targetLinkLayer() {
        return targetLinkLayer;
    }

    public long mtu() {
        return mtu;
    }

    public int prefixCount() {
        return prefixCount;
    }

    public int prefixLength(int i) {
        return prefixLengths[requireIndex(i, prefixCount)];
    }

    public int prefixFlags(int i) {
        return prefixFlags[requireIndex(i, prefixCount)];
    }

    public long validLifetime(int i) {
        return validLifetimes[requireIndex(i, prefixCount)];
    }

    public long preferredLifetime(int i) {
        return preferredLifetimes[requireIndex(i, prefixCount)];
    }

    public long prefixHigh(int i) {
        return prefixHighs[requireIndex(i, prefixCount)];
    }

    public long prefixLow(int i) {
        return prefixLows[requireIndex(i, prefixCount)];
    }

    public int dnsServerCount() {
        return dnsCount;
    }

    public long dnsLifetime() {
        return dnsLifetime;
    }

    public long dnsServerHigh(int i) {
        return dnsHighs[requireIndex(i, dnsCount)];
    }

    public long dnsServerLow(int i) {
        return dnsLows[requireIndex(i, dnsCount)];
    }

    /** Absolute index of a parsed redirect's redirected packet (0 when none). */
    public int redirectedOffset() {
        return redirectedOffset;
    }

    public int redirectedLength() {
        return redirectedLength;
    }

    static int requireIndex(int index, int count) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " with " + count + " entries");
        }
        return index;
    }

    /** {@code NDISC neighbor solicitation target=fe80::2 sll=02:00:00:00:00:01}, etc. */
    public StringBuilder appendTo(StringBuilder out) {
        switch (type) {
            case Icmpv6Packet.TYPE_ROUTER_SOLICITATION:
                out.append("NDISC router solicitation");
                break;
            case Icmpv6Packet.TYPE_ROUTER_ADVERTISEMENT:
                out.append("NDISC router advertisement hop_limit=").append(hopLimit).append(" flags=");
                out.append((flags & ROUTER_FLAG_MANAGED) != 0 ? "M" : "").append((flags & ROUTER_FLAG_OTHER) != 0 ? "O" : "");
                out.append(" lifetime=").append(routerLifetime).append(" reachable=").append(reachableTime)
                        .append(" retrans=").append(retransTimer);
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICITATION:
                Ipv6Address.append(out.append("NDISC neighbor solicitation target="), targetHigh, targetLow);
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERTISEMENT:
                Ipv6Address.append(out.append("NDISC neighbor advertisement target="), targetHigh, targetLow).append(" flags=");
                out.append((flags & NEIGHBOR_FLAG_ROUTER) != 0 ? "R" : "").append((flags & NEIGHBOR_FLAG_SOLICITED) != 0 ? "S" : "")
                        .append((flags & NEIGHBOR_FLAG_OVERRIDE) != 0 ? "O" : "");
                break;
            default:
                Ipv6Address.append(out.append("NDISC redirect target="), targetHigh, targetLow);
                Ipv6Address.append(out.append(" dst="), destinationHigh, destinationLow);
        }
        if (sourceLinkLayer != ABSENT) {
            MacAddress.append(out.append(" sll="), sourceLinkLayer);
        }
        if (targetLinkLayer != ABSENT) {
            MacAddress.append(out.append(" tll="), targetLinkLayer);
        }
        if (mtu != ABSENT) {
            out.append(" mtu=").append(mtu);
        }
        for (int i = 0; i < prefixCount; i++) {
            Ipv6Address.append(out.append(" prefix="), prefixHighs[i], prefixLows[i]).append('/').append(prefixLengths[i]);
        }
        for (int i = 0; i < dnsCount; i++) {
            Ipv6Address.append(out.append(" rdnss="), dnsHighs[i], dnsLows[i]);
        }
        return out;
    }
}
