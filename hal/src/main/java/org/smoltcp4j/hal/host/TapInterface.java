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

    /** The largest frame Linux sends a TAP with offload: a 64 KiB TCP super-frame. */
    private static final int LARGEST_OFFLOADED = EthernetFrame.HEADER_LEN + 0xffff;

    private final boolean offload;

    private TapInterface(TunTap.Opened opened, boolean offload) {
        super(opened.fd(), opened.name(), capabilities(opened.ipMtu(), offload), offload ? LARGEST_OFFLOADED : 0,
                offload ? VirtioNetHeader.LENGTH : 0);
        this.offload = offload;
    }

    /**
     * Without offload, the stack does all checksum work. With it, TCP checksums are the kernel's
     * (partial sums both ways, see {@link VirtioNetHeader}), UDP checksums are not verified by the
     * stack, since the device checks those the kernel did not vouch for, and TCP packets may be
     * up to 64 KiB (TSO).
     */
    private static DeviceCapabilities capabilities(int ipMtu, boolean offload) {
        DeviceCapabilities capabilities = new DeviceCapabilities(Medium.ETHERNET, ipMtu + EthernetFrame.HEADER_LEN, 0);
        if (offload) {
            capabilities.setChecksum(DeviceCapabilities.PROTOCOL_TCP, DeviceCapabilities.CHECKSUM_NONE);
            capabilities.setChecksum(DeviceCapabilities.PROTOCOL_UDP, DeviceCapabilities.CHECKSUM_TX);
            capabilities.setTcpSegmentationLimit(0xffff);
        }
        return capabilities;
    }

    /** Whether this TAP was opened with offload ({@link #open(String, int, boolean)}). */
    public boolean offload() {
        return offload;
    }

    @Override
    boolean acceptFrame(byte[] buffer, int frameLength) {
        return !offload || VirtioNetHeader.acceptReceived(buffer, frameLength);
    }

    @Override
    void fillHeader(byte[] buffer, int frameLength) {
        if (offload) {
            VirtioNetHeader.fillForTransmit(buffer, frameLength, capabilities().ipMtu());
        }
    }

    /**
     * Opens, creating it if needed, the TAP interface {@code name} (1 to 15 characters; a pattern
     * such as {@code "tap%d"} lets the kernel choose, see {@link #name()}); the MTU is the
     * interface's (1500 for a new one, so 1514-byte frames).
     *
     * @throws IOException naming the cause: no permission, busy, invalid name, errno
     */
    public static TapInterface open(String name) throws IOException {
        return new TapInterface(TunTap.open(name, LibC.IFF_TAP, 0), false);
    }

    /** Opens {@code name} as {@link #open(String)} does, and sets its IP MTU to {@code ipMtu}. */
    public static TapInterface open(String name, int ipMtu) throws IOException {
        return open(name, ipMtu, false);
    }

    /**
     * Opens {@code name} as {@link #open(String, int)} does; with {@code offload}, the TAP carries a
     * virtio-net header and Linux hands us TCP super-frames of up to 64 KiB with partial checksums
     * (its GSO), which we receive whole; we may send TCP packets of up to 64 KiB as well, which the
     * kernel takes as segments filling the MTU (TCP segmentation offload), and it completes our TCP
     * checksums. The capabilities say which checksums the stack still computes.
     */
    public static TapInterface open(String name, int ipMtu, boolean offload) throws IOException {
        return new TapInterface(TunTap.open(name, LibC.IFF_TAP, ipMtu, offload), offload);
    }
}
