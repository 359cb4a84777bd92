package org.smoltcp4j.hal.host;

import java.io.IOException;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.EthernetFrame;

/**
 * A Linux TAP interface as a {@link org.smoltcp4j.phy.Device}: Ethernet frames between the stack
 * and the kernel, which sees a network interface of that name (move it into a network namespace and
 * give it an address there to talk to Linux). Needs CAP_NET_ADMIN.
 */
public final class TapInterface extends FileDescriptorDevice {

    private TapInterface(TunTap.Opened opened) {
        super(opened.fd(), opened.name(), new DeviceCapabilities(Medium.ETHERNET, opened.ipMtu() + EthernetFrame.HEADER_LEN, 0));
    }

    /**
     * Opens, creating it if needed, the TAP interface {@code name} (1 to 15 characters; a pattern
     * such as {@code "tap%d"} lets the kernel choose, see {@link #name()}); the MTU is the
     * interface's (1500 for a new one, so 1514-byte frames).
     *
     * @throws IOException naming the cause: no permission, busy, invalid name, errno
     */
    public static TapInterface open(String name) throws IOException {
        return new TapInterface(TunTap.open(name, LibC.IFF_TAP, 0));
    }

    /** Opens {@code name} as {@link #open(String)} does, and sets its IP MTU to {@code ipMtu}. */
    public static TapInterface open(String name, int ipMtu) throws IOException {
        return new TapInterface(TunTap.open(name, LibC.IFF_TAP, ipMtu));
    }
}
