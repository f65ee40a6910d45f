package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Empirical variance of released counts against the analytic V_t, end to end: keyed AES-CTR noise
 * (seeded secret, so fixed), exact samplers, calibration and the streams, at T = 2^12 on random 0/1
 * streams.
 *
 * <p>Two checks per mechanism. (1) The per-trial statistic S = (1/T)·Σ_t e_t²/Var_t has mean 1; its
 * mean over K trials must lie within 4 standard errors (estimated from the trials) of 1. (2) At fixed
 * steps, Σ_k e_t²/(K·Var_t) is a χ²_K/K variable: within 4·√(2/K) of 1.
 */
class CounterNoiseStatisticsTest {
  private static final long HORIZON = 1 << 12;
  private static final long[] CHECKPOINTS = {1, 2, 3, 100, 2048, 4095, 4096};

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "tree, gaussian, 300",
      "honaker, gaussian, 300",
      "smooth, gaussian, 300",
      "sqrt, gaussian, 120",
      "blt:4, gaussian, 120",
      "tree, laplace, 150",
      "honaker, laplace, 150",
      "smooth, laplace, 150",
  })
  void empiricalVarianceMatchesTheAnalysis(String name, String kind, int trials) {
    CounterMechanism m = CounterMechanisms.parse(name, HORIZON);
    CounterCalibration cal = kind.equals("gaussian") ? CounterCalibration.gaussian(m, 0.5)
        : CounterCalibration.laplace(m, 1.0);
    KeyedNoise noise = KeyedNoise.of(NoiseSecret.seededNotPrivate(20240611), name + "/" + kind);
    SplittableRandom data = new SplittableRandom(name.hashCode());
    double[] statistic = new double[trials];
    double[] checkpointSquares = new double[CHECKPOINTS.length];
    for (int k = 0; k < trials; k++) {
      CounterStream stream = cal.open(noise, "trial-" + k);
      long exact = 0;
      double s = 0;
      int c = 0;
      for (long t = 1; t <= HORIZON; t++) {
        long x = data.nextInt(2);
        exact += x;
        double e = stream.release(x) - exact;
        double variance = cal.stepVariance(t);
        s += e * e / variance;
        if (c < CHECKPOINTS.length && CHECKPOINTS[c] == t) {
          checkpointSquares[c++] += e * e / variance;
        }
      }
      statistic[k] = s / HORIZON;
    }
    double mean = 0;
    for (double v : statistic) {
      mean += v / trials;
    }
    double var = 0;
    for (double v : statistic) {
      var += (v - mean) * (v - mean) / (trials - 1);
    }
    double standardError = Math.sqrt(var / trials);
    assertTrue(Math.abs(mean - 1) <= 4 * standardError + 1e-3,
        name + " " + kind + ": mean of e²/Var over steps and trials = " + mean + " ± " + standardError);
    assertTrue(standardError < 0.1, name + ": the test would not catch a wrong variance, standard error " + standardError);
    for (int c = 0; c < CHECKPOINTS.length; c++) {
      double ratio = checkpointSquares[c] / trials;
      assertTrue(Math.abs(ratio - 1) <= 4 * Math.sqrt(2.0 / trials) * (kind.equals("laplace") ? 1.6 : 1),
          name + " " + kind + " step " + CHECKPOINTS[c] + ": empirical/analytic variance " + ratio);
    }
  }
}
