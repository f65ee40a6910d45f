package io.dpforge.federated.secagg;

import java.util.SplittableRandom;

/**
 * How a client turns its update into integers mod 2^b before masking, and how the server turns the
 * unmasked sum back (research brief federated.md §4.6, after Flower's SecAgg+ and Bonawitz et al. §2):
 *
 * <ol>
 *   <li>Weight: x = ω_i·Δ_i with the factor ω_i the coordinator assigned (so stale or up-weighted updates
 *       sum correctly inside the mask).</li>
 *   <li>Bound (central DP only): x is scaled to L2 norm at most C − g√d, so that after rounding
 *       (each coordinate moves by less than the grid step g) the contribution's norm is still at most C
 *       and the sensitivity of the released sum is exactly C.</li>
 *   <li>Range: each coordinate is clipped to [−R, R] and stochastically rounded to the grid of step
 *       g = R / 2^L (unbiased: E[q·g] = x).</li>
 *   <li>Two extra coordinates: the weight ω_i on a grid of step W / 2^L, and 1 when the weighted update
 *       was within C before bounding (adaptive clipping's bit, Andrew et al. 2021), 0 otherwise.</li>
 * </ol>
 *
 * L is chosen per cohort so that n members' values, each at most 2^L in magnitude, cannot wrap mod 2^b:
 * n·2^L ≤ 2^(b−1) − 1. The sum is then exact: Σ q_i mod 2^b read as a signed integer is Σ q_i.
 *
 * @param modulus 2^b
 * @param levelBits L
 * @param valueRange R (under central DP, C)
 * @param weightRange W, the largest factor in the cohort
 * @param clipNorm C, or +∞ without central DP
 */
public record Quantization(Modulus modulus, int levelBits, double valueRange, double weightRange, double clipNorm) {
  /** Coordinates appended to the update: the weight and the within-bound bit. */
  public static final int EXTRA = 2;
  /** Levels beyond this gain nothing: doubles carry 53 bits. */
  private static final int MAX_LEVEL_BITS = 48;

  public Quantization {
    if (levelBits < 1 || levelBits > MAX_LEVEL_BITS) {
      throw new IllegalArgumentException("level bits must be in 1.." + MAX_LEVEL_BITS + ", got " + levelBits);
    }
    if (!(valueRange > 0) || !Double.isFinite(valueRange) || !(weightRange > 0) || !Double.isFinite(weightRange)) {
      throw new IllegalArgumentException("value and weight ranges must be finite and > 0, got " + valueRange + " and "
          + weightRange);
    }
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("the clip norm must be > 0 (+∞ for none), got " + clipNorm);
    }
  }

  /**
   * The finest grid for a cohort of {@code members}.
   *
   * @throws IllegalArgumentException when 2^b is too small for that many members
   */
  public static Quantization forCohort(Modulus modulus, int members, double valueRange, double weightRange,
      double clipNorm) {
    long half = modulus.bits() == 64 ? Long.MAX_VALUE : (1L << (modulus.bits() - 1)) - 1;
    long perMember = half / members;
    int bits = 63 - Long.numberOfLeadingZeros(perMember);
    if (bits < 1) {
      throw new IllegalArgumentException("a modulus of 2^" + modulus.bits() + " cannot sum " + members + " members");
    }
    return new Quantization(modulus, Math.min(bits, MAX_LEVEL_BITS), valueRange, weightRange, clipNorm);
  }

  /** 2^L. */
  public double levels() {
    return Math.scalb(1.0, levelBits);
  }

  /** g = R / 2^L. */
  public double step() {
    return valueRange / levels();
  }

  /**
   * A client's contribution as integers mod 2^b: d weighted, bounded, rounded values, then the weight and
   * the within-bound bit.
   *
   * @throws IllegalArgumentException when the grid is too coarse for the clip norm (g√d ≥ C)
   */
  public long[] encode(float[] delta, double factor, SplittableRandom rounding) {
    int d = delta.length;
    double squares = 0;
    for (float v : delta) {
      squares += (double) v * v;
    }
    double norm = Math.abs(factor) * Math.sqrt(squares);
    double scale = factor;
    boolean within = norm <= clipNorm;
    if (Double.isFinite(clipNorm)) {
      double bound = clipNorm - step() * Math.sqrt(d);
      if (!(bound > 0)) {
        throw new IllegalArgumentException("the quantisation grid (step " + step() + ") is too coarse for clip norm "
            + clipNorm + " in dimension " + d + "; use a larger modulus");
      }
      if (norm > bound) {
        scale *= bound / norm;
      }
    }
    long[] out = new long[d + EXTRA];
    double toGrid = levels() / valueRange;
    double limit = levels();
    for (int i = 0; i < d; i++) {
      double x = Math.max(-limit, Math.min(limit, scale * delta[i] * toGrid));
      double floor = Math.floor(x);
      long q = (long) floor + (rounding.nextDouble() < x - floor ? 1 : 0);
      out[i] = modulus.reduce(q);
    }
    double w = Math.max(0, Math.min(factor, weightRange));
    out[d] = modulus.reduce(Math.round(w / weightRange * levels()));
    out[d + 1] = within ? 1 : 0;
    return out;
  }

  /** What the server recovers from an unmasked sum. */
  public record Decoded(double[] sum, double weightSum, long withinBound) {}

  /** Reads an unmasked sum Σ q_i (mod 2^b) back as reals. */
  public Decoded decode(long[] sum) {
    int d = sum.length - EXTRA;
    double[] out = new double[d];
    double g = step();
    for (int i = 0; i < d; i++) {
      out[i] = modulus.signed(sum[i]) * g;
    }
    return new Decoded(out, modulus.signed(sum[d]) * weightRange / levels(), modulus.signed(sum[d + 1]));
  }
}
