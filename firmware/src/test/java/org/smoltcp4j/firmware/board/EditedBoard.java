package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

/** A shipped board file with lines replaced, removed or added, for the error tests. */
final class EditedBoard {

    private final String fileName;
    private final String text;

    private EditedBoard(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    /** The shipped {@code <name>.board}, unchanged. */
    static EditedBoard of(String name) {
        return new EditedBoard(name + BoardFile.SUFFIX, ShippedBoards.text(name));
    }

    /** Any text under any file name. */
    static EditedBoard raw(String fileName, String text) {
        return new EditedBoard(fileName, text);
    }

    /** The line of {@code key} replaced by {@code line}. */
    EditedBoard with(String key, String line) {
        return replaceLine(key, line + "\n");
    }

    /** The line of {@code key} removed. */
    EditedBoard without(String key) {
        return replaceLine(key, "");
    }

    /** {@code line} appended as the last line. */
    EditedBoard plus(String line) {
        return new EditedBoard(fileName, text + line + "\n");
    }

    EditedBoard named(String otherFileName) {
        return new EditedBoard(otherFileName, text);
    }

    private EditedBoard replaceLine(String key, String replacement) {
        int line = lineOf(key);
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == line - 1) {
                out.append(replacement);
            } else {
                out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
            }
        }
        return new EditedBoard(fileName, out.toString());
    }

    /** The 1-based line of {@code key}. */
    int lineOf(String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + " =") || lines[i].equals(key + " =")) {
                return i + 1;
            }
        }
        throw new AssertionError(key + " is not in " + fileName);
    }

    /** The number of the last line (the one {@link #plus} added). */
    int lastLine() {
        return text.split("\n").length;
    }

    /** {@code <file>:<line of key>: <key>: } as error messages begin. */
    String at(String key) {
        return fileName + ":" + lineOf(key) + ": " + key + ": ";
    }

    String text() {
        return text;
    }

    BoardDescription parse() {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return BoardDescriptionParser.parse(fileName, bytes, bytes.length);
    }

    BoardConfigException error() {
        return assertThrows(BoardConfigException.class, this::parse);
    }
}
