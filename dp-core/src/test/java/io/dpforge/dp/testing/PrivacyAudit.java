package io.dpforge.dp.testing;

import java.util.function.IntSupplier;

/**
 * A statistical test of (ε, δ)-DP in the style of Google's DP stochastic tester: sample a mechanism
 * many times on two neighbouring inputs, bucket the outputs, and look for evidence that some bucket's
 * probabilities violate P[M(D) ∈ B] ≤ e^ε P[M(D') ∈ B] + δ (summed over buckets for δ &gt; 0), in both
 * directions.
 *
 * <p>Each bucket probability gets a Wilson score interval at z standard deviations; the evidence against
 * the claim is Σ_B max(0, lower(p_D(B)) - e^ε upper(p_D'(B))), which exceeds δ only if some interval
 * fails, i.e. with probability at most (2 × buckets) × the one-sided normal tail at z (Bonferroni): at
 * z = 5.5 and 60 buckets, below 3e-6. A correct mechanism therefore passes with that confidence, and a
 * mechanism whose true ratio exceeds e^ε by enough for the sample size fails.
 */
public final class PrivacyAudit {
  private PrivacyAudit() {}

  /** The evidence of a privacy violation: 0 when none, otherwise the excess mass beyond δ. */
  public record Verdict(double excessMass, double delta) {
    public boolean passes() {
      return excessMass <= delta;
    }
  }

  /**
   * Audits a mechanism whose outputs are bucket indices in [0, buckets).
   *
   * @param onD one sample of M(D), as a bucket index
   * @param onNeighbour one sample of M(D'), as a bucket index
   */
  public static Verdict audit(IntSupplier onD, IntSupplier onNeighbour, int buckets, int samples, double epsilon,
      double delta, double z) {
    long[] a = histogram(onD, buckets, samples);
    long[] b = histogram(onNeighbour, buckets, samples);
    double excess = Math.max(excess(a, b, samples, epsilon, z), excess(b, a, samples, epsilon, z));
    return new Verdict(excess, delta);
  }

  /** The bucket of a real output in a fixed grid of {@code edges} (with one bucket below, one above). */
  public static int bucket(double value, double[] edges) {
    int i = java.util.Arrays.binarySearch(edges, value);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private static long[] histogram(IntSupplier sampler, int buckets, int samples) {
    long[] counts = new long[buckets];
    for (int i = 0; i < samples; i++) {
      counts[sampler.getAsInt()]++;
    }
    return counts;
  }

  private static double excess(long[] first, long[] second, int n, double epsilon, double z) {
    double total = 0;
    for (int i = 0; i < first.length; i++) {
      double lower = wilson(first[i], n, z, -1);
      double upper = wilson(second[i], n, z, +1);
      total += Math.max(0, lower - Math.exp(epsilon) * upper);
    }
    return total;
  }

  /** Wilson score bound for a binomial proportion (sign -1: lower, +1: upper). */
  static double wilson(long successes, int n, double z, int sign) {
    double p = (double) successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return Math.min(1, Math.max(0, centre + sign * half));
  }
}
