package io.dpforge.dp.accounting;

import io.dpforge.dp.accounting.RdpCurve.OrderEpsilon;
import io.dpforge.dp.accounting.SubsampledGaussianRdp.FractionalSeries;

/**
 * The RDP accountant for (compositions of) the Poisson-subsampled Gaussian mechanism, as in Opacus and
 * Google's dp_accounting: per-step RDP at a grid of orders ({@link SubsampledGaussianRdp}), summed over
 * steps and mechanisms, converted to (ε, δ) at the best order. Defaults reproduce Opacus
 * ({@link RdpOrders#opacus()}, signed fractional series, improved conversion).
 *
 * <pre>{@code
 * RdpAccountant rdp = RdpAccountant.builder().build();
 * OrderEpsilon e = rdp.epsilon(rdp.curve(0.01, 1.1, 10_000), 1e-5);   // ε = 5.632 at α = 4.7
 * }</pre>
 */
public final class RdpAccountant implements SubsampledGaussianAccountant {
  private final double[] orders;
  private final FractionalSeries series;
  private final RdpConversion.Kind conversion;

  private RdpAccountant(Builder b) {
    this.orders = b.orders.clone();
    this.series = b.series;
    this.conversion = b.conversion;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The RDP curve of {@code steps} steps of the subsampled Gaussian; compose curves with {@link RdpCurve#plus}. */
  public RdpCurve curve(double samplingRate, double noiseMultiplier, long steps) {
    return SubsampledGaussianRdp.curve(samplingRate, noiseMultiplier, steps, orders, series);
  }

  /** ε at δ and the order that achieves it, under this accountant's conversion. */
  public OrderEpsilon epsilon(RdpCurve curve, double delta) {
    return curve.best(delta, conversion);
  }

  @Override
  public double epsilon(double samplingRate, double noiseMultiplier, long steps, double delta) {
    return epsilon(curve(samplingRate, noiseMultiplier, steps), delta).epsilon();
  }

  @Override
  public String name() {
    return "rdp";
  }

  public double[] orders() {
    return orders.clone();
  }

  /** Builds an {@link RdpAccountant}. */
  public static final class Builder {
    private double[] orders = RdpOrders.opacus();
    private FractionalSeries series = FractionalSeries.SIGNED;
    private RdpConversion.Kind conversion = RdpConversion.Kind.IMPROVED;

    private Builder() {}

    /** The orders (default {@link RdpOrders#opacus()}). */
    public Builder orders(double[] orders) {
      this.orders = orders.clone();
      return this;
    }

    /** How fractional orders are summed (default {@link FractionalSeries#SIGNED}, as Opacus). */
    public Builder fractionalSeries(FractionalSeries series) {
      this.series = series;
      return this;
    }

    /** RDP to (ε, δ) conversion (default improved). */
    public Builder conversion(RdpConversion.Kind conversion) {
      this.conversion = conversion;
      return this;
    }

    public RdpAccountant build() {
      RdpCurve.tabulated(orders, new double[orders.length]); // validates the orders
      return new RdpAccountant(this);
    }
  }
}
