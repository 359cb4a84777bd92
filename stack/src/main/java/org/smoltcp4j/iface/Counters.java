package org.smoltcp4j.iface;

/**
 * What the interface counted, by reason, in the spirit of Linux's {@code nstat}: frames and packets
 * in and out, and every drop under the reason it happened for. Network input never throws
 * (design.md section 4); it is counted here instead. Read by the application with {@link #get}
 * and named by {@link #name}.
 */
public final class Counters {

    public static final int RX_FRAMES = 0;
    public static final int TX_FRAMES = 1;
    public static final int RX_LINK_MALFORMED = 2;
    public static final int RX_LINK_UNSUPPORTED = 3;
    public static final int RX_LINK_NOT_FOR_US = 4;
    public static final int RX_ARP_MALFORMED = 5;
    public static final int RX_ARP_UNSUPPORTED = 6;
    public static final int RX_IPV4_TRUNCATED = 7;
    public static final int RX_IPV4_MALFORMED = 8;
    public static final int RX_IPV4_BAD_CHECKSUM = 9;
    public static final int RX_IPV4_NOT_FOR_US = 10;
    public static final int RX_IPV4_BAD_SOURCE = 11;
    public static final int RX_IPV4_UNKNOWN_PROTOCOL = 12;
    public static final int RX_REASSEMBLY_OK = 13;
    public static final int RX_REASSEMBLY_FAILED = 14;
    public static final int RX_REASSEMBLY_TIMEOUT = 15;
    public static final int RX_ICMP_MALFORMED = 16;
    public static final int RX_ICMP_BAD_CHECKSUM = 17;
    public static final int RX_ICMP_UNSUPPORTED = 18;
    public static final int RX_ECHO_REQUESTS = 19;
    public static final int RX_UDP_MALFORMED = 20;
    public static final int RX_UDP_BAD_CHECKSUM = 21;
    public static final int RX_UDP_NO_PORT = 22;
    public static final int RX_SOCKET_BUFFER_FULL = 23;
    public static final int RX_IGMP_MALFORMED = 24;
    public static final int TX_ECHO_REPLIES = 25;
    public static final int TX_ICMP_ERRORS = 26;
    public static final int TX_ICMP_ERRORS_RATE_LIMITED = 27;
    public static final int TX_NO_ROUTE = 28;
    public static final int TX_DEVICE_BUSY = 29;
    public static final int TX_TOO_LARGE = 30;
    public static final int TX_NEIGHBOR_PENDING = 31;
    public static final int TX_NEIGHBOR_TIMEOUT = 32;
    public static final int TX_ARP_REQUESTS = 33;
    public static final int TX_FRAGMENTS = 34;
    public static final int RX_TCP_MALFORMED = 35;
    public static final int RX_TCP_BAD_CHECKSUM = 36;
    public static final int RX_TCP_NO_SOCKET = 37;
    public static final int RX_FRAGMENT_MALFORMED = 38;
    public static final int RX_REASSEMBLY_NO_BUFFER = 39;
    public static final int RX_REASSEMBLY_OVERSIZE = 40;
    public static final int RX_REASSEMBLY_OVERLAP = 41;
    public static final int RX_REASSEMBLY_DUPLICATE = 42;
    public static final int RX_IGMP_BAD_CHECKSUM = 43;
    public static final int RX_IGMP_QUERIES = 44;
    public static final int TX_IGMP_REPORTS = 45;
    public static final int TX_IGMP_LEAVES = 46;
    public static final int RX_TCP_NOT_UNICAST = 47;
    public static final int TX_TCP_RESETS = 48;
    public static final int RX_TCP_SEGMENTS = 49;
    /** A SYN for a {@link org.smoltcp4j.socket.TcpListener} whose sockets were all busy: dropped without an RST. */
    public static final int RX_TCP_BACKLOG_FULL = 50;
    /** An ICMP error about one of our TCP segments that its connection acted on. */
    public static final int RX_TCP_ICMP_ERRORS = 51;
    /** An ICMP error quoting a TCP sequence number not in flight (RFC 5927 4.1): ignored (Linux's OutOfWindowIcmps). */
    public static final int RX_TCP_ICMP_OUT_OF_WINDOW = 52;

    private static final String[] NAMES = {
        "RxFrames", "TxFrames", "RxLinkMalformed", "RxLinkUnsupported", "RxLinkNotForUs",
        "RxArpMalformed", "RxArpUnsupported", "RxIpv4Truncated", "RxIpv4Malformed", "RxIpv4BadChecksum",
        "RxIpv4NotForUs", "RxIpv4BadSource", "RxIpv4UnknownProtocol", "RxReassemblyOk", "RxReassemblyFailed",
        "RxReassemblyTimeout", "RxIcmpMalformed", "RxIcmpBadChecksum", "RxIcmpUnsupported", "RxEchoRequests",
        "RxUdpMalformed", "RxUdpBadChecksum", "RxUdpNoPort", "RxSocketBufferFull", "RxIgmpMalformed",
        "TxEchoReplies", "TxIcmpErrors", "TxIcmpErrorsRateLimited", "TxNoRoute", "TxDeviceBusy",
        "TxTooLarge", "TxNeighborPending", "TxNeighborTimeout", "TxArpRequests", "TxFragments",
        "RxTcpMalformed", "RxTcpBadChecksum", "RxTcpNoSocket", "RxFragmentMalformed", "RxReassemblyNoBuffer",
        "RxReassemblyOversize", "RxReassemblyOverlap", "RxReassemblyDuplicate", "RxIgmpBadChecksum", "RxIgmpQueries",
        "TxIgmpReports", "TxIgmpLeaves", "RxTcpNotUnicast", "TxTcpResets", "RxTcpSegments", "RxTcpBacklogFull",
        "RxTcpIcmpErrors", "RxTcpIcmpOutOfWindow",
    };

    /** Number of counters; indexes are 0..COUNT-1. */
    public static final int COUNT = NAMES.length;

    private final long[] values = new long[COUNT];

    /** The value of counter {@code index}. */
    public long get(int index) {
        return values[checked(index)];
    }

    /** The counter's name, as nstat would print it. */
    public static String name(int index) {
        return NAMES[checked(index)];
    }

    /** Sets every counter back to 0. */
    public void reset() {
        for (int i = 0; i < COUNT; i++) {
            values[i] = 0;
        }
    }

    /** Appends the non-zero counters as {@code Name value} pairs separated by spaces. */
    public StringBuilder appendTo(StringBuilder out) {
        boolean first = true;
        for (int i = 0; i < COUNT; i++) {
            if (values[i] != 0) {
                if (!first) {
                    out.append(' ');
                }
                out.append(NAMES[i]).append(' ').append(values[i]);
                first = false;
            }
        }
        return out;
    }

    void increment(int index) {
        values[index]++;
    }

    private static int checked(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("counter index must be 0.." + (COUNT - 1) + ", got " + index);
        }
        return index;
    }
}
