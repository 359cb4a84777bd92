package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.wire.FramePrinter;

class TracerTest {

    private final RecordingTraceSink sink = new RecordingTraceSink();

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP, Medium.IEEE802154})
    void printsEveryFrameWithThePrinterOfTheMedium(int medium) {
        Tracer tracer = new Tracer(new Loopback(medium, 200, 2), sink);
        byte[] frame = PhyFrames.frame(medium, 5);
        assertTrue(DeviceIo.send(tracer, 1_000, frame));
        assertArrayEquals(frame, DeviceIo.receive(tracer, 2_000));
        String printed = print(medium, frame);
        assertEquals(List.of("1000 tx " + printed, "2000 rx " + printed), sink.lines);
    }

    @Test
    void linesShowTheLayers() {
        assertTrue(print(Medium.ETHERNET, PhyFrames.frame(Medium.ETHERNET, 5)).matches("EthernetII.* \\| IPv4.*10\\.0\\.0\\.1.* \\| UDP.*1005.*"),
                print(Medium.ETHERNET, PhyFrames.frame(Medium.ETHERNET, 5)));
        assertTrue(print(Medium.IP, PhyFrames.frame(Medium.IP, 5)).matches("IPv4.*10\\.0\\.0\\.2.* \\| UDP.*"));
        assertTrue(print(Medium.IEEE802154, PhyFrames.frame(Medium.IEEE802154, 5)).matches("IEEE802\\.15\\.4.*ICMPv6.*"),
                print(Medium.IEEE802154, PhyFrames.frame(Medium.IEEE802154, 5)));
    }

    @Test
    void damagedFramesArePrintedToo() {
        Tracer tracer = new Tracer(new Loopback(Medium.ETHERNET, 200, 2), sink);
        DeviceIo.send(tracer, 0, new byte[] {1, 2, 3});
        assertEquals(List.of("0 tx EthernetII (truncated)"), sink.lines);
    }

    @Test
    void disabledTracerPrintsNothingAndStillForwards() {
        Tracer tracer = new Tracer(new Loopback(Medium.IP, 200, 2), sink);
        assertTrue(tracer.isEnabled());
        tracer.setEnabled(false);
        assertFalse(tracer.isEnabled());
        byte[] frame = PhyFrames.frame(Medium.IP, 1);
        DeviceIo.send(tracer, 0, frame);
        assertArrayEquals(frame, DeviceIo.receive(tracer, 0));
        assertEquals(List.of(), sink.lines);
    }

    @Test
    void abortedAndEmptyTransmitsAreNotPrinted() {
        Tracer tracer = new Tracer(new Loopback(Medium.IP, 200, 2), sink);
        assertTrue(tracer.prepareTransmit(0, 10));
        tracer.abortTransmit();
        assertTrue(tracer.prepareTransmit(0, 10));
        tracer.commitTransmit(0);
        assertEquals(List.of(), sink.lines);
    }

    @Test
    void nullSinkIsRefused() {
        assertEquals("Tracer: sink is null",
                assertThrows(NullPointerException.class, () -> new Tracer(new Loopback(Medium.IP, 10, 1), null)).getMessage());
    }

    private static String print(int medium, byte[] frame) {
        StringBuilder out = new StringBuilder();
        FramePrinter printer = new FramePrinter();
        switch (medium) {
            case Medium.ETHERNET:
                return printer.appendEthernet(frame, 0, frame.length, out).toString();
            case Medium.IP:
                return printer.appendIp(frame, 0, frame.length, out).toString();
            default:
                return printer.appendIeee802154(frame, 0, frame.length, out).toString();
        }
    }
}
