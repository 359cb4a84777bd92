package org.smoltcp4j.tools;

import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.hal.host.VirtualEthernetSegment;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.mock.RadioMedium;
import org.smoltcp4j.hal.mock.RadioNode;
import org.smoltcp4j.hal.mock.RadioNodeDevice;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.iface.sixlowpan.SixlowpanConfig;
import org.smoltcp4j.phy.Device;
import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * The link the simulator puts a board on, and the simulated host on the same link: a virtual
 * Ethernet segment for an Ethernet board (the firmware's mocked EthernetMac on port 0), a simulated
 * IEEE 802.15.4 medium for a radio board (the firmware's mocked radio and a second radio). Creating
 * one attaches the firmware's mock backend; {@link MockBackends#detachAll} undoes it.
 */
abstract class SimulatedMedium {

    /** The simulated host's Ethernet address. */
    static final long PEER_MAC = 0x02_00_00_00_00_64L;

    /** A medium for {@code board}'s driver, the firmware's mock attached to it. */
    static SimulatedMedium of(BoardDescription board) {
        return board.driver() == BoardDescription.DRIVER_IEEE802154_RADIO ? new Radio(board) : new Ethernet();
    }

    /** What the report calls the link, e.g. "a virtual Ethernet segment". */
    abstract String description();

    /** The simulated host's own device on the medium, before any capture or fault wrapping. */
    abstract Device peerDevice();

    /** Whether frames wait on the medium for either side. */
    abstract boolean framesInFlight();

    /** The simulated host's interface on {@code capabilities} (its wrapped device's), with the link and IP addresses of a peer of {@code board}. */
    final Interface peerInterface(BoardDescription board, DeviceCapabilities capabilities) {
        Interface peer = new Interface(peerConfig(), capabilities);
        if (board.hasIpv4()) {
            peer.addIpv4Address(PeerAddresses.ipv4(board), board.ipv4PrefixLength());
        }
        if (board.ipv6AddressCount() > 0) {
            peer.addIpv6Address(PeerAddresses.ipv6High(board), PeerAddresses.ipv6Low(board), board.ipv6PrefixLength(0));
        }
        return peer;
    }

    abstract InterfaceConfig peerConfig();

    private static final class Ethernet extends SimulatedMedium {
        private final VirtualEthernetSegment segment = new VirtualEthernetSegment(2, 0, 0, 1, 64);

        Ethernet() {
            MockBackends.attachEthernet(segment.port(0));
        }

        @Override
        String description() {
            return "a virtual Ethernet segment";
        }

        @Override
        Device peerDevice() {
            return segment.port(1);
        }

        @Override
        boolean framesInFlight() {
            return segment.port(0).queuedFrames() > 0 || segment.port(1).queuedFrames() > 0;
        }

        @Override
        InterfaceConfig peerConfig() {
            return new InterfaceConfig().hardwareAddress(PEER_MAC);
        }
    }

    private static final class Radio extends SimulatedMedium {
        private final BoardDescription board;
        private final RadioNode firmwareRadio;
        private final RadioNodeDevice peer;
        private final long peerExtendedAddress;

        Radio(BoardDescription board) {
            this.board = board;
            RadioMedium medium = new RadioMedium();
            firmwareRadio = MockBackends.attachRadio(medium);
            // The peer's extended address is the one its IPv6 address's interface identifier names
            // (::100 -> 02:00:00:00:00:00:01:00), so the firmware can answer it before any neighbour entry.
            peerExtendedAddress = PeerAddresses.IPV6_INTERFACE_ID ^ 0x0200_0000_0000_0000L;
            peer = new RadioNodeDevice(medium.join(), board.radioChannel(), board.radioPanId(), SixlowpanConfig.NO_SHORT_ADDRESS,
                    peerExtendedAddress);
        }

        @Override
        String description() {
            return "a simulated IEEE 802.15.4 medium (channel " + board.radioChannel() + ", PAN 0x"
                    + Integer.toHexString(board.radioPanId()) + ", 6LoWPAN)";
        }

        @Override
        Device peerDevice() {
            return peer;
        }

        @Override
        boolean framesInFlight() {
            return firmwareRadio.queuedFrames() > 0 || peer.queuedFrames() > 0;
        }

        @Override
        InterfaceConfig peerConfig() {
            InterfaceConfig config = new InterfaceConfig().extendedAddress(peerExtendedAddress);
            config.sixlowpan().panId(board.radioPanId());
            return config;
        }
    }
}
