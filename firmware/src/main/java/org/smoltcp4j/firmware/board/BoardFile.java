package org.smoltcp4j.firmware.board;

/**
 * The {@code key = value} lines of one board file, decoded from UTF-8 without
 * {@code java.util.Properties} (EDC lacks it): blank lines and lines starting with {@code #} are
 * skipped, every other line must be {@code key = value} with a key from the known set, and no key
 * may appear twice. Remembers each key's line so later errors can point at it, and which keys were
 * read, so keys that do not apply to the board can be found.
 */
final class BoardFile {

    /** The suffix every board file name carries. */
    static final String SUFFIX = ".board";

    private final String fileName;
    private final String[] knownKeys;
    /** Per known key: its value, or null when absent. */
    private final String[] values;
    /** Per known key: its 1-based line, or 0 when absent. */
    private final int[] lines;

    private BoardFile(String fileName, String[] knownKeys) {
        this.fileName = fileName;
        this.knownKeys = knownKeys;
        this.values = new String[knownKeys.length];
        this.lines = new int[knownKeys.length];
    }

    /**
     * Splits {@code utf8Text[0, length)} into entries; throws BoardConfigException for a file that
     * is not a board file (name, encoding), a line that is not {@code key = value}, an unknown key
     * or a duplicate key.
     */
    static BoardFile read(String fileName, byte[] utf8Text, int length, String[] knownKeys) {
        if (fileName == null || utf8Text == null) {
            throw new NullPointerException("fileName and utf8Text must not be null");
        }
        if (length < 0 || length > utf8Text.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside the text array of " + utf8Text.length + " bytes");
        }
        if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
            throw new BoardConfigException(fileName, BoardConfigException.NO_LINE, "",
                    "not a board file: the name must be <board>" + SUFFIX);
        }
        BoardFile file = new BoardFile(fileName, knownKeys);
        String text = Utf8.decode(fileName, utf8Text, length);
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            file.addLine(lineNumber, text.substring(start, end).trim());
            start = end + 1;
        }
        return file;
    }

    private void addLine(int lineNumber, String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return;
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw new BoardConfigException(fileName, lineNumber, "",
                    "'" + line + "' is not a 'key = value' line (comments start with #)");
        }
        String key = line.substring(0, equals).trim();
        String value = line.substring(equals + 1).trim();
        if (key.isEmpty()) {
            throw new BoardConfigException(fileName, lineNumber, "", "'" + line + "' has no key before '='");
        }
        int index = indexOf(key);
        if (index < 0) {
            throw new BoardConfigException(fileName, lineNumber, key, "unknown key (board-configs/README.md lists the keys)");
        }
        if (values[index] != null) {
            throw new BoardConfigException(fileName, lineNumber, key, "duplicate key, first set on line " + lines[index]);
        }
        values[index] = value;
        lines[index] = lineNumber;
    }

    private int indexOf(String key) {
        for (int i = 0; i < knownKeys.length; i++) {
            if (knownKeys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int known(String key) {
        int index = indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("'" + key + "' is not one of the board keys");
        }
        return index;
    }

    String fileName() {
        return fileName;
    }

    /** The board's name: the file name without {@link #SUFFIX}. */
    String boardName() {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    boolean has(String key) {
        return values[known(key)] != null;
    }

    /** The value of a present key (may be empty). */
    String value(String key) {
        int index = known(key);
        if (values[index] == null) {
            throw new IllegalStateException(key + " is absent; ask has() first");
        }
        return values[index];
    }

    /** The key's line, or {@link BoardConfigException#NO_LINE} when it is absent. */
    int line(String key) {
        return lines[known(key)];
    }

    /** An error about {@code key}, located on its line when it is present. */
    BoardConfigException error(String key, String problem) {
        return new BoardConfigException(fileName, line(key), key, problem);
    }

    /** Throws when {@code key} is absent; {@code why} says when it is required (may be empty). */
    void require(String key, String why) {
        if (!has(key)) {
            throw error(key, why.isEmpty() ? "missing (required)" : "missing (required " + why + ")");
        }
    }

    /** Throws when {@code key} is present although it does not apply; {@code why} says when it does. */
    void forbid(String key, String why) {
        if (has(key)) {
            throw error(key, "does not apply to this board (only " + why + ")");
        }
    }
}
