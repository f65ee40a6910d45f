package io.dpforge.dp.accounting;

/**
 * Zero-concentrated differential privacy (Bun and Steinke, "Concentrated Differential Privacy:
 * Simplifications, Extensions, and Lower Bounds", TCC 2016): ρ-zCDP means Rényi divergence at most
 * ρα at every order α &gt; 1. Compositions add ρ (Lemma 2.3).
 */
public final class Zcdp {
  /** Search range for the optimal order, as log(α - 1). */
  private static final double LOG_ALPHA_MINUS_ONE_MIN = Math.log(1e-6);
  private static final double LOG_ALPHA_MINUS_ONE_MAX = Math.log(1e9);
  private static final int GRID = 400;

  private Zcdp() {}

  /** ρ of the Gaussian mechanism with L2 sensitivity Δ and noise σ: Δ²/(2σ²) (BS16 Prop 1.6). */
  public static double gaussianRho(double l2Sensitivity, double sigma) {
    return l2Sensitivity * l2Sensitivity / (2 * sigma * sigma);
  }

  /** σ that makes the Gaussian mechanism ρ-zCDP: Δ/√(2ρ). */
  public static double gaussianSigma(double l2Sensitivity, double rho) {
    checkRho(rho);
    return l2Sensitivity / Math.sqrt(2 * rho);
  }

  /** ρ of an ε-DP mechanism: ε²/2 (BS16 Proposition 1.4). */
  public static double fromPureDp(double epsilon) {
    return epsilon * epsilon / 2;
  }

  /**
   * ρ of the exponential mechanism with parameter ε (and of any ε-bounded-range mechanism): ε²/8.
   * Cesar and Rogers, "Bounding, Concentrating, and Truncating" (ALT 2021), Lemma 3.2.
   */
  public static double exponentialMechanism(double epsilon) {
    return epsilon * epsilon / 8;
  }

  /** The simple conversion: ρ-zCDP implies (ρ + 2√(ρ log(1/δ)), δ)-DP (BS16 Proposition 1.3). */
  public static double epsilonSimple(double rho, double delta) {
    checkRho(rho);
    RdpConversion.checkDelta(delta);
    return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
  }

  /**
   * The tight conversion of Canonne, Kamath and Steinke (NeurIPS 2020), Corollary 13: ε = inf over α &gt; 1
   * of ρα + log(1 - 1/α) - (log δ + log α)/(α - 1). The infimum is found by a grid over log(α - 1)
   * refined by golden-section search; any α gives a valid bound, so the result is never below the
   * true infimum. Never above {@link #epsilonSimple}.
   */
  public static double epsilon(double rho, double delta) {
    checkRho(rho);
    RdpConversion.checkDelta(delta);
    if (rho == 0) {
      return 0;
    }
    return Math.min(epsilonSimple(rho, delta), minimiseOverOrders(alpha -> RdpConversion.improvedEpsilon(rho * alpha, alpha, delta)));
  }

  /**
   * The largest ρ whose {@link #epsilon(double, double) tight conversion} is at most ε: spending this ρ
   * guarantees (ε, δ)-DP. Bisection to a relative precision of 1e-12, returning the lower end.
   */
  public static double rhoFor(double epsilon, double delta) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
    }
    RdpConversion.checkDelta(delta);
    double lo = 0;
    double hi = epsilon; // ρ = ε already gives epsilon(ρ) > ρ ≥ ε
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (epsilon(mid, delta) <= epsilon) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Minimum over α &gt; 1 of a unimodal-in-practice function: a log grid, then golden section. */
  static double minimiseOverOrders(java.util.function.DoubleUnaryOperator epsilonAtOrder) {
    double step = (LOG_ALPHA_MINUS_ONE_MAX - LOG_ALPHA_MINUS_ONE_MIN) / GRID;
    int best = 0;
    double bestValue = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      double value = epsilonAtOrder.applyAsDouble(1 + Math.exp(LOG_ALPHA_MINUS_ONE_MIN + i * step));
      if (value < bestValue) {
        bestValue = value;
        best = i;
      }
    }
    double lo = LOG_ALPHA_MINUS_ONE_MIN + Math.max(0, best - 1) * step;
    double hi = LOG_ALPHA_MINUS_ONE_MIN + Math.min(GRID, best + 1) * step;
    double ratio = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 100; i++) {
      double a = hi - ratio * (hi - lo);
      double b = lo + ratio * (hi - lo);
      double fa = epsilonAtOrder.applyAsDouble(1 + Math.exp(a));
      double fb = epsilonAtOrder.applyAsDouble(1 + Math.exp(b));
      bestValue = Math.min(bestValue, Math.min(fa, fb));
      if (fa < fb) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return bestValue;
  }

  private static void checkRho(double rho) {
    if (!(rho >= 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("ρ must be finite and >= 0, got " + rho);
    }
  }
}
