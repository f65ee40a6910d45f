package io.dpforge.cli.continual;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge continual}: analyse and simulate continual-release counters. */
@Command(
    name = "continual",
    mixinStandardHelpOptions = true,
    description = "Continual-release counters (running counts released at every step): exact error"
        + " analysis and simulation. The streaming job itself is 'dpforge release'.",
    subcommands = {ContinualAnalyzeCommand.class, ContinualSimulateCommand.class, ContinualBenchCommand.class})
public final class ContinualCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
