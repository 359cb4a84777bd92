package org.smoltcp4j.firmware.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The board files of module board-configs, read from its source folder (the tests run in firmware/). */
final class ShippedBoards {

    static final Path FOLDER = Path.of("../board-configs/src/main/resources/org/smoltcp4j/boards");

    private ShippedBoards() {
    }

    /** The names of the {@code .board} files, sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(BoardFile.SUFFIX))
                    .map(name -> name.substring(0, name.length() - BoardFile.SUFFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code <name>.board}. */
    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static BoardDescription load(String name) {
        byte[] bytes = bytes(name);
        return BoardDescriptionParser.parse(name + BoardFile.SUFFIX, bytes, bytes.length);
    }

    private static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(FOLDER.resolve(name + BoardFile.SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
