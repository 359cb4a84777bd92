package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.host.VirtualEthernetSegment;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.mock.MockEthernet;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.MacAddress;

/**
 * {@link EthernetMacDevice} through the host mock of {@link EthernetMac} (test-classes hold the mock,
 * ahead of the native class on the class path), whose wire is port 0 of a virtual segment; the test
 * plays the other station on port 1.
 */
class EthernetMacDeviceTest {

    private static final long MAC = MacAddress.of(2, 0, 0, 0, 0, 1);

    private final VirtualEthernetSegment segment = new VirtualEthernetSegment(2, 0, 0, 1);
    private final Device peer = segment.port(1);
    private MockEthernet mac;
    private EthernetMacDevice device;

    @BeforeEach
    void attach() {
        mac = MockBackends.attachEthernet(segment.port(0));
        device = new EthernetMacDevice(MAC, 1);
    }

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void startsTheDriverWithTheStationAddressInTransmissionOrder() {
        assertEquals(MAC, mac.macAddress());
        assertEquals(Medium.ETHERNET, device.capabilities().medium());
        assertEquals(1514, device.capabilities().mtu());
    }

    @Test
    void framesPassBothWaysAndAreCounted() {
        byte[] outgoing = frame(60, 0x11);
        send(device, outgoing);
        assertArrayEquals(outgoing, receive(peer));

        byte[] incoming = frame(1514, 0x22);
        send(peer, incoming);
        assertArrayEquals(incoming, receive(device));
        assertEquals(0, device.receive(now()));

        assertEquals(1, device.statistic(EthernetMac.STAT_TX_FRAMES));
        assertEquals(60, device.statistic(EthernetMac.STAT_TX_BYTES));
        assertEquals(1, device.statistic(EthernetMac.STAT_RX_FRAMES));
        assertEquals(1514, device.statistic(EthernetMac.STAT_RX_BYTES));
        assertEquals(-1, device.statistic(EthernetMac.STAT_COUNT));
    }

    @Test
    void aFrameTheBusyMacRefusesIsHeldAndSentOnceWhenItHasRoom() {
        mac.answerBusy(2);
        byte[] outgoing = frame(100, 0x33);
        send(device, outgoing);
        assertTrue(device.hasHeldFrame());
        assertEquals(0, peer.receive(now()), "nothing on the wire while the MAC is busy");

        assertFalse(device.prepareTransmit(now(), 100), "no new frame while one is held and the MAC still busy");
        assertTrue(device.prepareTransmit(now(), 100), "the held frame went out, so there is room");
        device.abortTransmit();

        assertFalse(device.hasHeldFrame());
        assertArrayEquals(outgoing, receive(peer));
        assertEquals(0, peer.receive(now()), "sent once");
        assertEquals(2, device.busyAnswers());
        assertEquals(2, device.statistic(EthernetMac.STAT_TX_BUSY));
    }

    @Test
    void aHeldFrameIsAlsoOfferedWhenTheLoopPollsForReceivedFrames() {
        mac.answerBusy(1);
        send(device, frame(80, 0x44));
        assertEquals(0, device.receive(now()));
        assertEquals(80, receive(peer).length);
    }

    @Test
    void framesLongerThanTheMtuAreRefused() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> device.prepareTransmit(now(), 1515));
        assertTrue(tooLong.getMessage().contains("0..1514"), tooLong.getMessage());
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.transmit(new byte[1600], 0, 1515));
    }

    @Test
    void aReceivedFrameLongerThanTheBufferIsDroppedAndCounted() {
        Loopback jumboWire = new Loopback(Medium.ETHERNET, 2000, 2);
        MockBackends.attachEthernet(jumboWire);
        EthernetMacDevice jumbo = new EthernetMacDevice(MAC, 0);
        send(jumboWire, frame(1600, 0x55));
        send(jumboWire, frame(64, 0x66));

        assertEquals(0, jumbo.receive(now()), "the oversized frame is dropped");
        assertEquals(64, receive(jumbo).length);
        assertEquals(1, jumbo.statistic(EthernetMac.STAT_RX_TOO_LONG));
        assertEquals(1, jumbo.statistic(EthernetMac.STAT_RX_FRAMES));
    }

    @Test
    void linkStateFollowsThePhyAndNothingIsReceivedWhileDown() {
        assertTrue(device.isLinkUp());
        assertEquals(EthernetMac.LINK_UP_100_FULL, device.linkState());

        mac.setLinkState(EthernetMac.LINK_DOWN);
        assertFalse(device.isLinkUp());
        send(peer, frame(60, 0x77));
        assertEquals(0, device.receive(now()));
        send(device, frame(60, 0x78));
        assertEquals(1, device.statistic(EthernetMac.STAT_TX_ERRORS), "sent into a dead wire");

        mac.setLinkState(EthernetMac.LINK_UP_10_HALF);
        assertEquals(EthernetMac.LINK_UP_10_HALF, device.linkState());
        assertEquals(60, receive(device).length, "the frame waited for the link");
        assertEquals(0, peer.receive(now()));
    }

    @Test
    void aDriverThatFailsToStartIsAnExceptionNamingTheStatus() {
        mac.setHardwareFault(true);
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new EthernetMacDevice(MAC, 0));
        assertEquals("EthernetMac.init(02:00:00:00:00:01, PHY 0) failed: ERROR_HARDWARE (-3): the hardware does not respond",
                failed.getMessage());
    }

    @Test
    void addressesOutOfRangeAreRefusedBeforeTheDriverRuns() {
        assertThrows(IllegalArgumentException.class, () -> new EthernetMacDevice(1L << 48, 0));
        IllegalArgumentException phy = assertThrows(IllegalArgumentException.class, () -> new EthernetMacDevice(MAC, 32));
        assertEquals("PHY address must be 0..31, got 32", phy.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EthernetMacDevice(MAC, -1));
    }

    @Test
    void driverErrorsWhileRunningAreCountedDrops() {
        mac.setHardwareFault(true);
        assertEquals(0, device.receive(now()));
        send(device, frame(60, 0x79));
        assertEquals(1, device.receiveErrors());
        assertEquals(1, device.transmitErrors());
        assertFalse(device.hasHeldFrame(), "an error is a drop, not a retry");

        mac.setHardwareFault(false);
        send(device, frame(60, 0x7a));
        assertEquals(60, receive(peer).length);
    }

    @Test
    void lendingRulesAreKept() {
        send(peer, frame(60, 0x7b));
        assertEquals(60, device.receive(now()));
        assertThrows(IllegalStateException.class, () -> device.receive(now()));
        device.releaseReceive();
        assertThrows(IllegalStateException.class, device::releaseReceive);
        assertThrows(IllegalStateException.class, () -> device.commitTransmit(1));
    }

    @Test
    void committingNothingSendsNothing() {
        assertTrue(device.prepareTransmit(now(), 60));
        device.commitTransmit(0);
        assertEquals(0, peer.receive(now()));
        assertEquals(0, device.statistic(EthernetMac.STAT_TX_FRAMES));
    }

    @Test
    void exchangingFramesAllocatesNothing() {
        byte[] payload = frame(600, 0x7c);
        AllocationProbe.assertAllocationFree("an Ethernet frame each way through EthernetMacDevice", () -> {
            device.prepareTransmit(now(), payload.length);
            System.arraycopy(payload, 0, device.transmitBuffer(), device.transmitOffset(), payload.length);
            device.commitTransmit(payload.length);
            int length = peer.receive(now());
            peer.releaseReceive();
            peer.prepareTransmit(now(), length);
            peer.commitTransmit(length);
            device.receive(now());
            device.releaseReceive();
        });
    }

    /** The mocked board's clock, which the mock also passes to the segment. */
    static long now() {
        return HardwareTimer.nowMicros();
    }

    static byte[] frame(int length, int fill) {
        byte[] frame = new byte[length];
        Arrays.fill(frame, (byte) fill);
        return frame;
    }

    static void send(Device from, byte[] frame) {
        assertTrue(from.prepareTransmit(now(), frame.length));
        System.arraycopy(frame, 0, from.transmitBuffer(), from.transmitOffset(), frame.length);
        from.commitTransmit(frame.length);
    }

    static byte[] receive(Device at) {
        int length = at.receive(now());
        assertTrue(length > 0, "a frame is waiting");
        byte[] frame = Arrays.copyOfRange(at.receiveBuffer(), at.receiveOffset(), at.receiveOffset() + length);
        at.releaseReceive();
        return frame;
    }
}
