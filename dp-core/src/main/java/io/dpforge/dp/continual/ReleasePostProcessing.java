package io.dpforge.dp.continual;

/**
 * Post-processing of released counts: it reads only released values and public bounds, so it costs no
 * privacy (Dwork and Roth 2014, Proposition 2.1) and gives consumers the shape they expect: whole,
 * non-negative, non-decreasing running counts (research brief §d.3, rule 7; OpenDP PR #2424 used
 * clamping and isotonic regression the same way).
 */
public final class ReleasePostProcessing {
  private ReleasePostProcessing() {}

  /** Each value clamped to the public interval [lo, hi]. */
  public static double[] clamp(double[] values, double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp needs lo <= hi, got [" + lo + ", " + hi + "]");
    }
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.min(hi, Math.max(lo, values[i]));
    }
    return out;
  }

  /** Each value rounded to the nearest whole count (halves away from zero). */
  public static long[] round(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.round(values[i]);
    }
    return out;
  }

  /** One released value made a whole, non-negative count. */
  public static long wholeNonNegative(double value) {
    return Math.max(0, Math.round(value));
  }

  /** The least-squares non-decreasing fit of a released history (equal weights). */
  public static double[] nonDecreasingFit(double[] values) {
    double[] weights = new double[values.length];
    java.util.Arrays.fill(weights, 1.0);
    return nonDecreasingFit(values, weights);
  }

  /**
   * The weighted least-squares non-decreasing fit, by the pool-adjacent-violators algorithm (Barlow et
   * al. 1972): minimises Σ w_t·(y_t − v_t)² subject to y_1 ≤ … ≤ y_T, in O(T). Use the public weights
   * 1/V_t to trust low-variance steps more.
   */
  public static double[] nonDecreasingFit(double[] values, double[] weights) {
    int n = values.length;
    if (weights.length != n) {
      throw new IllegalArgumentException("need one weight per value: " + n + " values, " + weights.length + " weights");
    }
    double[] blockMean = new double[n];
    double[] blockWeight = new double[n];
    int[] blockEnd = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] > 0)) {
        throw new IllegalArgumentException("weights must be positive, got " + weights[i] + " at index " + i);
      }
      blockMean[blocks] = values[i];
      blockWeight[blocks] = weights[i];
      blockEnd[blocks] = i;
      blocks++;
      while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1]) {
        double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
        blockMean[blocks - 2] = (blockWeight[blocks - 2] * blockMean[blocks - 2]
            + blockWeight[blocks - 1] * blockMean[blocks - 1]) / w;
        blockWeight[blocks - 2] = w;
        blockEnd[blocks - 2] = blockEnd[blocks - 1];
        blocks--;
      }
    }
    double[] fit = new double[n];
    int start = 0;
    for (int b = 0; b < blocks; b++) {
      for (int i = start; i <= blockEnd[b]; i++) {
        fit[i] = blockMean[b];
      }
      start = blockEnd[b] + 1;
    }
    return fit;
  }
}
