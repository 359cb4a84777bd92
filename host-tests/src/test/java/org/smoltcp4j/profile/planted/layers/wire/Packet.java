package org.smoltcp4j.profile.planted.layers.wire;

/** A wire-layer class that depends on nothing (allowed). */
public class Packet {
    public int length;
}
