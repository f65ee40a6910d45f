package io.dpforge.federated.aggregate;

/**
 * Bounds each client's weighted contribution before it is summed: central DP clips ‖ω_iΔ_i‖₂ to C
 * (research brief §5.4: clip after weighting, so unbiased up-weighting cannot raise the sensitivity).
 */
@FunctionalInterface
public interface ContributionBound {
  /** No bound (no central DP). */
  ContributionBound NONE = norm -> 1.0;

  /** The factor (≤ 1) that brings a weighted contribution of L2 norm {@code norm} within the bound. */
  double scaleFor(double norm);
}
