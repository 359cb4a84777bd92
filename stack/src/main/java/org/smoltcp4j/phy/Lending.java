package org.smoltcp4j.phy;

/**
 * The bookkeeping of {@link Device}'s lent buffers, shared by every device so the rules and the
 * messages are the same everywhere: at most one received frame and one transmit buffer lent at a
 * time, transmit lengths within the MTU, commits within the prepared length. Misuse throws
 * {@link IllegalStateException} (wrong order of calls) or {@link IllegalArgumentException} (bad
 * length), naming the device; the normal path allocates nothing.
 *
 * <p>A device calls the {@code check} method before touching its queues or its inner device, and
 * the {@code lend} method once it has really lent something, so a refused transmit lends nothing.
 */
public final class Lending {

    private final String device;
    private final int mtu;
    private boolean receiveLent;
    private int receiveLength;
    private boolean transmitLent;
    private int preparedLength;

    /**
     * @param device the device's name for messages, e.g. "Loopback"
     * @param mtu    the largest transmit length accepted, {@link DeviceCapabilities#maxTransmitLength()}
     */
    public Lending(String device, int mtu) {
        if (mtu < 1) {
            throw new IllegalArgumentException("MTU must be at least 1 byte, got " + mtu);
        }
        this.device = device;
        this.mtu = mtu;
    }

    /** Throws unless the previous received frame has been released. */
    public void checkCanReceive() {
        if (receiveLent) {
            throw new IllegalStateException(device + ": receive called while a received frame of " + receiveLength
                    + " bytes is still lent; call releaseReceive first");
        }
    }

    /** Records that a received frame of {@code length} bytes (at least 1) is now lent. */
    public void lendReceive(int length) {
        checkCanReceive();
        if (length < 1) {
            throw new IllegalArgumentException(device + ": a received frame has at least 1 byte, got " + length);
        }
        receiveLent = true;
        receiveLength = length;
    }

    /** Throws unless a received frame is lent; {@code operation} names the call for the message. */
    public void checkReceiveLent(String operation) {
        if (!receiveLent) {
            throw new IllegalStateException(device + ": " + operation + " called with no received frame lent");
        }
    }

    /** Records that the lent received frame was given back. */
    public void releaseReceive() {
        checkReceiveLent("releaseReceive");
        receiveLent = false;
        receiveLength = 0;
    }

    /** Throws unless a transmit buffer of {@code length} bytes may be prepared now. */
    public void checkCanPrepare(int length) {
        if (transmitLent) {
            throw new IllegalStateException(device + ": prepareTransmit called while a transmit buffer of " + preparedLength
                    + " bytes is still lent; call commitTransmit or abortTransmit first");
        }
        if (length < 0 || length > mtu) {
            throw new IllegalArgumentException(device + ": transmit length must be 0.." + mtu + " (the MTU), got " + length);
        }
    }

    /** Records that a transmit buffer of {@code length} bytes is now lent. */
    public void lendTransmit(int length) {
        checkCanPrepare(length);
        transmitLent = true;
        preparedLength = length;
    }

    /** Throws unless a transmit buffer is lent; {@code operation} names the call for the message. */
    public void checkTransmitLent(String operation) {
        if (!transmitLent) {
            throw new IllegalStateException(device + ": " + operation + " called with no transmit buffer lent");
        }
    }

    /** Checks {@code length} against the prepared length and records that the buffer was given back. */
    public void commitTransmit(int length) {
        checkTransmitLent("commitTransmit");
        if (length < 0 || length > preparedLength) {
            throw new IllegalArgumentException(device + ": commit length must be 0.." + preparedLength
                    + " (the prepared length), got " + length);
        }
        transmitLent = false;
        preparedLength = 0;
    }

    /** Records that the lent transmit buffer was given back unsent. */
    public void abortTransmit() {
        checkTransmitLent("abortTransmit");
        transmitLent = false;
        preparedLength = 0;
    }

    public boolean isReceiveLent() {
        return receiveLent;
    }

    /** The length of the lent received frame, 0 when none is lent. */
    public int receiveLength() {
        return receiveLength;
    }

    public boolean isTransmitLent() {
        return transmitLent;
    }

    /** The length asked for by the last prepare, 0 when no transmit buffer is lent. */
    public int preparedLength() {
        return preparedLength;
    }
}
