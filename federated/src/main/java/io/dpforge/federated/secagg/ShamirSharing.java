package io.dpforge.federated.secagg;

import java.security.SecureRandom;
import java.util.List;

/**
 * Shamir t-of-n secret sharing (Shamir, "How to share a secret", CACM 1979) of 32-byte secrets over the
 * prime field GF(p), p = 2^61 − 1. A secret is cut into eight 32-bit words and each word is the constant
 * term of its own random polynomial of degree t − 1; the share for holder x is the eight evaluations at x.
 * Any t shares give back the secret by Lagrange interpolation at 0; any t − 1 shares are independent of it
 * (each word separately), which is what secure aggregation relies on (Bonawitz et al., CCS 2017, §3).
 *
 * <p>Why this field rather than Bouncy Castle's byte-wise GF(2^8) splitter: that one allows at most 255
 * shares, and a full-graph cohort of more than 256 clients needs more; a Mersenne prime keeps the
 * arithmetic in two 64-bit words without BigInteger.
 */
public final class ShamirSharing {
  /** The field's modulus, 2^61 − 1 (a Mersenne prime). */
  static final long P = (1L << 61) - 1;
  /** Words of 32 bits per 32-byte secret. */
  static final int WORDS = 8;
  public static final int SECRET_BYTES = 32;

  private ShamirSharing() {}

  /**
   * One holder's share of a secret.
   *
   * @param x the holder's evaluation point, 1..P−1 (distinct per holder)
   * @param y the polynomials' values at x, one per word of the secret
   */
  public record Share(int x, long[] y) {
    public Share {
      if (x <= 0) {
        throw new IllegalArgumentException("a share's point must be > 0, got " + x);
      }
      if (y.length != WORDS) {
        throw new IllegalArgumentException("a share has " + WORDS + " words, got " + y.length);
      }
      for (long v : y) {
        if (v < 0 || v >= P) {
          throw new IllegalArgumentException("a share word is outside the field");
        }
      }
    }
  }

  /**
   * Splits a 32-byte secret into one share per point of {@code xs}, any {@code threshold} of which recover it.
   */
  public static Share[] split(byte[] secret, int threshold, int[] xs, SecureRandom random) {
    if (secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException("secrets are " + SECRET_BYTES + " bytes, got " + secret.length);
    }
    if (threshold < 1 || threshold > xs.length) {
      throw new IllegalArgumentException("threshold must be in 1.." + xs.length + ", got " + threshold);
    }
    long[][] coefficients = new long[WORDS][threshold];
    for (int w = 0; w < WORDS; w++) {
      coefficients[w][0] = word(secret, w);
      for (int j = 1; j < threshold; j++) {
        coefficients[w][j] = uniform(random);
      }
    }
    Share[] shares = new Share[xs.length];
    for (int i = 0; i < xs.length; i++) {
      long x = xs[i];
      long[] y = new long[WORDS];
      for (int w = 0; w < WORDS; w++) {
        long acc = 0;
        long[] c = coefficients[w];
        for (int j = threshold - 1; j >= 0; j--) {
          acc = add(mul(acc, x), c[j]);
        }
        y[w] = acc;
      }
      shares[i] = new Share(xs[i], y);
    }
    return shares;
  }

  /**
   * Recovers a secret from at least {@code threshold} shares (the first {@code threshold} are used).
   *
   * @throws IllegalArgumentException with fewer shares, repeated points, or shares that interpolate to a
   *     value that is not a 32-bit word (so they were not made from one secret)
   */
  public static byte[] reconstruct(List<Share> shares, int threshold) {
    if (shares.size() < threshold) {
      throw new IllegalArgumentException("need " + threshold + " shares, have " + shares.size());
    }
    long[] lagrange = lagrangeAtZero(shares, threshold);
    byte[] secret = new byte[SECRET_BYTES];
    for (int w = 0; w < WORDS; w++) {
      long acc = 0;
      for (int i = 0; i < threshold; i++) {
        acc = add(acc, mul(lagrange[i], shares.get(i).y()[w]));
      }
      if (acc >>> 32 != 0) {
        throw new IllegalArgumentException("the shares do not belong to one secret");
      }
      for (int b = 0; b < 4; b++) {
        secret[4 * w + b] = (byte) (acc >>> (8 * (3 - b)));
      }
    }
    return secret;
  }

  /** λ_i = Π_{j≠i} x_j / (x_j − x_i) for the first t points. */
  private static long[] lagrangeAtZero(List<Share> shares, int t) {
    long[] lambda = new long[t];
    for (int i = 0; i < t; i++) {
      long xi = shares.get(i).x();
      long num = 1;
      long den = 1;
      for (int j = 0; j < t; j++) {
        if (j == i) {
          continue;
        }
        long xj = shares.get(j).x();
        if (xj == xi) {
          throw new IllegalArgumentException("two shares have the same point " + xi);
        }
        num = mul(num, xj);
        den = mul(den, sub(xj, xi));
      }
      lambda[i] = mul(num, inverse(den));
    }
    return lambda;
  }

  private static long word(byte[] s, int w) {
    long v = 0;
    for (int b = 0; b < 4; b++) {
      v = (v << 8) | (s[4 * w + b] & 0xff);
    }
    return v;
  }

  /** Uniform in [0, P) by rejection from 61 random bits. */
  private static long uniform(SecureRandom random) {
    while (true) {
      long v = random.nextLong() >>> 3;
      if (v < P) {
        return v;
      }
    }
  }

  static long add(long a, long b) {
    long s = a + b;
    return s >= P ? s - P : s;
  }

  static long sub(long a, long b) {
    long d = a - b;
    return d < 0 ? d + P : d;
  }

  /** a·b mod 2^61 − 1, using 2^61 ≡ 1: the 122-bit product folds into its high and low 61-bit halves. */
  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    long folded = (lo & P) + ((lo >>> 61) | (hi << 3));
    folded = (folded & P) + (folded >>> 61);
    return folded >= P ? folded - P : folded;
  }

  /** a^(P−2) = a^(−1) for a ≠ 0 (Fermat). */
  static long inverse(long a) {
    if (a == 0) {
      throw new ArithmeticException("0 has no inverse");
    }
    long result = 1;
    long base = a;
    long e = P - 2;
    while (e > 0) {
      if ((e & 1) == 1) {
        result = mul(result, base);
      }
      base = mul(base, base);
      e >>>= 1;
    }
    return result;
  }
}
