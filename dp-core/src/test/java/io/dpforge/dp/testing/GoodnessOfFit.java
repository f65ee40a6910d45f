package io.dpforge.dp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;
import org.hipparchus.special.Gamma;

/** Goodness-of-fit tests for the samplers: chi-square against an exact pmf, Kolmogorov-Smirnov against a CDF. */
public final class GoodnessOfFit {
  private static final double MIN_EXPECTED = 5;

  private GoodnessOfFit() {}

  /**
   * The chi-square p-value of integer samples against {@code pmf}, binned over [-range, range] with
   * both tails as bins and neighbouring bins merged until each expects at least 5 samples.
   */
  public static double chiSquarePValue(long[] samples, LongToDoubleFunction pmf, long range) {
    int width = (int) (2 * range + 1);
    long[] counts = new long[width + 2]; // [0] below -range, [width+1] above range
    for (long s : samples) {
      int bin = s < -range ? 0 : s > range ? width + 1 : (int) (s + range + 1);
      counts[bin]++;
    }
    double[] probabilities = new double[width + 2];
    double inside = 0;
    for (int i = 1; i <= width; i++) {
      probabilities[i] = pmf.applyAsDouble(i - 1 - range);
      inside += probabilities[i];
    }
    double tails = Math.max(0, 1 - inside);
    probabilities[0] = tails / 2; // pmfs tested here are symmetric
    probabilities[width + 1] = tails / 2;
    return chiSquarePValue(counts, probabilities, samples.length);
  }

  /** The chi-square p-value of bin counts against bin probabilities, merging small bins. */
  public static double chiSquarePValue(long[] counts, double[] probabilities, long n) {
    List<double[]> merged = new ArrayList<>(); // {observed, expected}
    double obs = 0;
    double exp = 0;
    for (int i = 0; i < counts.length; i++) {
      obs += counts[i];
      exp += probabilities[i] * n;
      if (exp >= MIN_EXPECTED) {
        merged.add(new double[] {obs, exp});
        obs = 0;
        exp = 0;
      }
    }
    if (exp > 0 || obs > 0) {
      if (merged.isEmpty()) {
        merged.add(new double[] {obs, exp});
      } else {
        double[] last = merged.get(merged.size() - 1);
        last[0] += obs;
        last[1] += exp;
      }
    }
    if (merged.size() < 2) {
      return 1; // one bin: nothing to test
    }
    double statistic = 0;
    for (double[] bin : merged) {
      statistic += (bin[0] - bin[1]) * (bin[0] - bin[1]) / bin[1];
    }
    int df = merged.size() - 1;
    return Gamma.regularizedGammaQ(df / 2.0, statistic / 2);
  }

  /** The asymptotic Kolmogorov-Smirnov p-value of samples against a continuous CDF. */
  public static double ksPValue(double[] samples, DoubleUnaryOperator cdf) {
    double[] sorted = samples.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(sorted[i]);
      d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
    }
    double x = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d; // Stephens' correction
    double p = 0;
    for (int k = 1; k <= 100; k++) {
      p += 2 * ((k & 1) == 1 ? 1 : -1) * Math.exp(-2.0 * k * k * x * x);
    }
    return Math.max(0, Math.min(1, p));
  }
}
