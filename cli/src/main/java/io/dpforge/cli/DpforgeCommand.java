package io.dpforge.cli;

import io.dpforge.cli.accountant.AccountantCommand;
import io.dpforge.cli.certs.CertsCommand;
import io.dpforge.cli.continual.ContinualCommand;
import io.dpforge.cli.continual.ReleaseCommand;
import io.dpforge.cli.data.DomainCommand;
import io.dpforge.cli.fl.ClientCommand;
import io.dpforge.cli.fl.CoordinatorCommand;
import io.dpforge.cli.fl.FlCommand;
import io.dpforge.cli.gossip.GossipCommand;
import io.dpforge.cli.optimize.OptimizeCommand;
import io.dpforge.cli.synth.EvaluateCommand;
import io.dpforge.cli.synth.SynthCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code dpforge} command: only groups the subcommands. */
@Command(
    name = "dpforge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Privacy-preserving data synthesis and federated optimization.",
    subcommands = {
        DemoCommand.class,
        DomainCommand.class,
        AccountantCommand.class,
        EvaluateCommand.class,
        SynthCommand.class,
        GossipCommand.class,
        CoordinatorCommand.class,
        ClientCommand.class,
        FlCommand.class,
        ContinualCommand.class,
        ReleaseCommand.class,
        CertsCommand.class,
        OptimizeCommand.class,
    })
public final class DpforgeCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
