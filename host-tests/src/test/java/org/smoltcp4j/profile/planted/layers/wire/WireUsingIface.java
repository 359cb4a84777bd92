package org.smoltcp4j.profile.planted.layers.wire;

import org.smoltcp4j.profile.planted.layers.iface.Interface;

/** Planted: wire depending on iface, against the layer direction. */
public class WireUsingIface {
    Interface owner;
}
