package org.smoltcp4j.firmware.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The board files of module board-configs, read from the test class path. */
public final class ShippedBoards {

    static final String FOLDER = "/org/smoltcp4j/boards/";

    private ShippedBoards() {
    }

    /** The names in boards.list. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : new String(bytes("boards.list"), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The text of {@code <name>.board}. */
    public static String text(String name) {
        return new String(bytes(name + BoardFile.SUFFIX), StandardCharsets.UTF_8);
    }

    public static BoardDescription load(String name) {
        byte[] bytes = bytes(name + BoardFile.SUFFIX);
        return BoardDescriptionParser.parse(name + BoardFile.SUFFIX, bytes, bytes.length);
    }

    private static byte[] bytes(String file) {
        try (InputStream in = ShippedBoards.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + file + " is not on the class path (module board-configs)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
