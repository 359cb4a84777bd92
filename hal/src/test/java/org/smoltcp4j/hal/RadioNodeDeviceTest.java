package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.mock.RadioMedium;
import org.smoltcp4j.hal.mock.RadioNodeDevice;
import org.smoltcp4j.phy.Medium;

/** A peer's radio on the simulated medium as a Device: frames cross, unacknowledged ones are counted lost. */
class RadioNodeDeviceTest {

    private final RadioMedium medium = new RadioMedium();
    private final RadioNodeDevice first = new RadioNodeDevice(medium.join(), 26, 0xbeef, 1, 0x0200_0000_0000_0001L);
    private final RadioNodeDevice second = new RadioNodeDevice(medium.join(), 26, 0xbeef, 2, 0x0200_0000_0000_0002L);

    private static void send(RadioNodeDevice device, byte[] frame) {
        assertTrue(device.prepareTransmit(0, frame.length));
        System.arraycopy(frame, 0, device.transmitBuffer(), device.transmitOffset(), frame.length);
        device.commitTransmit(frame.length);
    }

    @Test
    void framesCrossTheMediumAndUnacknowledgedOnesAreLost() {
        assertEquals(Medium.IEEE802154, first.capabilities().medium());
        byte[] frame = RadioFrames.toShort(0xbeef, 2, 1, true, 10);
        send(first, frame);
        assertEquals(1, second.queuedFrames());
        assertEquals(frame.length, second.receive(0));
        assertArrayEquals(frame, Arrays.copyOfRange(second.receiveBuffer(), second.receiveOffset(), frame.length));
        second.releaseReceive();
        assertEquals(0, first.lostFrames());

        send(first, RadioFrames.toShort(0xbeef, 9, 1, true, 10));
        assertEquals(1, first.lostFrames(), "nobody acknowledged short address 9");
        assertEquals(0, second.receive(0));
    }

    @Test
    void aRadioThatDoesNotStartIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RadioNodeDevice(medium.join(), 10, 0xbeef, 1, 0x0200_0000_0000_0003L));
        assertEquals("the simulated radio did not start: status " + Ieee802154Radio.ERROR_BAD_ARGUMENT, e.getMessage());
    }
}
