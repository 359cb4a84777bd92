package org.smoltcp4j.tools;

import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * The addresses of the peer that talks to a board (the simulated host of {@code sim}, Linux in
 * {@code tap --netns}), as in smoltcp's examples: host .100 of the board's IPv4 subnet
 * (192.168.69.100) and interface identifier ::100 on the prefix of the board's first IPv6 address
 * (fdaa::100).
 */
final class PeerAddresses {

    static final int IPV4_HOST = 100;
    static final long IPV6_INTERFACE_ID = 0x100;

    private PeerAddresses() {
    }

    /** The peer's IPv4 address; the board must have IPv4. */
    static int ipv4(BoardDescription board) {
        return (board.ipv4Address() & ~0xff) | IPV4_HOST;
    }

    /** The first 64 bits of the peer's IPv6 address; the board must have an {@code ipv6.address}. */
    static long ipv6High(BoardDescription board) {
        return board.ipv6AddressHigh(0);
    }

    /** The last 64 bits of the peer's IPv6 address: the board's prefix, then ::100. */
    static long ipv6Low(BoardDescription board) {
        int hostBits = 128 - board.ipv6PrefixLength(0);
        long prefixMask = hostBits >= 64 ? 0 : -1L << hostBits;
        return board.ipv6AddressLow(0) & prefixMask | IPV6_INTERFACE_ID;
    }

    static String ipv6Text(BoardDescription board) {
        return Ipv6Address.append(new StringBuilder(), ipv6High(board), ipv6Low(board)).toString();
    }

    /** The board's own configured addresses for a report line, e.g. {@code 192.168.69.1, fdaa::1}. */
    static String boardAddresses(BoardDescription board) {
        StringBuilder out = new StringBuilder();
        if (board.hasIpv4()) {
            out.append(SimExchanges.ipv4(board.ipv4Address()));
        }
        for (int i = 0; i < board.ipv6AddressCount(); i++) {
            Ipv6Address.append(out.append(out.length() > 0 ? ", " : ""), board.ipv6AddressHigh(i), board.ipv6AddressLow(i));
        }
        return out.length() > 0 ? out.toString() : "its link-local address";
    }
}
