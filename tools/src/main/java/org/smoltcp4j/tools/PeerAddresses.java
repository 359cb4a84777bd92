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

    /** The longest IPv4 prefix whose subnet still has a host 100 (below its broadcast address 127). */
    private static final int MAX_IPV4_PREFIX = 25;
    /** The longest IPv6 prefix that leaves the 9 bits ::100 needs. */
    private static final int MAX_IPV6_PREFIX = 119;

    /**
     * Why the peer cannot sit beside {@code board} (its subnet has no host 100, or the board has
     * the peer's address), or null when it can: sim and tap refuse such a board as a usage error.
     */
    static String problem(BoardDescription board) {
        if (board.hasIpv4() && board.ipv4PrefixLength() > MAX_IPV4_PREFIX) {
            return "the peer takes host " + IPV4_HOST + " of the board's IPv4 subnet, which a /" + board.ipv4PrefixLength()
                    + " does not have; give ipv4.address a prefix of /" + MAX_IPV4_PREFIX + " or shorter";
        }
        if (board.hasIpv4() && ipv4(board) == board.ipv4Address()) {
            return "the board's IPv4 address " + SimExchanges.ipv4(board.ipv4Address()) + " is the peer's; give the board another one";
        }
        if (board.ipv6AddressCount() > 0 && board.ipv6PrefixLength(0) > MAX_IPV6_PREFIX) {
            return "the peer takes ::100 on the prefix of the board's first ipv6.address, which a /" + board.ipv6PrefixLength(0)
                    + " does not have; give it a prefix of /" + MAX_IPV6_PREFIX + " or shorter";
        }
        if (board.ipv6AddressCount() > 0 && ipv6High(board) == board.ipv6AddressHigh(0) && ipv6Low(board) == board.ipv6AddressLow(0)) {
            return "the board's first ipv6.address " + ipv6Text(board) + " is the peer's; give the board another one";
        }
        return null;
    }

    /** The peer's IPv4 address: host 100 of the board's subnet (for a prefix up to /24, the last octet replaced). */
    static int ipv4(BoardDescription board) {
        int hostMask = board.ipv4PrefixLength() > 24 ? (1 << (32 - board.ipv4PrefixLength())) - 1 : 0xff;
        return (board.ipv4Address() & ~hostMask) | IPV4_HOST;
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
