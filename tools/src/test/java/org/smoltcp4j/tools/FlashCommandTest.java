package org.smoltcp4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoltcp4j.firmware.board.BoardDescription;

class FlashCommandTest {

    /** Where Debian's openocd package (tools/debian-packages.txt) keeps its configuration scripts. */
    private static final Path OPENOCD_SCRIPTS = Path.of("/usr/share/openocd/scripts");

    @TempDir
    Path dir;

    private Path elf;
    private Path bin;

    @BeforeEach
    void images() throws IOException {
        elf = Files.write(dir.resolve("fw.elf"), new byte[] {0x7f, 'E', 'L', 'F'});
        bin = Files.write(dir.resolve("fw.bin"), new byte[16]);
    }

    /** The boards flashed with openocd (every shipped board but the host boards and QEMU's). */
    static List<String> openocdBoards() {
        return BoardCatalog.names().stream()
                .filter(name -> BoardCatalog.load(name).flashTool() == BoardDescription.FLASH_OPENOCD).toList();
    }

    @Test
    void theFourHardwareBoardsAreFlashedWithOpenocd() {
        assertEquals(List.of("stm32f746g-disco", "nucleo-f767zi", "nucleo-h743zi", "nrf52840-dk"), openocdBoards());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stm32f746g-disco | board/stm32f746g-disco.cfg | 0x08000000",
        "nucleo-f767zi    | board/st_nucleo_f7.cfg     | 0x08000000",
        "nucleo-h743zi    | board/st_nucleo_h743zi.cfg | 0x08000000",
        "nrf52840-dk      | board/nordic_nrf52_dk.cfg  | 0x00000000"})
    void dryRunPrintsTheOpenocdCommand(String board, String config, String address) {
        CommandRun run = CommandRun.of("flash", "--board", board, "--dry-run", elf.toString());
        assertEquals(0, run.exit, run.toString());
        assertEquals("openocd -f " + config + " -c \"program " + elf + " verify reset exit\"\n", run.out);
        CommandRun binary = CommandRun.of("flash", "--board", board, "--dry-run", bin.toString());
        assertEquals(0, binary.exit, binary.toString());
        assertEquals("openocd -f " + config + " -c \"program " + bin + " " + address + " verify reset exit\"\n", binary.out);
    }

    @Test
    void nrf52840DryRunMentionsTheApprotectRecovery() {
        CommandRun run = CommandRun.of("flash", "--board", "nrf52840-dk", "--dry-run", elf.toString());
        assertEquals("note: a locked nRF52840 (APPROTECT) must first be unlocked, which erases it:"
                + " openocd -f board/nordic_nrf52_dk.cfg -c init -c nrf52_recover -c exit\n", run.err);
    }

    @ParameterizedTest
    @MethodSource("openocdBoards")
    void configurationFilesExistInDebiansOpenocdAndLoad(String board) throws Exception {
        List<String> files = OpenocdCommand.configurationFiles(BoardCatalog.load(board));
        List<String> command = new ArrayList<>(List.of("openocd"));
        for (String file : files) {
            assertTrue(Files.isRegularFile(OPENOCD_SCRIPTS.resolve(file)), OPENOCD_SCRIPTS.resolve(file) + " is missing;"
                    + " is Debian's openocd installed (tools/debian-packages.txt)?");
            command.addAll(List.of("-f", file));
        }
        // Without hardware openocd can still read the configuration: "shutdown" before "init"
        // parses every file (a wrong name fails with "Can't find") and touches no adapter.
        command.addAll(List.of("-c", "shutdown"));
        Process openocd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openocd.getInputStream().readAllBytes());
        assertTrue(openocd.waitFor(30, TimeUnit.SECONDS), "openocd did not stop");
        assertEquals(0, openocd.exitValue(), output);
    }

    @Test
    void interfaceAndTargetInsteadOfABoardFile() throws IOException {
        Path board = Files.writeString(dir.resolve("my-nrf.board"), BoardCatalog.shippedText("nrf52840-dk")
                .replace("board.name = nrf52840-dk", "board.name = my-nrf")
                .replace("openocd.config = board/nordic_nrf52_dk.cfg", "openocd.interface = interface/cmsis-dap.cfg\n"
                        + "openocd.target = target/nrf52.cfg"));
        CommandRun run = CommandRun.of("flash", "--board", board.toString(), "--dry-run", elf.toString());
        assertEquals(0, run.exit, run.toString());
        assertEquals("openocd -f interface/cmsis-dap.cfg -f target/nrf52.cfg -c \"program " + elf + " verify reset exit\"\n", run.out);
        assertTrue(Files.isRegularFile(OPENOCD_SCRIPTS.resolve("interface/cmsis-dap.cfg")));
        assertTrue(Files.isRegularFile(OPENOCD_SCRIPTS.resolve("target/nrf52.cfg")));
    }

    @Test
    void intelHexIsProgrammedWithoutAnAddress() throws IOException {
        Path hex = Files.writeString(dir.resolve("fw.hex"), ":00000001FF\n");
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-f767zi", "--dry-run", hex.toString());
        assertEquals("openocd -f board/st_nucleo_f7.cfg -c \"program " + hex + " verify reset exit\"\n", run.out);
    }

    @Test
    void pathWithSpacesIsBracedForOpenocdAndQuotedForTheShell() throws IOException {
        Path spaced = Files.write(Files.createDirectory(dir.resolve("my build")).resolve("fw.elf"), new byte[4]);
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-f767zi", "--dry-run", spaced.toString());
        assertEquals("openocd -f board/st_nucleo_f7.cfg -c \"program {" + spaced + "} verify reset exit\"\n", run.out);
    }

    @Test
    void pathWithBracesIsRefused() throws IOException {
        Path braced = Files.write(dir.resolve("fw{1}.elf"), new byte[4]);
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-f767zi", "--dry-run", braced.toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j flash: " + braced + ": openocd cannot be given a file name with { or }; rename it\n", run.err);
    }

    @Test
    void mps2An500IsEmulatedAndNotFlashed() {
        CommandRun run = CommandRun.of("flash", "--board", "mps2-an500", "--dry-run", elf.toString());
        assertEquals(2, run.exit);
        assertEquals("", run.out);
        assertEquals("smoltcp4j flash: mps2-an500 is emulated by QEMU; there is no flash to program. Run the image instead with:"
                + " qemu-system-arm -M mps2-an500 -nographic -kernel " + elf + "\n", run.err);
    }

    @ParameterizedTest
    @CsvSource({"host-sim", "host-tap"})
    void hostBoardsAreNotFlashed(String board) {
        CommandRun run = CommandRun.of("flash", "--board", board, elf.toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j flash: " + board + " runs in the JVM on this machine; there is nothing to flash"
                + " (run it with smoltcp4j sim or smoltcp4j tap)\n", run.err);
    }

    @Test
    void unknownBoard() {
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-f429zi", "--dry-run", elf.toString());
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("smoltcp4j flash: unknown board 'nucleo-f429zi'; the boards are stm32f746g-disco,"), run.err);
    }

    @Test
    void missingImage() {
        Path missing = dir.resolve("nothing.elf");
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-h743zi", "--dry-run", missing.toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j flash: " + missing + ": no such file\n", run.err);
    }

    @Test
    void unknownImageType() throws IOException {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[4]);
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-h743zi", "--dry-run", jar.toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j flash: " + jar + ": unknown image type; give an ELF (.elf, .out, .axf), Intel HEX (.hex) or raw"
                + " binary (.bin) file\n", run.err);
    }

    @Test
    void missingOpenocd() {
        Path none = dir.resolve("no-openocd/openocd");
        CommandRun run = CommandRun.of("flash", "--board", "nucleo-h743zi", "--openocd", none.toString(), elf.toString());
        assertEquals(2, run.exit);
        assertEquals("smoltcp4j flash: openocd is not installed ('" + none + "' is not in PATH); install it (Debian: apt-get install"
                + " openocd) or give --openocd PROGRAM\n", run.err);
        CommandRun byName = CommandRun.of("flash", "--board", "nucleo-h743zi", "--openocd", "no-such-openocd-4711", elf.toString());
        assertEquals(2, byName.exit);
        assertTrue(byName.err.startsWith("smoltcp4j flash: openocd is not installed ('no-such-openocd-4711' is not in PATH)"), byName.err);
    }

    /** A stand-in openocd that records its arguments and exits with {@code exit}. */
    private Path fakeOpenocd(int exit) throws IOException {
        Path script = dir.resolve("openocd");
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\necho 'Info : programmed'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void runsOpenocdAndShowsItsOutput() throws IOException {
        CommandRun run = CommandRun.of("flash", "--board", "stm32f746g-disco", "--openocd", fakeOpenocd(0).toString(), bin.toString());
        assertEquals(0, run.exit, run.toString());
        assertEquals("arg: -f\narg: board/stm32f746g-disco.cfg\narg: -c\narg: program " + bin + " 0x08000000 verify reset exit\n"
                + "Info : programmed\n", run.out);
        assertEquals("", run.err);
    }

    @Test
    void openocdFailureExitsWith1() throws IOException {
        CommandRun run = CommandRun.of("flash", "--board", "nrf52840-dk", "--openocd", fakeOpenocd(1).toString(), elf.toString());
        assertEquals(1, run.exit);
        assertEquals("smoltcp4j flash: openocd failed with exit code 1\nnote: a locked nRF52840 (APPROTECT) must first be unlocked,"
                + " which erases it: openocd -f board/nordic_nrf52_dk.cfg -c init -c nrf52_recover -c exit\n", run.err);
    }

    @Test
    void helpDescribesTheCommand() {
        CommandRun run = CommandRun.of("flash", "--help");
        assertEquals(0, run.exit);
        assertTrue(run.out.contains("Usage: smoltcp4j flash [-hV] [--dry-run] --board=BOARD"), run.out);
    }
}
