package io.dpforge.synth.mechanism;

import java.util.List;

/**
 * The mechanisms the engine releases private values through. Each call charges its cost before the
 * value exists. The private implementation ({@link DpReleases}) uses dp-core's exact samplers and
 * budget ledger; {@link ExactReleases} adds no noise and exists only for tests (ε = ∞, not private).
 */
public interface Releases {

  /** Whether outputs are private (false for seeded noise and for the exact test mode). */
  boolean isPrivate();

  /** One line naming the source of noise, e.g. "SecureRandom DRBG (private)". */
  String describe();

  /**
   * The Gaussian mechanism on a count vector (Canonne, Kamath, Steinke 2020, discrete Gaussian:
   * ρ = Δ²/(2σ²)-zCDP).
   *
   * @return the noisy counts
   */
  double[] gaussian(String released, long[] counts, double l2Sensitivity, double sigma);

  /**
   * One-shot top-K selection with Gumbel noise (Durfee and Rogers 2019): the indices of the {@code k}
   * largest {@code scores} after noise, costing {@code k} exponential mechanisms with parameter
   * {@code epsilonPerPick} (ρ = k·ε²/8 by bounded range, Cesar and Rogers 2021).
   */
  int[] topK(String released, double[] scores, int k, double sensitivity, double epsilonPerPick);

  /** Everything released so far, in order. */
  List<Release> releases();

  /** Total ρ spent so far. */
  double rhoSpent();
}
