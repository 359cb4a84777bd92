package org.smoltcp4j.profile.planted.layers.socket;

import org.smoltcp4j.profile.planted.layers.hal.Driver;

/** Planted: a stack class calling into hal, a module above the stack. */
public class SocketUsingHal {
    static int send() {
        return Driver.transmit();
    }
}
