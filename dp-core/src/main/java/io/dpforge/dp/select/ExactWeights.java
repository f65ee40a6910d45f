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
   * Bernoulli(exp(c·(u_i - u_max))), with u_max the largest utility of all candidates.
   */
  boolean accept(int i, Randomness random) {
    return accept(i, max, estimates[i], random);
  }

  /**
   * Bernoulli(exp(c·(u_i - top))) for a reference utility {@code top ≥ u_i}. The double estimate of
   * γ_i = c·(top - u_i) has two roundings (relative 2⁻⁵³ each, plus subnormal underflow), so
   * 2⁻⁵⁰γ + 2⁻¹⁰⁰⁰ bounds its error; the exact rational is built only when a draw falls within that
   * window.
   */
  private boolean accept(int i, double top, double estimate, Randomness random) {
    return BernoulliExp.sample(random, estimate, estimate * 0x1p-50 + 0x1p-1000,
        () -> Rational.of(factor).multiply(Rational.difference(top, utilities[i])));
  }

  /**
   * One index from {@code candidates[0..count)} with probability ∝ exp(c·u_i), by rejection: a
   * uniform candidate is kept with probability exp(-c·(u_top - u_i)) ≤ 1, where u_top is the best
   * utility <em>among these candidates</em>. Measuring against the best remaining candidate (not the
   * best of all) keeps the expected number of rounds at most {@code count} when earlier picks have been
   * removed, as in the peeling of {@link GumbelTopK}.
   *
   * @return the position in {@code candidates} of the chosen index
   */
  int samplePosition(int[] candidates, int count, Randomness random) {
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < count; j++) {
      top = Math.max(top, utilities[candidates[j]]);
    }
    while (true) {
      int p = random.nextInt(count);
      int i = candidates[p];
      double estimate = top == max ? estimates[i] : factor * (top - utilities[i]);
      if (accept(i, top, estimate, random)) {
        return p;
      }
    }
  }
}
