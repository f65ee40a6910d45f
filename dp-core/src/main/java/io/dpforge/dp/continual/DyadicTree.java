package io.dpforge.dp.continual;

/**
 * Shared arithmetic of the dyadic-tree counters (binary tree, Honaker, smooth binary): node
 * coordinates and sums of per-bit weights over all steps.
 *
 * <p>Leaves are numbered from 0. The node at level ℓ with index i covers leaves [i·2^ℓ, (i+1)·2^ℓ).
 * The prefix of leaves [0, n) is the disjoint union of the nodes (ℓ, (n >> ℓ) − 1) for the 1-bits ℓ of
 * n (Dwork, Naor, Pitassi and Rothblum 2010; Chan, Shi and Song 2011).
 */
final class DyadicTree {
  private DyadicTree() {}

  /** The noise coordinate of node (level, index). */
  static long node(int level, long index) {
    return (index << 6) | level;
  }

  /** Number of tree levels for horizon T: ⌊log₂T⌋ + 1 (21 at T = 2^20). */
  static int levels(long horizon) {
    return 64 - Long.numberOfLeadingZeros(horizon);
  }

  /** How many t in [1, T] have bit {@code bit} set. */
  static long countWithBit(long horizon, int bit) {
    long period = 1L << (bit + 1);
    long half = 1L << bit;
    long n = horizon + 1; // counting over [0, T]; 0 has no bits set
    return (n / period) * half + Math.max(0, n % period - half);
  }

  /** Σ_{t=1}^{T} Σ_{ℓ ∈ bits(t)} w_ℓ. */
  static double sumOfBitWeights(long horizon, double[] weights) {
    double total = 0;
    for (int bit = 0; bit < weights.length; bit++) {
      total += weights[bit] * countWithBit(horizon, bit);
    }
    return total;
  }

  /**
   * max_{1 ≤ t ≤ T} Σ_{ℓ ∈ bits(t)} w_ℓ for positive weights: the maximum is T itself or T with one
   * 1-bit cleared and every lower bit set.
   */
  static double maxOfBitWeights(long horizon, double[] weights) {
    double best = bitWeight(horizon, weights);
    for (int bit = 1; bit < 63; bit++) {
      if ((horizon & (1L << bit)) != 0) {
        long candidate = (horizon & ~((1L << (bit + 1)) - 1)) | ((1L << bit) - 1);
        best = Math.max(best, bitWeight(candidate, weights));
      }
    }
    return best;
  }

  static double bitWeight(long t, double[] weights) {
    double sum = 0;
    for (long rest = t; rest != 0; rest &= rest - 1) {
      sum += weights[Long.numberOfTrailingZeros(rest)];
    }
    return sum;
  }

  /** V_max and V_mean of V_t = scale·Σ_{ℓ ∈ bits(t)} w_ℓ over 1 ≤ t ≤ T. */
  static VarianceSummary bitWeightSummary(long horizon, double scale, double[] weights) {
    return new VarianceSummary(scale * maxOfBitWeights(horizon, weights),
        scale * sumOfBitWeights(horizon, weights) / horizon);
  }
}
