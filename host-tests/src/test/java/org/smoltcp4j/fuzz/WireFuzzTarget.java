package org.smoltcp4j.fuzz;

import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.FramePrinter;

/**
 * The fuzz target for every parser of the wire layer and for the interface's whole ingress path:
 * the first input byte picks an entry point, the rest is the packet. Entry points are whole frames
 * of each medium through the frame printer (every parser), and frames into live interfaces with
 * sockets attached (every handler, every socket's process, the replies). Any exception escaping is
 * a crash (design.md section 6).
 */
public final class WireFuzzTarget {

    /** Entry points, selected by the first input byte modulo {@link #ENTRY_POINTS}. */
    public static final int ETHERNET_FRAME = 0;
    public static final int IP_PACKET = 1;
    public static final int IEEE802154_FRAME = 2;
    /** A frame into a live interface with sockets of every kind (the whole ingress path). */
    public static final int INTERFACE_ETHERNET = 3;
    /** An IP packet into a live interface on the IP medium. */
    public static final int INTERFACE_IP = 4;
    /** An IEEE 802.15.4 frame into a live 6LoWPAN interface (decompression, reassembly, IPv6 above). */
    public static final int INTERFACE_IEEE802154 = 5;
    public static final int ENTRY_POINTS = 6;

    private static final FramePrinter PRINTER = new FramePrinter();
    private static final StringBuilder LINE = new StringBuilder(4096);
    private static final FuzzedInterface ETHERNET_INTERFACE = new FuzzedInterface(Medium.ETHERNET);
    private static final FuzzedInterface IP_INTERFACE = new FuzzedInterface(Medium.IP);
    private static final FuzzedInterface RADIO_INTERFACE = new FuzzedInterface(Medium.IEEE802154);

    private WireFuzzTarget() {
    }

    /** Jazzer's entry point. */
    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        LINE.setLength(0);
        int entry = (input[0] & 0xff) % ENTRY_POINTS;
        switch (entry) {
            case ETHERNET_FRAME:
                PRINTER.appendEthernet(input, 1, input.length - 1, LINE);
                break;
            case IP_PACKET:
                PRINTER.appendIp(input, 1, input.length - 1, LINE);
                break;
            case IEEE802154_FRAME:
                PRINTER.appendIeee802154(input, 1, input.length - 1, LINE);
                break;
            case INTERFACE_ETHERNET:
                ETHERNET_INTERFACE.receive(input, 1, input.length - 1);
                break;
            case INTERFACE_IP:
                IP_INTERFACE.receive(input, 1, input.length - 1);
                break;
            case INTERFACE_IEEE802154:
                RADIO_INTERFACE.receive(input, 1, input.length - 1);
                break;
            default:
                throw new IllegalStateException("entry point " + entry + " has no case");
        }
    }
}
