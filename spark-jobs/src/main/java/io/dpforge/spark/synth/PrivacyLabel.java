package io.dpforge.spark.synth;

import io.dpforge.synth.Neighbours;
import io.dpforge.synth.SynthesisReport;

/** The one-line statement of what a run guarantees, shared by the console, the sidecar and the report. */
public final class PrivacyLabel {
  private PrivacyLabel() {}

  public static String of(SynthesisReport r) {
    if (!r.privateRun()) {
      return "NOT PRIVATE: the noise was seeded (" + r.noise() + "); anyone who knows the seed can remove it."
          + " For tests only: do not publish";
    }
    return String.format("PRIVATE: (epsilon = %s, delta = %s)-differentially private (rho = %.6g zero-concentrated DP)"
        + " under %s neighbours", number(r.epsilon()), number(r.delta()), r.rho(), r.neighbours());
  }

  /** What the neighbouring relation means, in words. */
  public static String meaning(Neighbours n) {
    return n == Neighbours.ADD_REMOVE
        ? "datasets differing by one row added or removed; the row count is private (released with noise)"
        : "datasets of the same size differing in one row; the row count is treated as public";
  }

  /** A parameter as people write it: {@code 1}, {@code 0.5}, {@code 1e-9}. */
  public static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toString().replace("E", "e")
        .replace("e+", "e");
  }
}
