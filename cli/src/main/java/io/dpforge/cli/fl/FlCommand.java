package io.dpforge.cli.fl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge fl}: federated-learning experiments. */
@Command(
    name = "fl",
    mixinStandardHelpOptions = true,
    description = "Federated-learning experiments: simulations with real clients over loopback gRPC, and the"
        + " coordinator stress benchmark.",
    subcommands = {SimulateCommand.class, StressCommand.class})
public final class FlCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
