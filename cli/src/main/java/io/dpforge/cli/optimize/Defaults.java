package io.dpforge.cli.optimize;

import io.dpforge.client.optim.StepSchedule;
import io.dpforge.client.problem.DataSource;

/**
 * Hyperparameters {@code dpforge optimize} uses when the command line gives none, per data source. The
 * synthetic ones are the winners of the tuning on public proxy data at ε = 4 (client-sdk/README.md,
 * utility table); the Fashion-MNIST ones the DP-SGD setting of its table. Lot and batch sizes are capped
 * at n by the caller.
 */
record Defaults(int sgdBatch, double sgdStep, int lot, int dpSgdSteps, double dpSgdStep, StepSchedule schedule,
    int spiderSteps, int phase, int variationBatch, double spiderStep, double smoothness, double anchorNoiseRatio) {

  static Defaults forData(DataSource data, int n) {
    if (data == DataSource.SYNTHETIC) {
      return new Defaults(64, 1.0, 16_000, 300, 25, StepSchedule.LINEAR_DECAY, 400, 200, 4000, 10, 0.05, 0.3);
    }
    int lot = 2048;
    return new Defaults(128, 0.05, lot, Math.max(1, 20 * n / lot), 2, StepSchedule.CONSTANT, 600, 100, 2048, 2, 1.0,
        0.3);
  }
}
