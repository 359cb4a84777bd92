package org.smoltcp4j.firmware.board;

/**
 * A board description that cannot be used: a malformed line, an unknown, duplicate or missing key,
 * a bad value, or buffers that do not fit the board's RAM. The message names the file, the line
 * (when there is one), the key and what is wrong, e.g.
 * {@code host-sim.board:7: ipv4.address: '192.168.69.300/24' is not an IPv4 address/prefix}.
 */
public final class BoardConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Line number used when the problem is not on one line (a missing key, the whole file). */
    public static final int NO_LINE = 0;

    private final String fileName;
    private final int line;
    private final String key;

    /**
     * @param fileName the board file, e.g. {@code host-sim.board}
     * @param line     1-based line number, or {@link #NO_LINE}
     * @param key      the key concerned, or the empty string when the problem is not about one key
     * @param problem  what is wrong, e.g. {@code 'x' is not a number}
     */
    public BoardConfigException(String fileName, int line, String key, String problem) {
        super(location(fileName, line, key) + problem);
        this.fileName = fileName;
        this.line = line;
        this.key = key;
    }

    private static String location(String fileName, int line, String key) {
        String where = line == NO_LINE ? fileName + ": " : fileName + ":" + line + ": ";
        return key.isEmpty() ? where : where + key + ": ";
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line number, or {@link #NO_LINE}. */
    public int line() {
        return line;
    }

    /** The key concerned, or the empty string. */
    public String key() {
        return key;
    }
}
