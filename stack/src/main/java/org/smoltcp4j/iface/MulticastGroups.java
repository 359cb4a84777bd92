package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * The multicast groups the application joined, of either IP family, in one fixed table of
 * {@code InterfaceConfig.maxMulticastGroups} entries. Groups are kept in the IPv6 form, IPv4 groups
 * IPv4-mapped. The groups every host is in without asking (224.0.0.1, ff02::1, the solicited-node
 * groups of our addresses) are not in the table: {@link #has(int)} and {@link Ipv6Routing#isJoinedGroup}
 * answer for them.
 */
public final class MulticastGroups {

    private final long[] highs;
    private final long[] lows;
    private int count;

    MulticastGroups(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
    }

    /** Adds the IPv4 {@code group}; false when it was already joined. */
    boolean join(int group) {
        if (!Ipv4Address.isMulticast(group)) {
            throw new IllegalArgumentException("not an IPv4 multicast group: " + Ipv4Routing.text(group));
        }
        return group != Ipv4Address.ALL_SYSTEMS && add(0, Ipv6Address.ipv4MappedLow(group));
    }

    /** Adds the IPv6 group {@code (high, low)}; false when it was already joined (ff02::1 always is). */
    boolean joinIpv6(long high, long low) {
        if (!Ipv6Address.isMulticast(high)) {
            throw new IllegalArgumentException("not an IPv6 multicast group: " + Ipv6Routing.text(high, low));
        }
        return !(high == Ipv6Address.ALL_NODES_HIGH && low == Ipv6Address.ALL_NODES_LOW) && add(high, low);
    }

    /** Removes the IPv4 {@code group}; false when it was not joined. */
    boolean leave(int group) {
        return leaveIpv6(0, Ipv6Address.ipv4MappedLow(group));
    }

    /** Removes the group {@code (high, low)} (IPv6 form); false when it was not joined. */
    boolean leaveIpv6(long high, long low) {
        int i = find(high, low);
        if (i < 0) {
            return false;
        }
        count--;
        highs[i] = highs[count];
        lows[i] = lows[count];
        return true;
    }

    /** True for a joined IPv4 group and for 224.0.0.1. */
    public boolean has(int group) {
        return group == Ipv4Address.ALL_SYSTEMS || Ipv4Address.isMulticast(group) && find(0, Ipv6Address.ipv4MappedLow(group)) >= 0;
    }

    /** True for a group the application joined (IPv6 form: an IPv4 group IPv4-mapped). */
    public boolean hasIpv6(long high, long low) {
        return find(high, low) >= 0;
    }

    public int count() {
        return count;
    }

    /** The high half of joined group {@code i} (0 for an IPv4 group). */
    public long groupHigh(int i) {
        return highs[i];
    }

    /** The low half of joined group {@code i} (an IPv4 group IPv4-mapped). */
    public long groupLow(int i) {
        return lows[i];
    }

    private boolean add(long high, long low) {
        if (find(high, low) >= 0) {
            return false;
        }
        if (count == highs.length) {
            throw new IllegalStateException("already in " + highs.length + " multicast groups; raise InterfaceConfig.maxMulticastGroups");
        }
        highs[count] = high;
        lows[count] = low;
        count++;
        return true;
    }

    private int find(long high, long low) {
        for (int i = 0; i < count; i++) {
            if (highs[i] == high && lows[i] == low) {
                return i;
            }
        }
        return -1;
    }
}
