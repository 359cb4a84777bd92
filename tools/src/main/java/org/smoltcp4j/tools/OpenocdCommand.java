package org.smoltcp4j.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.smoltcp4j.firmware.board.BoardDescription;

/**
 * The openocd command that programs a firmware image into a board (reference/hal.md section 4):
 * the board's configuration files, then {@code program FILE [ADDRESS] verify reset exit}. ELF and
 * Intel HEX images carry their own addresses; a raw binary goes to the board's flash.address.
 */
final class OpenocdCommand {

    /** How openocd reads an image, from its file name. */
    enum ImageType { ELF, INTEL_HEX, BINARY }

    private OpenocdCommand() {
    }

    /** The image type of {@code file} by its extension, or null when the extension is not one openocd programs. */
    static ImageType imageType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".elf") || name.endsWith(".out") || name.endsWith(".axf")) {
            return ImageType.ELF;
        }
        if (name.endsWith(".hex") || name.endsWith(".ihex")) {
            return ImageType.INTEL_HEX;
        }
        return name.endsWith(".bin") ? ImageType.BINARY : null;
    }

    /** The arguments after the program name, for a board flashed with openocd. */
    static List<String> arguments(BoardDescription board, Path image, ImageType type) {
        if (board.flashTool() != BoardDescription.FLASH_OPENOCD) {
            throw new IllegalArgumentException(board.name() + " is not flashed with openocd");
        }
        List<String> arguments = new ArrayList<>();
        if (board.openocdConfig() != null) {
            arguments.addAll(List.of("-f", board.openocdConfig()));
        } else {
            arguments.addAll(List.of("-f", board.openocdInterface(), "-f", board.openocdTarget()));
        }
        String program = "program " + tclWord(image.toString());
        if (type == ImageType.BINARY) {
            program += String.format(" 0x%08x", board.flashAddress());
        }
        arguments.addAll(List.of("-c", program + " verify reset exit"));
        return arguments;
    }

    static boolean hasBraces(String fileName) {
        return fileName.indexOf('{') >= 0 || fileName.indexOf('}') >= 0;
    }

    /** The configuration files the command loads, relative to openocd's scripts folder. */
    static List<String> configurationFiles(BoardDescription board) {
        return board.openocdConfig() != null ? List.of(board.openocdConfig())
                : List.of(board.openocdInterface(), board.openocdTarget());
    }

    /** The command as one line to paste into a POSIX shell. */
    static String shellLine(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String argument : command) {
            line.append(line.length() == 0 ? "" : " ").append(shellWord(argument));
        }
        return line.toString();
    }

    private static String shellWord(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "_-./:=@%+,".indexOf(c) >= 0)) {
            return word;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : word.toCharArray()) {
            if ("\"\\$`".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * A file name as one Tcl word (openocd's command language): braced when it has spaces or Tcl
     * syntax. Names with braces cannot be braced safely; {@link #hasBraces} lets the caller refuse them.
     */
    private static String tclWord(String word) {
        if (hasBraces(word)) {
            throw new IllegalArgumentException("a file name with { or } cannot be given to openocd: " + word);
        }
        boolean plain = word.chars().noneMatch(c -> Character.isWhitespace(c) || "\"[]$\\;".indexOf(c) >= 0);
        return plain ? word : "{" + word + "}";
    }
}
