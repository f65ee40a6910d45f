package io.dpforge.dp.accounting;

/**
 * The analytic Gaussian mechanism: Balle and Wang, "Improving the Gaussian Mechanism for
 * Differential Privacy: Analytical Calibration and Optimal Denoising" (ICML 2018). The Gaussian
 * mechanism with L2 sensitivity Δ and noise σ is (ε, δ)-DP exactly when
 * δ ≥ Φ(Δ/(2σ) - εσ/Δ) - e^ε Φ(-Δ/(2σ) - εσ/Δ) (Theorem 8), which is tight; the calibration solves
 * this for σ instead of using the classical σ = Δ√(2 log(1.25/δ))/ε, which is loose and invalid for
 * ε &gt; 1.
 */
public final class AnalyticGaussian {
  private AnalyticGaussian() {}

  /** The smallest δ for which the Gaussian mechanism (Δ, σ) is (ε, δ)-DP (Theorem 8). */
  public static double delta(double l2Sensitivity, double sigma, double epsilon) {
    double a = l2Sensitivity / (2 * sigma) - epsilon * sigma / l2Sensitivity;
    double b = -l2Sensitivity / (2 * sigma) - epsilon * sigma / l2Sensitivity;
    double logFirst = GaussianTail.logNormalCdf(a);
    double logSecond = epsilon + GaussianTail.logNormalCdf(b);
    // δ = e^logFirst (1 - e^(logSecond - logFirst)), computed without cancellation.
    return Math.exp(logFirst) * -Math.expm1(logSecond - logFirst);
  }

  /**
   * The smallest σ (to a relative 1e-12, rounded up) for which the Gaussian mechanism with L2
   * sensitivity Δ is (ε, δ)-DP, by bisection on log σ (δ(σ) is decreasing). Balle and Wang's
   * Algorithm 1 solves the same equation.
   */
  public static double sigma(double l2Sensitivity, double epsilon, double delta) {
    if (!(l2Sensitivity > 0) || !(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("analytic Gaussian needs Δ > 0 and finite ε > 0, got Δ="
          + l2Sensitivity + ", ε=" + epsilon);
    }
    RdpConversion.checkDelta(delta);
    double lo = l2Sensitivity;
    double hi = l2Sensitivity;
    while (delta(l2Sensitivity, lo, epsilon) <= delta) {
      lo /= 2;
    }
    while (delta(l2Sensitivity, hi, epsilon) > delta) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = Math.sqrt(lo * hi);
      if (delta(l2Sensitivity, mid, epsilon) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /**
   * The smallest ε (to a relative 1e-14, rounded up) for which a Gaussian mechanism with
   * Δ/σ = {@code mu} is (ε, δ)-DP, by bisection on ε (δ(ε) is decreasing).
   */
  public static double epsilon(double mu, double delta) {
    if (!(mu > 0) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException("Δ/σ must be positive and finite, got " + mu);
    }
    RdpConversion.checkDelta(delta);
    if (delta(mu, 1, 0) <= delta) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (delta(mu, 1, hi) > delta) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (delta(mu, 1, mid) > delta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
