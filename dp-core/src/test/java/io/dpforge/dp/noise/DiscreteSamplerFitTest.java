package io.dpforge.dp.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.accounting.GaussianTail;
import io.dpforge.dp.random.Randomness;
import io.dpforge.dp.testing.GoodnessOfFit;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goodness of fit of the exact samplers against their exact pmfs (chi-square) at small and moderate
 * scales, and against the continuous limit (Kolmogorov-Smirnov) at huge scales, with fixed seeds. A
 * test fails when p &lt; 1e-4: with ~20 such tests a false alarm is about one in 500 seeds, and the
 * seeds are fixed, so these tests are deterministic.
 */
class DiscreteSamplerFitTest {
  private static final double ALPHA = 1e-4;
  private static final int N = 200_000;

  static LongToDoubleFunction gaussianPmf(double sigma) {
    long range = (long) Math.ceil(40 * sigma) + 10;
    double norm = 0;
    for (long k = -range; k <= range; k++) {
      norm += Math.exp(-(double) k * k / (2 * sigma * sigma));
    }
    double z = norm;
    return k -> Math.exp(-(double) k * k / (2 * sigma * sigma)) / z;
  }

  static LongToDoubleFunction laplacePmf(double scale) {
    double q = Math.exp(-1 / scale);
    return k -> (1 - q) / (1 + q) * Math.exp(-Math.abs(k) / scale);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.7, 1, 1.5, 3.7, 10, 55.5})
  void discreteGaussianFitsItsPmf(double sigma) {
    Randomness r = Randomness.seededNotPrivate(Double.doubleToLongBits(sigma));
    DiscreteGaussian g = DiscreteGaussian.withSigma(sigma);
    long[] samples = new long[N];
    for (int i = 0; i < N; i++) {
      samples[i] = g.sample(r);
    }
    double p = GoodnessOfFit.chiSquarePValue(samples, gaussianPmf(sigma), (long) Math.ceil(8 * sigma) + 2);
    assertTrue(p > ALPHA, "σ=" + sigma + " chi-square p=" + p);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.5, 1, 2.5, 10, 77})
  void discreteLaplaceFitsItsPmf(double scale) {
    Randomness r = Randomness.seededNotPrivate(Double.doubleToLongBits(scale) + 1);
    DiscreteLaplace l = DiscreteLaplace.withScale(scale);
    long[] samples = new long[N];
    for (int i = 0; i < N; i++) {
      samples[i] = l.sample(r);
    }
    double p = GoodnessOfFit.chiSquarePValue(samples, laplacePmf(scale), (long) Math.ceil(15 * scale) + 2);
    assertTrue(p > ALPHA, "scale=" + scale + " chi-square p=" + p);
  }

  /** At σ = 1e6 and σ = 2^40 (the BigInteger path) the discrete Gaussian matches N(0, σ²) in KS. */
  @ParameterizedTest
  @ValueSource(doubles = {1e6, 0x1p40})
  void hugeDiscreteGaussianMatchesTheNormalLaw(double sigma) {
    Randomness r = Randomness.seededNotPrivate(11);
    DiscreteGaussian g = DiscreteGaussian.withSigma(sigma);
    int n = 40_000;
    double[] samples = new double[n];
    for (int i = 0; i < n; i++) {
      samples[i] = g.sample(r) / sigma;
    }
    double p = GoodnessOfFit.ksPValue(samples, GaussianTail::normalCdf);
    assertTrue(p > ALPHA, "σ=" + sigma + " KS p=" + p);
  }

  @Test
  void hugeDiscreteLaplaceMatchesTheLaplaceLaw() {
    Randomness r = Randomness.seededNotPrivate(12);
    double scale = 1e9;
    DiscreteLaplace l = DiscreteLaplace.withScale(scale);
    int n = 40_000;
    double[] samples = new double[n];
    for (int i = 0; i < n; i++) {
      samples[i] = l.sample(r) / scale;
    }
    double p = GoodnessOfFit.ksPValue(samples, x -> x < 0 ? 0.5 * Math.exp(x) : 1 - 0.5 * Math.exp(-x));
    assertTrue(p > ALPHA, "KS p=" + p);
  }

  /** Tails: P[|Z| ≥ 4σ] of the discrete Gaussian at σ = 2 within 4.5 binomial sd of the exact value. */
  @Test
  void discreteGaussianTailMassIsExact() {
    double sigma = 2;
    LongToDoubleFunction pmf = gaussianPmf(sigma);
    double tail = 0;
    for (long k = 8; k < 200; k++) {
      tail += 2 * pmf.applyAsDouble(k);
    }
    Randomness r = Randomness.seededNotPrivate(5);
    DiscreteGaussian g = DiscreteGaussian.withSigma(sigma);
    int n = 1_000_000;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      if (Math.abs(g.sample(r)) >= 8) {
        hits++;
      }
    }
    double sd = Math.sqrt(n * tail * (1 - tail));
    assertTrue(Math.abs(hits - n * tail) < 4.5 * sd, hits + " tail samples vs expected " + n * tail);
  }

  /** Negative control: the same test rejects samples whose σ is off by 3%. */
  @Test
  void theFitTestDetectsAWrongScale() {
    Randomness r = Randomness.seededNotPrivate(13);
    DiscreteGaussian g = DiscreteGaussian.withSigma(1.03);
    long[] samples = new long[N];
    for (int i = 0; i < N; i++) {
      samples[i] = g.sample(r);
    }
    assertTrue(GoodnessOfFit.chiSquarePValue(samples, gaussianPmf(1), 10) < ALPHA);
  }

  /** A rational σ² (not a square of a double) is honoured exactly: σ² = 2/3. */
  @Test
  void rationalVarianceIsHonoured() {
    Randomness r = Randomness.seededNotPrivate(8);
    DiscreteGaussian g = DiscreteGaussian.withVariance(Rational.of(2, 3));
    long[] samples = new long[N];
    for (int i = 0; i < N; i++) {
      samples[i] = g.sample(r);
    }
    double p = GoodnessOfFit.chiSquarePValue(samples, gaussianPmf(Math.sqrt(2.0 / 3)), 10);
    assertTrue(p > ALPHA, "p=" + p);
    assertEquals(Rational.of(2, 3), g.varianceParameter());
  }
}
