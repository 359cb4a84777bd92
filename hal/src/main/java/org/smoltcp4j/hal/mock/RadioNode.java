package org.smoltcp4j.hal.mock;

import org.smoltcp4j.hal.Ieee802154Radio;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.WireStatus;

/**
 * One radio on a {@link RadioMedium}, with the semantics of the {@link Ieee802154Radio} natives:
 * the mocked board's radio ({@link MockBackends#attachRadio}) and any peer radio a test drives
 * directly through the same methods. Received frames wait in a queue of {@value #QUEUE_FRAMES}
 * frames allocated here, each with the signal it was heard with; a frame arriving at a full queue
 * is lost (and not acknowledged). Thread-safe: every method holds the medium's lock.
 */
public final class RadioNode {

    /** Frames a radio queues before losing the next ones. */
    public static final int QUEUE_FRAMES = 16;
    /** The signal a radio hears others with until {@link #setSignal} changes it. */
    public static final int DEFAULT_RSSI_DBM = -60;
    public static final int DEFAULT_LINK_QUALITY = 200;
    private static final int NO_SHORT_ADDRESS = 0xfffe;
    private static final int ENERGY_ERROR_BASE = -1000;

    private final RadioMedium medium;
    private final long[] statistics = new long[Ieee802154Radio.STAT_COUNT];
    private final byte[][] frames = new byte[QUEUE_FRAMES][Ieee802154Radio.MAX_FRAME_LENGTH];
    private final int[] lengths = new int[QUEUE_FRAMES];
    private final int[] rssis = new int[QUEUE_FRAMES];
    private final int[] linkQualities = new int[QUEUE_FRAMES];
    private int head;
    private int queued;
    private boolean initialised;
    private boolean hardwareFault;
    private int channel;
    private int panId;
    private int shortAddress;
    private long extendedAddress;
    private int rssi = DEFAULT_RSSI_DBM;
    private int linkQuality = DEFAULT_LINK_QUALITY;
    private int lastRssi;
    private int lastLinkQuality;
    private int corruptReceptions;
    private int busyTransmits;
    private long lostFrames;
    private Runnable arrivalListener = () -> { };

    RadioNode(RadioMedium medium) {
        this.medium = medium;
    }

    /** Starts the radio: {@code Ieee802154Radio.init}'s semantics. */
    public int init(int channel, int panId, int shortAddress, byte[] extendedAddress) {
        synchronized (medium) {
            if (!RadioMedium.isChannel(channel) || panId < 0 || panId > 0xffff || shortAddress < 0 || shortAddress > 0xffff
                    || extendedAddress == null || extendedAddress.length != 8) {
                return Ieee802154Radio.ERROR_BAD_ARGUMENT;
            }
            if (hardwareFault) {
                return Ieee802154Radio.ERROR_HARDWARE;
            }
            long address = 0;
            for (int i = 7; i >= 0; i--) {
                address = address << 8 | (extendedAddress[i] & 0xff);
            }
            this.channel = channel;
            this.panId = panId;
            this.shortAddress = shortAddress;
            this.extendedAddress = address;
            this.initialised = true;
            return Ieee802154Radio.STATUS_OK;
        }
    }

    /** {@code Ieee802154Radio.receive}'s semantics: the next queued frame, 0 when none. */
    public int receive(byte[] frame, int offset, int capacity) {
        synchronized (medium) {
            int status = check(frame, offset, capacity);
            if (status != Ieee802154Radio.STATUS_OK || queued == 0) {
                return status;
            }
            int length = lengths[head];
            lastRssi = rssis[head];
            lastLinkQuality = linkQualities[head];
            int slot = head;
            head = (head + 1) % QUEUE_FRAMES;
            queued--;
            if (length > capacity) {
                statistics[Ieee802154Radio.STAT_RX_TOO_LONG]++;
                return 0;
            }
            System.arraycopy(frames[slot], 0, frame, offset, length);
            statistics[Ieee802154Radio.STAT_RX_FRAMES]++;
            return length;
        }
    }

    public int lastLinkQuality() {
        synchronized (medium) {
            return lastLinkQuality;
        }
    }

    public int lastRssi() {
        synchronized (medium) {
            return lastRssi;
        }
    }

    /** {@code Ieee802154Radio.transmit}'s semantics on the medium. */
    public int transmit(byte[] frame, int offset, int length, int flags) {
        synchronized (medium) {
            int status = check(frame, offset, length);
            if (status != Ieee802154Radio.STATUS_OK) {
                return status;
            }
            if (length < 1 || length > Ieee802154Radio.MAX_FRAME_LENGTH) {
                return Ieee802154Radio.ERROR_BAD_ARGUMENT;
            }
            if (busyTransmits > 0) {
                busyTransmits--;
                return Ieee802154Radio.TX_BUSY;
            }
            return medium.transmit(this, frame, offset, length, (flags & Ieee802154Radio.TX_FLAG_ACK_REQUEST) != 0);
        }
    }

    /** {@code Ieee802154Radio.energyDetect}'s semantics: the noise floor, or more on a jammed channel. */
    public int energyDetect(int channel, int durationMicros) {
        synchronized (medium) {
            if (!initialised) {
                return ENERGY_ERROR_BASE + Ieee802154Radio.ERROR_NOT_INITIALISED;
            }
            if (!RadioMedium.isChannel(channel) || durationMicros < 0) {
                return ENERGY_ERROR_BASE + Ieee802154Radio.ERROR_BAD_ARGUMENT;
            }
            return medium.energy(channel);
        }
    }

    public long statistic(int which) {
        synchronized (medium) {
            return which < 0 || which >= statistics.length ? -1 : statistics[which];
        }
    }

    /** Sets the signal strength (dBm) and link quality (0..255) this radio hears frames with from now on. */
    public void setSignal(int rssiDbm, int linkQuality) {
        if (linkQuality < 0 || linkQuality > 255) {
            throw new IllegalArgumentException("link quality must be 0..255, got " + linkQuality);
        }
        synchronized (medium) {
            this.rssi = rssiDbm;
            this.linkQuality = linkQuality;
        }
    }

    /** The next {@code receptions} frames reaching this radio fail their CRC: counted, dropped, not acknowledged. */
    public void corruptNextReceptions(int receptions) {
        if (receptions < 0) {
            throw new IllegalArgumentException("receptions must be 0 or more, got " + receptions);
        }
        synchronized (medium) {
            corruptReceptions = receptions;
        }
    }

    /** Makes the next {@code transmits} transmit calls answer {@link Ieee802154Radio#TX_BUSY}. */
    public void answerBusy(int transmits) {
        if (transmits < 0) {
            throw new IllegalArgumentException("transmits must be 0 or more, got " + transmits);
        }
        synchronized (medium) {
            busyTransmits = transmits;
        }
    }

    /** While set, init, receive and transmit answer {@link Ieee802154Radio#ERROR_HARDWARE} (a radio that does not respond). */
    public void setHardwareFault(boolean fault) {
        synchronized (medium) {
            hardwareFault = fault;
        }
    }

    /** Frames lost because this radio's queue was full. */
    public long lostFrames() {
        synchronized (medium) {
            return lostFrames;
        }
    }

    /** Frames waiting to be received. */
    public int queuedFrames() {
        synchronized (medium) {
            return queued;
        }
    }

    /** Sets what runs (under the medium's lock) whenever a frame is queued here. */
    void setArrivalListener(Runnable listener) {
        synchronized (medium) {
            arrivalListener = listener;
        }
    }

    int channel() {
        return channel;
    }

    boolean listensOn(int onChannel) {
        return initialised && channel == onChannel;
    }

    void count(int statistic) {
        statistics[statistic]++;
    }

    /**
     * A frame on the air reaches this radio: the CRC check, the address filter, the queue. Returns
     * true when this radio acknowledges it (it asks for an ACK and is addressed to this radio alone).
     */
    boolean hear(Ieee802154Frame view, byte[] frame, int offset, int length) {
        if (corruptReceptions > 0) {
            corruptReceptions--;
            statistics[Ieee802154Radio.STAT_RX_CRC_ERRORS]++;
            return false;
        }
        if (view.wrap(frame, offset, length).check() != WireStatus.OK || !accepts(view)) {
            statistics[Ieee802154Radio.STAT_RX_FILTERED]++;
            return false;
        }
        if (queued == QUEUE_FRAMES) {
            lostFrames++;
            return false;
        }
        int tail = (head + queued) % QUEUE_FRAMES;
        System.arraycopy(frame, offset, frames[tail], 0, length);
        lengths[tail] = length;
        rssis[tail] = rssi;
        linkQualities[tail] = linkQuality;
        queued++;
        arrivalListener.run();
        boolean acknowledge = view.ackRequest() && isOwnAddress(view);
        if (acknowledge) {
            statistics[Ieee802154Radio.STAT_ACKS_SENT]++;
        }
        return acknowledge;
    }

    /** The hardware filter: data and command frames for this PAN (or any) and this radio (or all). */
    private boolean accepts(Ieee802154Frame view) {
        int type = view.frameType();
        if (type == Ieee802154Frame.TYPE_ACK) {
            return false;
        }
        if (view.hasDstPan() && view.dstPan() != panId && view.dstPan() != Ieee802154Frame.BROADCAST_PAN) {
            return false;
        }
        return view.dstAddressingMode() == Ieee802154Frame.MODE_ABSENT || isOwnAddress(view)
                || view.dstAddressingMode() == Ieee802154Frame.MODE_SHORT && view.dstAddress() == Ieee802154Frame.BROADCAST_SHORT;
    }

    private boolean isOwnAddress(Ieee802154Frame view) {
        switch (view.dstAddressingMode()) {
            case Ieee802154Frame.MODE_SHORT:
                return shortAddress != NO_SHORT_ADDRESS && view.dstAddress() == shortAddress;
            case Ieee802154Frame.MODE_EXTENDED:
                return view.dstAddress() == extendedAddress;
            default:
                return false;
        }
    }

    /** The status the natives answer before touching the frame: faulty, not started, bad range. */
    private int check(byte[] frame, int offset, int length) {
        if (hardwareFault) {
            return Ieee802154Radio.ERROR_HARDWARE;
        }
        if (!initialised) {
            return Ieee802154Radio.ERROR_NOT_INITIALISED;
        }
        if (frame == null || offset < 0 || length < 0 || offset > frame.length - length) {
            return Ieee802154Radio.ERROR_BAD_ARGUMENT;
        }
        return Ieee802154Radio.STATUS_OK;
    }
}
