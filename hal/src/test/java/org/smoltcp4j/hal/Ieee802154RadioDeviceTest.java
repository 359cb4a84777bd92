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
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.mock.RadioMedium;
import org.smoltcp4j.hal.mock.RadioNode;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.testing.AllocationProbe;

/**
 * {@link Ieee802154RadioDevice} through the host mock of {@link Ieee802154Radio}: the board's radio
 * and a peer radio the test drives share a simulated medium on channel 15, PAN 0xabcd.
 */
class Ieee802154RadioDeviceTest {

    private static final int CHANNEL = 15;
    private static final int PAN = 0xabcd;
    private static final int BOARD_SHORT = 0x0001;
    private static final int PEER_SHORT = 0x0002;
    private static final long BOARD_EXTENDED = 0x0011_2233_4455_6677L;

    private final RadioMedium medium = new RadioMedium();
    private RadioNode board;
    private RadioNode peer;
    private Ieee802154RadioDevice device;

    @BeforeEach
    void attach() {
        board = MockBackends.attachRadio(medium);
        device = new Ieee802154RadioDevice(CHANNEL, PAN, BOARD_SHORT, BOARD_EXTENDED);
        peer = medium.join();
        assertEquals(Ieee802154Radio.STATUS_OK, peer.init(CHANNEL, PAN, PEER_SHORT, new byte[8]));
    }

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void aFrameFromThePeerIsReceivedWithItsLinkQualityAndSignalAndAcknowledged() {
        board.setSignal(-72, 180);
        byte[] frame = RadioFrames.toShort(PAN, BOARD_SHORT, PEER_SHORT, true, 20);
        assertEquals(Ieee802154Radio.TX_OK, peer.transmit(frame, 0, frame.length, Ieee802154Radio.TX_FLAG_ACK_REQUEST));

        assertEquals(frame.length, device.receive(0));
        assertArrayEquals(frame, Arrays.copyOf(device.receiveBuffer(), frame.length));
        device.releaseReceive();
        assertEquals(180, device.linkQuality());
        assertEquals(-72, device.rssi());
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_ACKS_SENT));
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_RX_FRAMES));
        assertEquals(0, peer.statistic(Ieee802154Radio.STAT_TX_RETRIES));
    }

    @Test
    void theExtendedAddressReachesTheDriverInAirOrder() {
        byte[] frame = RadioFrames.toExtended(PAN, BOARD_EXTENDED, PEER_SHORT, 10);
        assertEquals(Ieee802154Radio.TX_OK, peer.transmit(frame, 0, frame.length, Ieee802154Radio.TX_FLAG_ACK_REQUEST));
        assertEquals(frame.length, device.receive(0));
        device.releaseReceive();
    }

    @Test
    void framesForAnotherPanOrAddressAreFiltered() {
        byte[] otherPan = RadioFrames.toShort(0x1234, BOARD_SHORT, PEER_SHORT, false, 10);
        byte[] otherStation = RadioFrames.toShort(PAN, 0x0009, PEER_SHORT, false, 10);
        peer.transmit(otherPan, 0, otherPan.length, 0);
        peer.transmit(otherStation, 0, otherStation.length, 0);
        assertEquals(0, device.receive(0));
        assertEquals(2, device.statistic(Ieee802154Radio.STAT_RX_FILTERED));

        byte[] broadcast = RadioFrames.toShort(PAN, 0xffff, PEER_SHORT, false, 10);
        peer.transmit(broadcast, 0, broadcast.length, 0);
        assertEquals(broadcast.length, device.receive(0));
        device.releaseReceive();
    }

    @Test
    void aFrameAskingForAnAckIsSentWithTheAckRequestFlagAndAcknowledged() {
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertEquals(1, peer.queuedFrames());
        assertEquals(1, peer.statistic(Ieee802154Radio.STAT_ACKS_SENT));
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_TX_FRAMES));
        assertEquals(0, device.noAckDrops());
    }

    @Test
    void aFrameNobodyAcknowledgesIsRetriedThenACountedDrop() {
        send(RadioFrames.toShort(PAN, 0x0003, BOARD_SHORT, true, 30));
        assertEquals(1, device.noAckDrops());
        assertEquals(RadioMedium.MAX_FRAME_RETRIES, device.statistic(Ieee802154Radio.STAT_TX_RETRIES));
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_TX_NO_ACK));
        assertFalse(device.hasHeldFrame());
    }

    @Test
    void aFrameLostOnTheAirIsRetriedUntilAcknowledged() {
        peer.corruptNextReceptions(2);
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertEquals(2, device.statistic(Ieee802154Radio.STAT_TX_RETRIES));
        assertEquals(2, peer.statistic(Ieee802154Radio.STAT_RX_CRC_ERRORS));
        assertEquals(1, peer.queuedFrames(), "received once");
        assertEquals(0, device.noAckDrops());
    }

    @Test
    void aFrameWithoutAckRequestIsSentOnceEvenIfLost() {
        peer.corruptNextReceptions(1);
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, false, 30));
        assertEquals(0, device.statistic(Ieee802154Radio.STAT_TX_RETRIES));
        assertEquals(0, peer.queuedFrames());
        assertEquals(0, device.noAckDrops());
    }

    @Test
    void aBusyChannelFailsClearChannelAssessmentAndIsACountedDrop() {
        medium.setChannelBusy(CHANNEL, true);
        assertEquals(RadioMedium.JAMMED_DBM, Ieee802154Radio.energyDetect(CHANNEL, 128));
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertEquals(1, device.channelBusyDrops());
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_TX_CCA_FAILED));
        assertEquals(0, peer.queuedFrames());

        medium.setChannelBusy(CHANNEL, false);
        assertEquals(RadioMedium.NOISE_FLOOR_DBM, Ieee802154Radio.energyDetect(CHANNEL, 128));
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertEquals(1, peer.queuedFrames());
    }

    @Test
    void aBusyRadioHoldsTheFrameAndSendsItOnce() {
        board.answerBusy(1);
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertTrue(device.hasHeldFrame());
        assertEquals(0, peer.queuedFrames());
        assertTrue(device.prepareTransmit(0, 10));
        device.abortTransmit();
        assertEquals(1, peer.queuedFrames());
        assertEquals(1, device.busyAnswers());
    }

    @Test
    void framesLongerThanTheMtuAreRefused() {
        assertEquals(Medium.IEEE802154, device.capabilities().medium());
        assertEquals(125, device.capabilities().mtu());
        assertThrows(IllegalArgumentException.class, () -> device.prepareTransmit(0, 126));
        assertEquals(Ieee802154Radio.ERROR_BAD_ARGUMENT, Ieee802154Radio.transmit(new byte[200], 0, 126, 0));
    }

    @Test
    void aReceivedFrameLongerThanTheCallersBufferIsDroppedAndCounted() {
        byte[] frame = RadioFrames.toShort(PAN, BOARD_SHORT, PEER_SHORT, false, 40);
        peer.transmit(frame, 0, frame.length, 0);
        assertEquals(0, Ieee802154Radio.receive(new byte[20], 0, 20));
        assertEquals(1, device.statistic(Ieee802154Radio.STAT_RX_TOO_LONG));
    }

    @Test
    void valuesOutOfRangeAreRefusedBeforeTheDriverRuns() {
        IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                () -> new Ieee802154RadioDevice(27, PAN, BOARD_SHORT, BOARD_EXTENDED));
        assertEquals("channel must be 11..26, got 27", channel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ieee802154RadioDevice(10, PAN, BOARD_SHORT, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ieee802154RadioDevice(CHANNEL, 0x10000, BOARD_SHORT, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ieee802154RadioDevice(CHANNEL, PAN, -1, 0));
    }

    @Test
    void aRadioThatFailsToStartIsAnExceptionNamingTheStatus() {
        RadioMedium other = new RadioMedium();
        MockBackends.attachRadio(other).setHardwareFault(true);
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> new Ieee802154RadioDevice(CHANNEL, PAN, BOARD_SHORT, BOARD_EXTENDED));
        assertEquals("Ieee802154Radio.init(channel 15, PAN 0xabcd, short 0x1) failed: ERROR_HARDWARE (-3): the hardware does not respond",
                failed.getMessage());
    }

    @Test
    void driverErrorsWhileRunningAreCountedDrops() {
        board.setHardwareFault(true);
        assertEquals(0, device.receive(0));
        send(RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 30));
        assertEquals(1, device.receiveErrors());
        assertEquals(1, device.transmitErrors());
        assertFalse(device.hasHeldFrame(), "an error is a drop, not a retry");
        assertEquals(0, peer.queuedFrames());
    }

    @Test
    void theDriversOwnChecksAnswerErrorCodes() {
        RadioNode fresh = medium.join();
        assertEquals(Ieee802154Radio.ERROR_NOT_INITIALISED, fresh.receive(new byte[10], 0, 10));
        assertEquals(Ieee802154Radio.ERROR_NOT_INITIALISED, fresh.transmit(new byte[10], 0, 10, 0));
        assertEquals(-1000 + Ieee802154Radio.ERROR_NOT_INITIALISED, fresh.energyDetect(CHANNEL, 128));
        assertEquals(Ieee802154Radio.ERROR_BAD_ARGUMENT, fresh.init(CHANNEL, PAN, 1, new byte[7]));
        assertEquals(Ieee802154Radio.ERROR_BAD_ARGUMENT, fresh.init(10, PAN, 1, new byte[8]));
        assertEquals(Ieee802154Radio.ERROR_BAD_ARGUMENT, Ieee802154Radio.receive(new byte[10], 5, 10));
        assertEquals(-1000 + Ieee802154Radio.ERROR_BAD_ARGUMENT, Ieee802154Radio.energyDetect(5, 128));
        assertEquals(-1, Ieee802154Radio.statistic(Ieee802154Radio.STAT_COUNT));
        assertThrows(IllegalArgumentException.class, () -> peer.setSignal(-50, 256));
        assertThrows(IllegalArgumentException.class, () -> peer.corruptNextReceptions(-1));
        assertThrows(IllegalArgumentException.class, () -> peer.answerBusy(-1));
        assertThrows(IllegalArgumentException.class, () -> medium.setChannelBusy(27, true));
    }

    @Test
    void aFullQueueLosesFramesWithoutAcknowledging() {
        byte[] frame = RadioFrames.toShort(PAN, BOARD_SHORT, PEER_SHORT, true, 10);
        for (int i = 0; i < RadioNode.QUEUE_FRAMES; i++) {
            assertEquals(Ieee802154Radio.TX_OK, peer.transmit(frame, 0, frame.length, Ieee802154Radio.TX_FLAG_ACK_REQUEST));
        }
        assertEquals(Ieee802154Radio.TX_NO_ACK, peer.transmit(frame, 0, frame.length, Ieee802154Radio.TX_FLAG_ACK_REQUEST));
        assertEquals(1 + RadioMedium.MAX_FRAME_RETRIES, board.lostFrames());
    }

    @Test
    void exchangingFramesAllocatesNothing() {
        byte[] outgoing = RadioFrames.toShort(PAN, PEER_SHORT, BOARD_SHORT, true, 60);
        byte[] incoming = RadioFrames.toShort(PAN, BOARD_SHORT, PEER_SHORT, true, 60);
        byte[] scratch = new byte[Ieee802154Radio.MAX_FRAME_LENGTH];
        AllocationProbe.assertAllocationFree("an 802.15.4 frame each way through Ieee802154RadioDevice", () -> {
            device.prepareTransmit(0, outgoing.length);
            System.arraycopy(outgoing, 0, device.transmitBuffer(), device.transmitOffset(), outgoing.length);
            device.commitTransmit(outgoing.length);
            peer.receive(scratch, 0, scratch.length);
            peer.transmit(incoming, 0, incoming.length, Ieee802154Radio.TX_FLAG_ACK_REQUEST);
            device.receive(0);
            device.releaseReceive();
        });
    }

    private void send(byte[] frame) {
        assertTrue(device.prepareTransmit(0, frame.length));
        System.arraycopy(frame, 0, device.transmitBuffer(), device.transmitOffset(), frame.length);
        device.commitTransmit(frame.length);
    }
}
