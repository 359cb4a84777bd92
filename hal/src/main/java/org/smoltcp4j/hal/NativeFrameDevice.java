package org.smoltcp4j.hal;

import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Lending;

/**
 * A {@link Device} over a driver whose natives copy one frame per call between C and a Java
 * array: one receive buffer and one transmit buffer of an MTU each, allocated here, lent to the
 * stack. Subclasses make the two native calls; this class keeps the lending rules and what to do
 * with the drivers' answers.
 *
 * <p>Nothing is lost to a busy driver: a committed frame the driver answers "busy" stays in the
 * transmit buffer and is offered again at the next {@link #receive} or {@link #prepareTransmit},
 * which lends nothing (returns false) until the driver took it. Errors the natives return while
 * running are counted drops ({@link #receiveErrors()}, {@link #transmitErrors()}), never exceptions.
 */
abstract class NativeFrameDevice implements Device {

    /** {@link #writeFrame}: the driver took the frame. */
    static final int WRITE_SENT = 0;
    /** {@link #writeFrame}: the driver had no room; the frame must be offered again. */
    static final int WRITE_BUSY = 1;
    /** {@link #writeFrame}: the frame is lost for a reason the subclass has counted. */
    static final int WRITE_DROPPED = 2;
    /** {@link #writeFrame}: the native returned an error; the frame is lost (counted here). */
    static final int WRITE_ERROR = 3;

    private final DeviceCapabilities capabilities;
    private final Lending lending;
    private final byte[] receiveBuffer;
    private final byte[] transmitBuffer;
    private int heldLength;
    private long receiveErrors;
    private long busyAnswers;
    private long transmitErrors;

    NativeFrameDevice(String name, DeviceCapabilities capabilities) {
        this.capabilities = capabilities;
        this.lending = new Lending(name, capabilities.mtu());
        this.receiveBuffer = new byte[capabilities.mtu()];
        this.transmitBuffer = new byte[capabilities.mtu()];
    }

    /** The native receive into {@code into[0 .. capacity)}: a length, 0 for none, or a negative error. */
    abstract int readFrame(byte[] into, int capacity);

    /** The native transmit of {@code from[0 .. length)}, its answer mapped to a {@code WRITE_*} value. */
    abstract int writeFrame(byte[] from, int length);

    public final DeviceCapabilities capabilities() {
        return capabilities;
    }

    public final int receive(long now) {
        lending.checkCanReceive();
        offerHeldFrame();
        int length = readFrame(receiveBuffer, receiveBuffer.length);
        if (length > 0) {
            lending.lendReceive(length);
            return length;
        }
        if (length < 0) {
            receiveErrors++;
        }
        return 0;
    }

    public final byte[] receiveBuffer() {
        return receiveBuffer;
    }

    public final int receiveOffset() {
        return 0;
    }

    public final void releaseReceive() {
        lending.releaseReceive();
    }

    public final boolean prepareTransmit(long now, int length) {
        lending.checkCanPrepare(length);
        if (!offerHeldFrame()) {
            return false;
        }
        lending.lendTransmit(length);
        return true;
    }

    public final byte[] transmitBuffer() {
        return transmitBuffer;
    }

    public final int transmitOffset() {
        return 0;
    }

    public final void commitTransmit(int length) {
        lending.commitTransmit(length);
        if (length > 0) {
            heldLength = length;
            offerHeldFrame();
        }
    }

    public final void abortTransmit() {
        lending.abortTransmit();
    }

    /** True while a frame the driver answered "busy" waits in the transmit buffer. */
    public final boolean hasHeldFrame() {
        return heldLength > 0;
    }

    /** Native receive calls that returned an error; each is a frame or a poll lost. */
    public final long receiveErrors() {
        return receiveErrors;
    }

    /** Times the driver answered "busy" to a frame, which was then held and offered again. */
    public final long busyAnswers() {
        return busyAnswers;
    }

    /** Frames lost because the driver's transmit returned an error. */
    public final long transmitErrors() {
        return transmitErrors;
    }

    /** Offers the held frame to the driver; true when no frame is held any more. */
    private boolean offerHeldFrame() {
        if (heldLength == 0) {
            return true;
        }
        int written = writeFrame(transmitBuffer, heldLength);
        if (written == WRITE_BUSY) {
            busyAnswers++;
            return false;
        }
        if (written == WRITE_ERROR) {
            transmitErrors++;
        }
        heldLength = 0;
        return true;
    }
}
