package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Guards this module's class path order: the hal mock jar before the hal jar, so the host runs the
 * mocks of the natives (which cannot run here) under the same names.
 */
class MockOnClassPathTest {

    @Test
    void theLoadedDriversAreTheMocks() {
        for (Method method : EthernetMac.class.getDeclaredMethods()) {
            assertFalse(Modifier.isNative(method.getModifiers()), () -> method + " is native: the hal jar came before its mock jar");
        }
        MockBackends.checkMocksLoaded();
    }
}
