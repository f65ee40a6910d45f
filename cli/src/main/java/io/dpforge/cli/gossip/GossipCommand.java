package io.dpforge.cli.gossip;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpforge gossip}: decentralized optimisation with DADAO and its baselines. */
@Command(
    name = "gossip",
    mixinStandardHelpOptions = true,
    description = "Decentralized asynchronous optimisation (DADAO, Nabli & Oyallon 2023) and gossip baselines:"
        + " an exact event simulator, and real nodes gossiping over gRPC.",
    subcommands = {
        GossipSimulateCommand.class,
        GossipClusterCommand.class,
        GossipNodeCommand.class,
    })
public final class GossipCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
