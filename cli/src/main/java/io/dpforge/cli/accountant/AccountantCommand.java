package io.dpforge.cli.accountant;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge accountant}: privacy accounting for DP-SGD-style training (Poisson-subsampled Gaussian). */
@Command(
    name = "accountant",
    mixinStandardHelpOptions = true,
    description = "Privacy of T steps of the Poisson-subsampled Gaussian mechanism (DP-SGD): ε by RDP or by"
        + " PLD, or the noise multiplier for a target ε.",
    subcommands = {RdpCommand.class, PldCommand.class, CalibrateCommand.class})
public final class AccountantCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
