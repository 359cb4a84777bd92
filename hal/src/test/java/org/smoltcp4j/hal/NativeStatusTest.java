package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NativeStatusTest {

    @Test
    void everyStatusIsNamed() {
        assertEquals("ERROR_NOT_INITIALISED (-1): the driver is not initialised", NativeStatus.describe(EthernetMac.ERROR_NOT_INITIALISED));
        assertEquals("ERROR_BAD_ARGUMENT (-2): the driver refused an argument", NativeStatus.describe(Ieee802154Radio.ERROR_BAD_ARGUMENT));
        assertEquals("ERROR_HARDWARE (-3): the hardware does not respond", NativeStatus.describe(EthernetMac.ERROR_HARDWARE));
        assertEquals("unknown status -7", NativeStatus.describe(-7));
    }

    @Test
    void onlyStatusOkIsAStart() {
        NativeStatus.checkStarted("Driver.init()", EthernetMac.STATUS_OK);
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> NativeStatus.checkStarted("Driver.init()", 5));
        assertEquals("Driver.init() failed: unknown status 5", failed.getMessage());
    }
}
