package org.smoltcp4j.firmware.board;

/**
 * Typed reading of a {@link BoardFile}'s values: numbers with their allowed range, keywords, IPv4
 * addresses and prefixes, MAC and IEEE 802.15.4 extended addresses, application lists. Every bad
 * value becomes a BoardConfigException naming the file, the line, the key and the value.
 */
final class BoardValues {

    private static final long NOT_A_NUMBER = -1L;

    private final BoardFile file;

    BoardValues(BoardFile file) {
        this.file = file;
    }

    /** A decimal number (or 0x-prefixed hexadecimal) in {@code [min, max]}. */
    int integer(String key, int min, int max) {
        String text = file.value(key);
        long value = number(text);
        if (value == NOT_A_NUMBER) {
            throw file.error(key, "'" + text + "' is not a number");
        }
        if (value < min || value > max) {
            throw file.error(key, "'" + text + "' is out of range " + min + ".." + max);
        }
        return (int) value;
    }

    /** A 0x-prefixed hexadecimal number in {@code [0, max]} (addresses, identifiers). */
    long hex(String key, long max) {
        String text = file.value(key);
        long value = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                ? number(text) : NOT_A_NUMBER;
        if (value == NOT_A_NUMBER) {
            throw file.error(key, "'" + text + "' is not a hexadecimal number (0x...)");
        }
        if (value > max) {
            throw file.error(key, "'" + text + "' is out of range 0x0..0x" + Long.toHexString(max));
        }
        return value;
    }

    /** The index of the value in {@code names}. */
    int keyword(String key, String[] names) {
        String text = file.value(key);
        int index = indexOf(names, text);
        if (index < 0) {
            throw file.error(key, "'" + text + "' is not one of " + alternatives(names, " | "));
        }
        return index;
    }

    /** A non-empty free text. */
    String text(String key) {
        String text = file.value(key);
        if (text.isEmpty()) {
            throw file.error(key, "is empty");
        }
        return text;
    }

    /** A dotted-quad IPv4 address, as an int in network order. */
    int ipv4(String key) {
        String text = file.value(key);
        long address = dottedQuad(text, 0, text.length());
        if (address == NOT_A_NUMBER) {
            throw file.error(key, "'" + text + "' is not an IPv4 address");
        }
        return (int) address;
    }

    /** The address of an {@code a.b.c.d/prefix} value. */
    int ipv4OfPrefix(String key) {
        String text = file.value(key);
        int slash = text.indexOf('/');
        long address = slash < 0 ? NOT_A_NUMBER : dottedQuad(text, 0, slash);
        long prefix = slash < 0 ? NOT_A_NUMBER : number(text.substring(slash + 1));
        if (address == NOT_A_NUMBER || prefix == NOT_A_NUMBER || !isDecimal(text.substring(slash + 1))) {
            throw file.error(key, "'" + text + "' is not an IPv4 address/prefix");
        }
        return (int) address;
    }

    /** The prefix length of an {@code a.b.c.d/prefix} value, 1..32. */
    int prefixLength(String key) {
        ipv4OfPrefix(key);
        String text = file.value(key);
        long prefix = number(text.substring(text.indexOf('/') + 1));
        if (prefix < 1 || prefix > 32) {
            throw file.error(key, "prefix length " + prefix + " in '" + text + "' is out of range 1..32");
        }
        return (int) prefix;
    }

    /** An IPv6 address (RFC 4291 2.2 forms 1 and 2) into {@code highLow[0..1]}. */
    void ipv6(String key, long[] highLow) {
        String text = file.value(key);
        if (!Ipv6Text.parse(text, 0, text.length(), highLow)) {
            throw file.error(key, "'" + text + "' is not an IPv6 address");
        }
    }

    /**
     * A comma list of at most {@code high.length} {@code address/prefix} entries (prefix 1..128)
     * into {@code high[i], low[i], prefix[i]}; returns how many. Names the bad entry in errors.
     */
    int ipv6Prefixes(String key, long[] high, long[] low, int[] prefix) {
        String text = file.value(key);
        long[] address = new long[2];
        int count = 0;
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String entry = text.substring(start, end).trim();
            if (count == high.length) {
                throw file.error(key, "more than " + high.length + " addresses");
            }
            int slash = entry.indexOf('/');
            String length = slash < 0 ? "" : entry.substring(slash + 1);
            if (slash < 0 || !Ipv6Text.parse(entry, 0, slash, address) || !isDecimal(length) || length.length() > 3) {
                throw file.error(key, "'" + entry + "' is not an IPv6 address/prefix");
            }
            int bits = (int) number(length);
            if (bits < 1 || bits > 128) {
                throw file.error(key, "prefix length " + bits + " in '" + entry + "' is out of range 1..128");
            }
            high[count] = address[0];
            low[count] = address[1];
            prefix[count] = bits;
            count++;
            start = end + 1;
        }
        return count;
    }

    /** An Ethernet address {@code xx:xx:xx:xx:xx:xx}, locally administered and unicast. */
    long mac(String key) {
        String text = file.value(key);
        long mac = colonHex(key, text, 6, "a MAC address (xx:xx:xx:xx:xx:xx)");
        int first = (int) (mac >>> 40);
        if ((first & 0x01) != 0) {
            throw file.error(key, "'" + text + "' is a multicast address; a station needs a unicast one");
        }
        if ((first & 0x02) == 0) {
            throw file.error(key, "'" + text + "' is not locally administered (the first byte needs bit 0x02, e.g. 02:...;"
                    + " globally unique addresses are assigned by vendors)");
        }
        return mac;
    }

    /** An IEEE 802.15.4 extended address {@code xx:xx:xx:xx:xx:xx:xx:xx}. */
    long extendedAddress(String key) {
        String text = file.value(key);
        return colonHex(key, text, 8, "an IEEE 802.15.4 extended address (xx:xx:xx:xx:xx:xx:xx:xx)");
    }

    /** A comma list of names from {@code names}, each at most once, as a bit mask of their indexes. */
    int list(String key, String[] names) {
        String text = file.value(key);
        int mask = 0;
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String name = text.substring(start, end).trim();
            int index = indexOf(names, name);
            if (index < 0) {
                throw file.error(key, "'" + name + "' is not one of " + alternatives(names, ", "));
            }
            if ((mask & (1 << index)) != 0) {
                throw file.error(key, "'" + name + "' is listed twice");
            }
            mask |= 1 << index;
            start = end + 1;
        }
        return mask;
    }

    private long colonHex(String key, String text, int bytes, String what) {
        if (text.length() != bytes * 3 - 1) {
            throw file.error(key, "'" + text + "' is not " + what);
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int high = hexDigit(text.charAt(i * 3));
            int low = hexDigit(text.charAt(i * 3 + 1));
            if (high < 0 || low < 0 || i < bytes - 1 && text.charAt(i * 3 + 2) != ':') {
                throw file.error(key, "'" + text + "' is not " + what);
            }
            value = (value << 8) | (high << 4) | low;
        }
        return value;
    }

    static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String alternatives(String[] names, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            out.append(i == 0 ? "" : separator).append(names[i]);
        }
        return out.toString();
    }

    /** {@code text[start, end)} as a dotted quad, or NOT_A_NUMBER. */
    private static long dottedQuad(String text, int start, int end) {
        long address = 0;
        int octets = 0;
        int position = start;
        while (octets < 4) {
            int dot = octets < 3 ? text.indexOf('.', position) : end;
            if (dot < 0 || dot > end) {
                return NOT_A_NUMBER;
            }
            String octet = text.substring(position, dot);
            long value = octet.length() <= 3 && isDecimal(octet) ? number(octet) : NOT_A_NUMBER;
            if (value == NOT_A_NUMBER || value > 255) {
                return NOT_A_NUMBER;
            }
            address = (address << 8) | value;
            octets++;
            position = dot + 1;
        }
        return address;
    }

    private static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A decimal or 0x-hexadecimal number below 2^40, or NOT_A_NUMBER. */
    private static long number(String text) {
        boolean hex = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        int radix = hex ? 16 : 10;
        int start = hex ? 2 : 0;
        if (text.length() == start || text.length() - start > 12) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            int digit = hex ? hexDigit(text.charAt(i)) : text.charAt(i) - '0';
            if (digit < 0 || digit >= radix) {
                return NOT_A_NUMBER;
            }
            value = value * radix + digit;
        }
        return value;
    }

    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
