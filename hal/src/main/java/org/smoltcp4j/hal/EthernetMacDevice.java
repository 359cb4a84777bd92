package org.smoltcp4j.hal;

import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.MacAddress;

/**
 * The board's Ethernet MAC ({@link EthernetMac}) as a {@link org.smoltcp4j.phy.Device}: Ethernet
 * frames of up to {@value #MTU} bytes, copied once per frame by the driver between its DMA buffers
 * and this device's two buffers (allocated here; nothing is allocated afterwards). Checksums are
 * left to software. The constructor starts the driver and throws if it fails; afterwards a driver
 * error is a counted drop, and a busy MAC holds the frame back (see the base class).
 */
public final class EthernetMacDevice extends NativeFrameDevice {

    /** The largest frame: 1500 bytes of payload and the Ethernet header, without FCS. */
    public static final int MTU = EthernetMac.MAX_FRAME_LENGTH;
    private static final int MAX_PHY_ADDRESS = 31;
    private static final int MAC_ADDRESS_LENGTH = 6;


    /**
     * Starts the MAC with station address {@code macAddress} and the PHY at MDIO address
     * {@code phyAddress}.
     *
     * @param macAddress a 48-bit MAC address (as {@link MacAddress} holds it)
     * @param phyAddress 0..31
     * @throws IllegalArgumentException for an address out of range
     * @throws IllegalStateException    when the driver fails to start, naming its status
     */
    public EthernetMacDevice(long macAddress, int phyAddress) {
        super("EthernetMacDevice", new DeviceCapabilities(Medium.ETHERNET, MTU, 0));
        if (!MacAddress.isValid(macAddress)) {
            throw new IllegalArgumentException("MAC address must fit in 48 bits, got 0x" + Long.toHexString(macAddress));
        }
        if (phyAddress < 0 || phyAddress > MAX_PHY_ADDRESS) {
            throw new IllegalArgumentException("PHY address must be 0.." + MAX_PHY_ADDRESS + ", got " + phyAddress);
        }
        byte[] address = new byte[MAC_ADDRESS_LENGTH];
        for (int i = 0; i < address.length; i++) {
            address[i] = (byte) (macAddress >>> (8 * (address.length - 1 - i)));
        }
        NativeStatus.checkStarted(MacAddress.append(new StringBuilder("EthernetMac.init("), macAddress) + ", PHY " + phyAddress + ")",
                EthernetMac.init(address, phyAddress));
    }

    /** The link as the PHY reports it now: {@link EthernetMac#LINK_DOWN} or a {@code LINK_UP_*} value. */
    public int linkState() {
        return EthernetMac.linkState();
    }

    /** True when the PHY reports a link, at any speed. */
    public boolean isLinkUp() {
        return linkState() > EthernetMac.LINK_DOWN;
    }

    /** The driver's counter {@code which} ({@code EthernetMac.STAT_*}), -1 for an unknown index. */
    public long statistic(int which) {
        return EthernetMac.statistic(which);
    }

    int readFrame(byte[] into, int capacity) {
        return EthernetMac.receive(into, 0, capacity);
    }

    int writeFrame(byte[] from, int length) {
        int result = EthernetMac.transmit(from, 0, length);
        if (result == EthernetMac.TRANSMIT_SENT) {
            return WRITE_SENT;
        }
        if (result == EthernetMac.TRANSMIT_BUSY) {
            return WRITE_BUSY;
        }
        return WRITE_ERROR;
    }
}
