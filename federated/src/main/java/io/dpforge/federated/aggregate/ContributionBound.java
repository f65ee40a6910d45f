package io.dpforge.federated.aggregate;

/**
 * Bounds each client's weighted contribution before it is summed: central DP clips ‖ω_iΔ_i‖₂ to C
 * (research brief §5.4: clip after weighting, so unbiased up-weighting cannot raise the sensitivity).
 * Under secure aggregation the client applies the bound itself, before masking, so the bound is also
 * known as a number ({@link #limit()}).
 */
public interface ContributionBound {
  /** No bound (no central DP). */
  ContributionBound NONE = l2(Double.POSITIVE_INFINITY);

  /** The factor (≤ 1) that brings a weighted contribution of L2 norm {@code norm} within the bound. */
  double scaleFor(double norm);

  /** C: the largest L2 norm a weighted contribution may have (+∞ for none). */
  double limit();

  /** The L2 bound C: contributions above it are scaled down to norm C. */
  static ContributionBound l2(double c) {
    if (!(c > 0)) {
      throw new IllegalArgumentException("a contribution bound must be > 0, got " + c);
    }
    return new ContributionBound() {
      @Override
      public double scaleFor(double norm) {
        return norm <= c ? 1.0 : c / norm;
      }

      @Override
      public double limit() {
        return c;
      }
    };
  }
}
