package org.smoltcp4j.tools;

import java.io.PrintWriter;

import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;

import picocli.CommandLine.Option;

/** The {@code --board} option of the commands that work on a board description (picocli mixin). */
final class BoardOption {

    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "A shipped board (${COMPLETION-CANDIDATES}) or the path of a .board file.",
            completionCandidates = BoardCatalog.Names.class)
    private String board;

    /**
     * The board, or null after printing why it cannot be loaded (unknown board, missing or invalid
     * file) to {@code err} as {@code smoltcp4j <command>: <reason>}.
     */
    BoardDescription load(String command, PrintWriter err) {
        try {
            return BoardCatalog.load(board);
        } catch (BoardCatalog.UnknownBoardException | BoardConfigException e) {
            err.println("smoltcp4j " + command + ": " + e.getMessage());
            return null;
        }
    }
}
