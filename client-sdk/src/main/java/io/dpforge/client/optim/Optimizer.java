package io.dpforge.client.optim;

import io.dpforge.client.data.Dataset;
import io.dpforge.client.model.Model;

/**
 * Local training: runs from a starting parameter vector over local data and returns the trained
 * parameters and the update (trained − start), which is what a federated client uploads.
 */
public interface Optimizer {

  /** Trains {@code model} from {@code start} (not modified) on {@code data}. */
  OptimizationResult optimize(Model model, double[] start, Dataset data);
}
