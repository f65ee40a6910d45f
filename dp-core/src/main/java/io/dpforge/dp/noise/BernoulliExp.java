package io.dpforge.dp.noise;

import io.dpforge.dp.random.Randomness;
import java.math.BigInteger;

/**
 * Exact Bernoulli(exp(-γ)) for rational γ ≥ 0: Canonne, Kamath and Steinke, "The Discrete Gaussian
 * for Differential Privacy" (NeurIPS 2020), Algorithm 1, with the extension to γ &gt; 1 given there
 * (⌊γ⌋ independent Bernoulli(exp(-1)) trials, then one for the fractional part).
 *
 * <p>For γ ∈ [0, 1] the sampler draws A_k ~ Bernoulli(γ/k) for k = 1, 2, … until the first failure
 * and returns 1 iff that happens at an odd k; P[K odd] is the alternating series of exp(-γ). Every
 * Bernoulli(n/d) is "a uniform integer in [0, d) is below n", so no floating point is involved.
 * Expected cost: at most e ≈ 2.7 uniform draws for the fractional part plus a geometric number
 * (mean &lt; 1.6) of exp(-1) trials.
 */
public final class BernoulliExp {
  /** Products below this stay in long arithmetic. */
  private static final long LONG_LIMIT = 1L << 62;

  private BernoulliExp() {}

  /** Bernoulli(exp(-γ)). */
  public static boolean sample(Randomness random, Rational gamma) {
    return sample(random, gamma.numerator(), gamma.denominator());
  }

  /** Bernoulli(exp(-num/den)) for {@code num >= 0}, {@code den > 0}. */
  public static boolean sample(Randomness random, BigInteger num, BigInteger den) {
    if (num.bitLength() < 62 && den.bitLength() < 62) {
      return sample(random, num.longValue(), den.longValue());
    }
    BigInteger[] wholeAndFraction = num.divideAndRemainder(den);
    if (!passesExpMinusOne(random, wholeAndFraction[0])) {
      return false;
    }
    return sampleAtMostOne(random, wholeAndFraction[1], den);
  }

  /** Bernoulli(exp(-num/den)) for {@code num >= 0}, {@code den > 0}. */
  public static boolean sample(Randomness random, long num, long den) {
    if (num < 0 || den <= 0) {
      throw new IllegalArgumentException("γ must be a non-negative fraction, got " + num + "/" + den);
    }
    long whole = num / den;
    for (long i = 0; i < whole; i++) {
      if (!expMinusOne(random)) {
        return false;
      }
    }
    return sampleAtMostOne(random, num % den, den);
  }

  /** Bernoulli(exp(-1)). */
  static boolean expMinusOne(Randomness random) {
    long k = 1;
    while (random.nextLong(k) == 0) { // Bernoulli(1/k)
      k++;
    }
    return (k & 1) == 1;
  }

  private static boolean passesExpMinusOne(Randomness random, BigInteger times) {
    for (BigInteger i = BigInteger.ZERO; i.compareTo(times) < 0; i = i.add(BigInteger.ONE)) {
      if (!expMinusOne(random)) {
        return false;
      }
    }
    return true;
  }

  /** Algorithm 1 for γ = num/den ∈ [0, 1]. */
  private static boolean sampleAtMostOne(Randomness random, long num, long den) {
    if (num == 0) {
      return true;
    }
    long k = 1;
    while (true) {
      if (den > LONG_LIMIT / k) {
        return sampleAtMostOne(random, BigInteger.valueOf(num), BigInteger.valueOf(den), k);
      }
      if (random.nextLong(den * k) >= num) { // Bernoulli(num / (den k)) failed
        return (k & 1) == 1;
      }
      k++;
    }
  }

  private static boolean sampleAtMostOne(Randomness random, BigInteger num, BigInteger den) {
    if (num.signum() == 0) {
      return true;
    }
    return sampleAtMostOne(random, num, den, 1);
  }

  private static boolean sampleAtMostOne(Randomness random, BigInteger num, BigInteger den, long firstK) {
    long k = firstK;
    while (true) {
      BigInteger bound = den.multiply(BigInteger.valueOf(k));
      if (random.nextBigInteger(bound).compareTo(num) >= 0) {
        return (k & 1) == 1;
      }
      k++;
    }
  }
}
