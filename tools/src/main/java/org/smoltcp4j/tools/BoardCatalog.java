package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.BoardDescriptionParser;

/**
 * The board descriptions shipped in module board-configs (class path folder
 * {@code org/smoltcp4j/boards}, indexed by {@code boards.list}), and board files of the user's own.
 */
public final class BoardCatalog {

    private static final String FOLDER = "/org/smoltcp4j/boards/";
    private static final String SUFFIX = ".board";

    private BoardCatalog() {
    }

    /** The shipped boards' names, in the order of boards.list. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : new String(resource("boards.list"), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Loads a board: a shipped board by name ({@code host-sim}), or a board file by path when the
     * argument ends in {@code .board} ({@code ./my-board.board}).
     *
     * @throws UnknownBoardException    when there is no such shipped board or file
     * @throws BoardConfigException     when the file is not a valid board description
     */
    public static BoardDescription load(String board) {
        if (board.endsWith(SUFFIX)) {
            Path file = Path.of(board);
            try {
                byte[] bytes = Files.readAllBytes(file);
                return BoardDescriptionParser.parse(file.getFileName().toString(), bytes, bytes.length);
            } catch (NoSuchFileException e) {
                throw new UnknownBoardException(board + ": no such board file");
            } catch (IOException e) {
                throw new UnknownBoardException(board + ": cannot read: " + e.getMessage());
            }
        }
        if (!names().contains(board)) {
            throw new UnknownBoardException("unknown board '" + board + "'; the boards are " + String.join(", ", names())
                    + " (or give the path of a .board file)");
        }
        byte[] bytes = shippedText(board).getBytes(StandardCharsets.UTF_8);
        return BoardDescriptionParser.parse(board + SUFFIX, bytes, bytes.length);
    }

    /** The text of a shipped board's file. */
    static String shippedText(String name) {
        return new String(resource(name + SUFFIX), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String file) {
        try (InputStream in = BoardCatalog.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + file + " is missing from the class path; rebuild with Maven (module board-configs)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped boards, for picocli's help text and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }

    /** No board of that name, or no such board file. */
    public static final class UnknownBoardException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownBoardException(String message) {
            super(message);
        }
    }
}
