package org.smoltcp4j.hal;

import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Host mock of the {@code EthernetMac} natives (MicroEJ simulator convention: same name, same
 * constants, plain static methods of the same signatures), delegating to the Ethernet backend the
 * host program attached with {@link MockBackends#attachEthernet}. Built into the {@code mock} jar,
 * which host programs put before the hal jar on the class path. The constants must equal the
 * natives' (MockContractTest checks it).
 */
public final class EthernetMac {

    public static final int STATUS_OK = 0;
    public static final int ERROR_NOT_INITIALISED = -1;
    public static final int ERROR_BAD_ARGUMENT = -2;
    public static final int ERROR_HARDWARE = -3;
    public static final int TRANSMIT_SENT = 1;
    public static final int TRANSMIT_BUSY = 0;
    public static final int LINK_DOWN = 0;
    public static final int LINK_UP_10_HALF = 1;
    public static final int LINK_UP_10_FULL = 2;
    public static final int LINK_UP_100_HALF = 3;
    public static final int LINK_UP_100_FULL = 4;
    public static final int STAT_RX_FRAMES = 0;
    public static final int STAT_RX_BYTES = 1;
    public static final int STAT_RX_ERROR_FRAMES = 2;
    public static final int STAT_RX_TOO_LONG = 3;
    public static final int STAT_RX_OVERRUN = 4;
    public static final int STAT_TX_FRAMES = 5;
    public static final int STAT_TX_BYTES = 6;
    public static final int STAT_TX_BUSY = 7;
    public static final int STAT_TX_ERRORS = 8;
    public static final int STAT_COUNT = 9;
    public static final int MAX_FRAME_LENGTH = 1514;

    private EthernetMac() {
    }

    public static int init(byte[] macAddress, int phyAddress) {
        return MockBackends.ethernet().init(macAddress, phyAddress);
    }

    public static int linkState() {
        return MockBackends.ethernet().linkState();
    }

    public static int receive(byte[] frame, int offset, int capacity) {
        return MockBackends.ethernet().receive(frame, offset, capacity);
    }

    public static int transmit(byte[] frame, int offset, int length) {
        return MockBackends.ethernet().transmit(frame, offset, length);
    }

    public static long statistic(int which) {
        return MockBackends.ethernet().statistic(which);
    }
}
