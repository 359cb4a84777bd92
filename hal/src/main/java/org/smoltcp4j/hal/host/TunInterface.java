package org.smoltcp4j.hal.host;

import java.io.IOException;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;

/**
 * A Linux TUN interface as a {@link org.smoltcp4j.phy.Device}: bare IPv4/IPv6 packets between the stack
 * and the kernel, which sees a network interface of that name (move it into a network namespace and
 * give it an address there to talk to Linux). Needs CAP_NET_ADMIN.
 */
public final class TunInterface extends FileDescriptorDevice {

    private TunInterface(TunTap.Opened opened) {
        super(opened.fd(), opened.name(), new DeviceCapabilities(Medium.IP, opened.ipMtu(), 0));
    }

    /**
     * Opens, creating it if needed, the TUN interface {@code name} (1 to 15 characters; a pattern
     * such as {@code "tun%d"} lets the kernel choose, see {@link #name()}); the MTU is the
     * interface's (1500 for a new one).
     *
     * @throws IOException naming the cause: no permission, busy, invalid name, errno
     */
    public static TunInterface open(String name) throws IOException {
        return new TunInterface(TunTap.open(name, LibC.IFF_TUN, 0));
    }

    /** Opens {@code name} as {@link #open(String)} does, and sets its IP MTU to {@code ipMtu}. */
    public static TunInterface open(String name, int ipMtu) throws IOException {
        return new TunInterface(TunTap.open(name, LibC.IFF_TUN, ipMtu));
    }
}
