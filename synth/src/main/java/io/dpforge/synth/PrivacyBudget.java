package io.dpforge.synth;

/**
 * The privacy budget of a run, in ρ-zCDP (Bun and Steinke 2016), with the (ε, δ) it was derived from.
 *
 * @param epsilon the ε asked for (NaN when the budget was given as ρ)
 * @param delta the δ asked for (NaN when the budget was given as ρ)
 * @param rho the zCDP budget spent by the run; infinite only in the test-only exact mode
 */
public record PrivacyBudget(double epsilon, double delta, double rho) {

  public PrivacyBudget {
    if (!(rho > 0)) {
      throw new IllegalArgumentException("ρ must be positive, got " + rho);
    }
  }

  /**
   * The largest ρ whose zCDP guarantee implies (ε, δ)-DP (dp-core's tight conversion, Canonne, Kamath
   * and Steinke 2020, Prop. 1.3 form).
   */
  public static PrivacyBudget of(double epsilon, double delta) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new io.dpforge.dp.data.InvalidInputException("epsilon must be positive and finite, got " + epsilon);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new io.dpforge.dp.data.InvalidInputException("delta must be in (0, 1), got " + delta);
    }
    return new PrivacyBudget(epsilon, delta, io.dpforge.dp.accounting.Zcdp.rhoFor(epsilon, delta));
  }

  /** A budget of ρ-zCDP. */
  public static PrivacyBudget ofRho(double rho) {
    if (Double.isInfinite(rho)) {
      throw new IllegalArgumentException("ρ must be finite (the exact mode is exactNotPrivate(), for tests)");
    }
    return new PrivacyBudget(Double.NaN, Double.NaN, rho);
  }

  /**
   * NOT PRIVATE, for tests only: ε = ∞, the workload is released exactly and fitted without noise
   * (the brief's optimisation floor, §5.5). No command-line flag leads here.
   */
  public static PrivacyBudget exactNotPrivate() {
    return new PrivacyBudget(Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
  }

  /** True for the test-only exact mode. */
  public boolean isExact() {
    return Double.isInfinite(rho);
  }
}
