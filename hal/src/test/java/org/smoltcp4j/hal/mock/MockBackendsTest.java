package org.smoltcp4j.hal.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.hal.Ieee802154Radio;
import org.smoltcp4j.hal.MockContractTest;
import org.smoltcp4j.phy.Loopback;
import org.smoltcp4j.phy.Medium;

/** Attaching and detaching backends, and the clear errors when they or the mocks are missing. */
class MockBackendsTest {

    @AfterEach
    void detach() {
        MockBackends.detachAll();
    }

    @Test
    void theNativesAheadOfTheMocksAreAClearError() throws Exception {
        try (URLClassLoader nativesOnly = MockContractTest.nativesOnlyLoader()) {
            Class<?> natives = Class.forName("org.smoltcp4j.hal.EthernetMac", false, nativesOnly);
            IllegalStateException wrongOrder = assertThrows(IllegalStateException.class, () -> MockBackends.checkNotNative(natives));
            assertTrue(wrongOrder.getMessage().startsWith("org.smoltcp4j.hal.EthernetMac was loaded from file:"),
                    wrongOrder.getMessage());
            assertTrue(wrongOrder.getMessage().endsWith("put the hal jar with classifier \"mock\" before the hal jar on the class path"),
                    wrongOrder.getMessage());
        }
    }

    @Test
    void withoutBackendsTheMockedDriversSaySoClearly() {
        IllegalStateException noMac = assertThrows(IllegalStateException.class, () -> EthernetMac.linkState());
        assertEquals("no Ethernet backend: call MockBackends.attachEthernet(device) before using EthernetMac", noMac.getMessage());
        IllegalStateException noRadio = assertThrows(IllegalStateException.class, () -> Ieee802154Radio.lastRssi());
        assertEquals("no radio backend: call MockBackends.attachRadio(medium) before using Ieee802154Radio", noRadio.getMessage());
        assertThrows(NullPointerException.class, () -> MockBackends.attachEthernet(null));
    }

    @Test
    void theMockedMacChecksItsArgumentsLikeTheDriver() {
        MockEthernet mac = MockBackends.attachEthernet(new Loopback(Medium.ETHERNET, 1514, 1));
        byte[] frame = new byte[100];
        assertEquals(EthernetMac.ERROR_NOT_INITIALISED, EthernetMac.receive(frame, 0, 100));
        assertEquals(EthernetMac.ERROR_NOT_INITIALISED, EthernetMac.transmit(frame, 0, 60));
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.init(new byte[5], 0));
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.init(new byte[6], 32));
        assertEquals(EthernetMac.STATUS_OK, EthernetMac.init(new byte[6], 0));
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.receive(frame, 50, 100));
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.receive(null, 0, 100));
        assertEquals(EthernetMac.ERROR_BAD_ARGUMENT, EthernetMac.transmit(frame, 0, 0));
        assertEquals(-1, EthernetMac.statistic(-1));
        assertThrows(IllegalArgumentException.class, () -> mac.setLinkState(EthernetMac.LINK_UP_100_FULL + 1));
        assertThrows(IllegalArgumentException.class, () -> mac.answerBusy(-1));
    }

    @Test
    void aFullHostDeviceMakesTheMacBusy() {
        Loopback host = new Loopback(Medium.ETHERNET, 1514, 1);
        MockBackends.attachEthernet(host);
        EthernetMac.init(new byte[6], 0);
        byte[] frame = new byte[60];
        assertEquals(EthernetMac.TRANSMIT_SENT, EthernetMac.transmit(frame, 0, 60));
        assertEquals(EthernetMac.TRANSMIT_BUSY, EthernetMac.transmit(frame, 0, 60), "the loopback's one slot is taken");
        assertEquals(1, EthernetMac.statistic(EthernetMac.STAT_TX_BUSY));
    }
}
