package io.dpforge.dp.continual;

import java.util.Arrays;

/**
 * The parameters of a buffered linear Toeplitz (BLT) strategy with m buffers (Dvijotham, McMahan,
 * Pillutla, Steinke and Thakurta 2024, arXiv 2404.16706; jax_privacy {@code buffered_toeplitz}):
 * C is lower-triangular Toeplitz with c_0 = 1 and c_k = Σ_j ω_j·θ_j^{k−1} for k ≥ 1.
 *
 * @param decays θ_j, each in (0, 1) ("buf_decay")
 * @param scales ω_j, each positive ("output_scale"; positive scales keep the inverse's decays real)
 */
public record BltParameters(double[] decays, double[] scales) {

  public BltParameters {
    if (decays.length == 0 || decays.length != scales.length) {
      throw new IllegalArgumentException("a BLT needs as many decays as scales, at least one; got "
          + decays.length + " and " + scales.length);
    }
    for (int j = 0; j < decays.length; j++) {
      if (!(decays[j] > 0 && decays[j] < 1) || !(scales[j] > 0) || Double.isInfinite(scales[j])) {
        throw new IllegalArgumentException("BLT buffer " + j + " needs decay in (0, 1) and a positive finite scale,"
            + " got decay " + decays[j] + ", scale " + scales[j]);
      }
    }
    decays = decays.clone();
    scales = scales.clone();
  }

  /** m, the number of buffers. */
  public int buffers() {
    return decays.length;
  }

  @Override
  public double[] decays() {
    return decays.clone();
  }

  @Override
  public double[] scales() {
    return scales.clone();
  }

  double decay(int j) {
    return decays[j];
  }

  double scale(int j) {
    return scales[j];
  }

  /** A fingerprint of the exact bits, stored with stream states so a state is never resumed under other parameters. */
  long fingerprint() {
    long h = 1125899906842597L;
    for (int j = 0; j < decays.length; j++) {
      h = 31 * h + Double.doubleToLongBits(decays[j]);
      h = 31 * h + Double.doubleToLongBits(scales[j]);
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BltParameters p && Arrays.equals(decays, p.decays) && Arrays.equals(scales, p.scales);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(decays) + Arrays.hashCode(scales);
  }

  @Override
  public String toString() {
    return "BLT(θ=" + Arrays.toString(decays) + ", ω=" + Arrays.toString(scales) + ")";
  }
}
