package io.dpforge.dp.continual;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Empirical variance of released counts against the analytic V_t, end to end: keyed AES-CTR noise
 * (seeded secret, so fixed), exact samplers, calibration and the streams, at T = 2^12 on random 0/1
 * streams ({@link CounterSimulation}).
 *
 * <p>Two checks per mechanism. (1) The per-trial statistic S = (1/T)·Σ_t e_t²/Var_t has mean 1; its
 * mean over K trials must lie within 4 standard errors (estimated from the trials) of 1, and that
 * standard error must be small enough (&lt; 0.1) to catch a wrong scale. (2) At fixed steps, the empirical
 * variance over trials is Var_t·χ²_K/K: within 4·√(2/K) of Var_t (Gaussian; Laplace draws have kurtosis
 * 6, hence the factor 1.6 ≈ √(5/2) on that tolerance).
 */
class CounterNoiseStatisticsTest {
  private static final long HORIZON = 1 << 12;
  private static final int[] CHECKPOINTS = {1, 2, 3, 100, 2048, 4095, 4096};

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
    boolean gaussian = kind.equals("gaussian");
    CounterCalibration cal = gaussian ? CounterCalibration.gaussian(m, 0.5) : CounterCalibration.laplace(m, 1.0);
    KeyedNoise noise = KeyedNoise.of(NoiseSecret.seededNotPrivate(20240611), name + "/" + kind);
    CounterSimulation.Result r = CounterSimulation.run(cal, noise, trials, name.hashCode());
    assertTrue(Math.abs(r.meanRatio() - 1) <= 4 * r.meanRatioStandardError() + 1e-3,
        name + " " + kind + ": mean of e²/Var over steps and trials = " + r.meanRatio() + " ± "
            + r.meanRatioStandardError());
    assertTrue(r.meanRatioStandardError() < 0.1, name + ": standard error " + r.meanRatioStandardError());
    for (int t : CHECKPOINTS) {
      double ratio = r.empiricalVariance()[t - 1] / r.analyticVariance()[t - 1];
      assertTrue(Math.abs(ratio - 1) <= 4 * Math.sqrt(2.0 / trials) * (gaussian ? 1 : 1.6),
          name + " " + kind + " step " + t + ": empirical/analytic variance " + ratio);
    }
  }
}
