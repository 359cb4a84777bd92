package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.RamBudget;

class FootprintCommandTest {

    @TempDir
    Path dir;

    static List<String> boards() {
        return BoardCatalog.names();
    }

    @ParameterizedTest
    @MethodSource("boards")
    void printsEachComponentAndTheTotalAgainstTheRam(String name) {
        CommandRun run = CommandRun.of("footprint", "--board", name);
        assertEquals(0, run.exit, run.toString());
        assertEquals("", run.err);
        BoardDescription board = BoardCatalog.load(name);
        RamBudget budget = new RamBudget(board);
        String[] lines = run.out.split("\n");
        assertEquals(2 + RamBudget.COMPONENTS, lines.length, run.out);
        assertEquals(name + ": " + board.description(), lines[0]);
        for (int i = 0; i < RamBudget.COMPONENTS; i++) {
            assertTrue(lines[1 + i].matches(RamBudget.componentName(i) + " +" + budget.bytes(i) + " bytes  .+"), lines[1 + i]);
        }
        assertEquals(String.format("%-18s%10d bytes of ram.available %d (%d free)", "total", budget.total(), board.ramAvailable(),
                board.ramAvailable() - budget.total()), lines[lines.length - 1]);
    }

    @Test
    void hostSimFootprint() {
        assertEquals(""
                + "host-sim: Host JVM on the simulator's virtual Ethernet\n"
                + "device frames          96896 bytes  32 rx + 32 tx x 1514\n"
                + "interface buffers     143146 bytes  8 pending x 1500 + fragmentation 65535 + reassembly 65535 + IPv6 tables 76\n"
                + "neighbor cache           656 bytes  16 entries x 41\n"
                + "tcp sockets          3670016 bytes  28 sockets x (65536 rx + 65536 tx)\n"
                + "udp sockets            35904 bytes  1 sockets x (16384 rx + 16384 tx + 2 x 32 datagrams x 49)\n"
                + "http requests          98560 bytes  8 connections x 4096 + page 65536 + header 256\n"
                + "total                4045178 bytes of ram.available 16777216 (12732038 free)\n",
                CommandRun.of("footprint", "--board", "host-sim").out);
    }

    @Test
    void unknownBoardExitsWith2AndNamesTheBoards() {
        CommandRun run = CommandRun.of("footprint", "--board", "stm32f4-disco");
        assertEquals(2, run.exit);
        assertEquals("", run.out);
        assertEquals("smoltcp4j footprint: unknown board 'stm32f4-disco'; the boards are stm32f746g-disco, nucleo-f767zi,"
                + " nucleo-h743zi, nrf52840-dk, mps2-an500, host-tap, host-sim (or give the path of a .board file)\n", run.err);
    }

    @Test
    void boardFileOfTheUsersOwn() throws IOException {
        Path file = Files.writeString(dir.resolve("host-tap.board"),
                BoardCatalog.shippedText("host-tap").replace("tcp.sockets = 4", "tcp.sockets = 1"));
        CommandRun run = CommandRun.of("footprint", "--board", file.toString());
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("tcp sockets"), run.out);
        // 4 single-socket listeners, throughput's source and sink (one each), 8 http: what Boot builds.
        assertTrue(run.out.contains(" 14 sockets x (65536 rx + 65536 tx)"), run.out);
    }

    @Test
    void boardOverItsRamIsRefusedWithTheNumbers() throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.board"), BoardCatalog.shippedText("nrf52840-dk")
                .replace("board.name = nrf52840-dk", "board.name = tiny").replace("ram.available = 196608", "ram.available = 4096"));
        CommandRun run = CommandRun.of("footprint", "--board", file.toString());
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("smoltcp4j footprint: tiny.board: ram.available: the buffers need 9800 bytes, 5704 more than"
                + " ram.available = 4096 (device frames 1016, interface buffers 3108, "), run.err);
    }

    @Test
    void missingBoardFile() {
        CommandRun run = CommandRun.of("footprint", "--board", dir.resolve("none.board").toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j footprint: " + dir.resolve("none.board") + ": no such board file\n", run.err);
    }

    @Test
    void unreadableBoardFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.board"));
        CommandRun run = CommandRun.of("footprint", "--board", folder.toString());
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("smoltcp4j footprint: " + folder + ": cannot read: "), run.err);
    }

    @Test
    void boardOptionIsRequired() {
        CommandRun run = CommandRun.of("footprint");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("Missing required option: '--board=BOARD'"), run.err);
    }
}
