package org.smoltcp4j.profile.planted.layers.phy;

import org.smoltcp4j.profile.planted.layers.wire.Packet;

/** A phy-layer class using wire (allowed). */
public class Device {
    public int transmit(Packet packet) {
        return packet.length;
    }
}
