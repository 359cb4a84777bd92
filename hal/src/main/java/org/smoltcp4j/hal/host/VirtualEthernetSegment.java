package org.smoltcp4j.hal.host;

import java.util.Random;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;

/**
 * An in-process Ethernet segment joining several devices, for simulations: a hub. A frame sent on
 * one {@link #port port} is delivered to every other port, whatever its destination address (there
 * is no MAC learning: the stacks' own address filtering decides, as on a shared wire, and a hub
 * keeps the simulation simple and deterministic). Each delivery arrives {@code latencyMicros} after
 * the {@code now} it was sent at, in the clock the callers pass to receive and prepareTransmit, and
 * is lost independently with {@code lossPercent} chance from a seeded generator, so runs repeat.
 * Each port queues a bounded number of frames in buffers allocated here; a frame arriving at a full
 * queue is dropped and counted, as a real hub's port would.
 */
public final class VirtualEthernetSegment {

    /** Frames each port queues by default. */
    public static final int DEFAULT_QUEUE_FRAMES = 32;
    /** Standard Ethernet frames (no FCS). */
    public static final int MTU = 1514;

    private final Port[] ports;
    private final long latencyMicros;
    private final int lossPercent;
    private final Random random;
    private long lostFrames;

    /** A segment of {@code ports} ports with {@value #DEFAULT_QUEUE_FRAMES}-frame queues. */
    public VirtualEthernetSegment(int ports, long latencyMicros, int lossPercent, long seed) {
        this(ports, latencyMicros, lossPercent, seed, DEFAULT_QUEUE_FRAMES);
    }

    /**
     * @param ports         at least 2
     * @param latencyMicros 0 or more
     * @param lossPercent   0..100, the chance that one delivery is lost
     * @param queueFrames   frames each port holds before dropping, at least 1
     */
    public VirtualEthernetSegment(int ports, long latencyMicros, int lossPercent, long seed, int queueFrames) {
        if (ports < 2 || latencyMicros < 0 || lossPercent < 0 || lossPercent > 100 || queueFrames < 1) {
            throw new IllegalArgumentException("need ports >= 2, latency >= 0, loss 0..100 %, queue >= 1 frame; got "
                    + ports + ", " + latencyMicros + ", " + lossPercent + ", " + queueFrames);
        }
        this.ports = new Port[ports];
        for (int i = 0; i < ports; i++) {
            this.ports[i] = new Port(this, queueFrames);
        }
        this.latencyMicros = latencyMicros;
        this.lossPercent = lossPercent;
        this.random = new Random(seed);
    }

    public int ports() {
        return ports.length;
    }

    /** The device plugged into port {@code index}. */
    public Port port(int index) {
        if (index < 0 || index >= ports.length) {
            throw new IndexOutOfBoundsException("port must be 0.." + (ports.length - 1) + ", got " + index);
        }
        return ports[index];
    }

    /** Deliveries lost by chance (the loss percentage), over all ports. */
    public long lostFrames() {
        return lostFrames;
    }

    private void broadcast(Port sender, long now, byte[] frame, int length) {
        long arrival = now + latencyMicros;
        for (Port port : ports) {
            if (port == sender) {
                continue;
            }
            if (lossPercent > 0 && random.nextInt(100) < lossPercent) {
                lostFrames++;
            } else {
                port.enqueue(arrival, frame, length);
            }
        }
    }

    /** One port of the segment: a device whose received frames are those the other ports sent. */
    public static final class Port extends BufferedDevice {

        private final VirtualEthernetSegment segment;
        private final byte[][] frames;
        private final int[] lengths;
        private final long[] arrivals;
        private int head;
        private int queued;
        private long droppedFrames;

        private Port(VirtualEthernetSegment segment, int queueFrames) {
            super("virtual segment port", new DeviceCapabilities(Medium.ETHERNET, MTU, 0));
            this.segment = segment;
            this.frames = new byte[queueFrames][MTU];
            this.lengths = new int[queueFrames];
            this.arrivals = new long[queueFrames];
        }

        /** Frames dropped because this port's queue was full when they arrived. */
        public long droppedFrames() {
            return droppedFrames;
        }

        /** Frames waiting in this port's queue, arrived or still on the wire. */
        public int queuedFrames() {
            return queued;
        }

        @Override
        int readFrame(long now, byte[] into) {
            // Arrivals are in sending order and the latency is fixed, so the head arrives first.
            if (queued == 0 || arrivals[head] > now) {
                return 0;
            }
            int length = lengths[head];
            System.arraycopy(frames[head], 0, into, 0, length);
            head = (head + 1) % frames.length;
            queued--;
            return length;
        }

        @Override
        void writeFrame(long now, byte[] from, int length) {
            segment.broadcast(this, now, from, length);
        }

        private void enqueue(long arrival, byte[] frame, int length) {
            if (queued == frames.length) {
                droppedFrames++;
                return;
            }
            int tail = (head + queued) % frames.length;
            System.arraycopy(frame, 0, frames[tail], 0, length);
            lengths[tail] = length;
            arrivals[tail] = arrival;
            queued++;
        }
    }
}
