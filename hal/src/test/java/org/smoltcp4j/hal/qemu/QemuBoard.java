package org.smoltcp4j.hal.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code qemu-system-arm -M mps2-an500} running a firmware, its LAN9118 attached to
 * {@code -netdev dgram} between two UDP ports on 127.0.0.1. Closing kills QEMU; QEMU's output
 * goes to a log file next to the firmware, quoted when QEMU dies early.
 */
final class QemuBoard implements AutoCloseable {

    private final Process process;
    private final Path log;

    private QemuBoard(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Boots {@code firmware}; its NIC listens on {@code boardPort} and sends to {@code hostPort}. */
    static QemuBoard start(Path firmware, int boardPort, int hostPort) throws IOException {
        Path log = firmware.resolveSibling("qemu.log");
        List<String> command = List.of("qemu-system-arm", "-M", "mps2-an500", "-display", "none", "-monitor", "none",
                "-serial", "none", "-kernel", firmware.toString(),
                "-netdev", "dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=" + boardPort
                        + ",remote.type=inet,remote.host=127.0.0.1,remote.port=" + hostPort,
                "-net", "nic,netdev=n0,model=lan9118");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new QemuBoard(process, log);
    }

    /** Throws with QEMU's output if it has exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            String output;
            try {
                output = Files.readString(log);
            } catch (IOException e) {
                output = "(no log: " + e + ")";
            }
            throw new AssertionError("QEMU exited with " + process.exitValue() + ": " + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
