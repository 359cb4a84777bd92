package org.smoltcp4j.hal;

/**
 * The IEEE 802.15.4 radio driver of the board, as SNI natives (C side in {@code hal/src/main/c}:
 * {@code Java_org_smoltcp4j_hal_Ieee802154Radio_<method>}). The radio filters frames by PAN ID and
 * address, drops frames with a bad CRC, acknowledges frames that ask for it, and before sending
 * runs clear channel assessment (CSMA-CA) and, on request, waits for the acknowledgement with
 * retries. Frames cross this interface without their 2-byte FCS: the radio appends and checks it.
 *
 * <p>On the host, the class of the same name in the {@code mock} jar implements these methods on a
 * simulated medium ({@code org.smoltcp4j.hal.mock.MockBackends}). Applications use
 * {@link Ieee802154RadioDevice}, not this class.
 */
public final class Ieee802154Radio {

    /** The call succeeded. */
    public static final int STATUS_OK = 0;
    /** {@link #init} has not succeeded yet. */
    public static final int ERROR_NOT_INITIALISED = -1;
    /** An argument is outside its range (channel outside 11..26, array too short, ...). */
    public static final int ERROR_BAD_ARGUMENT = -2;
    /** The radio does not respond. */
    public static final int ERROR_HARDWARE = -3;

    /** {@link #transmit}: sent, and acknowledged when an acknowledgement was requested. */
    public static final int TX_OK = 0;
    /** {@link #transmit}: the radio is not idle; nothing was sent. */
    public static final int TX_BUSY = 1;
    /** {@link #transmit}: the channel stayed busy through every CSMA-CA attempt; nothing was sent. */
    public static final int TX_CCA_FAILED = 2;
    /** {@link #transmit}: no acknowledgement came after all retries. */
    public static final int TX_NO_ACK = 3;

    /** {@link #transmit} flag: wait for the acknowledgement and retry without it. */
    public static final int TX_FLAG_ACK_REQUEST = 1;

    /** Frames received and returned by {@link #receive}. */
    public static final int STAT_RX_FRAMES = 0;
    /** Frames with a bad CRC, dropped by the driver. */
    public static final int STAT_RX_CRC_ERRORS = 1;
    /** Frames for another PAN or address, dropped by the filter. */
    public static final int STAT_RX_FILTERED = 2;
    /** Frames larger than the Java buffer given to {@link #receive}, dropped. */
    public static final int STAT_RX_TOO_LONG = 3;
    /** Frames sent (each retry counts in {@link #STAT_TX_RETRIES}, not here). */
    public static final int STAT_TX_FRAMES = 4;
    /** Transmissions given up because the channel was busy. */
    public static final int STAT_TX_CCA_FAILED = 5;
    /** Transmissions given up without an acknowledgement. */
    public static final int STAT_TX_NO_ACK = 6;
    /** Retransmissions after a missing acknowledgement. */
    public static final int STAT_TX_RETRIES = 7;
    /** Acknowledgements the radio sent for frames it received. */
    public static final int STAT_ACKS_SENT = 8;
    /** The number of statistics; valid indexes are 0 .. STAT_COUNT - 1. */
    public static final int STAT_COUNT = 9;

    /** The largest MAC frame without FCS: aMaxPhyPacketSize 127 less the 2-byte FCS. */
    public static final int MAX_FRAME_LENGTH = 125;
    /** The lowest channel of the 2.4 GHz band. */
    public static final int FIRST_CHANNEL = 11;
    /** The highest channel of the 2.4 GHz band. */
    public static final int LAST_CHANNEL = 26;

    private Ieee802154Radio() {
    }

    /**
     * Starts the radio in receive mode on {@code channel} with the address filter set.
     *
     * @param channel         11..26
     * @param panId           0..0xffff
     * @param shortAddress    0..0xffff (0xfffe: none)
     * @param extendedAddress 8 bytes, little-endian as on air
     * @return {@link #STATUS_OK} or a negative {@code ERROR_*}
     */
    public static native int init(int channel, int panId, int shortAddress, byte[] extendedAddress);

    /**
     * Copies the next received MAC frame (without FCS) into {@code frame[offset ..)}.
     *
     * @return its length, 0 when none is waiting, or a negative {@code ERROR_*}; a frame longer
     *         than {@code capacity} is dropped and counted in {@link #STAT_RX_TOO_LONG}
     */
    public static native int receive(byte[] frame, int offset, int capacity);

    /** The link quality indicator, 0..255, of the last frame {@link #receive} returned. */
    public static native int lastLinkQuality();

    /** The received signal strength in dBm of the last frame {@link #receive} returned. */
    public static native int lastRssi();

    /**
     * Sends {@code frame[offset .. offset + length)} (without FCS; the radio appends it) after
     * CSMA-CA; with {@link #TX_FLAG_ACK_REQUEST}, waits for the acknowledgement and retries. Blocks
     * at most a few milliseconds (backoffs, the frame's air time, the acknowledgement wait).
     *
     * @return one of the {@code TX_*} results, or a negative {@code ERROR_*}
     */
    public static native int transmit(byte[] frame, int offset, int length, int flags);

    /**
     * Measures the energy on {@code channel} for {@code durationMicros}.
     *
     * @return the maximum energy in dBm, or a negative error at or below -1000 (-1000 plus an
     *         {@code ERROR_*}, so -1002 for a bad argument)
     */
    public static native int energyDetect(int channel, int durationMicros);

    /** The counter {@code which} ({@code STAT_*}), or -1 for an unknown index. */
    public static native long statistic(int which);
}
