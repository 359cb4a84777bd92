package org.smoltcp4j.tools;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.RamBudget;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smoltcp4j footprint --board B}: the RAM budget per component of a board's configuration. */
@Command(name = "footprint",
        mixinStandardHelpOptions = true,
        description = {"Print the RAM the firmware preallocates on a board, per component (frames, interface buffers,"
                + " neighbor cache, sockets, HTTP requests), and the total against the board's ram.available.",
            "Object headers, code and the VM itself are not counted; ram.available leaves room for them."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the budget was printed", "2:unknown board, or a board file that is not valid (e.g. over its RAM)"})
public final class FootprintCommand implements Callable<Integer> {

    static final int EXIT_BAD_BOARD = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "A shipped board (${COMPLETION-CANDIDATES}) or the path of a .board file.",
            completionCandidates = BoardCatalog.Names.class)
    private String board;

    @Override
    public Integer call() {
        BoardDescription description;
        try {
            description = BoardCatalog.load(board);
        } catch (BoardCatalog.UnknownBoardException | BoardConfigException e) {
            spec.commandLine().getErr().println("smoltcp4j footprint: " + e.getMessage());
            return EXIT_BAD_BOARD;
        }
        StringBuilder text = new StringBuilder();
        text.append(description.name()).append(": ").append(description.description()).append('\n');
        new RamBudget(description).appendTo(text);
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return 0;
    }
}
