package io.dpforge.dp.select;

import io.dpforge.dp.noise.BernoulliExp;
import io.dpforge.dp.noise.Rational;
import io.dpforge.dp.random.Randomness;

/**
 * Candidates weighted by exp(c·u_i), held as exact exponents γ_i = c·(u_max - u_i) ≥ 0 so that
 * Bernoulli(exp(-γ_i)) can be drawn exactly ({@link BernoulliExp}). Utilities and c are doubles,
 * hence exact dyadic rationals: the sampled distribution is exactly the one those doubles define.
 */
final class ExactWeights {
  private final Rational[] gammas;

  private ExactWeights(Rational[] gammas) {
    this.gammas = gammas;
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
    Rational c = Rational.of(factor);
    Rational[] gammas = new Rational[utilities.length];
    for (int i = 0; i < utilities.length; i++) {
      gammas[i] = c.multiply(Rational.difference(max, utilities[i]));
    }
    return new ExactWeights(gammas);
  }

  int size() {
    return gammas.length;
  }

  /** Bernoulli(exp(c·(u_i - u_max))). */
  boolean accept(int i, Randomness random) {
    return BernoulliExp.sample(random, gammas[i]);
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
