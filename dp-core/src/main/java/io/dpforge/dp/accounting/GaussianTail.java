package io.dpforge.dp.accounting;

import org.hipparchus.special.Erf;

/**
 * Logarithms of Gaussian tail functions that stay accurate far into the tail, where erfc underflows.
 */
public final class GaussianTail {
  /** Beyond this Hipparchus's erfc is close to underflow; the asymptotic series is accurate to 1e-13. */
  private static final double ASYMPTOTIC_FROM = 25;
  private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);

  private GaussianTail() {}

  /**
   * log erfc(x). For x ≥ 25 uses the asymptotic expansion log erfc(x) ≈ -log(π)/2 - log x - x² +
   * log(1 - 1/(2x²) + 3/(4x⁴) - 15/(8x⁶) + 105/(16x⁸)) (Abramowitz &amp; Stegun 7.1.23).
   */
  public static double logErfc(double x) {
    if (x < ASYMPTOTIC_FROM) {
      return Math.log(Erf.erfc(x));
    }
    double inv2 = 1 / (x * x);
    double series = 1 - inv2 / 2 * (1 - 1.5 * inv2 * (1 - 2.5 * inv2 * (1 - 3.5 * inv2)));
    return -HALF_LOG_PI - Math.log(x) - x * x + Math.log(series);
  }

  /** log Φ(x), Φ the standard normal CDF: Φ(x) = erfc(-x/√2)/2. */
  public static double logNormalCdf(double x) {
    return logErfc(-x / Math.sqrt(2)) - Math.log(2);
  }

  /** Φ(x). */
  public static double normalCdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }
}
