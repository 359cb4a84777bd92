package org.smoltcp4j.iface.sixlowpan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.phy.OutputStreamPcapSink;
import org.smoltcp4j.phy.PcapWriter;
import org.smoltcp4j.testing.SimulatedWire;

/**
 * Test fixture: two of our interfaces on IEEE 802.15.4 (125-byte frames, as the radio device) over a
 * {@link SimulatedWire}, on a virtual clock; node A's device may be recorded by a {@link PcapWriter}
 * (both directions: everything on the air). {@link #runUntil} polls both and moves the clock to the
 * next timer or delivery when neither has work.
 */
final class RadioPair implements AutoCloseable {

    static final long A = LowpanNode.A;
    static final long B = LowpanNode.B;
    static final long LINK_LOCAL = LowpanNode.LINK_LOCAL;
    static final long A_LOW = LinkAddress.interfaceId(A);
    static final long B_LOW = LinkAddress.interfaceId(B);

    /** A step of the scenario under test: true when it is complete. */
    interface Condition {
        boolean met();
    }

    final SimulatedWire wire = new SimulatedWire(new DeviceCapabilities(Medium.IEEE802154, 125, 0), 64, 1);
    final Interface a = new Interface(new InterfaceConfig().extendedAddress(A), wire.end(SimulatedWire.END_A).capabilities());
    final Interface b = new Interface(new InterfaceConfig().extendedAddress(B), wire.end(SimulatedWire.END_B).capabilities());
    final SocketSet socketsA = new SocketSet(4);
    final SocketSet socketsB = new SocketSet(4);
    private final Device deviceA;
    private final OutputStream pcap;
    long now;

    /** A pair without a capture. */
    RadioPair() {
        deviceA = wire.end(SimulatedWire.END_A);
        pcap = null;
    }

    /** A pair whose traffic is written to {@code pcapFile}. */
    RadioPair(Path pcapFile) throws IOException {
        pcap = Files.newOutputStream(pcapFile);
        deviceA = new PcapWriter(wire.end(SimulatedWire.END_A), new OutputStreamPcapSink(pcap), PcapWriter.MODE_BOTH);
    }

    /** One poll of each interface; advances the clock when neither had anything to do. */
    void step() {
        boolean changed = a.poll(now, deviceA, socketsA);
        changed |= b.poll(now, wire.end(SimulatedWire.END_B), socketsB);
        if (!changed) {
            long next = Math.min(Math.min(a.pollAt(now, socketsA), b.pollAt(now, socketsB)), wire.nextDeliveryAt());
            now = next == Long.MAX_VALUE ? now + 1000 : Math.max(now + 1, next);
        }
    }

    /** Steps until {@code done}; fails after {@code maxSteps}. */
    void runUntil(Condition done, int maxSteps, String what) {
        for (int i = 0; i < maxSteps; i++) {
            if (done.met()) {
                return;
            }
            step();
        }
        throw new AssertionError(what + ": not done after " + maxSteps + " steps (" + now + " us simulated)");
    }

    @Override
    public void close() throws IOException {
        if (pcap != null) {
            pcap.close();
        }
    }
}
