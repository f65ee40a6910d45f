package io.dpforge.cli.data;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge domain}: draft and check domain specs. */
@Command(
    name = "domain",
    mixinStandardHelpOptions = true,
    description = "Draft a domain spec from data, or check a data file against one. The domain is"
        + " public knowledge: value lists and bounds must not come from the private data unreviewed.",
    subcommands = {DomainInferCommand.class, DomainCheckCommand.class})
public final class DomainCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
