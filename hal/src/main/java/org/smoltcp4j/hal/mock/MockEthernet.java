package org.smoltcp4j.hal.mock;

import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.phy.Device;

/**
 * The Ethernet MAC of the mocked board: the semantics of the {@link EthernetMac} natives over a
 * host {@link Device} (a TAP, a virtual segment's port, a UDP frame link). The mock class
 * {@code EthernetMac} of the {@code mock} jar delegates here; tests reach it through
 * {@link MockBackends#ethernet()} to change the link, make the MAC busy or fail.
 *
 * <p>A frame to send is copied straight into the host device's lent buffer. A received frame is
 * taken from the host device into a buffer allocated here (as into a DMA buffer on the board; so
 * {@code HardwareTimer.waitUntil} can look for one without losing it) and copied from there into
 * the caller's array. Nothing is allocated per frame. Not thread-safe except
 * {@link #setLinkState}: the board's main loop is the only caller, as on the board.
 */
public final class MockEthernet {

    private final Device host;
    private final MockClock clock;
    private final DeviceEvents events;
    private final long[] statistics = new long[EthernetMac.STAT_COUNT];
    private final byte[] early;
    private int earlyLength;
    private boolean initialised;
    private boolean hardwareFault;
    private volatile int linkState = EthernetMac.LINK_UP_100_FULL;
    private int busyTransmits;
    private long macAddress;

    MockEthernet(Device host, MockClock clock, DeviceEvents events) {
        this.host = host;
        this.clock = clock;
        this.events = events;
        this.early = new byte[host.capabilities().mtu()];
    }

    /** The host device the frames go to and come from. */
    public Device host() {
        return host;
    }

    /** The station address given to the last successful init, as a 48-bit number; 0 before. */
    public long macAddress() {
        return macAddress;
    }

    /** Sets what {@code linkState} reports (a {@code LINK_*} value) and signals a device event. */
    public void setLinkState(int state) {
        if (state < EthernetMac.LINK_DOWN || state > EthernetMac.LINK_UP_100_FULL) {
            throw new IllegalArgumentException("link state must be EthernetMac.LINK_DOWN..LINK_UP_100_FULL, got " + state);
        }
        linkState = state;
        events.signal();
    }

    /** Makes the next {@code transmits} transmit calls answer {@link EthernetMac#TRANSMIT_BUSY}. */
    public void answerBusy(int transmits) {
        if (transmits < 0) {
            throw new IllegalArgumentException("transmits must be 0 or more, got " + transmits);
        }
        busyTransmits = transmits;
    }

    /** While set, init, receive and transmit answer {@link EthernetMac#ERROR_HARDWARE} (a dead PHY, a DMA error). */
    public void setHardwareFault(boolean fault) {
        hardwareFault = fault;
    }

    /** {@code EthernetMac.init}'s semantics. */
    public int init(byte[] address, int phyAddress) {
        if (address == null || address.length != 6 || phyAddress < 0 || phyAddress > 31) {
            return EthernetMac.ERROR_BAD_ARGUMENT;
        }
        if (hardwareFault) {
            return EthernetMac.ERROR_HARDWARE;
        }
        long mac = 0;
        for (byte octet : address) {
            mac = mac << 8 | (octet & 0xff);
        }
        macAddress = mac;
        initialised = true;
        return EthernetMac.STATUS_OK;
    }

    /** {@code EthernetMac.linkState}'s semantics. */
    public int linkState() {
        return linkState;
    }

    /** {@code EthernetMac.receive}'s semantics. */
    public int receive(byte[] frame, int offset, int capacity) {
        int status = check(frame, offset, capacity);
        if (status != EthernetMac.STATUS_OK) {
            return status;
        }
        if (linkState == EthernetMac.LINK_DOWN || !frameWaiting()) {
            return 0;
        }
        int length = earlyLength;
        earlyLength = 0;
        if (length > capacity) {
            statistics[EthernetMac.STAT_RX_TOO_LONG]++;
            return 0;
        }
        System.arraycopy(early, 0, frame, offset, length);
        statistics[EthernetMac.STAT_RX_FRAMES]++;
        statistics[EthernetMac.STAT_RX_BYTES] += length;
        return length;
    }

    /** {@code EthernetMac.transmit}'s semantics. */
    public int transmit(byte[] frame, int offset, int length) {
        int status = check(frame, offset, length);
        if (status != EthernetMac.STATUS_OK) {
            return status;
        }
        if (length < 1 || length > Math.min(EthernetMac.MAX_FRAME_LENGTH, host.capabilities().mtu())) {
            return EthernetMac.ERROR_BAD_ARGUMENT;
        }
        if (linkState == EthernetMac.LINK_DOWN) {
            // As on the board: the DMA sends the frame into a dead wire and flags the error.
            statistics[EthernetMac.STAT_TX_ERRORS]++;
            return EthernetMac.TRANSMIT_SENT;
        }
        if (busyTransmits > 0 || !host.prepareTransmit(clock.nowMicros(), length)) {
            busyTransmits = Math.max(0, busyTransmits - 1);
            statistics[EthernetMac.STAT_TX_BUSY]++;
            return EthernetMac.TRANSMIT_BUSY;
        }
        System.arraycopy(frame, offset, host.transmitBuffer(), host.transmitOffset(), length);
        host.commitTransmit(length);
        statistics[EthernetMac.STAT_TX_FRAMES]++;
        statistics[EthernetMac.STAT_TX_BYTES] += length;
        return EthernetMac.TRANSMIT_SENT;
    }

    /** {@code EthernetMac.statistic}'s semantics. */
    public long statistic(int which) {
        return which < 0 || which >= statistics.length ? -1 : statistics[which];
    }

    /**
     * True when a received frame waits: takes the next one from the host device into this MAC's own
     * buffer if none is there yet (the host device's lending is given back at once).
     */
    boolean frameWaiting() {
        if (earlyLength > 0) {
            return true;
        }
        int length = host.receive(clock.nowMicros());
        if (length > 0) {
            System.arraycopy(host.receiveBuffer(), host.receiveOffset(), early, 0, length);
            host.releaseReceive();
            earlyLength = length;
        }
        return length > 0;
    }

    /** The status the natives answer before touching the frame: not started, faulty, bad range. */
    private int check(byte[] frame, int offset, int length) {
        if (hardwareFault) {
            return EthernetMac.ERROR_HARDWARE;
        }
        if (!initialised) {
            return EthernetMac.ERROR_NOT_INITIALISED;
        }
        if (frame == null || offset < 0 || length < 0 || offset > frame.length - length) {
            return EthernetMac.ERROR_BAD_ARGUMENT;
        }
        return EthernetMac.STATUS_OK;
    }
}
