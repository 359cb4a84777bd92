package org.smoltcp4j.phy;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

/** Receive and transmit through every device allocate nothing once built (design.md section 3). */
class PhyAllocationTest {

    private final byte[] frame = PhyFrames.frame(Medium.ETHERNET, 7);
    private final long[] clock = new long[1];

    /** One frame out and back in, on a clock advancing 1 ms a round. */
    private void roundTrip(Device device) {
        long now = clock[0] += 1000;
        if (device.prepareTransmit(now, frame.length)) {
            System.arraycopy(frame, 0, device.transmitBuffer(), device.transmitOffset(), frame.length);
            device.commitTransmit(frame.length);
        }
        while (device.receive(now) > 0) {
            device.releaseReceive();
        }
    }

    private static Loopback newLoopback() {
        return new Loopback(Medium.ETHERNET, 1514, 4);
    }

    @Test
    void loopbackAlone() {
        Loopback device = newLoopback();
        AllocationProbe.assertAllocationFree("Loopback", () -> roundTrip(device));
    }

    @Test
    void faultInjectorWithEveryFault() {
        FaultInjector device = new FaultInjector(newLoopback(), 11);
        device.setDropChance(10);
        device.setCorruptChance(10);
        device.setSizeLimit(1000);
        device.setTxRateLimit(4);
        device.setRxRateLimit(3);
        device.setShapingInterval(5);
        AllocationProbe.assertAllocationFree("FaultInjector", () -> roundTrip(device));
    }

    @Test
    void pcapWriterIntoAPreallocatedArray() {
        ArraySink sink = new ArraySink(1 << 16);
        PcapWriter device = new PcapWriter(newLoopback(), sink, PcapWriter.MODE_BOTH);
        AllocationProbe.assertAllocationFree("PcapWriter", () -> roundTrip(device));
    }

    @Test
    void tracerOff() {
        Tracer device = new Tracer(newLoopback(), new LengthSink());
        device.setEnabled(false);
        AllocationProbe.assertAllocationFree("Tracer off", () -> roundTrip(device));
    }

    @Test
    void tracerOnIntoItsReusedLine() {
        LengthSink sink = new LengthSink();
        Tracer device = new Tracer(newLoopback(), sink);
        AllocationProbe.assertAllocationFree("Tracer on", () -> roundTrip(device));
    }

    @Test
    void wholeExampleStack() {
        FaultInjector device = new FaultInjector(new Tracer(new PcapWriter(newLoopback(), new ArraySink(4096), PcapWriter.MODE_BOTH),
                new LengthSink()), 5);
        device.setDropChance(15);
        device.setCorruptChance(15);
        AllocationProbe.assertAllocationFree("FaultInjector<Tracer<PcapWriter<Loopback>>>", () -> roundTrip(device));
    }

    /** Writes round and round a preallocated array. */
    static final class ArraySink implements PcapSink {
        private final byte[] buffer;
        private int at;

        ArraySink(int size) {
            buffer = new byte[size];
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            for (int i = 0; i < len; i++) {
                buffer[at] = buf[off + i];
                at = at + 1 == buffer.length ? 0 : at + 1;
            }
        }

        @Override
        public void flush() {
        }
    }

    /** Reads the line (so the printing cannot be optimised away) and keeps only its length. */
    static final class LengthSink implements TraceSink {
        long characters;

        @Override
        public void trace(long now, boolean transmitted, CharSequence line) {
            characters += line.length() + line.charAt(0);
        }
    }
}
