package org.smoltcp4j.phy;

/**
 * A network device: the contract between the interface and a driver, a host device or a
 * middleware that wraps another device.
 *
 * <p>Frames are lent, not copied: {@link #receive} lends the next received frame in a buffer the
 * device owns until {@link #releaseReceive}; {@link #prepareTransmit} lends a buffer for the next
 * frame to send until {@link #commitTransmit} sends it or {@link #abortTransmit} gives it back. A
 * driver whose DMA buffers are Java arrays hands them out directly; others copy once.
 *
 * <p>Nothing is lost or duplicated: a frame received is delivered once; a device with no room to
 * transmit says so by returning false from {@link #prepareTransmit}, and the caller keeps its data
 * and tries again later. Calls are made from one thread (the main loop); lending twice without
 * giving back is a programming error and throws {@link IllegalStateException}. {@link Lending}
 * keeps these rules for every implementation.
 */
public interface Device {

    /** What this device can do; the same object for the device's life. */
    DeviceCapabilities capabilities();

    /**
     * Lends the next received frame: returns its length, or 0 when none is waiting. The frame is
     * {@code receiveBuffer()[receiveOffset() .. receiveOffset() + length)} until
     * {@link #releaseReceive()}.
     *
     * @param now the current time in microseconds (for rate limits and timestamps)
     */
    int receive(long now);

    /** The array holding the lent received frame. */
    byte[] receiveBuffer();

    /** Where the lent received frame starts in {@link #receiveBuffer()}. */
    int receiveOffset();

    /** Gives the lent received frame back; the device may reuse its buffer afterwards. */
    void releaseReceive();

    /**
     * Lends a buffer for a frame of up to {@code length} bytes, at
     * {@code transmitBuffer()[transmitOffset() ..)}. Returns false, lending nothing, when the device
     * has no room now.
     *
     * @param length at most {@code capabilities().maxTransmitLength()} (the MTU unless the device segments TCP)
     */
    boolean prepareTransmit(long now, int length);

    /** The array of the lent transmit buffer. */
    byte[] transmitBuffer();

    /** Where the frame to send starts in {@link #transmitBuffer()}. */
    int transmitOffset();

    /**
     * Sends the first {@code length} bytes written into the lent buffer (at most the prepared
     * length). Committing 0 bytes sends nothing, like {@link #abortTransmit()}: an empty frame could
     * not be received, since {@link #receive} returns 0 for "none waiting".
     */
    void commitTransmit(int length);

    /** Gives the lent transmit buffer back without sending. */
    void abortTransmit();
}
