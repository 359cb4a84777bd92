package org.smoltcp4j.iface;

import org.smoltcp4j.phy.Pcg32;
import org.smoltcp4j.socket.PacketEmitter;
import org.smoltcp4j.wire.IgmpPacket;
import org.smoltcp4j.wire.IgmpRepr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv4Packet;
import org.smoltcp4j.wire.NetworkBytes;
import org.smoltcp4j.wire.WireStatus;

/**
 * The host side of IGMPv2 (RFC 2236) with IGMPv1 compatibility (RFC 1112): membership reports for
 * the groups the application joins, answers to queries, leave messages.
 *
 * <ul>
 * <li>Joining sends an unsolicited v2 report at the next poll and repeats it once after a random
 * delay of up to 10 s (RFC 2236 section 3 recommends one or two repeats; Linux sends one).</li>
 * <li>A general or group-specific query schedules one report per matching group at a random delay
 * in [0, max response time]; a timer already running is only shortened (section 3).</li>
 * <li>A v1 query (max response code 0) puts every group in v1 compatibility for 400 s (section 4,
 * Version 1 Router Present Timeout): reports go out as v1 and leaving sends nothing.</li>
 * <li>Another host's report for a group we are about to report cancels ours (suppression).</li>
 * <li>Leaving sends a v2 leave to 224.0.0.2 (always, as smoltcp and Linux do: the host does not
 * track whether it was the last reporter, which RFC 2236 allows).</li>
 * </ul>
 * Every message carries TTL 1, the Router Alert option (RFC 2113) that RFC 2236 section 2 requires,
 * DF, and TOS 0xc0 (internetwork control), as Linux sends them. 224.0.0.1 is never reported.
 * A message that cannot go out because the device is busy is retried on the next poll; one that
 * has no source address (the interface has none yet) is dropped.
 */
final class IgmpHandler {

    /** RFC 2236 section 8.10: Unsolicited Report Interval, the bound of the repeat's delay. */
    static final long UNSOLICITED_REPORT_INTERVAL_MICROS = 10_000_000L;
    /** RFC 2236 section 8.11: how long a v1 query keeps a group in v1 compatibility. */
    static final long V1_ROUTER_PRESENT_TIMEOUT_MICROS = 400_000_000L;

    private static final int FREE = 0;
    /** Joined; no report due. */
    private static final int IDLE = 1;
    /** Joined; a report goes out at reportAt. */
    private static final int DELAYING = 2;
    /** Left; a leave goes out at the next poll. */
    private static final int LEAVING = 3;

    private static final int ROUTER_ALERT_LEN = 4;
    private static final int HEADER_LEN = Ipv4Packet.HEADER_LEN + ROUTER_ALERT_LEN;
    /** DSCP 48 = TOS 0xc0, internetwork control. */
    private static final int DSCP_INTERNETWORK_CONTROL = 0x30;

    private final Egress egress;
    private final Ipv4Routing routing;
    private final Counters counters;
    private final Pcg32 random;
    private final IgmpPacket packet = new IgmpPacket();
    private final IgmpRepr repr = new IgmpRepr();
    private final Ipv4Packet ipv4Packet = new Ipv4Packet();
    private final int[] groups;
    private final int[] states;
    private final long[] reportAt;
    /** Whether the unsolicited report still has its one repeat to come. */
    private final boolean[] repeatPending;
    private final long[] v1Until;

    IgmpHandler(int capacity, Egress egress, Ipv4Routing routing, Counters counters, Pcg32 random) {
        this.egress = egress;
        this.routing = routing;
        this.counters = counters;
        this.random = random;
        groups = new int[capacity];
        states = new int[capacity];
        reportAt = new long[capacity];
        repeatPending = new boolean[capacity];
        v1Until = new long[capacity];
    }

    /** Starts reporting membership of {@code group} (already added to the joined groups). */
    void joined(int group, long now) {
        if (group == Ipv4Address.ALL_SYSTEMS) {
            return;
        }
        int slot = find(group);
        if (slot < 0) {
            slot = freeSlot();
            v1Until[slot] = Long.MIN_VALUE;
        }
        groups[slot] = group;
        states[slot] = DELAYING;
        reportAt[slot] = now;
        repeatPending[slot] = true;
    }

    /** Announces that {@code group} was left (already removed from the joined groups). */
    void left(int group, long now) {
        int slot = find(group);
        if (slot < 0) {
            return;
        }
        states[slot] = now < v1Until[slot] ? FREE : LEAVING;
    }

    /** Handles an IGMP message {@code buf[off, +len)} sent to {@code destination}. */
    void receive(int destination, byte[] buf, int off, int len, long now) {
        int status = repr.parse(packet.wrap(buf, off, len), true);
        if (status != WireStatus.OK) {
            counters.increment(status == WireStatus.BAD_CHECKSUM ? Counters.RX_IGMP_BAD_CHECKSUM : Counters.RX_IGMP_MALFORMED);
            return;
        }
        if (repr.isQuery()) {
            counters.increment(Counters.RX_IGMP_QUERIES);
            answerQuery(repr.group(), repr.version() == 1, repr.maxResponseTimeMicros(), now);
        } else if (repr.type() != IgmpPacket.TYPE_LEAVE_GROUP && destination == repr.group()) {
            suppress(repr.group());
        }
    }

    /** Sends the reports and leaves that are due; true if any went out. */
    boolean send(long now) {
        boolean sent = false;
        for (int i = 0; i < states.length; i++) {
            if (states[i] == LEAVING) {
                int status = emit(IgmpPacket.TYPE_LEAVE_GROUP, groups[i], Ipv4Address.ALL_ROUTERS);
                if (status != PacketEmitter.DEVICE_BUSY) {
                    states[i] = FREE;
                    sent |= counted(status, Counters.TX_IGMP_LEAVES);
                }
            } else if (states[i] == DELAYING && now >= reportAt[i]) {
                int type = now < v1Until[i] ? IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT : IgmpPacket.TYPE_V2_MEMBERSHIP_REPORT;
                int status = emit(type, groups[i], groups[i]);
                if (status != PacketEmitter.DEVICE_BUSY) {
                    sent |= counted(status, Counters.TX_IGMP_REPORTS);
                    scheduleRepeatOrIdle(i, now);
                }
            }
        }
        return sent;
    }

    /** The earliest report or leave due, or Long.MAX_VALUE. */
    long pollAt() {
        long at = Long.MAX_VALUE;
        for (int i = 0; i < states.length; i++) {
            if (states[i] == LEAVING) {
                return Long.MIN_VALUE;
            }
            if (states[i] == DELAYING) {
                at = Math.min(at, reportAt[i]);
            }
        }
        return at;
    }

    private boolean counted(int status, int counter) {
        if (status == PacketEmitter.OK) {
            counters.increment(counter);
            return true;
        }
        return false;
    }

    private void scheduleRepeatOrIdle(int slot, long now) {
        if (repeatPending[slot]) {
            repeatPending[slot] = false;
            reportAt[slot] = now + 1 + random.upTo(UNSOLICITED_REPORT_INTERVAL_MICROS - 1);
        } else {
            states[slot] = IDLE;
        }
    }

    private void answerQuery(int group, boolean fromV1Router, long maxResponse, long now) {
        for (int i = 0; i < states.length; i++) {
            if (states[i] != IDLE && states[i] != DELAYING || group != Ipv4Address.UNSPECIFIED && group != groups[i]) {
                continue;
            }
            if (fromV1Router) {
                v1Until[i] = now + V1_ROUTER_PRESENT_TIMEOUT_MICROS;
            }
            if (states[i] == IDLE || reportAt[i] > now + maxResponse) {
                states[i] = DELAYING;
                reportAt[i] = now + random.upTo(maxResponse);
                repeatPending[i] = false;
            }
        }
    }

    private void suppress(int group) {
        int slot = find(group);
        if (slot >= 0 && states[slot] == DELAYING) {
            states[slot] = IDLE;
            repeatPending[slot] = false;
        }
    }

    /** Writes the whole IPv4 packet (with Router Alert) itself, through the emitter's whole-packet path. */
    private int emit(int type, int group, int destination) {
        int source = routing.sourceFor(destination);
        if (source == Ipv4Address.UNSPECIFIED) {
            counters.increment(Counters.TX_NO_ROUTE);
            return PacketEmitter.NO_ROUTE;
        }
        int status = egress.beginIpv4Packet(destination, HEADER_LEN + IgmpPacket.HEADER_LEN);
        if (status != PacketEmitter.OK) {
            return status;
        }
        byte[] out = egress.buffer();
        int at = egress.payloadOffset();
        Ipv4Packet ip = ipv4Packet.wrap(out, at, HEADER_LEN + IgmpPacket.HEADER_LEN);
        ip.setVersion(4);
        ip.setHeaderLength(HEADER_LEN);
        ip.setDscp(DSCP_INTERNETWORK_CONTROL);
        ip.setEcn(0);
        ip.setTotalLength(HEADER_LEN + IgmpPacket.HEADER_LEN);
        ip.setIdentification(0);
        ip.setFlagsAndFragmentOffset(true, false, 0);
        ip.setTtl(1);
        ip.setProtocol(IpProtocol.IGMP);
        ip.setChecksum(0);
        ip.setSource(source);
        ip.setDestination(destination);
        // Router Alert (RFC 2113): copied flag + option 20, length 4, value 0 ("examine packet").
        NetworkBytes.setU32(out, at + Ipv4Packet.HEADER_LEN, 0x9404_0000);
        if (type == IgmpPacket.TYPE_LEAVE_GROUP) {
            repr.setLeave(group);
        } else {
            repr.setReport(type == IgmpPacket.TYPE_V1_MEMBERSHIP_REPORT ? 1 : 2, group);
        }
        repr.emit(packet.wrap(out, at + HEADER_LEN, IgmpPacket.HEADER_LEN), true);
        egress.commit();
        return PacketEmitter.OK;
    }

    private int find(int group) {
        for (int i = 0; i < states.length; i++) {
            if (states[i] != FREE && groups[i] == group) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A free slot, else one whose leave is still pending: the table is as large as the joined-group
     * limit, so a join always finds one, at worst giving up a leave (the router then lets the
     * membership time out instead).
     */
    private int freeSlot() {
        for (int i = 0; i < states.length; i++) {
            if (states[i] == FREE) {
                return i;
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] == LEAVING) {
                return i;
            }
        }
        throw new IllegalStateException("no IGMP slot although the multicast group table has room");
    }
}
