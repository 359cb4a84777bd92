package org.smoltcp4j.firmware.http;

import org.smoltcp4j.wire.Ipv6Address;

/**
 * ASCII text written into a byte array allocated once: the status page and the response headers
 * are rendered here, so serving a request builds no String. Text that does not fit is cut off and
 * {@link #overflowed()} says so; the writer then answers with an error instead of a truncated page.
 */
public final class TextSink {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    /** The longest IPv6 text form: 8 groups of 4 digits and 7 colons, or ::ffff: and a dotted quad. */
    private static final int IPV6_TEXT_MAX = 39;

    private final byte[] bytes;
    private final StringBuilder scratch = new StringBuilder(IPV6_TEXT_MAX);
    private int length;
    private boolean overflowed;

    /** A sink of {@code capacity} bytes. */
    public TextSink(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.bytes = new byte[capacity];
    }

    /** Empties the sink. */
    public TextSink clear() {
        length = 0;
        overflowed = false;
        return this;
    }

    /** The text written, from index 0 to {@link #length()}. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return bytes.length;
    }

    /** True when something written since {@link #clear()} did not fit. */
    public boolean overflowed() {
        return overflowed;
    }

    public TextSink append(char c) {
        if (length == bytes.length) {
            overflowed = true;
        } else {
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /** Appends {@code text}, whose characters are ASCII. */
    public TextSink append(String text) {
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
        return this;
    }

    public TextSink append(byte[] text, int offset, int count) {
        for (int i = 0; i < count; i++) {
            append((char) (text[offset + i] & 0xff));
        }
        return this;
    }

    /** Appends {@code value} in decimal. */
    public TextSink append(long value) {
        if (value < 0) {
            append('-');
            if (value == Long.MIN_VALUE) {
                return append("9223372036854775808");
            }
            value = -value;
        }
        long divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            append((char) ('0' + (value / divisor) % 10));
        }
        return this;
    }

    /** Appends an IPv4 address in dotted-quad notation. */
    public TextSink appendIpv4(int address) {
        return append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
    }

    /**
     * Appends an address of either IP version held in the IPv6 form: an IPv4-mapped one as its
     * dotted quad (it is an IPv4 peer), any other as {@link #appendIpv6}.
     */
    public TextSink appendIp(long high, long low) {
        if (Ipv6Address.isIpv4Mapped(high, low)) {
            return appendIpv4(Ipv6Address.ipv4OfMapped(low));
        }
        return appendIpv6(high, low);
    }

    /**
     * Appends an IPv6 address in the canonical text form of RFC 5952, as {@link Ipv6Address#append}
     * writes it (through a scratch builder allocated with the sink, large enough that it never grows).
     */
    public TextSink appendIpv6(long high, long low) {
        scratch.setLength(0);
        Ipv6Address.append(scratch, high, low);
        for (int i = 0; i < scratch.length(); i++) {
            append(scratch.charAt(i));
        }
        return this;
    }

    /** Appends a MAC address (the low 48 bits of {@code mac}) as six colon-separated hex pairs. */
    public TextSink appendMac(long mac) {
        return appendOctets(mac, 6);
    }

    /** Appends an IEEE 802.15.4 extended address (EUI-64) as eight colon-separated hex pairs. */
    public TextSink appendExtendedAddress(long address) {
        return appendOctets(address, 8);
    }

    private TextSink appendOctets(long value, int octets) {
        for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8) {
            int octet = (int) (value >>> shift) & 0xff;
            append((char) HEX[octet >>> 4]).append((char) HEX[octet & 0xf]);
            if (shift > 0) {
                append(':');
            }
        }
        return this;
    }

    /** Appends {@code text} escaped for HTML element content and attribute values. */
    public TextSink appendHtml(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                append("&lt;");
            } else if (c == '>') {
                append("&gt;");
            } else if (c == '&') {
                append("&amp;");
            } else if (c == '"') {
                append("&quot;");
            } else {
                append(printable(c));
            }
        }
        return this;
    }

    /** Appends {@code text} as a JSON string literal, quotes included. */
    public TextSink appendJsonString(String text) {
        append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                append('\\').append(c);
            } else {
                append(printable(c));
            }
        }
        return append('"');
    }

    /** Control and non-ASCII characters never reach the page (board names are ASCII by contract). */
    private static char printable(char c) {
        return c < 0x20 || c > 0x7e ? '?' : c;
    }
}
