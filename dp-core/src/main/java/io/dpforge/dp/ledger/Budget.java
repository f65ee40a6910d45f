package io.dpforge.dp.ledger;

import io.dpforge.dp.accounting.RdpCurve;

/**
 * A total privacy budget for a {@link PrivacyLedger}: either ρ-zCDP (charges add their ρ) or
 * (ε, δ)-DP (charges compose as Rényi curves, converted to ε at δ by the improved conversion).
 */
public sealed interface Budget permits Budget.Rho, Budget.EpsilonDelta {

  /**
   * Slack when comparing spent against the limit, relative to the limit: a budget split into pieces
   * must be spendable in full although the pieces' floating-point sum may exceed it by an ulp.
   */
  double RELATIVE_TOLERANCE = 1e-12;

  /** A ρ-zCDP budget. Accepts zCDP charges only. */
  static Budget zcdp(double rho) {
    return new Rho(rho);
  }

  /** An (ε, δ)-DP budget. Accepts zCDP and tabulated RDP charges. */
  static Budget approxDp(double epsilon, double delta) {
    return new EpsilonDelta(epsilon, delta);
  }

  /** The limit in this budget's unit (ρ or ε). */
  double limit();

  /** The unit, for messages: "ρ" or "ε (δ=…)". */
  String unit();

  /** What a total cost spends, in this budget's unit. */
  double spent(RdpCurve total);

  /** Throws if this kind of budget cannot account for {@code cost}. */
  void checkAccepts(RdpCurve cost, String what);

  /** Whether spending {@code amount} stays within the limit (with {@link #RELATIVE_TOLERANCE}). */
  default boolean allows(double amount) {
    return amount <= limit() * (1 + RELATIVE_TOLERANCE);
  }

  /** A ρ-zCDP budget. */
  record Rho(double rho) implements Budget {
    public Rho {
      if (!(rho >= 0) || Double.isInfinite(rho)) {
        throw new IllegalArgumentException("zCDP budget ρ must be finite and >= 0, got " + rho);
      }
    }

    @Override
    public double limit() {
      return rho;
    }

    @Override
    public String unit() {
      return "ρ";
    }

    @Override
    public double spent(RdpCurve total) {
      return total.rho();
    }

    @Override
    public void checkAccepts(RdpCurve cost, String what) {
      if (!cost.isZcdp()) {
        throw new IllegalArgumentException("charge '" + what + "' has a tabulated Rényi curve, which a ρ-zCDP budget"
            + " cannot account for; use an (ε, δ) budget");
      }
    }
  }

  /** An (ε, δ)-DP budget. */
  record EpsilonDelta(double epsilon, double delta) implements Budget {
    public EpsilonDelta {
      if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("budget ε must be finite and >= 0, got " + epsilon);
      }
      if (!(delta > 0 && delta < 1)) {
        throw new IllegalArgumentException("budget δ must be in (0, 1), got " + delta);
      }
    }

    @Override
    public double limit() {
      return epsilon;
    }

    @Override
    public String unit() {
      return "ε (δ=" + delta + ")";
    }

    @Override
    public double spent(RdpCurve total) {
      return total.equals(RdpCurve.ZERO) ? 0 : total.epsilon(delta);
    }

    @Override
    public void checkAccepts(RdpCurve cost, String what) {
      // Every Rényi curve converts to (ε, δ).
    }
  }
}
