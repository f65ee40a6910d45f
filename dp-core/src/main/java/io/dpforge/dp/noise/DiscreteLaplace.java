package io.dpforge.dp.noise;

import io.dpforge.dp.random.Randomness;
import java.math.BigInteger;

/**
 * The discrete Laplace distribution on the integers, P[Z = z] ∝ exp(-|z| / scale), sampled exactly by
 * Canonne, Kamath and Steinke (NeurIPS 2020), Algorithm 2: a geometric variable built from
 * Bernoulli(exp(-U/t)) and Bernoulli(exp(-1)) trials ({@link BernoulliExp}), scaled down by s, with a
 * fair sign and the second zero rejected. Scale = t/s exactly; no floating point.
 *
 * <p>Privacy: adding it to an integer-valued query of L1 sensitivity Δ gives (Δ/scale)-DP, exactly as
 * the continuous Laplace mechanism does (Ghosh, Roughgarden and Sundararajan 2009; CKS 2020 §1).
 */
public final class DiscreteLaplace {
  /** t·V must not overflow; V exceeds 2^10 with probability e^-1024. */
  private static final long MAX_T = 1L << 53;

  private final long t;
  private final long s;

  private DiscreteLaplace(long t, long s) {
    this.t = t;
    this.s = s;
  }

  /**
   * The discrete Laplace with the given exact scale.
   *
   * @throws IllegalArgumentException if the scale is not positive or its reduced numerator exceeds
   *     2^53 or its denominator 2^62
   */
  public static DiscreteLaplace withScale(Rational scale) {
    BigInteger gcd = scale.numerator().gcd(scale.denominator());
    BigInteger t = scale.numerator().divide(gcd.signum() == 0 ? BigInteger.ONE : gcd);
    BigInteger s = scale.denominator().divide(gcd.signum() == 0 ? BigInteger.ONE : gcd);
    if (t.signum() <= 0 || t.compareTo(BigInteger.valueOf(MAX_T)) > 0 || s.bitLength() > 62) {
      throw new IllegalArgumentException("discrete Laplace scale must be a positive fraction t/s with t <= 2^53"
          + " and s < 2^62, got " + scale);
    }
    return new DiscreteLaplace(t.longValue(), s.longValue());
  }

  /** The discrete Laplace with scale exactly equal to the double {@code scale}. */
  public static DiscreteLaplace withScale(double scale) {
    return withScale(Rational.of(scale));
  }

  /** The discrete Laplace with integer scale {@code t} (the proposal of {@link DiscreteGaussian}). */
  public static DiscreteLaplace withIntegerScale(long t) {
    return withScale(Rational.of(t, 1));
  }

  /** The scale t/s. */
  public Rational scale() {
    return Rational.of(t, s);
  }

  /** One sample. */
  public long sample(Randomness random) {
    while (true) {
      long u = random.nextLong(t);
      if (!BernoulliExp.sample(random, u, t)) {
        continue;
      }
      long v = 0;
      while (BernoulliExp.expMinusOne(random)) {
        v++;
      }
      long x = Math.addExact(u, Math.multiplyExact(t, v));
      long y = x / s;
      boolean negative = random.nextBoolean();
      if (negative && y == 0) {
        continue;
      }
      return negative ? -y : y;
    }
  }

  @Override
  public String toString() {
    return "DiscreteLaplace(scale=" + t + "/" + s + ")";
  }
}
