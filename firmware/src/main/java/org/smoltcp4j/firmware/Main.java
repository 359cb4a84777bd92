package org.smoltcp4j.firmware;

import java.io.IOException;
import java.io.InputStream;

import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.firmware.board.BoardDescriptionParser;

/**
 * The firmware image's entry point: reads the board description the image was built for, boots
 * the firmware on the board's natives and runs its loop forever on the {@link HardwareClock}.
 *
 * <p>The board files are MicroEJ raw resources of the image (listed in
 * {@code smoltcp4j-boards.resources.list} in module board-configs, read with
 * {@code Class.getResourceAsStream}); which one is this board's comes from the resource
 * {@value #SELECTED_BOARD}, which the image build writes (board-configs/README.md). No
 * {@code java.util.Properties}, no files.
 */
public final class Main {

    /** The resource naming the board file the image is for, e.g. {@code nucleo-h743zi.board}. */
    public static final String SELECTED_BOARD = "/org/smoltcp4j/boards/selected-board";
    /** The folder of the board files among the resources. */
    public static final String BOARDS_FOLDER = "/org/smoltcp4j/boards/";
    /** The largest board file read; the shipped ones are under 2 KB. */
    public static final int MAX_BOARD_FILE_BYTES = 8192;

    private Main() {
    }

    /** Boots the firmware of the selected board and runs it until the board is reset. */
    public static void main(String[] args) {
        run(new HardwareClock(), Long.MAX_VALUE);
    }

    /**
     * Boots the selected board's firmware, prints the boot banner and RAM budget, and runs the loop
     * on {@code clock} until it reads {@code stopAtMicros} ({@link Long#MAX_VALUE}: forever).
     *
     * @throws IllegalStateException when the selected board cannot be read or booted, saying why
     */
    public static void run(Clock clock, long stopAtMicros) {
        BoardDescription board = selectedBoard();
        StringBuilder log = new StringBuilder();
        Firmware firmware = Boot.build(board, Boot.openDevice(board), clock.nowMicros(), log);
        System.out.print(log.toString());
        firmware.run(clock, stopAtMicros);
    }

    /**
     * The board description named by {@value #SELECTED_BOARD}: its first line that is neither
     * blank nor a {@code #} comment, a file name in {@value #BOARDS_FOLDER}.
     *
     * @throws IllegalStateException when a resource is missing or unreadable, or the name is not a file name
     * @throws org.smoltcp4j.firmware.board.BoardConfigException when the board file is invalid
     */
    public static BoardDescription selectedBoard() {
        return selectedBoard(SELECTED_BOARD);
    }

    /** {@link #selectedBoard()} with the selection read from the resource {@code selection}. */
    static BoardDescription selectedBoard(String selection) {
        byte[] buffer = new byte[MAX_BOARD_FILE_BYTES];
        String fileName = firstLine(selection, buffer, read(selection, buffer));
        if (fileName.indexOf('/') >= 0) {
            throw new IllegalStateException(selection + ": '" + fileName
                    + "' is not the file name of a board in " + BOARDS_FOLDER + " (e.g. host-sim.board)");
        }
        int length = read(BOARDS_FOLDER + fileName, buffer);
        return BoardDescriptionParser.parse(fileName, buffer, length);
    }

    /** Reads the whole resource {@code name} into {@code buffer}; returns its length. */
    static int read(String name, byte[] buffer) {
        InputStream in = Main.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not among the image's resources (the image build writes "
                    + SELECTED_BOARD + " and lists the board files in a *.resources.list; board-configs/README.md)");
        }
        try {
            int length = 0;
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
            if (n == 0 && in.read() >= 0) {
                throw new IllegalStateException(name + " is larger than " + buffer.length + " bytes");
            }
            return length;
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not be read: " + e.getMessage());
        } finally {
            close(in);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was lost: the resource was read (or its failure is being reported) already.
        }
    }

    /** The first line of {@code text[0, length)} (ASCII) that is neither blank nor a comment, without its blanks. */
    private static String firstLine(String name, byte[] text, int length) {
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && text[end] != '\n') {
                end++;
            }
            int first = start;
            int last = end;
            while (first < last && text[first] <= ' ') {
                first++;
            }
            while (last > first && text[last - 1] <= ' ') {
                last--;
            }
            if (first < last && text[first] != '#') {
                StringBuilder line = new StringBuilder(last - first);
                for (int i = first; i < last; i++) {
                    line.append((char) (text[i] & 0xff));
                }
                return line.toString();
            }
            start = end + 1;
        }
        throw new IllegalStateException(name + " names no board file");
    }
}
