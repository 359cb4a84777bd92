package org.smoltcp4j.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smoltcp4j bench}: the benchmarks, each a subcommand that prints its figures. */
@Command(name = "bench",
        description = "Measure the stack's speed; each benchmark prints its figures and how they were measured.",
        synopsisSubcommandLabel = "BENCHMARK",
        subcommands = {ChecksumBenchmark.class, TapTcpBenchmark.class, LoopbackBenchmark.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: say which one (see bench --help)");
    }
}
