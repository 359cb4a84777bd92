package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Pcg32;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.Icmpv6Packet;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.Ipv6Repr;
import org.smoltcp4j.wire.MldRecordCursor;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.WireStatus;

/**
 * The host side of MLDv2 (RFC 3810) for the IPv6 groups the interface is in: the solicited-node
 * group of each address (RFC 4861 7.2.1 requires joining it) and the groups the application joins.
 * ff02::1 is never reported (RFC 3810 section 6).
 *
 * <ul>
 * <li>Joining a group (or adding an address with a new solicited-node group) sends a
 * CHANGE_TO_EXCLUDE report with no sources at the next poll and repeats it once after a random
 * delay of up to 1 s (Robustness Variable 2; Linux's unsolicited report interval, RFC 3810 9.11).
 * Leaving sends CHANGE_TO_INCLUDE with no sources the same way.</li>
 * <li>A query (MLDv2, or MLDv1 by its 24-byte length) is answered after a random delay within its
 * Maximum Response Delay: a general query with one report of MODE_IS_EXCLUDE records for every
 * group (several packets when they exceed the MTU), a group-specific one with that group's record.
 * A pending answer due sooner is kept (section 6.2). A group-and-source-specific query is answered
 * as group-specific: we never filter sources, so EXCLUDE {} is our state for every group.
 * There is no MLDv1 compatibility mode (reports are always v2).</li>
 * <li>A query is accepted only from a link-local source, with hop limit 1 and a Router Alert
 * option (sections 5.1.14 and 6.2); others are counted and dropped. Reports of other hosts are
 * counted and ignored (MLDv2 has no report suppression).</li>
 * </ul>
 * Reports go from our link-local address to ff02::16 with hop limit 1 and a Hop-by-Hop header
 * carrying Router Alert value 0 (RFC 2711), as Linux sends them. With no link-local address (it was
 * removed) nothing goes out, counted in {@link Counters#TX_NO_ROUTE}. Reporting runs on Ethernet
 * only, where switches snoop MLD; on other media the groups are only accepted.
 */
final class MldHandler {

    /** Linux's unsolicited report interval (RFC 3810 9.11 suggests 1 s too): bound of the repeat's delay. */
    static final long UNSOLICITED_REPORT_INTERVAL_MICROS = 1_000_000L;
    /** RFC 3810 9.1: Robustness Variable, the number of state change reports sent. */
    static final int ROBUSTNESS = 2;
    /** ff02::16, all MLDv2-capable routers (RFC 3810 5.2.14). */
    static final long ALL_MLDV2_ROUTERS_HIGH = 0xff02_0000_0000_0000L;
    static final long ALL_MLDV2_ROUTERS_LOW = 0x16L;
    /** Hop-by-Hop header: next header, length 0, Router Alert (type 5, length 2, value 0 = MLD), PadN of 2. */
    static final int HOP_BY_HOP_LEN = 8;
    private static final int REPORT_HEADER_LEN = 8;

    private final Egress egress;
    private final Ipv6Routing routing;
    private final Counters counters;
    private final Pcg32 random;
    private final boolean reporting;
    private final Icmpv6Packet packet = new Icmpv6Packet();
    private final long[] highs;
    private final long[] lows;
    /** How many reasons we are in the group (addresses sharing a solicited-node group, the application). */
    private final int[] users;
    private final int[] changeTypes;
    private final int[] changesLeft;
    private final long[] changeAt;
    /** When the answer to a group-specific query is due, or Long.MAX_VALUE. */
    private final long[] queryAt;
    /** When the answer to a general query is due, or Long.MAX_VALUE. */
    private long generalAt = Long.MAX_VALUE;
    /** The slot the answer to a general query continues from (it may take several packets and polls). */
    private int generalNext;

    MldHandler(int capacity, boolean reporting, Egress egress, Ipv6Routing routing, Counters counters, Pcg32 random) {
        this.reporting = reporting;
        this.egress = egress;
        this.routing = routing;
        this.counters = counters;
        this.random = random;
        highs = new long[capacity];
        lows = new long[capacity];
        users = new int[capacity];
        changeTypes = new int[capacity];
        changesLeft = new int[capacity];
        changeAt = new long[capacity];
        queryAt = new long[capacity];
    }

    /** One more reason to be in {@code (high, low)}; the first schedules the state change report. */
    void joined(long high, long low) {
        if (!reporting || high == Ipv6Address.ALL_NODES_HIGH && low == Ipv6Address.ALL_NODES_LOW) {
            return;
        }
        int slot = find(high, low);
        if (slot < 0) {
            slot = freeSlot();
            highs[slot] = high;
            lows[slot] = low;
            users[slot] = 0;
        }
        if (users[slot]++ == 0) {
            queryAt[slot] = Long.MAX_VALUE;
            scheduleChange(slot, MldRecordCursor.CHANGE_TO_EXCLUDE);
        }
    }

    /** One reason fewer to be in {@code (high, low)}; the last schedules the leave. */
    void left(long high, long low) {
        int slot = find(high, low);
        if (slot < 0 || users[slot] == 0) {
            return;
        }
        if (--users[slot] == 0) {
            queryAt[slot] = Long.MAX_VALUE;
            scheduleChange(slot, MldRecordCursor.CHANGE_TO_INCLUDE);
        }
    }

    /** Handles the MLD message {@code buf[off, +len)} carried by {@code ip}; {@code routerAlert} when its Hop-by-Hop header had one. */
    void receive(Ipv6Repr ip, boolean routerAlert, byte[] buf, int off, int len, boolean verifyChecksum, long now) {
        Icmpv6Packet message = packet.wrap(buf, off, len);
        if (message.type() != Icmpv6Packet.TYPE_MLD_QUERY) {
            counters.increment(Counters.RX_MLD_REPORTS_IGNORED);
            return;
        }
        if (len < Icmpv6Packet.MLDV1_QUERY_LEN || message.code() != 0 || len >= Icmpv6Packet.MLD_QUERY_LEN && message.check() != WireStatus.OK) {
            counters.increment(Counters.RX_MLD_MALFORMED);
            return;
        }
        if (verifyChecksum && !message.verifyChecksum(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow())) {
            counters.increment(Counters.RX_ICMPV6_BAD_CHECKSUM);
            return;
        }
        if (!Ipv6Address.isLinkLocal(ip.sourceHigh())) {
            counters.increment(Counters.RX_MLD_BAD_SOURCE);
            return;
        }
        if (ip.hopLimit() != 1) {
            counters.increment(Counters.RX_MLD_BAD_HOP_LIMIT);
            return;
        }
        if (!routerAlert) {
            counters.increment(Counters.RX_MLD_NO_ROUTER_ALERT);
            return;
        }
        counters.increment(Counters.RX_MLD_QUERIES);
        boolean v1 = len < Icmpv6Packet.MLD_QUERY_LEN;
        answerQuery(message.mldMulticastHigh(), message.mldMulticastLow(), maxResponseDelayMicros(message.mldMaxResponseCode(), v1), now);
    }

    /**
     * The Maximum Response Delay in microseconds: MLDv1's field is milliseconds (RFC 2710 3.4);
     * MLDv2's code is milliseconds below 32768, else a floating-point value (RFC 3810 5.1.3).
     */
    static long maxResponseDelayMicros(int code, boolean v1) {
        if (v1 || code < 0x8000) {
            return code * 1000L;
        }
        int exponent = (code >> 12) & 7;
        int mantissa = code & 0xfff;
        return ((long) (mantissa | 0x1000) << (exponent + 3)) * 1000L;
    }

    /** Sends the reports that are due; true if any went out. */
    boolean send(long now) {
        boolean sent = false;
        if (now >= generalAt) {
            sent = sendGeneralAnswer();
        }
        for (int i = 0; i < users.length; i++) {
            if (changesLeft[i] > 0 && now >= changeAt[i]) {
                int status = emit(changeTypes[i], i, i + 1);
                if (status == PacketEmitter.DEVICE_BUSY) {
                    return sent;
                }
                sent |= status == PacketEmitter.OK;
                if (--changesLeft[i] > 0) {
                    changeAt[i] = now + 1 + random.upTo(UNSOLICITED_REPORT_INTERVAL_MICROS - 1);
                }
            }
            if (users[i] > 0 && now >= queryAt[i]) {
                int status = emit(MldRecordCursor.MODE_IS_EXCLUDE, i, i + 1);
                if (status == PacketEmitter.DEVICE_BUSY) {
                    return sent;
                }
                sent |= status == PacketEmitter.OK;
                queryAt[i] = Long.MAX_VALUE;
            }
        }
        return sent;
    }

    /** The earliest report due, or Long.MAX_VALUE. */
    long pollAt() {
        long at = generalAt;
        for (int i = 0; i < users.length; i++) {
            if (changesLeft[i] > 0) {
                at = Math.min(at, changeAt[i]);
            }
            if (users[i] > 0) {
                at = Math.min(at, queryAt[i]);
            }
        }
        return at;
    }

    private void scheduleChange(int slot, int type) {
        changeTypes[slot] = type;
        changesLeft[slot] = ROBUSTNESS;
        changeAt[slot] = Long.MIN_VALUE;
    }

    /** Section 6.2: a response already due within the new delay stays; otherwise one is set at a random time in it. */
    private void answerQuery(long groupHigh, long groupLow, long maxDelay, long now) {
        if (generalAt <= now + maxDelay) {
            return;
        }
        long at = now + random.upTo(maxDelay);
        if (Ipv6Address.isUnspecified(groupHigh, groupLow)) {
            generalAt = at;
            generalNext = 0;
            return;
        }
        int slot = find(groupHigh, groupLow);
        if (slot >= 0 && users[slot] > 0 && queryAt[slot] > now + maxDelay) {
            queryAt[slot] = at;
        }
    }

    /** Sends the general query's answer from {@link #generalNext} on, as many packets as needed; true if any went out. */
    private boolean sendGeneralAnswer() {
        boolean sent = false;
        int perPacket = (egress.ipv6Mtu() - 40 - HOP_BY_HOP_LEN - REPORT_HEADER_LEN) / MldRecordCursor.RECORD_HEADER_LEN;
        while (generalNext < users.length) {
            int end = generalNext;
            for (int records = 0; end < users.length && records < perPacket; end++) {
                if (users[end] > 0) {
                    records++;
                }
            }
            int status = emit(MldRecordCursor.MODE_IS_EXCLUDE, generalNext, end);
            if (status == PacketEmitter.DEVICE_BUSY) {
                return sent;
            }
            sent |= status == PacketEmitter.OK;
            generalNext = end;
        }
        generalAt = Long.MAX_VALUE;
        return sent;
    }

    /**
     * Sends one report with a {@code recordType} record for each slot in {@code [from, to)} that is
     * a member (or, for a state change, the slot itself). OK (also when there was nothing to
     * report), DEVICE_BUSY, or another failure (counted by the egress or here).
     */
    private int emit(int recordType, int from, int to) {
        boolean change = recordType == MldRecordCursor.CHANGE_TO_EXCLUDE || recordType == MldRecordCursor.CHANGE_TO_INCLUDE;
        int records = 0;
        for (int i = from; i < to; i++) {
            if (change || users[i] > 0) {
                records++;
            }
        }
        if (records == 0) {
            return PacketEmitter.OK;
        }
        int source = linkLocalSource();
        if (source < 0) {
            counters.increment(Counters.TX_NO_ROUTE);
            return PacketEmitter.NO_ROUTE;
        }
        long sourceHigh = routing.addressHigh(source);
        long sourceLow = routing.addressLow(source);
        int length = REPORT_HEADER_LEN + records * MldRecordCursor.RECORD_HEADER_LEN;
        int status = egress.beginIpv6(sourceHigh, sourceLow, ALL_MLDV2_ROUTERS_HIGH, ALL_MLDV2_ROUTERS_LOW, IpProtocol.HOP_BY_HOP, 1,
                HOP_BY_HOP_LEN + length);
        if (status != PacketEmitter.OK) {
            return status;
        }
        byte[] out = egress.buffer();
        int at = egress.payloadOffset();
        // RFC 2711: Router Alert value 0 (MLD), padded to 8 bytes with a PadN of 2 (RFC 8200 4.2).
        NetworkBytes.setU32(out, at, IpProtocol.ICMPV6 << 24 | 0x0502);
        NetworkBytes.setU32(out, at + 4, 0x0000_0100);
        Icmpv6Packet report = packet.wrap(out, at + HOP_BY_HOP_LEN, length);
        report.setTypeAndCode(Icmpv6Packet.TYPE_MLDV2_REPORT, 0);
        report.setMldRecordCount(records);
        int record = at + HOP_BY_HOP_LEN + REPORT_HEADER_LEN;
        for (int i = from; i < to; i++) {
            if (change || users[i] > 0) {
                record = MldRecordCursor.writeRecordHeader(out, record, recordType, 0, highs[i], lows[i]);
            }
        }
        if (egress.checksumBySoftware(IpProtocol.ICMPV6)) {
            report.fillChecksum(sourceHigh, sourceLow, ALL_MLDV2_ROUTERS_HIGH, ALL_MLDV2_ROUTERS_LOW);
        }
        egress.commit();
        counters.increment(Counters.TX_MLD_REPORTS);
        return PacketEmitter.OK;
    }

    private int linkLocalSource() {
        for (int i = 0; i < routing.addressCount(); i++) {
            if (Ipv6Address.isLinkLocal(routing.addressHigh(i))) {
                return i;
            }
        }
        return -1;
    }

    private int find(long high, long low) {
        for (int i = 0; i < users.length; i++) {
            if ((users[i] > 0 || changesLeft[i] > 0) && highs[i] == high && lows[i] == low) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A free slot, else one whose leave is still being announced: the table holds as many groups as
     * can be joined plus a solicited-node group per address, so a join always finds one, at worst
     * cutting a leave short (the router then lets the membership time out).
     */
    private int freeSlot() {
        for (int i = 0; i < users.length; i++) {
            if (users[i] == 0 && changesLeft[i] == 0) {
                return i;
            }
        }
        for (int i = 0; i < users.length; i++) {
            if (users[i] == 0) {
                changesLeft[i] = 0;
                return i;
            }
        }
        throw new IllegalStateException("no MLD slot although the multicast group table has room");
    }
}
