package org.smoltcp4j.mock;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Guards this module's class path order: the hal mock jar before the hal jar, so the host runs the
 * mocks of the natives (which cannot run here) under the same names.
 */
class MockOnClassPathTest {

    @Test
    void theLoadedDriversAreTheMocksWithoutNativeMethods() {
        MockBackends.checkMocksLoaded();
    }
}
