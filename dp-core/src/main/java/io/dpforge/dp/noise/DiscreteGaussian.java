package io.dpforge.dp.noise;

import io.dpforge.dp.random.Randomness;
import java.math.BigInteger;

/**
 * The discrete Gaussian on the integers, P[Z = z] ∝ exp(-z²/(2σ²)), sampled exactly by Canonne,
 * Kamath and Steinke (NeurIPS 2020), Algorithm 3: propose Y from the discrete Laplace of scale
 * t = ⌊σ⌋ + 1 and accept with probability exp(-(|Y| - σ²/t)² / (2σ²)), a rational exponent handled by
 * {@link BernoulliExp}. σ² is an exact rational; no floating point touches the distribution.
 *
 * <p>Privacy (CKS 2020, Theorem 4 and §3): adding it to an integer vector of L2 sensitivity Δ, one
 * independent sample per coordinate, is (Δ²/(2σ²))-zCDP, the same as the continuous Gaussian. Its
 * variance is below σ² (Corollary 9).
 */
public final class DiscreteGaussian {
  private static final BigInteger TWO = BigInteger.TWO;

  private final Rational variance;
  private final DiscreteLaplace proposal;
  private final BigInteger a; // σ² = a / b
  private final BigInteger bt; // b·t
  private final BigInteger acceptDenominator; // 2·a·b·t²
  private final double sigmaSquared; // doubles for the estimate of the acceptance exponent
  private final double sigmaSquaredOverT;
  private final double sigma;

  private DiscreteGaussian(Rational variance) {
    this.variance = variance;
    this.a = variance.numerator();
    BigInteger b = variance.denominator();
    BigInteger t = variance.floorSqrt().add(BigInteger.ONE);
    if (t.bitLength() > 52) {
      throw new IllegalArgumentException("discrete Gaussian σ must be below 2^52, got σ² = " + variance);
    }
    this.proposal = DiscreteLaplace.withIntegerScale(t.longValue());
    this.bt = b.multiply(t);
    this.acceptDenominator = TWO.multiply(a).multiply(b).multiply(t).multiply(t);
    this.sigmaSquared = variance.doubleValue();
    this.sigmaSquaredOverT = sigmaSquared / t.doubleValue();
    this.sigma = Math.sqrt(sigmaSquared);
  }

  /**
   * The discrete Gaussian with variance parameter σ² given exactly.
   *
   * @throws IllegalArgumentException if σ² is zero or σ ≥ 2^52
   */
  public static DiscreteGaussian withVariance(Rational sigmaSquared) {
    if (sigmaSquared.isZero()) {
      throw new IllegalArgumentException("discrete Gaussian σ must be positive");
    }
    return new DiscreteGaussian(sigmaSquared);
  }

  /** The discrete Gaussian whose σ is exactly the double {@code sigma} (σ² = sigma², exactly). */
  public static DiscreteGaussian withSigma(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("discrete Gaussian σ must be positive and finite, got " + sigma);
    }
    Rational s = Rational.of(sigma);
    return withVariance(s.multiply(s));
  }

  /** The variance parameter σ² (the actual variance is slightly smaller). */
  public Rational varianceParameter() {
    return variance;
  }

  /** One sample. */
  public long sample(Randomness random) {
    while (true) {
      long y = proposal.sample(random);
      if (accept(random, Math.abs(y))) {
        return y;
      }
    }
  }

  /**
   * Bernoulli(exp(-γ)) with γ = (|y| - σ²/t)²/(2σ²) = (|y|·b·t - a)² / (2·a·b·t²). The double estimate
   * carries at most 2⁻⁴⁸·σ absolute error in |y| - σ²/t (σ² is rounded twice, each relative 2⁻⁴⁹ at
   * worst, and σ²/t &lt; σ), hence at most 2⁻⁴⁷(|y - σ²/t|/σ + 1) + 2⁻⁵⁰γ in γ; the bound passed on is
   * 16 times that.
   */
  private boolean accept(Randomness random, long absY) {
    if (absY >= (1L << 53)) {
      return BernoulliExp.sample(random, exactGamma(absY));
    }
    double diff = absY - sigmaSquaredOverT;
    double gamma = diff * diff / (2 * sigmaSquared);
    double error = 0x1p-43 * (Math.abs(diff) / sigma + 1 + gamma);
    return BernoulliExp.sample(random, gamma, error, () -> exactGamma(absY));
  }

  private Rational exactGamma(long absY) {
    BigInteger diff = BigInteger.valueOf(absY).multiply(bt).subtract(a);
    return new Rational(diff.multiply(diff), acceptDenominator);
  }

  @Override
  public String toString() {
    return "DiscreteGaussian(σ²=" + variance + ")";
  }
}
