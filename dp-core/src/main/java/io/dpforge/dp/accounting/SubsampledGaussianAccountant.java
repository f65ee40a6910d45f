package io.dpforge.dp.accounting;

/** ε of T compositions of the Poisson-subsampled Gaussian mechanism, however computed. */
public interface SubsampledGaussianAccountant {

  /**
   * ε at δ after {@code steps} steps at sampling rate q and noise multiplier σ (noise std over L2
   * sensitivity), add/remove-one adjacency.
   */
  double epsilon(double samplingRate, double noiseMultiplier, long steps, double delta);

  /** A short name for reports ("rdp", "pld"). */
  String name();
}
