package org.smoltcp4j.hal;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.Ieee802154Frame;

/**
 * The board's IEEE 802.15.4 radio ({@link Ieee802154Radio}) as a {@link org.smoltcp4j.phy.Device}:
 * MAC frames of up to {@value #MTU} bytes without FCS, copied once per frame by the driver into
 * this device's two buffers (allocated here; nothing is allocated afterwards). The link quality and
 * signal strength of the frame lent by {@link #receive} are readable until the next receive.
 *
 * <p>A frame whose frame control asks for an acknowledgement is sent with
 * {@link Ieee802154Radio#TX_FLAG_ACK_REQUEST}, so the radio waits for the ACK and retries. A frame
 * the radio gives up on (channel busy, no ACK, driver error) is a counted drop; the layers above
 * retransmit as they would after a loss on the air. A busy radio holds the frame back (see the base
 * class). The constructor starts the driver and throws if it fails.
 */
public final class Ieee802154RadioDevice extends NativeFrameDevice {

    /** The largest MAC frame: aMaxPhyPacketSize 127 less the 2-byte FCS the radio adds. */
    public static final int MTU = Ieee802154Radio.MAX_FRAME_LENGTH;
    private static final int EXTENDED_ADDRESS_LENGTH = 8;
    private static final int MAX_U16 = 0xffff;

    private int linkQuality;
    private int rssi;
    private long channelBusyDrops;
    private long noAckDrops;

    /**
     * Starts the radio on {@code channel} with its address filter set.
     *
     * @param channel         11..26
     * @param panId           0..0xffff
     * @param shortAddress    0..0xffff (0xfffe: none)
     * @param extendedAddress the EUI-64, most significant octet first (as printed and as
     *                        {@link Ieee802154Frame#srcAddress()} returns it)
     * @throws IllegalArgumentException for a value out of range
     * @throws IllegalStateException    when the driver fails to start, naming its status
     */
    public Ieee802154RadioDevice(int channel, int panId, int shortAddress, long extendedAddress) {
        super("Ieee802154RadioDevice", new DeviceCapabilities(Medium.IEEE802154, MTU, 0));
        if (channel < Ieee802154Radio.FIRST_CHANNEL || channel > Ieee802154Radio.LAST_CHANNEL) {
            throw new IllegalArgumentException("channel must be " + Ieee802154Radio.FIRST_CHANNEL + ".."
                    + Ieee802154Radio.LAST_CHANNEL + ", got " + channel);
        }
        if (panId < 0 || panId > MAX_U16 || shortAddress < 0 || shortAddress > MAX_U16) {
            throw new IllegalArgumentException("PAN ID and short address must be 0..0xffff, got 0x"
                    + Integer.toHexString(panId) + " and 0x" + Integer.toHexString(shortAddress));
        }
        // On the air, and so for the driver, the extended address is little-endian.
        byte[] address = new byte[EXTENDED_ADDRESS_LENGTH];
        for (int i = 0; i < address.length; i++) {
            address[i] = (byte) (extendedAddress >>> (8 * i));
        }
        NativeStatus.checkStarted("Ieee802154Radio.init(channel " + channel + ", PAN 0x" + Integer.toHexString(panId)
                + ", short 0x" + Integer.toHexString(shortAddress) + ")",
                Ieee802154Radio.init(channel, panId, shortAddress, address));
    }

    /** The link quality indicator, 0..255, of the last frame {@link #receive} returned. */
    public int linkQuality() {
        return linkQuality;
    }

    /** The signal strength in dBm of the last frame {@link #receive} returned. */
    public int rssi() {
        return rssi;
    }

    /** The driver's counter {@code which} ({@code Ieee802154Radio.STAT_*}), -1 for an unknown index. */
    public long statistic(int which) {
        return Ieee802154Radio.statistic(which);
    }

    /** Frames lost because the channel stayed busy through CSMA-CA. */
    public long channelBusyDrops() {
        return channelBusyDrops;
    }

    /** Frames lost because no acknowledgement came after all retries. */
    public long noAckDrops() {
        return noAckDrops;
    }

    int readFrame(byte[] into, int capacity) {
        int length = Ieee802154Radio.receive(into, 0, capacity);
        if (length > 0) {
            linkQuality = Ieee802154Radio.lastLinkQuality();
            rssi = Ieee802154Radio.lastRssi();
        }
        return length;
    }

    int writeFrame(byte[] from, int length) {
        int flags = (from[0] & Ieee802154Frame.FC_ACK_REQUEST) != 0 ? Ieee802154Radio.TX_FLAG_ACK_REQUEST : 0;
        switch (Ieee802154Radio.transmit(from, 0, length, flags)) {
            case Ieee802154Radio.TX_OK:
                return WRITE_SENT;
            case Ieee802154Radio.TX_BUSY:
                return WRITE_BUSY;
            case Ieee802154Radio.TX_CCA_FAILED:
                channelBusyDrops++;
                return WRITE_DROPPED;
            case Ieee802154Radio.TX_NO_ACK:
                noAckDrops++;
                return WRITE_DROPPED;
            default:
                return WRITE_ERROR;
        }
    }
}
