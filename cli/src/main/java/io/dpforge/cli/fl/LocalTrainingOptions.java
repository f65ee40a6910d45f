package io.dpforge.cli.fl;

import io.dpforge.client.optim.Optimizer;
import io.dpforge.client.optim.Sgd;
import java.util.function.LongFunction;
import picocli.CommandLine.Option;

/** Local SGD on each client. */
public final class LocalTrainingOptions {
  @Option(names = "--lr", defaultValue = "0.05", description = "Local SGD learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--epochs", defaultValue = "1", description = "Local epochs per round (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "32", description = "Local minibatch size (default ${DEFAULT-VALUE}).")
  int batch;

  /** Client {@code client}'s optimizer for each local round, its example order seeded by run, client and round. */
  public LongFunction<Optimizer> forClient(long runSeed, int client) {
    return round -> Sgd.builder().epochs(epochs).batchSize(batch).learningRate(learningRate)
        .seed(runSeed * 1_000_003L + client * 7919L + round).build();
  }
}
