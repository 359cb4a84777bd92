package org.smoltcp4j.tools;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.smoltcp4j.firmware.Firmware;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.SocketSet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.socket.Socket;

/**
 * The simulator's world: the firmware (behind a mocked driver: the EthernetMac on a virtual
 * Ethernet segment, or the IEEE 802.15.4 radio on a simulated radio medium) and a second host of
 * our stack on the same medium (through the caller's device wrapping, e.g. a capture and fault
 * injector), run in one thread on the mocked hardware timer. Each turn steps the firmware's main
 * loop once, polls the peer, and sleeps (through {@link HardwareTimer#waitUntil}) until the earlier
 * of their deadlines unless a frame waits.
 */
final class SimulatedNetwork {

    /** The longest sleep of one turn, so the peer's clock-driven work is never late by more. */
    private static final long MAX_SLEEP_MICROS = 1_000;

    final Firmware firmware;
    final Interface peer;
    final SocketSet peerSockets;
    private final Device peerDevice;
    private final BooleanSupplier framesInFlight;
    private final Map<Socket, Integer> handles = new IdentityHashMap<>();

    /**
     * @param peer           the simulated host's interface, addresses set
     * @param peerDevice     its device on the medium (wrapped as the caller likes)
     * @param framesInFlight whether the medium holds frames not yet received by either side
     */
    SimulatedNetwork(Firmware firmware, Interface peer, Device peerDevice, BooleanSupplier framesInFlight) {
        this.firmware = firmware;
        this.peer = peer;
        this.peerDevice = peerDevice;
        this.framesInFlight = framesInFlight;
        this.peerSockets = new SocketSet(16);
    }

    long now() {
        return HardwareTimer.nowMicros();
    }

    /** Adds a peer socket and returns it. */
    <S extends Socket> S add(S socket) {
        handles.put(socket, peerSockets.add(socket));
        return socket;
    }

    /** Removes a peer socket added by {@link #add}, freeing its slot. */
    void remove(Socket socket) {
        peerSockets.remove(handles.remove(socket));
    }

    /** Runs turns until {@code done} holds (true) or {@code timeoutMicros} pass (false). */
    boolean runUntil(BooleanSupplier done, long timeoutMicros) {
        long end = now() + timeoutMicros;
        while (!done.getAsBoolean()) {
            long now = now();
            if (now >= end) {
                return false;
            }
            turn(now, end);
        }
        return true;
    }

    /** Runs turns for {@code micros}. */
    void runFor(long micros) {
        runUntil(() -> false, micros);
    }

    private void turn(long now, long end) {
        long firmwareAt = firmware.step(now);
        peer.poll(now, peerDevice, peerSockets);
        if (framesInFlight.getAsBoolean()) {
            return; // frames in flight: the next turn delivers them
        }
        long deadline = Math.min(Math.min(firmwareAt, peer.pollAt(now, peerSockets)), Math.min(end, now + MAX_SLEEP_MICROS));
        if (deadline > now) {
            HardwareTimer.waitUntil(deadline);
        }
    }
}
