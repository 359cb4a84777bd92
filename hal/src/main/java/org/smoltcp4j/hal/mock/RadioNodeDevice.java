package org.smoltcp4j.hal.mock;

import org.smoltcp4j.hal.Ieee802154Radio;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Lending;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.Ieee802154Frame;

/**
 * A peer's radio on a {@link RadioMedium}: a {@link RadioNode} driven directly (the mocked board's
 * own radio is behind the {@code Ieee802154Radio} natives) as a {@link Device} of MAC frames
 * without FCS, like {@code Ieee802154RadioDevice} on a board: for the simulator's second host and
 * for tests that talk to a radio board. Frames
 * asking for an acknowledgement are sent with the ACK request, so the medium retries them; a frame
 * the medium gives up on is lost, as on the air.
 */
public final class RadioNodeDevice implements Device {

    private final RadioNode radio;
    private final DeviceCapabilities capabilities =
            new DeviceCapabilities(Medium.IEEE802154, Ieee802154Radio.MAX_FRAME_LENGTH, 0);
    private final Lending lending = new Lending("RadioNodeDevice", Ieee802154Radio.MAX_FRAME_LENGTH);
    private final byte[] receiveBuffer = new byte[Ieee802154Radio.MAX_FRAME_LENGTH];
    private final byte[] transmitBuffer = new byte[Ieee802154Radio.MAX_FRAME_LENGTH];
    private long lostFrames;

    /** Starts {@code radio} on {@code channel} with its PAN and addresses (the extended one most significant octet first). */
    public RadioNodeDevice(RadioNode radio, int channel, int panId, int shortAddress, long extendedAddress) {
        this.radio = radio;
        byte[] onAir = new byte[8];
        for (int i = 0; i < onAir.length; i++) {
            onAir[i] = (byte) (extendedAddress >>> (8 * i)); // little-endian on the air, as the natives take it
        }
        int status = radio.init(channel, panId, shortAddress, onAir);
        if (status != Ieee802154Radio.STATUS_OK) {
            throw new IllegalStateException("the simulated radio did not start: status " + status);
        }
    }

    /** Frames the medium did not deliver (no acknowledgement after its retries, or a jammed channel). */
    public long lostFrames() {
        return lostFrames;
    }

    /** Frames waiting in this radio's receive queue. */
    public int queuedFrames() {
        return radio.queuedFrames();
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public int receive(long now) {
        lending.checkCanReceive();
        int length = radio.receive(receiveBuffer, 0, receiveBuffer.length);
        if (length <= 0) {
            return 0;
        }
        lending.lendReceive(length);
        return length;
    }

    @Override
    public byte[] receiveBuffer() {
        return receiveBuffer;
    }

    @Override
    public int receiveOffset() {
        return 0;
    }

    @Override
    public void releaseReceive() {
        lending.releaseReceive();
    }

    @Override
    public boolean prepareTransmit(long now, int length) {
        lending.checkCanPrepare(length);
        lending.lendTransmit(length);
        return true;
    }

    @Override
    public byte[] transmitBuffer() {
        return transmitBuffer;
    }

    @Override
    public int transmitOffset() {
        return 0;
    }

    @Override
    public void commitTransmit(int length) {
        lending.commitTransmit(length);
        if (length == 0) {
            return;
        }
        int flags = (transmitBuffer[0] & Ieee802154Frame.FC_ACK_REQUEST) != 0 ? Ieee802154Radio.TX_FLAG_ACK_REQUEST : 0;
        if (radio.transmit(transmitBuffer, 0, length, flags) != Ieee802154Radio.TX_OK) {
            lostFrames++;
        }
    }

    @Override
    public void abortTransmit() {
        lending.abortTransmit();
    }
}
