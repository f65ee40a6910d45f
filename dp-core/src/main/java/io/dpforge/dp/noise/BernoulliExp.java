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

  /**
   * Bernoulli(exp(-γ)) for a γ known only to lie in [estimate - error, estimate + error] until the
   * exact value is needed. Each Bernoulli(f/k) trial of Algorithm 1 compares 53 uniform bits with the
   * window f/k; only when the bits fall inside the window (probability about the window's width) is
   * the exact γ computed and the comparison finished bit by bit. The law is exactly Bernoulli(exp(-γ));
   * the estimate only decides how often exact arithmetic runs.
   *
   * @param estimate a double near γ
   * @param error a rigorous bound on |estimate - γ| (must absorb every rounding behind the estimate)
   * @param exactGamma γ exactly, computed on demand
   */
  public static boolean sample(Randomness random, double estimate, double error,
      java.util.function.Supplier<Rational> exactGamma) {
    double lo = Math.max(0, estimate - error);
    double hi = estimate + error;
    if (!(hi < 0x1p52) || Math.floor(lo) != Math.floor(hi)) {
      return sample(random, exactGamma.get());
    }
    long whole = (long) Math.floor(hi);
    for (long i = 0; i < whole; i++) {
      if (!expMinusOne(random)) {
        return false;
      }
    }
    double fractionLo = lo - whole;
    double fractionHi = hi - whole;
    Rational exactFraction = null;
    for (long k = 1; ; k++) {
      double pLo = fractionLo / k * (1 - 0x1p-50);
      double pHi = fractionHi / k * (1 + 0x1p-50);
      // U's first 32 bits decide unless they fall in the window; then 21 more, then exact bits.
      long bits = random.nextBits(32);
      int known = 32;
      int verdict = compare(bits, known, pLo, pHi);
      if (verdict == 0) {
        bits = (bits << 21) | random.nextBits(21);
        known = 53;
        verdict = compare(bits, known, pLo, pHi);
      }
      if (verdict == 0) {
        if (exactFraction == null) {
          exactFraction = exactGamma.get().subtract(Rational.of(whole, 1));
        }
        verdict = uniformBelow(random, bits, known, exactFraction.numerator(),
            exactFraction.denominator().multiply(BigInteger.valueOf(k))) ? 1 : -1;
      }
      if (verdict < 0) {
        return (k & 1) == 1;
      }
    }
  }

  /** 1 if U = [bits, bits+1)·2^-known lies below pLo, -1 if above pHi, 0 if it overlaps [pLo, pHi]. */
  private static int compare(long bits, int known, double pLo, double pHi) {
    double uLo = Math.scalb((double) bits, -known); // exact: bits < 2^53
    double uHi = uLo + Math.scalb(1.0, -known);
    if (uHi <= pLo) {
      return 1;
    }
    return uLo >= pHi ? -1 : 0;
  }

  /**
   * Whether a uniform U in [0, 1) whose first {@code scale} bits are {@code prefix} is below num/den,
   * drawing further bits only while the prefix cannot decide.
   */
  private static boolean uniformBelow(Randomness random, long prefix, int scale, BigInteger num, BigInteger den) {
    BigInteger x = BigInteger.valueOf(prefix);
    int s = scale;
    while (true) {
      BigInteger[] qr = num.shiftLeft(s).divideAndRemainder(den); // p·2^s = q + r/den
      int c = x.compareTo(qr[0]);
      if (c < 0) {
        return true;
      }
      if (c > 0 || qr[1].signum() == 0) {
        return false;
      }
      x = x.shiftLeft(1).add(random.nextBoolean() ? BigInteger.ONE : BigInteger.ZERO);
      s++;
    }
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
