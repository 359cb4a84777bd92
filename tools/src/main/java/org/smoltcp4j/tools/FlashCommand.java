package org.smoltcp4j.tools;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smoltcp4j flash --board B FILE [--dry-run]}: programs a firmware image with openocd. */
@Command(name = "flash",
        mixinStandardHelpOptions = true,
        description = {"Program a firmware image (ELF .elf/.out/.axf, Intel HEX .hex, or raw .bin at the board's flash"
                + " address) into a board with openocd, using the configuration files the board description names.",
            "Building the image needs the MicroEJ SDK; host boards run in the JVM and mps2-an500 runs in QEMU, so"
                + " neither is flashed."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:flashed (or, with --dry-run, the command was printed)", "1:openocd failed",
            "2:unknown or invalid board, a board that is not flashed, a missing or unknown image, openocd not installed"})
public final class FlashCommand implements Callable<Integer> {

    static final int EXIT_OPENOCD_FAILED = 1;
    static final int EXIT_CANNOT_FLASH = 2;
    /** The nRF52840's flash protection: a locked chip refuses programming until it is recovered. */
    private static final String NRF52_RECOVER_NOTE = "note: a locked nRF52840 (APPROTECT) must first be unlocked, which erases it:"
            + " openocd -f board/nordic_nrf52_dk.cfg -c init -c nrf52_recover -c exit";

    @Spec
    private CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "BOARD",
            description = "A shipped board (${COMPLETION-CANDIDATES}) or the path of a .board file.",
            completionCandidates = BoardCatalog.Names.class)
    private String board;

    @Parameters(paramLabel = "FILE", description = "The firmware image.")
    private Path image;

    @Option(names = "--dry-run", description = "Print the openocd command instead of running it.")
    private boolean dryRun;

    @Option(names = "--openocd", paramLabel = "PROGRAM", defaultValue = "openocd",
            description = "The openocd program: a name looked up in PATH or a path (default: ${DEFAULT-VALUE}).")
    private String openocd;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BoardDescription description;
        try {
            description = BoardCatalog.load(board);
        } catch (BoardCatalog.UnknownBoardException | BoardConfigException e) {
            return fail(e.getMessage());
        }
        if (description.flashTool() == BoardDescription.FLASH_NONE) {
            return fail(description.name() + " runs in the JVM on this machine; there is nothing to flash"
                    + " (run it with smoltcp4j sim or smoltcp4j tap)");
        }
        if (description.flashTool() == BoardDescription.FLASH_QEMU) {
            return fail(description.name() + " is emulated by QEMU; there is no flash to program. Run the image instead with: "
                    + OpenocdCommand.shellLine(List.of("qemu-system-arm", "-M", description.qemuMachine(), "-nographic",
                            "-kernel", image.toString())));
        }
        if (!Files.isRegularFile(image)) {
            return fail(image + ": no such file");
        }
        OpenocdCommand.ImageType type = OpenocdCommand.imageType(image);
        if (type == null) {
            return fail(image + ": unknown image type; give an ELF (.elf, .out, .axf), Intel HEX (.hex) or raw binary (.bin) file");
        }
        Path absolute = image.toAbsolutePath().normalize();
        if (OpenocdCommand.hasBraces(absolute.toString())) {
            return fail(absolute + ": openocd cannot be given a file name with { or }; rename it");
        }
        List<String> command = new ArrayList<>();
        command.add(openocd);
        command.addAll(OpenocdCommand.arguments(description, absolute, type));
        boolean nrf52 = description.core() == BoardDescription.CORE_CORTEX_M4F;
        if (dryRun) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(OpenocdCommand.shellLine(command));
            out.flush();
            if (nrf52) {
                spec.commandLine().getErr().println(NRF52_RECOVER_NOTE);
            }
            return 0;
        }
        Path program = findProgram(openocd);
        if (program == null) {
            return fail("openocd is not installed ('" + openocd + "' is not in PATH); install it (Debian: apt-get install openocd)"
                    + " or give --openocd PROGRAM");
        }
        command.set(0, program.toString());
        int exit = run(command);
        if (exit != 0) {
            fail("openocd failed with exit code " + exit);
            if (nrf52) {
                spec.commandLine().getErr().println(NRF52_RECOVER_NOTE);
            }
            return EXIT_OPENOCD_FAILED;
        }
        return 0;
    }

    /** Runs the command, copying its output (stdout and stderr) to ours; returns its exit code. */
    private int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                out.flush();
            }
        }
        return process.waitFor();
    }

    /** {@code name} itself when it contains a slash, else the first executable of that name in PATH; null when none. */
    static Path findProgram(String name) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            return Files.isExecutable(path) && Files.isRegularFile(path) ? path : null;
        }
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Prints the error and returns EXIT_CANNOT_FLASH. */
    private int fail(String message) {
        spec.commandLine().getErr().println("smoltcp4j flash: " + message);
        return EXIT_CANNOT_FLASH;
    }
}
