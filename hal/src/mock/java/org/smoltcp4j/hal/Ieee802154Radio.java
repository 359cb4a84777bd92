package org.smoltcp4j.hal;

import org.smoltcp4j.hal.mock.MockBackends;

/**
 * Host mock of the {@code Ieee802154Radio} natives (MicroEJ simulator convention: same name, same
 * constants, plain static methods of the same signatures), delegating to the radio the host program
 * attached to a simulated medium with {@link MockBackends#attachRadio}. Built into the {@code mock}
 * jar, which host programs put before the hal jar on the class path. The constants must equal the
 * natives' (MockContractTest checks it).
 */
public final class Ieee802154Radio {

    public static final int STATUS_OK = 0;
    public static final int ERROR_NOT_INITIALISED = -1;
    public static final int ERROR_BAD_ARGUMENT = -2;
    public static final int ERROR_HARDWARE = -3;
    public static final int TX_OK = 0;
    public static final int TX_BUSY = 1;
    public static final int TX_CCA_FAILED = 2;
    public static final int TX_NO_ACK = 3;
    public static final int TX_FLAG_ACK_REQUEST = 1;
    public static final int STAT_RX_FRAMES = 0;
    public static final int STAT_RX_CRC_ERRORS = 1;
    public static final int STAT_RX_FILTERED = 2;
    public static final int STAT_RX_TOO_LONG = 3;
    public static final int STAT_TX_FRAMES = 4;
    public static final int STAT_TX_CCA_FAILED = 5;
    public static final int STAT_TX_NO_ACK = 6;
    public static final int STAT_TX_RETRIES = 7;
    public static final int STAT_ACKS_SENT = 8;
    public static final int STAT_COUNT = 9;
    public static final int MAX_FRAME_LENGTH = 125;
    public static final int FIRST_CHANNEL = 11;
    public static final int LAST_CHANNEL = 26;

    private Ieee802154Radio() {
    }

    public static int init(int channel, int panId, int shortAddress, byte[] extendedAddress) {
        return MockBackends.radio().init(channel, panId, shortAddress, extendedAddress);
    }

    public static int receive(byte[] frame, int offset, int capacity) {
        return MockBackends.radio().receive(frame, offset, capacity);
    }

    public static int lastLinkQuality() {
        return MockBackends.radio().lastLinkQuality();
    }

    public static int lastRssi() {
        return MockBackends.radio().lastRssi();
    }

    public static int transmit(byte[] frame, int offset, int length, int flags) {
        return MockBackends.radio().transmit(frame, offset, length, flags);
    }

    public static int energyDetect(int channel, int durationMicros) {
        return MockBackends.radio().energyDetect(channel, durationMicros);
    }

    public static long statistic(int which) {
        return MockBackends.radio().statistic(which);
    }
}
