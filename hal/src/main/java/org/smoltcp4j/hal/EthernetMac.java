package org.smoltcp4j.hal;

/**
 * The Ethernet MAC driver of the board, as SNI natives (C side in {@code hal/src/main/c}: one
 * implementation per MAC, {@code Java_org_smoltcp4j_hal_EthernetMac_<method>}). The driver keeps its
 * DMA descriptors and buffers in C and copies one frame per call between them and a Java array.
 * No native blocks: a receive with nothing waiting returns 0 and a transmit with no free descriptor
 * returns {@link #TRANSMIT_BUSY} at once.
 *
 * <p>On the host, the class of the same name in the {@code mock} jar implements these methods over a
 * host device ({@code org.smoltcp4j.hal.mock.MockBackends}). Applications use
 * {@link EthernetMacDevice}, not this class.
 */
public final class EthernetMac {

    /** The call succeeded. */
    public static final int STATUS_OK = 0;
    /** {@link #init} has not succeeded yet. */
    public static final int ERROR_NOT_INITIALISED = -1;
    /** An argument is outside its range (array too short, length above 1514, ...). */
    public static final int ERROR_BAD_ARGUMENT = -2;
    /** The hardware failed: the PHY does not respond, a DMA error. */
    public static final int ERROR_HARDWARE = -3;

    /** {@link #transmit}: the frame is queued for sending. */
    public static final int TRANSMIT_SENT = 1;
    /** {@link #transmit}: no free descriptor now; nothing was queued, the caller retries later. */
    public static final int TRANSMIT_BUSY = 0;

    /** {@link #linkState}: no link. */
    public static final int LINK_DOWN = 0;
    public static final int LINK_UP_10_HALF = 1;
    public static final int LINK_UP_10_FULL = 2;
    public static final int LINK_UP_100_HALF = 3;
    public static final int LINK_UP_100_FULL = 4;

    /** Frames received and returned by {@link #receive}. */
    public static final int STAT_RX_FRAMES = 0;
    /** Bytes of the frames counted in {@link #STAT_RX_FRAMES}. */
    public static final int STAT_RX_BYTES = 1;
    /** Frames with a CRC, alignment or runt error, dropped by the driver. */
    public static final int STAT_RX_ERROR_FRAMES = 2;
    /** Frames larger than the Java buffer given to {@link #receive}, dropped. */
    public static final int STAT_RX_TOO_LONG = 3;
    /** Frames lost because no receive descriptor was free. */
    public static final int STAT_RX_OVERRUN = 4;
    /** Frames queued by {@link #transmit}. */
    public static final int STAT_TX_FRAMES = 5;
    /** Bytes of the frames counted in {@link #STAT_TX_FRAMES}. */
    public static final int STAT_TX_BYTES = 6;
    /** Transmit calls answered {@link #TRANSMIT_BUSY}. */
    public static final int STAT_TX_BUSY = 7;
    /** Frames the hardware failed to send. */
    public static final int STAT_TX_ERRORS = 8;
    /** The number of statistics; valid indexes are 0 .. STAT_COUNT - 1. */
    public static final int STAT_COUNT = 9;

    /** The largest frame, without FCS: 1500 bytes of payload and the 14-byte header. */
    public static final int MAX_FRAME_LENGTH = 1514;

    private EthernetMac() {
    }

    /**
     * Starts the MAC and the PHY (autonegotiation runs in the background; see {@link #linkState}).
     *
     * @param macAddress the station address, 6 bytes in transmission order
     * @param phyAddress the PHY's MDIO address, 0..31
     * @return {@link #STATUS_OK} or a negative {@code ERROR_*}
     */
    public static native int init(byte[] macAddress, int phyAddress);

    /** Polls the PHY: {@link #LINK_DOWN} or one of the {@code LINK_UP_*} speeds and duplexes. */
    public static native int linkState();

    /**
     * Copies the next received frame (without FCS) into {@code frame[offset ..)}.
     *
     * @return its length, 0 when none is waiting, or a negative {@code ERROR_*}; a frame longer
     *         than {@code capacity} is dropped and counted in {@link #STAT_RX_TOO_LONG}
     */
    public static native int receive(byte[] frame, int offset, int capacity);

    /**
     * Queues {@code frame[offset .. offset + length)} (without FCS; the MAC appends it).
     *
     * @return {@link #TRANSMIT_SENT}, {@link #TRANSMIT_BUSY}, or a negative {@code ERROR_*} (e.g.
     *         {@link #ERROR_BAD_ARGUMENT} for a length above {@link #MAX_FRAME_LENGTH})
     */
    public static native int transmit(byte[] frame, int offset, int length);

    /** The counter {@code which} ({@code STAT_*}), or -1 for an unknown index. */
    public static native long statistic(int which);
}
