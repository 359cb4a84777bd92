package org.smoltcp4j.iface;

import org.smoltcp4j.wire.Ipv4Address;

/** The IPv4 multicast groups the interface has joined, in a fixed table (224.0.0.1 is always joined). */
public final class MulticastGroups {

    private final int[] groups;
    private int count;

    MulticastGroups(int capacity) {
        groups = new int[capacity];
    }

    /** Adds {@code group}; false when it was already joined. */
    boolean join(int group) {
        if (!Ipv4Address.isMulticast(group)) {
            throw new IllegalArgumentException("not an IPv4 multicast group: " + Ipv4Routing.text(group));
        }
        if (has(group)) {
            return false;
        }
        if (count == groups.length) {
            throw new IllegalStateException("already in " + groups.length + " multicast groups; raise InterfaceConfig.maxMulticastGroups");
        }
        groups[count++] = group;
        return true;
    }

    /** Removes {@code group}; false when it was not joined. */
    boolean leave(int group) {
        for (int i = 0; i < count; i++) {
            if (groups[i] == group) {
                groups[i] = groups[--count];
                return true;
            }
        }
        return false;
    }

    /** True for a joined group and for 224.0.0.1. */
    public boolean has(int group) {
        if (group == Ipv4Address.ALL_SYSTEMS) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (groups[i] == group) {
                return true;
            }
        }
        return false;
    }

    public int count() {
        return count;
    }

    public int group(int i) {
        return groups[i];
    }
}
