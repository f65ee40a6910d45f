package io.dpforge.dp.select;

import io.dpforge.dp.noise.BernoulliExp;
import io.dpforge.dp.noise.Rational;
import io.dpforge.dp.random.Randomness;
import java.util.Arrays;

/**
 * Candidates weighted by exp(c·u_i), through exponents γ_i = c·(u_max - u_i) ≥ 0 so that
 * Bernoulli(exp(-γ_i)) can be drawn exactly ({@link BernoulliExp}). Utilities and c are doubles,
 * hence exact dyadic rationals: the sampled distribution is exactly the one those doubles define.
 */
final class ExactWeights {
  private final double[] utilities;
  private final double max;
  private final double factor;
  private final double[] estimates;

  private ExactWeights(double[] utilities, double max, double factor) {
    this.utilities = utilities;
    this.max = max;
    this.factor = factor;
    this.estimates = new double[utilities.length];
    for (int i = 0; i < utilities.length; i++) {
      estimates[i] = factor * (max - utilities[i]);
    }
  }

  static ExactWeights of(double[] utilities, double factor) {
    if (utilities.length == 0) {
      throw new IllegalArgumentException("selection needs at least one candidate");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < utilities.length; i++) {
      if (!Double.isFinite(utilities[i])) {
        throw new IllegalArgumentException("utility " + i + " is not finite: " + utilities[i]);
      }
      max = Math.max(max, utilities[i]);
    }
    if (!Double.isFinite(factor * (max - Arrays.stream(utilities).min().orElse(max)))) {
      throw new IllegalArgumentException("utilities span too wide a range for ε/Δ = " + factor);
    }
    return new ExactWeights(utilities.clone(), max, factor);
  }

  int size() {
    return utilities.length;
  }

  /**
   * Bernoulli(exp(c·(u_i - u_max))). The double estimate of γ_i = c·(u_max - u_i) has two roundings
   * (relative 2⁻⁵³ each, plus subnormal underflow), so 2⁻⁵⁰γ + 2⁻¹⁰⁰⁰ bounds its error; the exact
   * rational is built only when a draw falls within that window.
   */
  boolean accept(int i, Randomness random) {
    double estimate = estimates[i];
    return BernoulliExp.sample(random, estimate, estimate * 0x1p-50 + 0x1p-1000, () -> exactGamma(i));
  }

  private Rational exactGamma(int i) {
    return Rational.of(factor).multiply(Rational.difference(max, utilities[i]));
  }
  /**
   * One index from {@code candidates[0..count)} with probability ∝ exp(c·u_i), by rejection: a
   * uniform candidate is kept with probability exp(-γ_i) ≤ 1. The best candidate has γ = 0, so the
   * expected number of rounds is at most {@code count}.
   *
   * @return the position in {@code candidates} of the chosen index
   */
  int samplePosition(int[] candidates, int count, Randomness random) {
    while (true) {
      int p = random.nextInt(count);
      if (accept(candidates[p], random)) {
        return p;
      }
    }
  }
}
