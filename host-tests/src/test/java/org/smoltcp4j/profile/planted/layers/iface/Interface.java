package org.smoltcp4j.profile.planted.layers.iface;

import org.smoltcp4j.profile.planted.layers.phy.Device;
import org.smoltcp4j.profile.planted.layers.wire.Packet;

/** An iface-layer class using phy and wire (allowed). */
public class Interface {
    public int poll(Device device) {
        return device.transmit(new Packet());
    }
}
