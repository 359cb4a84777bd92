package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code smoltcp4j} command line. Each capability of the project adds a subcommand here
 * (sim, tap, decode, bench, flash, ...); the top-level command itself only routes to them.
 */
@Command(name = "smoltcp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Smoltcp4jCommand.ProjectVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "A static-allocation TCP/IP stack for MicroEJ microcontrollers, after smoltcp.",
        subcommands = {CommandLine.HelpCommand.class, SimCommand.class, TapCommand.class, DecodeCommand.class, TcpdumpCommand.class, BenchCommand.class,
            FootprintCommand.class, FlashCommand.class})
public final class Smoltcp4jCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: say which one (see --help)");
    }

    /** Runs the command line and returns its exit code: 0 success, 2 usage error, 1 failure. */
    public static int execute(String... args) {
        return new CommandLine(new Smoltcp4jCommand()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Reads the version Maven wrote into the jar at build time. */
    static final class ProjectVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = Smoltcp4jCommand.class.getResourceAsStream("version.txt")) {
                if (in == null) {
                    throw new IOException("version.txt is missing from the smoltcp4j jar; rebuild it with Maven");
                }
                String version = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return new String[] {"smoltcp4j " + version};
            }
        }
    }
}
