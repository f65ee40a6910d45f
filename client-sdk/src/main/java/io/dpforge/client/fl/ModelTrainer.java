package io.dpforge.client.fl;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;
import io.dpforge.client.optim.OptimizationResult;
import io.dpforge.client.optim.Optimizer;
import java.util.function.LongFunction;

/**
 * A {@link LocalTrainer} over the client SDK: runs an {@link Optimizer} on the local data from the global
 * model and uploads the difference.
 */
public final class ModelTrainer implements LocalTrainer {
  private final Model model;
  private final Dataset data;
  private final LongFunction<Optimizer> optimizerForRound;
  private long round;

  /**
   * @param model the model the coordinator serves
   * @param data this client's examples
   * @param optimizerForRound the optimizer of each local round (e.g. SGD seeded by the round number)
   */
  public ModelTrainer(Model model, Dataset data, LongFunction<Optimizer> optimizerForRound) {
    this.model = model;
    this.data = data;
    this.optimizerForRound = optimizerForRound;
  }

  @Override
  public LocalUpdate train(GlobalModel global) {
    if (global.values().length != model.dimension()) {
      throw new IllegalArgumentException("the coordinator serves a model of dimension " + global.values().length
          + ", the local model has " + model.dimension());
    }
    OptimizationResult r = optimizerForRound.apply(round++).optimize(model, global.parameters(), data);
    return LocalUpdate.of(r.update(), data.size());
  }
}
