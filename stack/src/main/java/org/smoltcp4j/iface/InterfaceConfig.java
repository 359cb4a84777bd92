package org.smoltcp4j.iface;

import org.smoltcp4j.iface.sixlowpan.SixlowpanConfig;

/**
 * Every size and timing of an {@link Interface}, fixed at construction: the sizes smoltcp sets at
 * compile time (IFACE_NEIGHBOR_CACHE_COUNT, IFACE_MAX_ADDR_COUNT, REASSEMBLY_BUFFER_SIZE, ...), with
 * the same defaults, plus the few this stack adds. Setters validate and say what is wrong;
 * {@link Interface} allocates everything from these numbers once.
 */
public final class InterfaceConfig {

    private long hardwareAddress;
    private int neighborCacheSize = 8;
    private int maxAddresses = 2;
    private int maxRoutes = 2;
    private int maxIpv6Addresses = 3;
    private int maxIpv6Routes = 2;
    private int maxMulticastGroups = 4;
    private int reassemblyBufferSize = 1500;
    private int reassemblyBufferCount = 1;
    private int assemblerMaxRanges = 4;
    private int fragmentationBufferSize = 1500;
    private int pendingPacketSlots = 4;
    private int maxIngressPerPoll = 32;
    private int maxEgressPerPoll = 32;
    private int defaultTtl = 64;
    private int icmpErrorsPerSecond = 20;
    private boolean answerEchoRequests = true;
    private boolean mldReports = true;
    private long neighborLifetimeMicros = 60_000_000L;
    private long neighborRequestIntervalMicros = 1_000_000L;
    private long pendingPacketTimeoutMicros = 3_000_000L;
    private long reassemblyTimeoutMicros = 60_000_000L;
    private long randomSeed;
    private final SixlowpanConfig sixlowpan = new SixlowpanConfig();

    /** The Ethernet address (ignored on the IP medium; see {@link #extendedAddress} for IEEE 802.15.4). */
    public InterfaceConfig hardwareAddress(long mac) {
        if ((mac & ~0xffff_ffff_ffffL) != 0 || (mac & (1L << 40)) != 0) {
            throw new IllegalArgumentException("hardware address must be a 48-bit unicast MAC, got 0x" + Long.toHexString(mac));
        }
        hardwareAddress = mac;
        return this;
    }

    /**
     * The IEEE 802.15.4 extended address (an EUI-64), on that medium, kept as the hardware
     * address: the link-local address is derived from it. Any 64-bit value but 0 and all ones.
     */
    public InterfaceConfig extendedAddress(long address) {
        if (address == 0 || address == -1L) {
            throw new IllegalArgumentException("extended address must not be 0 or all ones, got 0x" + Long.toHexString(address));
        }
        hardwareAddress = address;
        return this;
    }

    /** Neighbour (ARP) cache entries; smoltcp's IFACE_NEIGHBOR_CACHE_COUNT, default 8. */
    public InterfaceConfig neighborCacheSize(int entries) {
        neighborCacheSize = atLeast("neighbor cache size", entries, 1);
        return this;
    }

    /** IP addresses the interface can hold; IFACE_MAX_ADDR_COUNT, default 2. */
    public InterfaceConfig maxAddresses(int count) {
        maxAddresses = atLeast("max addresses", count, 1);
        return this;
    }

    /** Routes besides the connected subnets; IFACE_MAX_ROUTE_COUNT, default 2. */
    public InterfaceConfig maxRoutes(int count) {
        maxRoutes = atLeast("max routes", count, 0);
        return this;
    }

    /**
     * IPv6 addresses the interface can hold, the automatic link-local address (on Ethernet and
     * IEEE 802.15.4) included; smoltcp's IFACE_MAX_ADDR_COUNT counts both families, this stack
     * counts them apart. Default 3 (link-local and two more).
     */
    public InterfaceConfig maxIpv6Addresses(int count) {
        maxIpv6Addresses = atLeast("max IPv6 addresses", count, 1);
        return this;
    }

    /** IPv6 routes besides the on-link prefixes (the default gateway is one); default 2. */
    public InterfaceConfig maxIpv6Routes(int count) {
        maxIpv6Routes = atLeast("max IPv6 routes", count, 0);
        return this;
    }

    /** Multicast groups joined at once; IFACE_MAX_MULTICAST_GROUP_COUNT, default 4. */
    public InterfaceConfig maxMulticastGroups(int count) {
        maxMulticastGroups = atLeast("max multicast groups", count, 0);
        return this;
    }

    /**
     * Whether an Ethernet interface sends MLDv2 reports for its IPv6 groups (RFC 3810); default
     * true, as Linux. Switches that snoop MLD forward a group's packets (Neighbor Solicitations
     * to our solicited-node groups included) only to ports that reported it; off, the groups are
     * still received where the link floods them, and the interface sends only what was asked of it.
     */
    public InterfaceConfig mldReports(boolean send) {
        mldReports = send;
        return this;
    }

    /** Largest IPv4 datagram reassembled from fragments; REASSEMBLY_BUFFER_SIZE, default 1500. */
    public InterfaceConfig reassemblyBufferSize(int bytes) {
        reassemblyBufferSize = between("reassembly buffer size", bytes, 68, 65535);
        return this;
    }

    /** Datagrams reassembled at once; REASSEMBLY_BUFFER_COUNT, default 1 (0 turns reassembly off). */
    public InterfaceConfig reassemblyBufferCount(int count) {
        reassemblyBufferCount = atLeast("reassembly buffer count", count, 0);
        return this;
    }

    /** Holes a reassembly may have; ASSEMBLER_MAX_SEGMENT_COUNT, default 4. */
    public InterfaceConfig assemblerMaxRanges(int ranges) {
        assemblerMaxRanges = atLeast("assembler max ranges", ranges, 1);
        return this;
    }

    /** Largest IPv4 datagram sent in fragments; FRAGMENTATION_BUFFER_SIZE, default 1500 (0 turns fragmentation off). */
    public InterfaceConfig fragmentationBufferSize(int bytes) {
        fragmentationBufferSize = bytes == 0 ? 0 : between("fragmentation buffer size", bytes, 68, 65535);
        return this;
    }

    /**
     * Packets held while their next hop's link address is resolved, each in a buffer of the
     * device's MTU, so one unreachable peer does not hold up the others (smoltcp #594); default 4.
     */
    public InterfaceConfig pendingPacketSlots(int slots) {
        pendingPacketSlots = atLeast("pending packet slots", slots, 0);
        return this;
    }

    /** Frames read per poll at most, so a flood cannot starve egress and timers; default 32. */
    public InterfaceConfig maxIngressPerPoll(int frames) {
        maxIngressPerPoll = atLeast("max ingress per poll", frames, 1);
        return this;
    }

    /** Packets sent per poll at most; default 32. */
    public InterfaceConfig maxEgressPerPoll(int packets) {
        maxEgressPerPoll = atLeast("max egress per poll", packets, 1);
        return this;
    }

    /** TTL (IPv6: hop limit) of packets the interface itself originates (echo replies, ICMP errors); default 64. */
    public InterfaceConfig defaultTtl(int ttl) {
        defaultTtl = between("default TTL", ttl, 1, 255);
        return this;
    }

    /** ICMP errors (unreachables, parameter problems) sent per second at most, for each IP family; default 20 (0 sends none). */
    public InterfaceConfig icmpErrorsPerSecond(int rate) {
        icmpErrorsPerSecond = atLeast("ICMP errors per second", rate, 0);
        return this;
    }

    /**
     * Whether the interface answers ICMP and ICMPv6 echo requests itself; default true, as Linux
     * and smoltcp. False is Linux's net.ipv4.icmp_echo_ignore_all = 1 (and net.ipv6.icmp.echo_ignore_all):
     * requests are still counted and still reach ICMP sockets bound to their identifier.
     */
    public InterfaceConfig answerEchoRequests(boolean answer) {
        answerEchoRequests = answer;
        return this;
    }

    /** How long a neighbour entry lives without being refreshed; default 60 s as smoltcp. */
    public InterfaceConfig neighborLifetimeMicros(long micros) {
        neighborLifetimeMicros = positive("neighbor lifetime", micros);
        return this;
    }

    /** Least time between two ARP requests for one address; default 1 s as smoltcp. */
    public InterfaceConfig neighborRequestIntervalMicros(long micros) {
        neighborRequestIntervalMicros = positive("neighbor request interval", micros);
        return this;
    }

    /** How long a packet waits for its neighbour before it is dropped; default 3 s. */
    public InterfaceConfig pendingPacketTimeoutMicros(long micros) {
        pendingPacketTimeoutMicros = positive("pending packet timeout", micros);
        return this;
    }

    /** How long an incomplete reassembly waits for its fragments; default 60 s as smoltcp. */
    public InterfaceConfig reassemblyTimeoutMicros(long micros) {
        reassemblyTimeoutMicros = positive("reassembly timeout", micros);
        return this;
    }

    /** Seed for the interface's pseudo-random choices (IGMP report delays, IP identification). */
    public InterfaceConfig randomSeed(long seed) {
        randomSeed = seed;
        return this;
    }

    public long hardwareAddress() {
        return hardwareAddress;
    }

    public int neighborCacheSize() {
        return neighborCacheSize;
    }

    public int maxAddresses() {
        return maxAddresses;
    }

    public int maxRoutes() {
        return maxRoutes;
    }

    public int maxIpv6Addresses() {
        return maxIpv6Addresses;
    }

    public int maxIpv6Routes() {
        return maxIpv6Routes;
    }

    public int maxMulticastGroups() {
        return maxMulticastGroups;
    }

    public boolean mldReports() {
        return mldReports;
    }

    public int reassemblyBufferSize() {
        return reassemblyBufferSize;
    }

    public int reassemblyBufferCount() {
        return reassemblyBufferCount;
    }

    public int assemblerMaxRanges() {
        return assemblerMaxRanges;
    }

    public int fragmentationBufferSize() {
        return fragmentationBufferSize;
    }

    public int pendingPacketSlots() {
        return pendingPacketSlots;
    }

    public int maxIngressPerPoll() {
        return maxIngressPerPoll;
    }

    public int maxEgressPerPoll() {
        return maxEgressPerPoll;
    }

    public int defaultTtl() {
        return defaultTtl;
    }

    public int icmpErrorsPerSecond() {
        return icmpErrorsPerSecond;
    }

    public boolean answersEchoRequests() {
        return answerEchoRequests;
    }

    public long neighborLifetimeMicros() {
        return neighborLifetimeMicros;
    }

    public long neighborRequestIntervalMicros() {
        return neighborRequestIntervalMicros;
    }

    public long pendingPacketTimeoutMicros() {
        return pendingPacketTimeoutMicros;
    }

    public long reassemblyTimeoutMicros() {
        return reassemblyTimeoutMicros;
    }

    public long randomSeed() {
        return randomSeed;
    }

    /**
     * The 6LoWPAN settings used on an IEEE 802.15.4 medium (PAN, short address, fragment
     * reassembly), changed through the object returned: {@code config.sixlowpan().panId(0x1234)}.
     */
    public SixlowpanConfig sixlowpan() {
        return sixlowpan;
    }

    private static int atLeast(String what, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static int between(String what, int value, int minimum, int maximum) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(what + " must be " + minimum + ".." + maximum + ", got " + value);
        }
        return value;
    }

    private static long positive(String what, long micros) {
        if (micros <= 0) {
            throw new IllegalArgumentException(what + " must be positive (microseconds), got " + micros);
        }
        return micros;
    }
}
