package io.dpforge.dp.accounting;

/**
 * The smallest noise multiplier meeting a target ε, by bisection with Opacus's rules
 * ({@code opacus.accountants.utils.get_noise_multiplier}): σ_high starts at 10 and doubles until
 * ε(σ_high) &lt; target, then the bracket [0, σ_high] is halved until target - ε(σ_high) ≤ tolerance,
 * and σ_high is returned, so the result always meets the target. Opacus's tolerance is 0.01; a smaller
 * one gives a σ closer to the smallest that works.
 */
public final class NoiseCalibration {
  /** Opacus's {@code epsilon_tolerance}. */
  public static final double OPACUS_TOLERANCE = 0.01;
  private static final double MAX_SIGMA = 1e6;

  private NoiseCalibration() {}

  /**
   * @throws IllegalArgumentException if no σ up to 10⁶ meets the target (the budget is too small)
   */
  public static double noiseMultiplier(SubsampledGaussianAccountant accountant, double targetEpsilon, double delta,
      double samplingRate, long steps, double tolerance) {
    if (!(targetEpsilon > 0) || !(tolerance > 0)) {
      throw new IllegalArgumentException("target ε and tolerance must be positive, got " + targetEpsilon + ", " + tolerance);
    }
    double sigmaLow = 0;
    double sigmaHigh = 10;
    double epsHigh = Double.POSITIVE_INFINITY;
    while (epsHigh > targetEpsilon) {
      sigmaHigh *= 2;
      if (sigmaHigh > MAX_SIGMA) {
        throw new IllegalArgumentException("the privacy budget ε=" + targetEpsilon + " at δ=" + delta
            + " is too low: even σ=" + MAX_SIGMA + " exceeds it for q=" + samplingRate + ", " + steps + " steps");
      }
      epsHigh = accountant.epsilon(samplingRate, sigmaHigh, steps, delta);
    }
    while (targetEpsilon - epsHigh > tolerance) {
      double sigma = (sigmaLow + sigmaHigh) / 2;
      double eps = accountant.epsilon(samplingRate, sigma, steps, delta);
      if (eps < targetEpsilon) {
        sigmaHigh = sigma;
        epsHigh = eps;
      } else {
        sigmaLow = sigma;
      }
    }
    return sigmaHigh;
  }
}
