package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class BoardCatalogTest {

    /** A class path cannot be listed, so the catalog reads boards.list: it must name every board file. */
    @Test
    void boardsListNamesEveryBoardFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../board-configs/src/main/resources/org/smoltcp4j/boards"))) {
            assertEquals(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".board")).sorted().toList(),
                    BoardCatalog.names().stream().map(name -> name + ".board").sorted().toList());
        }
    }

    @Test
    void listsTheBoardsInTheOrderOfTheIndex() {
        assertEquals(List.of("stm32f746g-disco", "nucleo-f767zi", "nucleo-h743zi", "nrf52840-dk", "mps2-an500", "host-tap", "host-sim"),
                BoardCatalog.names());
    }

    @Test
    void loadsAShippedBoardByName() {
        assertEquals("nucleo-h743zi", BoardCatalog.load("nucleo-h743zi").name());
    }

    @Test
    void unknownNameListsTheBoards() {
        BoardCatalog.UnknownBoardException e = assertThrows(BoardCatalog.UnknownBoardException.class, () -> BoardCatalog.load("x"));
        assertEquals("unknown board 'x'; the boards are stm32f746g-disco, nucleo-f767zi, nucleo-h743zi, nrf52840-dk, mps2-an500,"
                + " host-tap, host-sim (or give the path of a .board file)", e.getMessage());
    }
}
