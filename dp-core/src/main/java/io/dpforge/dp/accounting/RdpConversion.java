package io.dpforge.dp.accounting;

/**
 * Conversions from a Rényi-DP guarantee at one order α to (ε, δ)-DP. Callers minimise over orders.
 */
public final class RdpConversion {
  /** Which conversion to use. */
  public enum Kind {
    CLASSIC,
    IMPROVED;

    /** ε from RDP {@code rdp} at order α. */
    public double epsilon(double rdp, double alpha, double delta) {
      return this == CLASSIC ? classicEpsilon(rdp, alpha, delta) : improvedEpsilon(rdp, alpha, delta);
    }
  }

  private RdpConversion() {}

  /**
   * Classic conversion: ε = rdp + log(1/δ)/(α - 1). Mironov, "Rényi Differential Privacy" (CSF 2017),
   * Proposition 3.
   */
  public static double classicEpsilon(double rdp, double alpha, double delta) {
    checkOrder(alpha);
    return rdp + Math.log(1 / delta) / (alpha - 1);
  }

  /**
   * Improved conversion: ε = rdp + log((α-1)/α) - (log δ + log α)/(α - 1). Balle, Barthe, Gaboardi,
   * Hsu and Sato, "Hypothesis Testing Interpretations and Rényi Differential Privacy" (AISTATS 2020),
   * Theorem 21; the same bound is Canonne, Kamath and Steinke (NeurIPS 2020), Proposition 12. Always
   * below the classic one. Never negative: an (ε, δ) guarantee with ε &lt; 0 is reported as ε = 0, and
   * so is the case δ ≥ √(1 - e^(-rdp)), where the KL divergence (≤ rdp) already bounds the total
   * variation by δ (as dp_accounting does).
   */
  public static double improvedEpsilon(double rdp, double alpha, double delta) {
    checkOrder(alpha);
    if (delta * delta + Math.expm1(-rdp) > 0) {
      return 0;
    }
    double eps = rdp + Math.log1p(-1 / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    return Math.max(0, eps);
  }

  private static void checkOrder(double alpha) {
    if (!(alpha > 1)) {
      throw new IllegalArgumentException("Rényi order must be > 1, got " + alpha);
    }
  }

  static void checkDelta(double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("δ must be in (0, 1), got " + delta);
    }
  }
}
