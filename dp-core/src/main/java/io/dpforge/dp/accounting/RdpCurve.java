package io.dpforge.dp.accounting;

import java.util.Arrays;

/**
 * A privacy cost as a Rényi-DP curve α ↦ ε(α) (Mironov, CSF 2017): a zCDP part ρα, valid at every
 * order, plus an optional part tabulated at fixed orders (for mechanisms such as the subsampled
 * Gaussian that are not zCDP). Composition adds curves order by order (Mironov Prop 1; BS16 Lemma
 * 2.3); a curve with a tabulated part is known only at its orders.
 *
 * <p>A zCDP curve also remembers whether it comes from Gaussian mechanisms only. A composition of
 * Gaussian mechanisms with total ρ is exactly one Gaussian mechanism with Δ/σ = √(2ρ) (Dong, Roth and
 * Su, "Gaussian Differential Privacy", JRSS-B 2022, Corollary 3.3), so its tight (ε, δ) is the
 * analytic Gaussian one ({@link AnalyticGaussian#epsilon}), which is smaller than any conversion from
 * ρ; {@link #epsilon(double)} uses the better of the two.
 *
 * <p>Immutable.
 */
public final class RdpCurve {
  public static final RdpCurve ZERO = new RdpCurve(0, true, new double[0], new double[0]);

  private final double rho;
  private final boolean gaussian;
  private final double[] orders;
  private final double[] values;

  private RdpCurve(double rho, boolean gaussian, double[] orders, double[] values) {
    this.rho = rho;
    this.gaussian = gaussian && orders.length == 0;
    this.orders = orders;
    this.values = values;
  }

  /** The curve of the Gaussian mechanism with L2 sensitivity Δ and noise σ: ρ = Δ²/(2σ²), Gaussian. */
  public static RdpCurve gaussian(double l2Sensitivity, double sigma) {
    return gaussianWithRho(Zcdp.gaussianRho(l2Sensitivity, sigma));
  }

  /** The curve of Gaussian mechanisms composing to ρ (as {@link #gaussian} with Δ²/(2σ²) = ρ). */
  public static RdpCurve gaussianWithRho(double rho) {
    return new RdpCurve(zcdp(rho).rho, true, new double[0], new double[0]);
  }

  /** The curve ρα of ρ-zCDP. */
  public static RdpCurve zcdp(double rho) {
    if (!(rho >= 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("ρ must be finite and >= 0, got " + rho);
    }
    return new RdpCurve(rho, false, new double[0], new double[0]);
  }

  /**
   * A curve known at the given orders.
   *
   * @param orders strictly increasing orders, each &gt; 1
   * @param values ε(α) at each order, each &gt;= 0 (may be +∞ where a mechanism has no guarantee)
   */
  public static RdpCurve tabulated(double[] orders, double[] values) {
    if (orders.length == 0 || orders.length != values.length) {
      throw new IllegalArgumentException("a tabulated RDP curve needs as many values as orders (at least one), got "
          + orders.length + " orders and " + values.length + " values");
    }
    for (int i = 0; i < orders.length; i++) {
      if (!(orders[i] > 1) || (i > 0 && !(orders[i] > orders[i - 1]))) {
        throw new IllegalArgumentException("RDP orders must be > 1 and strictly increasing, got " + Arrays.toString(orders));
      }
      if (!(values[i] >= 0)) {
        throw new IllegalArgumentException("RDP value at order " + orders[i] + " must be >= 0, got " + values[i]);
      }
    }
    return new RdpCurve(0, false, orders.clone(), values.clone());
  }

  /** The composition of this cost and {@code other}. Tabulated parts keep the orders both know. */
  public RdpCurve plus(RdpCurve other) {
    if (other.orders.length == 0 || orders.length == 0) {
      RdpCurve table = orders.length == 0 ? other : this;
      return new RdpCurve(rho + other.rho, gaussian && other.gaussian, table.orders, table.values);
    }
    double[] common = new double[Math.min(orders.length, other.orders.length)];
    double[] sum = new double[common.length];
    int n = 0;
    for (int i = 0, j = 0; i < orders.length && j < other.orders.length; ) {
      int c = Double.compare(orders[i], other.orders[j]);
      if (c == 0) {
        common[n] = orders[i];
        sum[n++] = values[i++] + other.values[j++];
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("RDP curves share no order: " + Arrays.toString(orders) + " and "
          + Arrays.toString(other.orders));
    }
    return new RdpCurve(rho + other.rho, false, Arrays.copyOf(common, n), Arrays.copyOf(sum, n));
  }

  /** The {@code k}-fold composition of this cost. */
  public RdpCurve times(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("composition count must be >= 0, got " + k);
    }
    double[] scaled = values.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= k;
    }
    return new RdpCurve(rho * k, gaussian, orders, scaled);
  }

  /** {@code true} when the cost is exactly ρ-zCDP (no tabulated part). */
  public boolean isZcdp() {
    return orders.length == 0;
  }

  /** {@code true} when the cost is a composition of Gaussian mechanisms only (see the class comment). */
  public boolean isGaussian() {
    return gaussian;
  }

  /** The zCDP part ρ (the whole cost when {@link #isZcdp()}). */
  public double rho() {
    return rho;
  }

  /** The tabulated orders (empty for zCDP). */
  public double[] orders() {
    return orders.clone();
  }

  /** The tabulated part at {@link #orders()} (without the zCDP part). */
  public double[] tabulatedValues() {
    return values.clone();
  }

  /**
   * ε(α) at an order: any α &gt; 1 for zCDP curves, one of {@link #orders()} otherwise.
   *
   * @throws IllegalArgumentException at an order the curve does not know
   */
  public double at(double alpha) {
    if (orders.length == 0) {
      return rho * alpha;
    }
    int i = Arrays.binarySearch(orders, alpha);
    if (i < 0) {
      throw new IllegalArgumentException("RDP curve is not known at order " + alpha + "; orders: " + Arrays.toString(orders));
    }
    return rho * alpha + values[i];
  }

  /**
   * The smallest ε such that the cost is (ε, δ)-DP, by the improved conversion
   * ({@link RdpConversion#improvedEpsilon}), minimised over all orders for zCDP curves (the tight
   * bound of {@link Zcdp#epsilon}) and over the tabulated orders otherwise; for Gaussian-only curves,
   * the analytic Gaussian ε when it is smaller.
   */
  public double epsilon(double delta) {
    return best(delta, RdpConversion.Kind.IMPROVED).epsilon();
  }

  /** Like {@link #epsilon(double)} with the classic conversion, for comparison with older tools. */
  public double epsilonClassic(double delta) {
    return best(delta, RdpConversion.Kind.CLASSIC).epsilon();
  }

  /** The best (ε, order) under a conversion; order is NaN for zCDP curves. */
  public OrderEpsilon best(double delta, RdpConversion.Kind conversion) {
    boolean improved = conversion == RdpConversion.Kind.IMPROVED;
    RdpConversion.checkDelta(delta);
    if (orders.length == 0) {
      if (improved) {
        double fromRho = Zcdp.epsilon(rho, delta);
        return new OrderEpsilon(Double.NaN,
            gaussian && rho > 0 ? Math.min(fromRho, AnalyticGaussian.epsilon(Math.sqrt(2 * rho), delta)) : fromRho);
      }
      return new OrderEpsilon(Double.NaN, Zcdp.minimiseOverOrders(a -> RdpConversion.classicEpsilon(rho * a, a, delta)));
    }
    OrderEpsilon best = new OrderEpsilon(Double.NaN, Double.POSITIVE_INFINITY);
    for (int i = 0; i < orders.length; i++) {
      double a = orders[i];
      double r = rho * a + values[i];
      double eps = conversion.epsilon(r, a, delta);
      if (eps < best.epsilon()) {
        best = new OrderEpsilon(a, eps);
      }
    }
    return best;
  }

  /** An (ε, δ) conversion result and the order that gave it. */
  public record OrderEpsilon(double order, double epsilon) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof RdpCurve c && Double.compare(rho, c.rho) == 0 && gaussian == c.gaussian
        && Arrays.equals(orders, c.orders)
        && Arrays.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(rho) + 17 * Arrays.hashCode(orders) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return orders.length == 0 ? (gaussian ? "Gaussian zCDP(ρ=" : "zCDP(ρ=") + rho + ")" : "RDP(ρ=" + rho + ", " + orders.length + " orders)";
  }
}
