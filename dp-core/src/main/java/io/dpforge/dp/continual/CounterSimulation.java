package io.dpforge.dp.continual;

import java.util.SplittableRandom;

/**
 * Measures the error of a calibrated counter empirically: K independent streams (stream keys
 * "trial-0", "trial-1", …) over a random 0/1 stream, against the analytic per-step variance.
 *
 * <p>The per-trial statistic S_k = (1/T)·Σ_t e_t²/Var_t has mean 1 whatever the correlation between
 * steps, so its mean over trials and the standard error estimated from the trials give a calibrated
 * check of the whole variance profile.
 */
public final class CounterSimulation {
  private CounterSimulation() {}

  /**
   * Result of a simulation.
   *
   * @param trials K
   * @param empiricalVariance Σ_k e_{k,t}²/K for each step t (index t − 1); the noise has mean 0
   * @param analyticVariance the calibrated variance of each step
   * @param meanRatio the mean over trials of S_k
   * @param meanRatioStandardError the standard error of {@code meanRatio}, from the spread of S_k
   */
  public record Result(int trials, double[] empiricalVariance, double[] analyticVariance, double meanRatio,
      double meanRatioStandardError) {}

  /**
   * Runs K trials.
   *
   * @param dataSeed seeds the simulated 0/1 counts (not noise: the noise is keyed)
   */
  public static Result run(CounterCalibration calibration, KeyedNoise noise, int trials, long dataSeed) {
    if (trials < 2) {
      throw new IllegalArgumentException("a simulation needs at least 2 trials, got " + trials);
    }
    int horizon = Math.toIntExact(calibration.mechanism().horizon());
    double[] analytic = new double[horizon];
    for (int t = 0; t < horizon; t++) {
      analytic[t] = calibration.stepVariance(t + 1);
    }
    double[] squares = new double[horizon];
    double[] statistic = new double[trials];
    SplittableRandom data = new SplittableRandom(dataSeed);
    for (int k = 0; k < trials; k++) {
      CounterStream stream = calibration.open(noise, "trial-" + k);
      long exact = 0;
      double s = 0;
      for (int t = 0; t < horizon; t++) {
        long x = data.nextInt(2);
        exact += x;
        double e = stream.release(x) - exact;
        squares[t] += e * e;
        s += e * e / analytic[t];
      }
      statistic[k] = s / horizon;
    }
    double mean = 0;
    for (double v : statistic) {
      mean += v / trials;
    }
    double spread = 0;
    for (double v : statistic) {
      spread += (v - mean) * (v - mean) / (trials - 1);
    }
    for (int t = 0; t < horizon; t++) {
      squares[t] /= trials;
    }
    return new Result(trials, squares, analytic, mean, Math.sqrt(spread / trials));
  }
}
