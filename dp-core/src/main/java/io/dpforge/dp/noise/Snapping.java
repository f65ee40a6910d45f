package io.dpforge.dp.noise;

import java.math.BigDecimal;

/**
 * The lattice that real-valued mechanisms release on. Mironov ("On Significance of the Least
 * Significant Bits for Differential Privacy", CCS 2012) showed that adding floating-point Laplace
 * noise leaks the input through which doubles can occur. The defence used here (as in Google's DP
 * library) is to round the input to a multiple of a power of two g, add g times an exactly sampled
 * integer, and convert that integer multiple of g to a double only at the end: the output is a function
 * of one integer, and that integer is an exact discrete mechanism.
 *
 * <p>The price is sensitivity: rounding moves each coordinate by up to g/2, so neighbouring inputs can
 * round up to g further apart per coordinate (g·d in L1, g·√d in L2 over d coordinates). The
 * mechanisms calibrate their noise to that inflated sensitivity, so the stated guarantee holds exactly;
 * the cost is noise larger by the factor (Δ + g·d)/Δ or (Δ + g√d)/Δ, below 10⁻⁶ at the granularities
 * chosen, and a rounding error of at most g/2 per coordinate.
 */
public final class Snapping {
  /** Multiples beyond this are handled in exact decimal arithmetic. */
  private static final double LONG_SAFE = 0x1p62;

  private Snapping() {}

  /** The smallest power of two ≥ x, for x &gt; 0 (normal or subnormal). */
  public static double powerOfTwoAtLeast(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("granularity basis must be positive and finite, got " + x);
    }
    double p = x < Double.MIN_NORMAL ? Double.MIN_VALUE : Math.scalb(1.0, Math.getExponent(x));
    while (p < x) {
      p *= 2;
    }
    return p;
  }

  /**
   * {@code round(value/g) + noise} as a multiple of g, converted to the nearest double: the rounding to
   * a double is post-processing of the exact integer {@code round(value/g) + noise}.
   */
  static double snapAndShift(double value, double granularity, long noise) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("cannot add noise to a non-finite value: " + value);
    }
    double multiple = Math.rint(value / granularity); // exact: g is a power of two
    if (Double.isInfinite(multiple)) {
      throw new IllegalArgumentException("value " + value + " is too large for the noise granularity " + granularity);
    }
    if (Math.abs(multiple) < LONG_SAFE) {
      return (double) ((long) multiple + noise) * granularity;
    }
    return new BigDecimal(multiple).add(BigDecimal.valueOf(noise)).multiply(new BigDecimal(granularity)).doubleValue();
  }
}
