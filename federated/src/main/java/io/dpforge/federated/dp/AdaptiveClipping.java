package io.dpforge.federated.dp;

/**
 * Quantile-based adaptive clipping (Andrew, Thakkar, McMahan, Ramaswamy, "Differentially Private
 * Learning with Adaptive Clipping", NeurIPS 2021, Algorithm 1): each client reports whether its
 * contribution was within the clip norm C; the server forms the noised fraction b̄ of unclipped
 * contributions and updates C ← C·exp(−η_C (b̄ − γ)). When more than a fraction γ of contributions fit
 * (b̄ > γ), C shrinks; when fewer fit, C grows, so C tracks the γ-quantile of contribution norms.
 *
 * <p>Privacy: the count uses centred bits b_i − ½ (L2 sensitivity ½) with Gaussian noise σ_b, which is
 * (2σ_b)⁻²/2-zCDP. The update sum's noise multiplier is raised to z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2) so that
 * the pair costs exactly what one Gaussian release with multiplier z costs (Andrew et al. §3.1, Theorem 1).
 *
 * @param targetQuantile γ in (0, 1) (paper default 0.5)
 * @param learningRate η_C > 0 (paper default 0.2)
 * @param countNoise σ_b > 0 (paper: the expected cohort size / 20)
 */
public record AdaptiveClipping(double targetQuantile, double learningRate, double countNoise) {
  public AdaptiveClipping {
    if (!(targetQuantile > 0 && targetQuantile < 1)) {
      throw new IllegalArgumentException("adaptive clipping target quantile must be in (0, 1), got " + targetQuantile);
    }
    if (!(learningRate > 0) || !(countNoise > 0)) {
      throw new IllegalArgumentException("adaptive clipping learning rate and count noise must be > 0, got "
          + learningRate + " and " + countNoise);
    }
  }

  /** The next clip norm from the noised fraction of unclipped contributions. */
  public double next(double clip, double noisedUnclippedFraction) {
    return clip * Math.exp(-learningRate * (noisedUnclippedFraction - targetQuantile));
  }

  /**
   * z_Δ for the sum when the count is released with σ_b; requires z < 2σ_b.
   *
   * @throws IllegalArgumentException when the count's noise is too small to fit in the budget of z
   */
  public double sumNoiseMultiplier(double z) {
    double rest = 1 / (z * z) - 1 / (4 * countNoise * countNoise);
    if (!(rest > 0)) {
      throw new IllegalArgumentException("adaptive clipping needs the noise multiplier z = " + z
          + " below 2σ_b = " + 2 * countNoise + "; raise the count noise σ_b");
    }
    return 1 / Math.sqrt(rest);
  }
}
